/**
 * Privacy first: the consent dialog says what is collected, why and how to withdraw; 同意
 * records the consent version in force before any personal data is asked for; the profile
 * page then edits nickname and birthday (once) and can withdraw the consent.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MemberProfile } from '@cloud/contract';
import ConsentDialog from '@/components/ConsentDialog';
import { ProfileScreen } from '@/packages/profile';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { actionOf, fail, fakeTransport } from './fake-transport';

const base: MemberProfile = {
  id: '9',
  nickname: null,
  avatarUrl: null,
  role: 'member',
  pointsBalance: 0,
  tier: { key: 'normal', name: '普通会员' },
  joinedOn: '2026-11-23',
  birthday: null,
  consent: null,
  consentVersionRequired: '2026-11-01',
  pendingReminders: 0,
  askProfile: false,
};
const consented = { version: '2026-11-01', at: '2026-11-23T10:00:00+08:00' };

beforeEach(() => useMemberStore.getState().reset());
afterEach(() => {
  cleanup();
  setTransport(null);
});

const text = () => document.body.textContent ?? '';
const byText = (selector: string, t: string) =>
  [...document.querySelectorAll<HTMLElement>(selector)].find((el) => el.textContent?.trim() === t);
const confirm = () => document.querySelector<HTMLElement>('.dialog__button--confirm')!;
const cancel = () => document.querySelector<HTMLElement>('.dialog__button--cancel')!;

describe('ConsentDialog', () => {
  it('says what is collected, why, and how to withdraw; 同意 / 不同意', () => {
    const onAgree = vi.fn();
    const onDisagree = vi.fn();
    render(<ConsentDialog onAgree={onAgree} onDisagree={onDisagree} />);
    expect(text()).toContain('隐私保护指引');
    expect(text()).toContain('头像、昵称和生日');
    expect(text()).toContain('生日礼积分');
    expect(text()).toContain('撤回隐私授权');
    expect(confirm().textContent).toBe('同意');
    expect(cancel().textContent).toBe('不同意');
    fireEvent.click(confirm());
    expect(onAgree).toHaveBeenCalledTimes(1);
    fireEvent.click(cancel());
    expect(onDisagree).toHaveBeenCalledTimes(1);
  });

  it('while recording, neither button repeats; a refusal is shown', () => {
    const onAgree = vi.fn();
    render(<ConsentDialog busy error='网络连接失败，请检查网络后重试' onAgree={onAgree} onDisagree={() => {}} />);
    fireEvent.click(confirm());
    expect(onAgree).not.toHaveBeenCalled();
    expect(text()).toContain('网络连接失败');
  });
});

describe('个人资料 page', () => {
  function serve(initial: MemberProfile, extra?: (action: string, payload: Record<string, unknown>) => unknown) {
    let profile = initial;
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      const answer = extra?.(a, c.payload);
      if (answer !== undefined) return answer;
      if (a === 'member.profile') return profile;
      if (a === 'member.update') {
        const { action: _a, consentVersion, ...rest } = c.payload as Record<string, string>;
        if (!consentVersion && !profile.consent) return fail(403, 'CONSENT_REQUIRED', '请先阅读并同意隐私保护指引');
        profile = { ...profile, ...rest, ...(consentVersion ? { consent: { version: consentVersion, at: consented.at } } : {}) };
        return profile;
      }
      if (a === 'member.withdrawConsent') {
        profile = { ...profile, nickname: null, avatarUrl: null, birthday: null, consent: null };
        return profile;
      }
      throw new Error(`unexpected ${a}`);
    });
    return calls;
  }

  it('without consent: the guide comes first; 同意 sends the version in force, then the form shows', async () => {
    const calls = serve(base);
    render(<ProfileScreen />);
    await waitFor(() => expect(document.querySelector('.dialog')).toBeTruthy());
    // No personal data is asked for behind the dialog.
    expect(document.querySelector('.profile-page__input')).toBeNull();
    await act(async () => {
      fireEvent.click(confirm());
    });
    await waitFor(() => expect(document.querySelector('.dialog')).toBeNull());
    const update = calls.find((c) => actionOf(c) === 'member.update')!;
    expect(update.payload).toEqual({ action: 'update', consentVersion: '2026-11-01' });
    expect(document.querySelector('.profile-page__input')).toBeTruthy();
    expect(text()).toContain('生日设置后不可修改');
    expect(text()).toContain('撤回隐私授权');
  });

  it('不同意: nothing is sent, no form; the guide can be opened again', async () => {
    const calls = serve(base);
    render(<ProfileScreen />);
    await waitFor(() => expect(document.querySelector('.dialog')).toBeTruthy());
    fireEvent.click(cancel());
    expect(document.querySelector('.dialog')).toBeNull();
    expect(calls.map(actionOf)).toEqual(['member.profile']);
    expect(document.querySelector('.profile-page__input')).toBeNull();
    fireEvent.click(byText('.profile-page__primary', '查看隐私保护指引')!);
    expect(document.querySelector('.dialog')).toBeTruthy();
  });

  it('an older consent version asks again', async () => {
    serve({ ...base, consent: { version: '2025-01-01', at: consented.at } });
    render(<ProfileScreen />);
    await waitFor(() => expect(document.querySelector('.dialog')?.textContent).toContain('隐私保护指引'));
  });

  it('saves the nickname; a set birthday is read-only', async () => {
    const calls = serve({ ...base, consent: consented, nickname: '小林', birthday: '1990-05-04' });
    render(<ProfileScreen />);
    await waitFor(() => expect(document.querySelector('.profile-page__input')).toBeTruthy());
    expect(document.querySelector('.dialog')).toBeNull();
    expect(document.querySelector('.profile-page__birthday')!.textContent).toBe('1990年5月4日');
    expect(text()).toContain('生日已设置，不可修改');
    expect(document.querySelector('.profile-page__picker')).toBeNull();

    const input = document.querySelector<HTMLInputElement>('.profile-page__input input, input.profile-page__input')!;
    fireEvent.input(input, { target: { value: '小林林' } });
    await act(async () => {
      fireEvent.click(byText('.profile-page__primary', '保存')!);
    });
    await waitFor(() => expect(calls.some((c) => actionOf(c) === 'member.update')).toBe(true));
    expect(calls.find((c) => actionOf(c) === 'member.update')!.payload).toEqual({ action: 'update', nickname: '小林林' });
    expect(useMemberStore.getState().profile!.nickname).toBe('小林林');
  });

  it('CONSENT_REQUIRED from the server (withdrawn elsewhere) brings the guide back', async () => {
    serve({ ...base, consent: consented }, (a) =>
      a === 'member.update' ? fail(403, 'CONSENT_REQUIRED', '请先阅读并同意隐私保护指引') : undefined,
    );
    render(<ProfileScreen />);
    await waitFor(() => expect(document.querySelector('.profile-page__input')).toBeTruthy());
    const input = document.querySelector<HTMLInputElement>('.profile-page__input input, input.profile-page__input')!;
    fireEvent.input(input, { target: { value: '阿明' } });
    await act(async () => {
      fireEvent.click(byText('.profile-page__primary', '保存')!);
    });
    await waitFor(() => expect(document.querySelector('.dialog')?.textContent).toContain('隐私保护指引'));
  });

  it('撤回隐私授权 asks first, then erases and asks for consent again before any editing', async () => {
    const calls = serve({ ...base, consent: consented, nickname: '小林', birthday: '1990-05-04' });
    render(<ProfileScreen />);
    await waitFor(() => expect(document.querySelector('.profile-page__withdraw')).toBeTruthy());
    fireEvent.click(document.querySelector<HTMLElement>('.profile-page__withdraw')!);
    expect(document.querySelector('.dialog')!.textContent).toContain('删除你的头像、昵称和生日');
    fireEvent.click(cancel());
    expect(calls.map(actionOf)).not.toContain('member.withdrawConsent');

    fireEvent.click(document.querySelector<HTMLElement>('.profile-page__withdraw')!);
    await act(async () => {
      fireEvent.click(confirm());
    });
    await waitFor(() => expect(document.querySelector('.profile-page__input')).toBeNull());
    expect(calls.map(actionOf)).toContain('member.withdrawConsent');
    expect(useMemberStore.getState().profile).toMatchObject({ nickname: null, birthday: null, consent: null });
    expect(text()).toContain('请先阅读并同意《隐私保护指引》');
  });

  it('a profile that does not load says why in place; 点击重试 loads it', async () => {
    let failing = true;
    serve({ ...base, consent: consented, nickname: '小林' }, (a) =>
      a === 'member.profile' && failing ? fail(503, 'UNAVAILABLE', '服务暂不可用') : undefined,
    );
    render(<ProfileScreen />);
    await waitFor(() => expect(document.querySelector('.profile-page__msg')?.textContent).toBe('服务暂不可用，点击重试'));
    expect(document.querySelector('.profile-page__input')).toBeNull();
    failing = false;
    await act(async () => {
      fireEvent.click(document.querySelector<HTMLElement>('.profile-page__msg')!);
    });
    await waitFor(() => expect(document.querySelector<HTMLInputElement>('input.profile-page__input, .profile-page__input input')?.value).toBe('小林'));
  });
});
