/**
 * What an order costs and earns. Prices are integer fen: the member price is the list price
 * times the tier's rate, the member-day price that times the member-day rate (each rounded to
 * the fen), a flash-sale price replaces both when it is lower, and a coupon comes off the line total. WeChat Pay
 * takes at least 1 fen, so a coupon never brings an order below that.
 */
import { multiplyPoints } from './checkin-rules';

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

/** The order total for `qty` units and what the coupon may take off (already computed by the coupon rules). */
export function orderPrice(unit: UnitPrice, qty: number, couponOffFen: number): OrderPrice {
  const lineFen = unit.unitFen * qty;
  const couponDiscountFen = Math.max(0, Math.min(couponOffFen, lineFen - 1));
  return {
    memberDiscountFen: unit.memberDiscountFen * qty,
    memberDayDiscountFen: unit.memberDayDiscountFen * qty,
    couponDiscountFen,
    totalFen: lineFen - couponDiscountFen,
  };
}

/** The points multipliers of an order: the tier's, and on member day the tier's member-day one. */
export function orderMultipliers(benefits: { pointsMultiplier: number; memberDayMultiplier: number }, memberDay: boolean): number[] {
  return memberDay ? [benefits.pointsMultiplier, benefits.memberDayMultiplier] : [benefits.pointsMultiplier];
}

/** Points an order earns when paid: per whole yuan paid, times the tier and member-day multipliers. */
export function orderPoints(totalFen: number, pointsPerYuan: number, multipliers: number[]): number {
  return multiplyPoints(Math.floor(totalFen / 100) * pointsPerYuan, multipliers);
}

/** Growth value (成长值) an order adds when paid: per whole yuan paid. */
export function orderGrowth(totalFen: number, perYuan: number): number {
  return Math.floor(totalFen / 100) * perYuan;
}
