import type { CouponView } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { newCouponCode } from '../../domain/coupon-code';
import { couponValidity } from '../../domain/coupons';
import type { BrandSettings } from '../context';
import { fail, type Failure } from '../failure';
import { COUPON_VIEW_COLUMNS, toCouponView, type CouponRow } from './coupon-view';
import { TEMPLATE_COLUMNS, toTemplateView, type TemplateRow } from './template-row';

export interface CouponIssue {
  templateId: string;
  memberId: string;
  source: CouponView['source'];
  /** Unique per source: issuing the same (source, sourceId) again returns the first coupon. */
  sourceId: string;
  at: Date;
  /** Count against the template's per-member limit (claims like the mall); prizes have limits of their own. */
  limitPerMember: boolean;
}

const CODE_ATTEMPTS = 5;

/**
 * Issues a coupon into a member's wallet, inside the caller's transaction. The per-member limit
 * is a conditional counter update, so it holds under concurrency; the code comes from a CSPRNG.
 */
export async function issueCoupon(tx: Queryable, brand: BrandSettings, issue: CouponIssue): Promise<CouponView | Failure> {
  const today = businessDay(issue.at, brand.timeZone);
  const existing = await findIssued(tx, issue, today, brand);
  if (existing) return existing;
  const { rows } = await tx.query<TemplateRow>(`select ${TEMPLATE_COLUMNS} from coupon_templates where id = $1`, [issue.templateId]);
  if (!rows[0]) return fail('NOT_FOUND', '优惠券不存在');
  const template = toTemplateView(rows[0]);
  if (issue.limitPerMember && template.perMemberLimit !== null) {
    const counted = await tx.query(
      `insert into coupon_member_counts (template_id, member_id, issued) values ($1, $2, 1)
       on conflict (template_id, member_id) do update set issued = coupon_member_counts.issued + 1
       where coupon_member_counts.issued < $3`,
      [issue.templateId, issue.memberId, template.perMemberLimit],
    );
    if (counted.rowCount === 0) return fail('COUPON_LIMIT');
  }
  const { validFrom, validUntil } = couponValidity(template, today);
  for (let attempt = 1; ; attempt++) {
    const inserted = await tx.query<{ id: string }>(
      `insert into coupons (template_id, member_id, code, source, source_id, issued_at, valid_from, valid_until)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing returning id`,
      [issue.templateId, issue.memberId, newCouponCode(), issue.source, issue.sourceId, issue.at, validFrom, validUntil],
    );
    if (inserted.rows[0]) return (await findIssued(tx, issue, today, brand))!;
    // Either the same issue won a race (return it) or the code was taken (draw another).
    const raced = await findIssued(tx, issue, today, brand);
    if (raced) return raced;
    if (attempt === CODE_ATTEMPTS) throw new Error('no free coupon code after several attempts');
  }
}

async function findIssued(tx: Queryable, issue: CouponIssue, today: string, brand: BrandSettings): Promise<CouponView | null> {
  const { rows } = await tx.query<CouponRow>(
    `select ${COUPON_VIEW_COLUMNS} from coupons c join coupon_templates t on t.id = c.template_id
     where c.source = $1 and c.source_id = $2`,
    [issue.source, issue.sourceId],
  );
  return rows[0] ? toCouponView(rows[0], today, brand.timeZone) : null;
}
