import type { CouponView } from '../../contract';
import { couponState } from '../../domain/coupons';
import { toBrandIso } from '../../domain/business-day';

export interface CouponRow {
  id: string;
  name: string;
  kind: CouponView['kind'];
  amount_off_fen: number | null;
  percent_off: number | null;
  cap_fen: number | null;
  threshold_fen: number;
  code: string;
  valid_from: string;
  valid_until: string;
  source: CouponView['source'];
  used_at: Date | null;
}

/** Columns of `coupons c join coupon_templates t` that make a CouponView. */
export const COUPON_VIEW_COLUMNS = `c.id, t.name, t.kind, t.amount_off_fen, t.percent_off, t.cap_fen, t.threshold_fen,
  c.code, c.valid_from, c.valid_until, c.source, c.used_at`;

export function toCouponView(row: CouponRow, today: string, timeZone: string): CouponView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    amountOffFen: row.amount_off_fen,
    percentOff: row.percent_off,
    capFen: row.cap_fen,
    thresholdFen: row.threshold_fen,
    code: row.code,
    state: couponState({ usedAt: row.used_at, validFrom: row.valid_from, validUntil: row.valid_until }, today),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    source: row.source,
    usedAt: row.used_at ? toBrandIso(row.used_at, timeZone) : null,
  };
}
