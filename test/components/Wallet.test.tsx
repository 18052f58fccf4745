/**
 * 我的卡包: tabs 可用 / 已使用 / 已过期 ask coupon.mine {status}; a usable coupon opens its code
 * as text and as a QR code (Views, one per run of dark modules) that decodes back to the code.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { qrRuns } from '@/components/CouponQr';
import { WalletScreen } from '@/packages/wallet';
import { setTransport } from '@/services/transports';
import { couponCondition, couponValue } from '@/utils/money';
import { actionOf, fakeTransport } from './fake-transport';
import { coupon } from './lottery-fixtures';

afterEach(() => {
  cleanup();
  setTransport(null);
});

const byStatus = {
  available: [coupon(), coupon({ id: '12', name: '全场9折券', kind: 'percent_off', amountOffFen: null, percentOff: 10, capFen: 5000, thresholdFen: 0, code: 'ABCDEFGHJKMN', source: 'mall' })],
  used: [coupon({ id: '13', code: 'PQRSTUVWXYZ2', state: 'used', usedAt: '2026-11-20T15:00:00+08:00' })],
  expired: [] as ReturnType<typeof coupon>[],
};

function serve() {
  return fakeTransport((c) => {
    if (actionOf(c) !== 'coupon.mine') throw new Error(`unexpected ${actionOf(c)}`);
    return byStatus[c.payload.status as keyof typeof byStatus];
  });
}

const tab = (key: string) => document.querySelector<HTMLElement>(`.wallet-page__tab[data-tab="${key}"]`)!;
const codes = () => [...document.querySelectorAll<HTMLElement>('.coupon-card')].map((c) => c.dataset.code);

describe('the coupon wallet', () => {
  it('opens on 可用 and switches tabs, asking the server for each status', async () => {
    const calls = serve();
    render(<WalletScreen />);
    await waitFor(() => expect(codes()).toEqual(['XJZTZJ6BEQ7Q', 'ABCDEFGHJKMN']));
    expect(tab('available').className).toContain('wallet-page__tab--active');
    expect([...document.querySelectorAll('.wallet-page__tab')].map((t) => t.textContent)).toEqual(['可用', '已使用', '已过期']);
    const first = document.querySelector('.coupon-card')!.textContent!;
    expect(first).toContain('¥20');
    expect(first).toContain('满¥100可用');
    expect(first).toContain('券码 XJZTZJ6BEQ7Q');
    expect(first).toContain('2026-11-23 至 2026-12-22');
    expect(document.querySelectorAll('.coupon-card')[1]!.textContent).toContain('9折');

    await act(async () => {
      fireEvent.click(tab('used'));
    });
    await waitFor(() => expect(codes()).toEqual(['PQRSTUVWXYZ2']));
    expect(document.querySelector('.coupon-card')!.textContent).toContain('已使用 2026-11-20');
    // A used coupon opens nothing.
    fireEvent.click(document.querySelector('.coupon-card')!);
    expect(document.querySelector('.coupon-detail')).toBeNull();

    await act(async () => {
      fireEvent.click(tab('expired'));
    });
    await waitFor(() => expect(document.querySelector('.empty-state__text')?.textContent).toBe('没有过期的券'));
    // Nothing to do about expired coupons: no step is offered.
    expect(document.querySelector('.empty-state__action')).toBeNull();
    expect(calls.map((c) => c.payload.status)).toEqual(['available', 'used', 'expired']);
  });

  it('a usable coupon shows its code as text and as a QR code', async () => {
    serve();
    render(<WalletScreen />);
    await waitFor(() => expect(document.querySelector('.coupon-card')).toBeTruthy());
    fireEvent.click(document.querySelector('.coupon-card')!);
    const detail = document.querySelector('.coupon-detail')!;
    expect(detail.querySelector('.coupon-detail__code')!.textContent).toBe('XJZTZJ6BEQ7Q');
    const qr = detail.querySelector<HTMLElement>('.coupon-qr')!;
    expect(qr.dataset.modules).toBe('21');
    expect(qr.querySelectorAll('.coupon-qr__row')).toHaveLength(21);
    const { rows } = qrRuns('XJZTZJ6BEQ7Q');
    expect(qr.querySelectorAll('.coupon-qr__dark')).toHaveLength(rows.flat().length);
    // Well under WeChat's 1000-node audit line.
    expect(qr.querySelectorAll('*').length).toBeLessThan(400);
    fireEvent.click(detail.querySelector('.coupon-detail__close')!);
    expect(document.querySelector('.coupon-detail')).toBeNull();
  });

  it('the QR modules carry the three finder patterns of a version-1 code', () => {
    const { size, rows } = qrRuns('XJZTZJ6BEQ7Q');
    expect(size).toBe(21);
    const dark = (r: number, c: number) => rows[r]!.some(([s, len]) => c >= s && c < s + len);
    for (const [r0, c0] of [
      [0, 0],
      [0, 14],
      [14, 0],
    ]) {
      // 7×7 finder: dark border, light ring, dark 3×3 centre.
      for (let i = 0; i < 7; i++) {
        expect(dark(r0!, c0! + i)).toBe(true);
        expect(dark(r0! + 6, c0! + i)).toBe(true);
      }
      expect(dark(r0! + 1, c0! + 1)).toBe(false);
      expect(dark(r0! + 3, c0! + 3)).toBe(true);
    }
  });

  it('coupon wording: amount, percent with cap, threshold', () => {
    expect(couponValue(coupon())).toBe('¥20');
    expect(couponValue(coupon({ kind: 'percent_off', percentOff: 15, amountOffFen: null }))).toBe('8.5折');
    expect(couponCondition(coupon({ kind: 'percent_off', thresholdFen: 0, capFen: 5000 }))).toBe('无门槛，最高减¥50');
    expect(couponCondition(coupon({ thresholdFen: 29_900 }))).toBe('满¥299可用');
    expect(couponValue(coupon({ amountOffFen: 550 }))).toBe('¥5.50');
  });
});
