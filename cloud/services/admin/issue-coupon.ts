import type { CouponView } from '../../contract';
import { recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, Failure, transactionOrFailure } from '../failure';
import { issueCoupon } from '../coupons/issue-coupon';

/** Operations staff put a coupon into a member's wallet (compensation, VIP care). */
export async function issueCouponByAdmin(
  ctx: UseCaseContext,
  actor: Actor,
  params: { templateId: string; targetMemberId: string; requestId: string },
): Promise<CouponView | Failure> {
  return transactionOrFailure(ctx.db, async (tx) => {
    const target = await tx.query('select 1 from members where id = $1', [params.targetMemberId]);
    if (!target.rows[0]) return fail('NOT_FOUND', '会员不存在');
    const coupon = await issueCoupon(tx, ctx.brand, {
      templateId: params.templateId,
      memberId: params.targetMemberId,
      source: 'admin',
      sourceId: params.requestId,
      at: ctx.now,
      limitPerMember: true,
    });
    if (coupon instanceof Failure) return coupon;
    // A retry answers with the coupon issued first: the entry's requestId keeps it to one entry.
    await recordAudit(tx, {
      actor,
      at: ctx.now,
      kind: 'coupon.issue',
      targetType: 'member',
      targetId: params.targetMemberId,
      before: null,
      after: { couponId: coupon.id, templateId: params.templateId, name: coupon.name, validFrom: coupon.validFrom, validUntil: coupon.validUntil },
      requestId: params.requestId,
    });
    return coupon;
  });
}
