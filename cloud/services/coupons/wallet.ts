import type { CouponView } from '../../contract';
import { businessDay } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';
import { COUPON_VIEW_COLUMNS, toCouponView, type CouponRow } from './coupon-view';

const WALLET_LIMIT = 100;

/** My coupons (可用 / 已使用 / 已过期), newest first (also a member's an admin looks at). */
export async function myCoupons(
  ctx: UseCaseContext,
  member: Pick<Actor, 'memberId'>,
  params: { status?: 'available' | 'used' | 'expired' },
): Promise<CouponView[]> {
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  const { rows } = await ctx.db.query<CouponRow>(
    `select ${COUPON_VIEW_COLUMNS} from coupons c join coupon_templates t on t.id = c.template_id
     where c.member_id = $1
       and case $2::text
         when 'available' then c.used_at is null and c.valid_until >= $3::date
         when 'used' then c.used_at is not null
         when 'expired' then c.used_at is null and c.valid_until < $3::date
         else true end
     order by c.id desc limit $4`,
    [member.memberId, params.status ?? null, today, WALLET_LIMIT],
  );
  return rows.map((r) => toCouponView(r, today, ctx.brand.timeZone));
}

export async function myCouponById(ctx: UseCaseContext, actor: Actor, couponId: string): Promise<CouponView | null> {
  const { rows } = await ctx.db.query<CouponRow>(
    `select ${COUPON_VIEW_COLUMNS} from coupons c join coupon_templates t on t.id = c.template_id
     where c.id = $1 and c.member_id = $2`,
    [couponId, actor.memberId],
  );
  return rows[0] ? toCouponView(rows[0], businessDay(ctx.now, ctx.brand.timeZone), ctx.brand.timeZone) : null;
}
