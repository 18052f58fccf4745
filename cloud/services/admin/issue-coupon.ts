import type { CouponView } from '../../contract';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { issueCoupon } from '../coupons/issue-coupon';

/** Operations staff put a coupon into a member's wallet (compensation, VIP care). */
export async function issueCouponByAdmin(
  ctx: UseCaseContext,
  _actor: Actor,
  params: { templateId: string; targetMemberId: string; requestId: string },
): Promise<CouponView | Failure> {
  return transactionOrFailure(ctx.db, async (tx) => {
    const target = await tx.query('select 1 from members where id = $1', [params.targetMemberId]);
    if (!target.rows[0]) return fail('NOT_FOUND', '会员不存在');
    return issueCoupon(tx, ctx.brand, {
      templateId: params.templateId,
      memberId: params.targetMemberId,
      source: 'admin',
      sourceId: params.requestId,
      at: ctx.now,
      limitPerMember: true,
    });
  });
}
