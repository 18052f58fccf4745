/**
 * Coupon rules: what a template gives, how long an issued coupon is valid, how much it takes
 * off an order, and its state in the member's wallet. Money is integer fen.
 */
import { addDays } from './business-day';

export type CouponKind = 'amount_off' | 'percent_off';

export interface CouponTemplateRule {
  kind: CouponKind;
  /** amount_off: fen taken off. */
  amountOffFen: number | null;
  /** percent_off: percent taken off, 1–90 (15 = 15% off, 85折). */
  percentOff: number | null;
  /** percent_off: the most it takes off, in fen; null = no cap. */
  capFen: number | null;
  /** The order must reach this amount (fen) for the coupon to apply; 0 = any. */
  thresholdFen: number;
  /** Fixed dates (inclusive), or a number of days from issue. */
  validFrom: string | null;
  validUntil: string | null;
  validDays: number | null;
  /** Categories it applies to; empty = all. */
  categoryIds: string[];
}

export type CouponTemplateProblem = 'NO_DISCOUNT' | 'BAD_VALIDITY' | 'DISCOUNT_ABOVE_THRESHOLD';

export function couponTemplateProblem(t: CouponTemplateRule): CouponTemplateProblem | null {
  if (t.kind === 'amount_off' && !(t.amountOffFen && t.amountOffFen > 0)) return 'NO_DISCOUNT';
  if (t.kind === 'percent_off' && !(t.percentOff && t.percentOff >= 1 && t.percentOff <= 90)) return 'NO_DISCOUNT';
  const fixed = t.validFrom !== null && t.validUntil !== null && t.validFrom <= t.validUntil;
  const relative = t.validDays !== null && t.validDays >= 1;
  if (fixed === relative) return 'BAD_VALIDITY';
  if (t.kind === 'amount_off' && t.thresholdFen > 0 && t.amountOffFen! > t.thresholdFen) return 'DISCOUNT_ABOVE_THRESHOLD';
  return null;
}

/** The first and last day (brand time, inclusive) a coupon issued on `issuedOn` can be used. */
export function couponValidity(t: CouponTemplateRule, issuedOn: string): { validFrom: string; validUntil: string } {
  if (t.validDays !== null) return { validFrom: issuedOn, validUntil: addDays(issuedOn, t.validDays - 1) };
  return { validFrom: t.validFrom!, validUntil: t.validUntil! };
}

export type CouponState = 'available' | 'used' | 'expired' | 'not_yet';

export function couponState(c: { usedAt: Date | null; validFrom: string; validUntil: string }, today: string): CouponState {
  if (c.usedAt) return 'used';
  if (today > c.validUntil) return 'expired';
  if (today < c.validFrom) return 'not_yet';
  return 'available';
}

/** What the coupon takes off an order of `amountFen` in `categoryId` (0 when it does not apply). */
export function couponDiscountFen(t: CouponTemplateRule, amountFen: number, categoryId: string | null): number {
  if (amountFen < t.thresholdFen) return 0;
  if (t.categoryIds.length > 0 && (categoryId === null || !t.categoryIds.includes(categoryId))) return 0;
  const off = t.kind === 'amount_off' ? t.amountOffFen! : Math.floor((amountFen * t.percentOff!) / 100);
  return Math.min(amountFen, t.capFen !== null ? Math.min(off, t.capFen) : off);
}

/**
 * What is written as a coupon's store when it is voided rather than used: the unused coupon of a
 * refunded 加钱换购, and every unused coupon of an erased account.
 */
export const COUPON_VOID_NOTES = { refund: '退款作废', accountDeleted: '账号注销作废' } as const;

/** How a used coupon was used: at a till (by a guide or admin, maybe at a store), in an order, or voided. */
export interface CouponUse {
  /** Brand time, 'YYYY-MM-DD HH:mm'. */
  at: string;
  store: string | null;
  /** The staff member who verified (or voided) it; null when no staff member did. */
  by: string | null;
  /** Used to pay an order. */
  inOrder: boolean;
}

/** The sentence a guide reads for a used code: when, where and by whom. */
export function couponUsedMessage(use: CouponUse): string {
  if (use.inOrder) return `这张券已于 ${use.at} 在线上订单中使用`;
  if (Object.values(COUPON_VOID_NOTES).some((note) => note === use.store)) return `这张券已于 ${use.at} ${use.store}`;
  return `这张券已于 ${use.at}${use.store ? ` 在 ${use.store}` : ''}${use.by ? ` 由 ${use.by}` : ''} 核销`;
}
