import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { betterTier, orderPrice, unitPrice, withShipping } from '@cloud/domain/pricing';
import { shippingFeeFen } from '@cloud/domain/shipping';

const RULE = { feeFen: 1000, freeFromFen: 9900 };

describe('shippingFeeFen (default: free from ¥99, else ¥10; tiers with free shipping)', () => {
  it.each([
    ['¥98.99 of goods', RULE, 9899, false, 1000],
    ['¥99 of goods ships free', RULE, 9900, false, 0],
    ['a gold member’s ¥10 order ships free', RULE, 1000, true, 0],
    ['no amount makes it free', { feeFen: 800, freeFromFen: null }, 1_000_000, false, 800],
    ['a brand that never charges', { feeFen: 0, freeFromFen: null }, 100, false, 0],
  ])('%s', (_name, rule, goodsFen, tierShipsFree, fee) => {
    expect(shippingFeeFen(rule, goodsFen, tierShipsFree)).toBe(fee);
  });

  it('the default settings are free from ¥99, else ¥10, complete after 10 days, returns within 7', () => {
    expect(DEFAULT_BRAND_SETTINGS.shipping).toEqual({ feeFen: 1000, freeFromFen: 9900, autoCompleteDays: 10, returnDays: 7 });
  });
});

describe('withShipping', () => {
  const unit = unitPrice({ listFen: 10_900, tierRate: 1, memberDayRate: null, flashPriceFen: null });

  it.each([
    ['the coupon takes the goods under ¥99: the fee is charged', 2000, { goodsFen: 8900, shippingFen: 1000, totalFen: 9900 }],
    ['without it the goods ship free', 0, { goodsFen: 10_900, shippingFen: 0, totalFen: 10_900 }],
  ])('%s', (_name, couponOff, expected) => {
    expect(withShipping(orderPrice(unit, 1, couponOff), RULE, false)).toMatchObject(expected);
  });

  it('total = goods + fee, the fee is 0 or the flat fee, and the coupon never comes off the fee (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 10_000_000 }), fc.boolean(), (listFen, qty, couponOff, free) => {
        const line = unitPrice({ listFen, tierRate: 1, memberDayRate: null, flashPriceFen: null });
        const goods = orderPrice(line, qty, couponOff);
        const price = withShipping(goods, RULE, free);
        expect(price.goodsFen).toBe(goods.totalFen);
        expect(price.totalFen).toBe(price.goodsFen + price.shippingFen);
        expect([0, RULE.feeFen]).toContain(price.shippingFen);
        expect(price.goodsFen).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});

describe('betterTier', () => {
  const tiers = DEFAULT_BRAND_SETTINGS.tiers;
  it.each([
    ['normal looks forward to silver 98折', 'normal', { name: '银卡会员', memberPriceRate: 0.98 }],
    ['gold to diamond 9折', 'gold', { name: '钻石会员', memberPriceRate: 0.9 }],
    ['diamond has nothing above', 'diamond', null],
  ] as const)('%s', (_name, key, expected) => {
    expect(betterTier(tiers, tiers.find((t) => t.key === key)!)).toEqual(expected);
  });

  it('skips a tier above whose rate is no better', () => {
    const flat = tiers.map((t) => (t.key === 'silver' ? { ...t, benefits: { ...t.benefits, memberPriceRate: 1 } } : t));
    expect(betterTier(flat, flat[0]!)).toEqual({ name: '金卡会员', memberPriceRate: 0.95 });
  });
});
