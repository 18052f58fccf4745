/**
 * 券码核销 (guide subpackage): only for guides and admins; the typed code is upper-cased,
 * checked for its 12 characters, sent with the optional 门店, and the result or the server's
 * Chinese refusal is shown.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemberProfile, Role } from '@cloud/contract';
import { normaliseCode, VerifyScreen } from '@/packages/guide/verify';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { actionOf, fail, fakeTransport } from './fake-transport';

afterEach(() => {
  cleanup();
  setTransport(null);
});
beforeEach(() => useMemberStore.getState().reset());

const profile = (role: Role): MemberProfile => ({
  id: '9',
  nickname: '王姐',
  avatarUrl: null,
  role,
  pointsBalance: 0,
  tier: { key: 'normal', name: '普通会员' },
  joinedOn: '2026-11-01',
  birthday: null,
  consent: null,
  consentVersionRequired: '2026-11-01',
  pendingReminders: 0,
  askProfile: false,
});

function serve(role: Role, verify: (payload: Record<string, unknown>) => unknown = () => undefined) {
  return fakeTransport((c) => {
    const a = actionOf(c);
    if (a === 'member.profile') return profile(role);
    if (a === 'coupon.verify') return verify(c.payload);
    throw new Error(`unexpected ${a}`);
  });
}

const input = (name: string) => document.querySelector<HTMLInputElement>(`.verify-page__${name} input, input.verify-page__${name}`)!;
const submit = () => document.querySelector<HTMLElement>('.verify-page__submit')!;

describe('券码核销', () => {
  it('a member sees that the page is for guides and no form', async () => {
    serve('member');
    render(<VerifyScreen />);
    await waitFor(() => expect(document.body.textContent).toContain('券码核销仅限导购和门店管理员使用'));
    expect(document.querySelector('.verify-page__code')).toBeNull();
  });

  it('a guide types a code in lower case with spaces; it is sent upper-cased with the store, and the result shows', async () => {
    const calls = serve('guide', (p) => ({
      couponId: '11',
      code: p.code,
      name: '满100减20',
      memberNickname: '小林',
      verifiedAt: '2026-11-23T15:30:00+08:00',
      store: p.store ?? null,
    }));
    render(<VerifyScreen />);
    await waitFor(() => expect(input('code')).toBeTruthy());
    fireEvent.input(input('code'), { target: { value: 'xjzt zj6b-eq7q' } });
    await waitFor(() => expect(input('code').value).toBe('XJZTZJ6BEQ7Q'));
    fireEvent.input(input('store'), { target: { value: ' 静安嘉里店 ' } });
    await act(async () => {
      fireEvent.click(submit());
    });
    await waitFor(() => expect(document.querySelector('.verify-page__done')).toBeTruthy());
    expect(calls.find((c) => actionOf(c) === 'coupon.verify')!.payload).toEqual({ action: 'verify', code: 'XJZTZJ6BEQ7Q', store: '静安嘉里店' });
    const done = document.querySelector('.verify-page__done')!.textContent!;
    expect(done).toContain('核销成功');
    expect(done).toContain('满100减20');
    expect(done).toContain('会员 小林');
    expect(done).toContain('2026-11-23 15:30 · 静安嘉里店');
  });

  it('without a store only the code is sent; a short code is refused before any call', async () => {
    const calls = serve('admin', (p) => ({ couponId: '1', code: p.code, name: 'x', memberNickname: null, verifiedAt: '2026-11-23T15:30:00+08:00', store: null }));
    render(<VerifyScreen />);
    await waitFor(() => expect(input('code')).toBeTruthy());
    fireEvent.input(input('code'), { target: { value: 'ABC' } });
    await act(async () => {
      fireEvent.click(submit());
    });
    expect(document.querySelector('.verify-page__error')!.textContent).toBe('请输入 12 位券码（字母和数字）');
    expect(calls.map(actionOf)).not.toContain('coupon.verify');
    fireEvent.input(input('code'), { target: { value: 'ABCDEFGHJKMN' } });
    await act(async () => {
      fireEvent.click(submit());
    });
    await waitFor(() => expect(calls.find((c) => actionOf(c) === 'coupon.verify')!.payload).toEqual({ action: 'verify', code: 'ABCDEFGHJKMN' }));
  });

  const refusals: Array<[string, number, string]> = [
    ['COUPON_NOT_FOUND', 404, '券码不存在，请核对后重试'],
    ['COUPON_USED', 409, '这张券已经核销过了'],
    ['COUPON_EXPIRED', 409, '这张券已过期'],
    ['COUPON_NOT_YET', 409, '这张券还未到使用时间'],
  ];
  for (const [code, status, message] of refusals) {
    it(`${code}: shows 「${message}」`, async () => {
      serve('guide', () => fail(status, code, message));
      render(<VerifyScreen />);
      await waitFor(() => expect(input('code')).toBeTruthy());
      fireEvent.input(input('code'), { target: { value: 'XJZTZJ6BEQ7Q' } });
      await act(async () => {
        fireEvent.click(submit());
      });
      await waitFor(() => expect(document.querySelector('.verify-page__error')?.textContent).toBe(message));
      expect(document.querySelector('.verify-page__done')).toBeNull();
    });
  }

  it('normalises scanned or typed codes', () => {
    expect(normaliseCode(' xjzt-zj6b eq7q ')).toBe('XJZTZJ6BEQ7Q');
  });
});
