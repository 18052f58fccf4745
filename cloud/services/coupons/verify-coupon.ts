import type { CouponVerification } from '../../contract';
import { businessDay, toBrandIso } from '../../domain/business-day';
import { parseCouponCode } from '../../domain/coupon-code';
import { asAdmin, recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { couponAtTill } from './preview-coupon';

const REFUSALS = { held: 'COUPON_HELD', expired: 'COUPON_EXPIRED', not_yet: 'COUPON_NOT_YET' } as const;

/**
 * 核销: a guide or admin uses a member's coupon at the till. One conditional update decides,
 * so a code verified by two guides at once is used once; who and where are recorded. A code it
 * cannot use says why — a used one when, where and by whom.
 */
export async function verifyCoupon(
  ctx: UseCaseContext,
  actor: Actor,
  params: { code: string; store?: string },
): Promise<CouponVerification | Failure> {
  const code = parseCouponCode(params.code);
  if (!code) return fail('COUPON_CODE_FORMAT');
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  const verified = await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; code: string; name: string; nickname: string | null; member_id: string }>(
      `update coupons c set used_at = $2, used_by = $3, used_store = $4
       from coupon_templates t, members m
       where c.code = $1 and t.id = c.template_id and m.id = c.member_id
         and c.used_at is null and c.order_id is null and c.valid_from <= $5::date and c.valid_until >= $5::date
       returning c.id, c.code, t.name, m.nickname, c.member_id`,
      [code, ctx.now, actor.memberId, params.store ?? null, today],
    );
    const row = rows[0];
    // A guide's 核销 is their daily work, kept on the coupon (used_by); an admin's is audited.
    if (row) {
      await recordAudit(tx, {
        actor: asAdmin(actor),
        at: ctx.now,
        kind: 'coupon.verify',
        targetType: 'coupon',
        targetId: row.id,
        before: { used: false },
        after: { used: true, name: row.name, memberId: row.member_id, store: params.store ?? null },
      });
    }
    return row;
  });
  if (verified) {
    return {
      couponId: verified.id,
      code: verified.code,
      name: verified.name,
      memberNickname: verified.nickname,
      verifiedAt: toBrandIso(ctx.now, ctx.brand.timeZone),
      store: params.store ?? null,
    };
  }
  const found = await couponAtTill(ctx.db, code, ctx.now, ctx.brand.timeZone);
  if (!found) return fail('COUPON_NOT_FOUND');
  // Usable a moment ago (status still 'usable' without a use): another till took it in between.
  if (found.status === 'used' || found.status === 'usable') return fail('COUPON_USED', found.used?.message);
  return fail(REFUSALS[found.status]);
}
