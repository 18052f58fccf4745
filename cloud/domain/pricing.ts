/**
 * What an order costs and earns. Prices are integer fen: the member price is the list price
 * times the tier's rate, the member-day price that times the member-day rate (each rounded to
 * the fen), a flash-sale price replaces both when it is lower (while the member's allowance in
 * the sale lasts), and a coupon comes off the line total — never off a flash-sale price, which
 * is final. WeChat Pay takes at least 1 fen, so a coupon never brings an order below that.
 */
import type { BrandSettings, TierKey } from './brand-settings';
import { multiplyPoints } from './checkin-rules';
import { isMemberDay } from './member-day';
import { shippingFeeFen, type ShippingRule } from './shipping';
import type { Tier } from './tiers';

export interface MemberRates {
  tier: Tier;
  /** `day` is the brand's member day. */
  memberDay: boolean;
  /** The tier's member price rate, e.g. 0.95. */
  tierRate: number;
  /** The member-day rate when the day is member day, else null. */
  memberDayRate: number | null;
}

/** The rates that make a member's price on a brand-time day: their tier's, and member day's. */
export function memberRates(brand: Pick<BrandSettings, 'tiers' | 'memberDay'>, tierKey: TierKey, day: string): MemberRates {
  const tier = brand.tiers.find((t) => t.key === tierKey)!;
  const memberDay = isMemberDay(day, brand.memberDay);
  return {
    tier,
    memberDay,
    tierRate: tier.benefits.memberPriceRate,
    memberDayRate: memberDay ? brand.memberDay.orderDiscountRate : null,
  };
}

/** The lowest tier above `mine` whose member price is lower than mine: what a member can look forward to. */
export function betterTier(tiers: readonly Tier[], mine: Tier): { name: string; memberPriceRate: number } | null {
  const above = tiers.slice(tiers.findIndex((t) => t.key === mine.key) + 1);
  const next = above.find((t) => t.benefits.memberPriceRate < mine.benefits.memberPriceRate);
  return next ? { name: next.name, memberPriceRate: next.benefits.memberPriceRate } : null;
}

/** My share of a flash sale's per-member limit: the units my orders hold, and what is left. */
export interface FlashAllowance {
  limit: number;
  used: number;
  left: number;
}

export function flashAllowance(limit: number, used: number): FlashAllowance {
  return { limit, used, left: Math.max(0, limit - used) };
}

/**
 * The flash price a member is offered: the sale is open (live, stock left) and their allowance
 * (null: not known, as on list cards) is not used up. Otherwise null: they pay their member price,
 * as they would outside the sale.
 */
export function flashPriceFor(open: boolean, priceFen: number, allowance: FlashAllowance | null): number | null {
  return open && (allowance === null || allowance.left > 0) ? priceFen : null;
}

export interface UnitPriceInput {
  listFen: number;
  /** The tier's member price rate, e.g. 0.95. */
  tierRate: number;
  /** The member-day rate when today is member day and the brand has one, else null. */
  memberDayRate: number | null;
  /** The flash-sale price when the product is in a live flash sale, else null. */
  flashPriceFen: number | null;
}

export interface UnitPrice {
  unitFen: number;
  memberDiscountFen: number;
  memberDayDiscountFen: number;
  /** The flash-sale price applies (it is below my member price). */
  flash: boolean;
}

const toFen = (x: number) => Math.round(x + 1e-9);

export function unitPrice(p: UnitPriceInput): UnitPrice {
  const memberFen = Math.max(1, toFen(p.listFen * p.tierRate));
  const dayFen = p.memberDayRate === null ? memberFen : Math.max(1, toFen(memberFen * p.memberDayRate));
  // A diamond member on member day may already pay less than the flash price: they keep theirs.
  if (p.flashPriceFen !== null && p.flashPriceFen < dayFen) return { unitFen: p.flashPriceFen, memberDiscountFen: 0, memberDayDiscountFen: 0, flash: true };
  return { unitFen: dayFen, memberDiscountFen: p.listFen - memberFen, memberDayDiscountFen: memberFen - dayFen, flash: false };
}

export interface OrderPrice {
  /** Per-unit discounts times the quantity. */
  memberDiscountFen: number;
  memberDayDiscountFen: number;
  couponDiscountFen: number;
  totalFen: number;
}

/** A flash-sale price is final: no coupon comes off it. */
export function takesCoupon(unit: UnitPrice): boolean {
  return !unit.flash;
}

/**
 * What a coupon worth `couponOffFen` (by the coupon rules) takes off `qty` units: nothing off a
 * flash-sale price, and never so much that the order is below 1 fen.
 */
export function couponOffOrder(unit: UnitPrice, qty: number, couponOffFen: number): number {
  if (!takesCoupon(unit)) return 0;
  return Math.max(0, Math.min(couponOffFen, unit.unitFen * qty - 1));
}

/** The goods total for `qty` units and what the coupon may take off (already computed by the coupon rules), before shipping. */
export function orderPrice(unit: UnitPrice, qty: number, couponOffFen: number): OrderPrice {
  const lineFen = unit.unitFen * qty;
  const couponDiscountFen = couponOffOrder(unit, qty, couponOffFen);
  return {
    memberDiscountFen: unit.memberDiscountFen * qty,
    memberDayDiscountFen: unit.memberDayDiscountFen * qty,
    couponDiscountFen,
    totalFen: lineFen - couponDiscountFen,
  };
}

export interface DeliveredPrice extends OrderPrice {
  /** The goods after every discount and the coupon: what points, growth and free shipping go by. */
  goodsFen: number;
  shippingFen: number;
}

/** The order's price with its shipping fee added: the coupon comes off the goods only. */
export function withShipping(price: OrderPrice, rule: ShippingRule, tierShipsFree: boolean): DeliveredPrice {
  const shippingFen = shippingFeeFen(rule, price.totalFen, tierShipsFree);
  return { ...price, goodsFen: price.totalFen, shippingFen, totalFen: price.totalFen + shippingFen };
}

/**
 * What one order earns at most: the most the settings allow (¥9.9M × 100 per yuan × 10 × 10)
 * would overflow the ledger's int column, and no real order earns this much.
 */
export const MAX_POINTS_PER_ORDER = 10_000_000;

/** Points an order earns when paid: per whole yuan paid, times the tier and member-day multipliers, up to MAX_POINTS_PER_ORDER. */
export function orderPoints(totalFen: number, pointsPerYuan: number, multipliers: number[]): number {
  return Math.min(MAX_POINTS_PER_ORDER, multiplyPoints(Math.floor(totalFen / 100) * pointsPerYuan, multipliers));
}

/** Growth value (成长值) an order adds when paid: per whole yuan paid. */
export function orderGrowth(totalFen: number, perYuan: number): number {
  return Math.floor(totalFen / 100) * perYuan;
}
