import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { couponOffOrder, memberRates, orderGrowth, orderPoints, orderPrice, takesCoupon, unitPrice } from '@cloud/domain/pricing';

describe('memberRates (member day: Wednesday, 95折)', () => {
  it.each([
    ['normal on a Monday', 'normal', '2026-11-23', { memberDay: false, tierRate: 1, memberDayRate: null }],
    ['gold on a Monday', 'gold', '2026-11-23', { memberDay: false, tierRate: 0.95, memberDayRate: null }],
    ['gold on member day', 'gold', '2026-11-25', { memberDay: true, tierRate: 0.95, memberDayRate: 0.95 }],
    ['diamond on member day', 'diamond', '2026-11-25', { memberDay: true, tierRate: 0.9, memberDayRate: 0.95 }],
  ] as const)('%s', (_name, tier, day, expected) => {
    const rates = memberRates(DEFAULT_BRAND_SETTINGS, tier, day);
    expect(rates).toMatchObject(expected);
    expect(rates.tier.key).toBe(tier);
  });

  it('a member day without a member price leaves the price alone', () => {
    const brand = { ...DEFAULT_BRAND_SETTINGS, memberDay: { weekday: 3, orderDiscountRate: null } };
    expect(memberRates(brand, 'gold', '2026-11-25')).toMatchObject({ memberDay: true, memberDayRate: null });
  });
});

describe('unitPrice', () => {
  it.each([
    ['normal tier pays the list price', { listFen: 29_900, tierRate: 1, memberDayRate: null, flashPriceFen: null }, { unitFen: 29_900, memberDiscountFen: 0, memberDayDiscountFen: 0, flash: false }],
    ['gold 95折', { listFen: 29_900, tierRate: 0.95, memberDayRate: null, flashPriceFen: null }, { unitFen: 28_405, memberDiscountFen: 1495, memberDayDiscountFen: 0, flash: false }],
    ['gold on member day: 95折 then 95折', { listFen: 29_900, tierRate: 0.95, memberDayRate: 0.95, flashPriceFen: null }, { unitFen: 26_985, memberDiscountFen: 1495, memberDayDiscountFen: 1420, flash: false }],
    ['rounds to the fen', { listFen: 999, tierRate: 0.98, memberDayRate: null, flashPriceFen: null }, { unitFen: 979, memberDiscountFen: 20, memberDayDiscountFen: 0, flash: false }],
    ['flash price replaces member prices', { listFen: 29_900, tierRate: 0.9, memberDayRate: 0.95, flashPriceFen: 9900 }, { unitFen: 9900, memberDiscountFen: 0, memberDayDiscountFen: 0, flash: true }],
    ['a member price below the flash price wins', { listFen: 10_000, tierRate: 0.9, memberDayRate: 0.9, flashPriceFen: 8500 }, { unitFen: 8100, memberDiscountFen: 1000, memberDayDiscountFen: 900, flash: false }],
  ])('%s', (_name, input, expected) => {
    expect(unitPrice(input)).toEqual(expected);
  });
});

describe('orderPrice', () => {
  const unit = { unitFen: 10_000, memberDiscountFen: 500, memberDayDiscountFen: 0, flash: false };
  it.each([
    ['two units, no coupon', 2, 0, { memberDiscountFen: 1000, memberDayDiscountFen: 0, couponDiscountFen: 0, totalFen: 20_000 }],
    ['coupon off the line total', 2, 2000, { memberDiscountFen: 1000, memberDayDiscountFen: 0, couponDiscountFen: 2000, totalFen: 18_000 }],
    ['a coupon never brings the total below 1 fen', 1, 50_000, { memberDiscountFen: 500, memberDayDiscountFen: 0, couponDiscountFen: 9999, totalFen: 1 }],
  ])('%s', (_name, qty, couponOff, expected) => {
    expect(orderPrice(unit, qty, couponOff)).toEqual(expected);
  });

  it('list = total + every discount, and the total is at least 1 fen (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(1, 0.98, 0.95, 0.9),
        fc.option(fc.constantFrom(0.95, 0.9, 0.8), { nil: null }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (listFen, tierRate, memberDayRate, qty, couponOff) => {
          const unit = unitPrice({ listFen, tierRate, memberDayRate, flashPriceFen: null });
          const price = orderPrice(unit, qty, couponOff);
          expect(price.totalFen).toBeGreaterThanOrEqual(1);
          expect(price.totalFen + price.couponDiscountFen + price.memberDiscountFen + price.memberDayDiscountFen).toBe(listFen * qty);
        },
      ),
    );
  });
});

describe('coupons on a price', () => {
  const member = { unitFen: 10_000, memberDiscountFen: 500, memberDayDiscountFen: 0, flash: false };
  const flash = { unitFen: 9900, memberDiscountFen: 0, memberDayDiscountFen: 0, flash: true };
  it.each([
    ['a member price takes a coupon', member, 2, 3000, true, 3000],
    ['never below 1 fen', member, 1, 50_000, true, 9999],
    ['a flash price is final: no coupon', flash, 1, 3000, false, 0],
  ])('%s', (_name, unit, qty, couponOff, takes, off) => {
    expect(takesCoupon(unit)).toBe(takes);
    expect(couponOffOrder(unit, qty, couponOff)).toBe(off);
  });

  it('a flash-sale order costs its flash price whatever coupon is offered (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 10_000_000 }), (flashFen, qty, couponOff) => {
        const unit = unitPrice({ listFen: flashFen + 1, tierRate: 1, memberDayRate: null, flashPriceFen: flashFen });
        expect(unit.flash).toBe(true);
        expect(orderPrice(unit, qty, couponOff)).toMatchObject({ couponDiscountFen: 0, totalFen: flashFen * qty });
      }),
    );
  });
});

describe('orderPoints and orderGrowth', () => {
  it.each([
    ['1 point per whole yuan', 29_999, 1, [1], 299],
    ['gold ×1.5', 29_999, 1, [1.5], 448],
    ['diamond on member day ×2 ×3', 10_000, 1, [2, 3], 600],
    ['less than a yuan earns nothing', 99, 1, [2], 0],
    ['the largest order at the largest settings stops at the cap', 990_000_000, 100, [10, 10], 10_000_000],
  ])('%s', (_name, totalFen, perYuan, multipliers, points) => {
    expect(orderPoints(totalFen, perYuan, multipliers)).toBe(points);
  });

  it('growth is per whole yuan, without multipliers', () => {
    expect(orderGrowth(29_999, 1)).toBe(299);
    expect(orderGrowth(29_999, 2)).toBe(598);
  });
});
