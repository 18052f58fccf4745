/**
 * 我的 asks a member once for avatar and nickname, in a card that blocks nothing: the privacy
 * guide first when consent is missing, then the avatar (a file in H5) and the nickname; the
 * server is told the ask was shown, so it does not come again.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MemberProfile } from '@cloud/contract';
import { MineScreen } from '@/pages/mine';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { actionOf, fakeTransport, type RecordedCall } from './fake-transport';

vi.mock('@/services/media', () => ({ uploadAvatarBlob: vi.fn(async () => '/media/AvatarOfXiaoZhou0001'), uploadAvatarFile: vi.fn() }));

const newcomer: MemberProfile = {
  id: '21',
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
  askProfile: true,
};

beforeEach(() => useMemberStore.getState().reset());
afterEach(() => {
  cleanup();
  setTransport(null);
});

/** A server that keeps the member's profile as the real one does (the ask recorded once). */
function serve(initial: MemberProfile) {
  let profile = initial;
  const calls = fakeTransport((c) => {
    const a = actionOf(c);
    if (a === 'member.profile') return profile;
    if (a === 'member.profileAsked') return (profile = { ...profile, askProfile: false });
    if (a === 'member.update') {
      const { action: _a, consentVersion, ...rest } = c.payload as Record<string, string>;
      const consent = consentVersion ? { version: consentVersion, at: '2026-11-23T10:00:00+08:00' } : profile.consent;
      return (profile = { ...profile, ...rest, consent });
    }
    if (a === 'member.tier') return { tier: profile.tier, growth: 0, windowMonths: 12, next: null, keep: null, tiers: [] };
    if (a === 'points.balance') return { balance: 0, expiringThisMonth: 0, expiringOn: '2026-11-30' };
    if (a === 'points.ledger') return { items: [], nextCursor: null };
    throw new Error(`unexpected ${a}`);
  });
  return { calls, profile: () => profile };
}

const card = () => document.querySelector<HTMLElement>('.profile-ask');
const button = (text: string) => [...document.querySelectorAll<HTMLElement>('button, .taro-button-core')].find((b) => b.textContent?.trim() === text)!;
const updates = (calls: RecordedCall[]) => calls.filter((c) => actionOf(c) === 'member.update').map((c) => c.payload);

describe('the ask for avatar and nickname on 我的', () => {
  it('a newcomer reads the privacy guide first, then sets avatar and nickname, and shows by name', async () => {
    const { calls } = serve(newcomer);
    render(<MineScreen />);
    await waitFor(() => expect(card()).toBeTruthy());
    expect(card()!.textContent).toContain('设置头像和昵称');
    expect(card()!.textContent).toContain('《隐私保护指引》');
    // Nothing personal is asked for before consent: no avatar, no nickname field yet.
    expect(card()!.querySelector('input')).toBeNull();
    expect(calls.filter((c) => actionOf(c) === 'member.profileAsked')).toHaveLength(1);
    // The page behind stays usable: the card is in the page, not over it.
    expect(document.querySelector('.dialog')).toBeNull();
    expect(document.querySelector('.mine-page__menu')).toBeTruthy();

    fireEvent.click(button('去设置'));
    expect(document.querySelector('.dialog')!.textContent).toContain('隐私保护指引');
    await act(async () => {
      fireEvent.click(document.querySelector<HTMLElement>('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(card()!.querySelector('input[type=file]')).toBeTruthy());
    expect(document.querySelector('.dialog')).toBeNull();

    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'me.png', { type: 'image/png' });
    await act(async () => {
      fireEvent.change(card()!.querySelector('input[type=file]')!, { target: { files: [file] } });
    });
    await waitFor(() => expect(card()!.querySelector('img')?.getAttribute('src')).toBe('/media/AvatarOfXiaoZhou0001'));

    const nickname = card()!.querySelector<HTMLInputElement>('.profile-ask__nickname input, input.profile-ask__nickname')!;
    fireEvent.input(nickname, { target: { value: ' 小周 ' } });
    await act(async () => {
      fireEvent.click(button('保存'));
    });
    await waitFor(() => expect(card()).toBeNull());
    expect(updates(calls)).toEqual([
      { action: 'update', consentVersion: '2026-11-01' },
      { action: 'update', avatarUrl: '/media/AvatarOfXiaoZhou0001' },
      { action: 'update', nickname: '小周' },
    ]);
    expect(document.querySelector('.profile__name')!.textContent).toBe('小周');
    expect(document.querySelector('.profile__avatar img')!.getAttribute('src')).toBe('/media/AvatarOfXiaoZhou0001');
  });

  it('以后再说 closes it, and it does not come back: the server was told once', async () => {
    const { calls } = serve({ ...newcomer, consent: { version: '2026-11-01', at: '2026-11-23T10:00:00+08:00' }, nickname: '小林' });
    const { unmount } = render(<MineScreen />);
    await waitFor(() => expect(card()).toBeTruthy());
    // Consent given: the fields at once, the nickname already there.
    expect(card()!.querySelector<HTMLInputElement>('.profile-ask__nickname input, input.profile-ask__nickname')!.value).toBe('小林');
    fireEvent.click(button('以后再说'));
    expect(card()).toBeNull();
    unmount();

    // Opening 我的 again (another visit, another device): the server no longer asks.
    render(<MineScreen />);
    await waitFor(() => expect(document.querySelector('.profile__name')?.textContent).toBe('小林'));
    expect(card()).toBeNull();
    expect(calls.filter((c) => actionOf(c) === 'member.profileAsked')).toHaveLength(1);
    expect(updates(calls)).toEqual([]);
  });

  it('is not shown, nor recorded, when the server says the ask is not due', async () => {
    const { calls } = serve({ ...newcomer, askProfile: false });
    render(<MineScreen />);
    await waitFor(() => expect(document.querySelector('.profile__name')?.textContent).toBe('微信用户'));
    expect(card()).toBeNull();
    expect(calls.some((c) => actionOf(c) === 'member.profileAsked')).toBe(false);
  });
});
