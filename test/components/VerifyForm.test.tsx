/**
 * 券码核销 (guide subpackage): only for guides and admins; a typed code (upper-cased, spaces and
 * dashes dropped) is looked up first — coupon, condition, member, validity, status — and used on
 * 确认核销 with the optional 门店; a used code says when, where and by whom; the server's Chinese
 * refusals (a wrong format says the format) are shown.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CouponPreview, MemberProfile, Role } from '@cloud/contract';
import { normaliseCode, VerifyScreen } from '@/packages/guide/verify';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { actionOf, fail, fakeTransport } from './fake-transport';
import { coupon } from './lottery-fixtures';

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

const preview = (over: Partial<CouponPreview> = {}): CouponPreview => ({
  coupon: coupon({ validFrom: '2026-11-20', validUntil: '2026-11-30', source: 'mall' }),
  status: 'usable',
  member: { nickname: '小林' },
  used: null,
  ...over,
});

type Handler = (payload: Record<string, unknown>) => unknown;

function serve(role: Role, handlers: { preview?: Handler; verify?: Handler } = {}) {
  return fakeTransport((c) => {
    const a = actionOf(c);
    if (a === 'member.profile') return profile(role);
    if (a === 'coupon.preview' && handlers.preview) return handlers.preview(c.payload);
    if (a === 'coupon.verify' && handlers.verify) return handlers.verify(c.payload);
    throw new Error(`unexpected ${a}`);
  });
}

const input = (name: string) => document.querySelector<HTMLInputElement>(`.verify-page__${name} input, input.verify-page__${name}`)!;
const lookUp = () => document.querySelector<HTMLElement>('.verify-page__lookup')!;
const confirm = () => document.querySelector<HTMLElement>('.verify-page__confirm');
const text = (selector: string) => document.querySelector(selector)?.textContent;
const tap = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

async function typeCode(value: string) {
  await waitFor(() => expect(input('code')).toBeTruthy());
  fireEvent.input(input('code'), { target: { value } });
}

describe('券码核销', () => {
  it('a member sees that the page is for guides and no form', async () => {
    serve('member');
    render(<VerifyScreen />);
    await waitFor(() => expect(document.body.textContent).toContain('券码核销仅限导购和门店管理员使用'));
    expect(document.querySelector('.verify-page__code')).toBeNull();
  });

  it('typed in lower case with spaces → preview of coupon, condition, member, validity → 确认核销 with the store → the result', async () => {
    const calls = serve('guide', {
      preview: () => preview(),
      verify: (p) => ({ couponId: '11', code: p.code, name: '满100减20', memberNickname: '小林', verifiedAt: '2026-11-23T15:30:00+08:00', store: p.store ?? null }),
    });
    render(<VerifyScreen />);
    await typeCode('xjzt zj6b-eq7q');
    await waitFor(() => expect(input('code').value).toBe('XJZTZJ6BEQ7Q'));
    fireEvent.input(input('store'), { target: { value: ' 静安嘉里店 ' } });
    await tap(lookUp());
    await waitFor(() => expect(document.querySelector('.verify-page__preview')).toBeTruthy());
    expect(calls.find((c) => actionOf(c) === 'coupon.preview')!.payload).toEqual({ action: 'preview', code: 'XJZTZJ6BEQ7Q' });
    // Nothing is used by looking.
    expect(calls.map(actionOf)).not.toContain('coupon.verify');
    const card = text('.verify-page__preview')!;
    for (const part of ['¥20', '满¥100可用', '满100减20', '可核销', '会员小林', '有效期2026-11-20 至 2026-11-30', '券码XJZTZJ6BEQ7Q']) expect(card).toContain(part);

    await tap(confirm()!);
    await waitFor(() => expect(document.querySelector('.verify-page__done')).toBeTruthy());
    expect(calls.find((c) => actionOf(c) === 'coupon.verify')!.payload).toEqual({ action: 'verify', code: 'XJZTZJ6BEQ7Q', store: '静安嘉里店' });
    const done = text('.verify-page__done')!;
    expect(done).toContain('核销成功');
    expect(done).toContain('会员 小林');
    expect(done).toContain('2026-11-23 15:30 · 静安嘉里店');
    expect(document.querySelector('.verify-page__preview')).toBeNull();
    expect(input('code').value).toBe('');
  });

  it('a used code says when, where and by whom, and offers no 确认核销', async () => {
    serve('admin', {
      preview: () =>
        preview({
          status: 'used',
          coupon: { ...preview().coupon, state: 'used', usedAt: '2026-11-22T18:05:00+08:00' },
          used: { at: '2026-11-22T18:05:00+08:00', store: '静安嘉里店', by: '王姐', message: '这张券已于 2026-11-22 18:05 在 静安嘉里店 由 王姐 核销' },
        }),
    });
    render(<VerifyScreen />);
    await typeCode('XJZTZJ6BEQ7Q');
    await tap(lookUp());
    await waitFor(() => expect(text('.verify-page__used')).toBe('这张券已于 2026-11-22 18:05 在 静安嘉里店 由 王姐 核销'));
    const card = text('.verify-page__preview')!;
    for (const part of ['已使用', '使用时间2026-11-22 18:05', '门店静安嘉里店', '核销人王姐']) expect(card).toContain(part);
    expect(confirm()).toBeNull();
  });

  it('used by another till between preview and 确认: the refusal is shown and the card turns to used', async () => {
    const used = preview({ status: 'used', used: { at: '2026-11-23T15:29:00+08:00', store: null, by: '李姐', message: '这张券已于 2026-11-23 15:29 由 李姐 核销' } });
    let looked = 0;
    serve('guide', {
      preview: () => (looked++ === 0 ? preview() : used),
      verify: () => fail(409, 'COUPON_USED', '这张券已于 2026-11-23 15:29 由 李姐 核销'),
    });
    render(<VerifyScreen />);
    await typeCode('XJZTZJ6BEQ7Q');
    await tap(lookUp());
    await waitFor(() => expect(confirm()).toBeTruthy());
    await tap(confirm()!);
    await waitFor(() => expect(text('.verify-page__error')).toBe('这张券已于 2026-11-23 15:29 由 李姐 核销'));
    await waitFor(() => expect(confirm()).toBeNull());
    expect(text('.verify-page__status')).toBe('已使用');
  });

  it('typing again clears the preview: 确认核销 never uses a code that is not on screen', async () => {
    serve('guide', { preview: () => preview() });
    render(<VerifyScreen />);
    await typeCode('XJZTZJ6BEQ7Q');
    await tap(lookUp());
    await waitFor(() => expect(confirm()).toBeTruthy());
    fireEvent.input(input('code'), { target: { value: 'XJZTZJ6BEQ7' } });
    await waitFor(() => expect(document.querySelector('.verify-page__preview')).toBeNull());
    expect(lookUp()).toBeTruthy();
  });

  const refusals: Array<[string, number, string]> = [
    ['COUPON_CODE_FORMAT', 400, '券码为 12 位字母或数字（不含 0、1、I、L、O）'],
    ['COUPON_NOT_FOUND', 404, '券码不存在，请核对后重试'],
  ];
  for (const [code, status, message] of refusals) {
    it(`preview ${code}: shows 「${message}」 and no card`, async () => {
      serve('guide', { preview: () => fail(status, code, message) });
      render(<VerifyScreen />);
      await typeCode('ABC');
      await tap(lookUp());
      await waitFor(() => expect(text('.verify-page__error')).toBe(message));
      expect(document.querySelector('.verify-page__preview')).toBeNull();
    });
  }

  const states: Array<[CouponPreview['status'], string]> = [
    ['expired', '已过期'],
    ['not_yet', '未到使用时间'],
    ['held', '待支付订单占用中'],
  ];
  for (const [status, label] of states) {
    it(`a ${status} coupon shows 「${label}」 and offers no 确认核销`, async () => {
      serve('guide', { preview: () => preview({ status }) });
      render(<VerifyScreen />);
      await typeCode('XJZTZJ6BEQ7Q');
      await tap(lookUp());
      await waitFor(() => expect(text('.verify-page__status')).toBe(label));
      expect(confirm()).toBeNull();
    });
  }

  it('normalises scanned or typed codes', () => {
    expect(normaliseCode(' xjzt-zj6b eq7q ')).toBe('XJZTZJ6BEQ7Q');
  });
});
