import type { CouponState, CouponVerification, CouponView } from '../../contract';
import { businessDay, toBrandIso } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { COUPON_VIEW_COLUMNS, toCouponView, type CouponRow } from './coupon-view';

const WALLET_LIMIT = 100;

/** My coupons (可用 / 已使用 / 已过期), newest first. */
export async function myCoupons(
  ctx: UseCaseContext,
  actor: Actor,
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
    [actor.memberId, params.status ?? null, today, WALLET_LIMIT],
  );
  return rows.map((r) => toCouponView(r, today, ctx.brand.timeZone));
}

const REFUSALS: Record<Exclude<CouponState, 'available'>, 'COUPON_USED' | 'COUPON_EXPIRED' | 'COUPON_NOT_YET'> = {
  used: 'COUPON_USED',
  expired: 'COUPON_EXPIRED',
  not_yet: 'COUPON_NOT_YET',
};

/**
 * 核销: a guide or admin uses a member's coupon at the till. One conditional update decides,
 * so a code verified by two guides at once is used once; who and where are recorded.
 */
export async function verifyCoupon(
  ctx: UseCaseContext,
  actor: Actor,
  params: { code: string; store?: string },
): Promise<CouponVerification | Failure> {
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  const { rows } = await ctx.db.query<{ id: string; code: string; name: string; nickname: string | null }>(
    `update coupons c set used_at = $2, used_by = $3, used_store = $4
     from coupon_templates t, members m
     where c.code = $1 and t.id = c.template_id and m.id = c.member_id
       and c.used_at is null and c.order_id is null and c.valid_from <= $5::date and c.valid_until >= $5::date
     returning c.id, c.code, t.name, m.nickname`,
    [params.code, ctx.now, actor.memberId, params.store ?? null, today],
  );
  const used = rows[0];
  if (used) {
    return {
      couponId: used.id,
      code: used.code,
      name: used.name,
      memberNickname: used.nickname,
      verifiedAt: toBrandIso(ctx.now, ctx.brand.timeZone),
      store: params.store ?? null,
    };
  }
  const { rows: found } = await ctx.db.query<CouponRow & { order_id: string | null }>(
    `select ${COUPON_VIEW_COLUMNS}, c.order_id from coupons c join coupon_templates t on t.id = c.template_id where c.code = $1`,
    [params.code],
  );
  if (!found[0]) return fail('COUPON_NOT_FOUND');
  const state = toCouponView(found[0], today, ctx.brand.timeZone).state;
  if (state === 'available') return fail(found[0].order_id ? 'COUPON_HELD' : 'COUPON_USED');
  return fail(REFUSALS[state]);
}

export async function myCouponById(ctx: UseCaseContext, actor: Actor, couponId: string): Promise<CouponView | null> {
  const { rows } = await ctx.db.query<CouponRow>(
    `select ${COUPON_VIEW_COLUMNS} from coupons c join coupon_templates t on t.id = c.template_id
     where c.id = $1 and c.member_id = $2`,
    [couponId, actor.memberId],
  );
  return rows[0] ? toCouponView(rows[0], businessDay(ctx.now, ctx.brand.timeZone), ctx.brand.timeZone) : null;
}
