import type { CouponTemplateView } from '../../contract';
import type { CouponTemplateRule } from '../../domain/coupons';

export interface TemplateRow {
  id: string;
  name: string;
  kind: CouponTemplateView['kind'];
  amount_off_fen: number | null;
  percent_off: number | null;
  cap_fen: number | null;
  threshold_fen: number;
  valid_from: string | null;
  valid_until: string | null;
  valid_days: number | null;
  category_ids: string[];
  per_member_limit: number | null;
  active: boolean;
}

export const TEMPLATE_COLUMNS = `id, name, kind, amount_off_fen, percent_off, cap_fen, threshold_fen, valid_from, valid_until,
  valid_days, category_ids::text[] as category_ids, per_member_limit, active`;

export function toTemplateView(r: TemplateRow): CouponTemplateView & CouponTemplateRule {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    amountOffFen: r.amount_off_fen,
    percentOff: r.percent_off,
    capFen: r.cap_fen,
    thresholdFen: r.threshold_fen,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    validDays: r.valid_days,
    categoryIds: r.category_ids,
    perMemberLimit: r.per_member_limit,
    active: r.active,
  };
}
