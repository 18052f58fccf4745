import { describe, expect, it } from 'vitest';
import { COUPON_CODE_PATTERN, newCouponCode, parseCouponCode } from '@cloud/domain/coupon-code';
import { couponDiscountFen, couponState, couponTemplateProblem, couponUsedMessage, couponValidity, type CouponTemplateRule } from '@cloud/domain/coupons';

const base: CouponTemplateRule = {
  kind: 'amount_off',
  amountOffFen: 2000,
  percentOff: null,
  capFen: null,
  thresholdFen: 10_000,
  validFrom: null,
  validUntil: null,
  validDays: 30,
  categoryIds: [],
};
const percent: CouponTemplateRule = { ...base, kind: 'percent_off', amountOffFen: null, percentOff: 10, capFen: 5000, thresholdFen: 0 };

describe('couponDiscountFen', () => {
  it.each([
    ['满100减20 on ¥99.99', base, 9999, null, 0],
    ['满100减20 on ¥100', base, 10_000, null, 2000],
    ['9折 on ¥300', percent, 30_000, null, 3000],
    ['9折 capped at ¥50 on ¥800', percent, 80_000, null, 5000],
    ['9折 on ¥0.05 rounds down', percent, 5, null, 0],
    ['a shoes-only coupon on clothing', { ...base, categoryIds: ['2'] as string[] }, 20_000, '1', 0],
    ['a shoes-only coupon on shoes', { ...base, categoryIds: ['2'] as string[] }, 20_000, '2', 2000],
    ['never more than the order', { ...base, thresholdFen: 0, amountOffFen: 5000 }, 3000, null, 3000],
  ] as const)('%s → %i fen off', (_case, template, amount, category, off) => {
    expect(couponDiscountFen(template, amount, category)).toBe(off);
  });
});

describe('validity and state', () => {
  it('runs N days from the day of issue, inclusive', () => {
    expect(couponValidity(base, '2026-11-23')).toEqual({ validFrom: '2026-11-23', validUntil: '2026-12-22' });
  });

  it('uses fixed dates when the template has them', () => {
    const fixed = { ...base, validDays: null, validFrom: '2026-12-01', validUntil: '2026-12-12' };
    expect(couponValidity(fixed, '2026-11-23')).toEqual({ validFrom: '2026-12-01', validUntil: '2026-12-12' });
  });

  it.each([
    [null, '2026-11-30', 'not_yet'],
    [null, '2026-12-01', 'available'],
    [null, '2026-12-12', 'available'],
    [null, '2026-12-13', 'expired'],
    [new Date('2026-12-05T10:00:00Z'), '2026-12-20', 'used'],
  ] as const)('used %s, on %s → %s', (usedAt, today, state) => {
    expect(couponState({ usedAt, validFrom: '2026-12-01', validUntil: '2026-12-12' }, today)).toBe(state);
  });
});

describe('couponTemplateProblem', () => {
  it.each([
    ['a valid amount-off template', base, null],
    ['a valid percent-off template', percent, null],
    ['no amount', { ...base, amountOffFen: null }, 'NO_DISCOUNT'],
    ['95% off', { ...percent, percentOff: 95 }, 'NO_DISCOUNT'],
    ['both validity kinds', { ...base, validFrom: '2026-12-01', validUntil: '2026-12-02' }, 'BAD_VALIDITY'],
    ['no validity', { ...base, validDays: null }, 'BAD_VALIDITY'],
    ['dates in the wrong order', { ...base, validDays: null, validFrom: '2026-12-02', validUntil: '2026-12-01' }, 'BAD_VALIDITY'],
    ['减30 above a 满20 threshold', { ...base, thresholdFen: 2000, amountOffFen: 3000 }, 'DISCOUNT_ABOVE_THRESHOLD'],
  ] as const)('%s → %s', (_case, template, problem) => {
    expect(couponTemplateProblem(template)).toBe(problem);
  });
});

describe('coupon codes', () => {
  it('are 12 unambiguous characters and do not repeat in 10,000 draws', () => {
    const codes = Array.from({ length: 10_000 }, newCouponCode);
    expect(codes.every((c) => COUPON_CODE_PATTERN.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.join('')).not.toMatch(/[01OIL]/);
  });
});

describe('parseCouponCode: a code as typed or scanned', () => {
  it.each([
    ['XJZTZJ6BEQ7Q', 'XJZTZJ6BEQ7Q'],
    ['xjzt zj6b-eq7q', 'XJZTZJ6BEQ7Q'],
    [' XJZT-ZJ6B-EQ7Q\n', 'XJZTZJ6BEQ7Q'],
    ['XJZTZJ6BEQ7', null],
    ['XJZTZJ6BEQ7QQ', null],
    ['XJZTZJ6BEQ7O', null],
    ['XJZTZJ6BEQ71', null],
    ['123456789012', null],
    ['', null],
  ])('%j → %s', (raw, code) => {
    expect(parseCouponCode(raw)).toBe(code);
  });
});

describe('couponUsedMessage: when, where and by whom', () => {
  it.each([
    [{ at: '2026-11-23 15:30', store: '静安嘉里店', by: '王姐', inOrder: false }, '这张券已于 2026-11-23 15:30 在 静安嘉里店 由 王姐 核销'],
    [{ at: '2026-11-23 15:30', store: null, by: '导购', inOrder: false }, '这张券已于 2026-11-23 15:30 由 导购 核销'],
    [{ at: '2026-11-23 15:30', store: null, by: null, inOrder: true }, '这张券已于 2026-11-23 15:30 在线上订单中使用'],
    [{ at: '2026-11-23 15:30', store: '退款作废', by: '管理员', inOrder: false }, '这张券已于 2026-11-23 15:30 退款作废'],
    [{ at: '2026-11-23 15:30', store: '账号注销作废', by: null, inOrder: false }, '这张券已于 2026-11-23 15:30 账号注销作废'],
  ])('%j', (use, message) => {
    expect(couponUsedMessage(use)).toBe(message);
  });
});
