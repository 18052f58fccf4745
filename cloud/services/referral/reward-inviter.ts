import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { lotExpiresOn } from '../../domain/points-expiry';
import type { UseCaseContext } from '../context';
import { issueCoupon } from '../coupons/issue-coupon';
import { Failure } from '../failure';
import { bookPoints } from '../points/book-points';

/**
 * 老带新: the friend did what the brand rewards (their first check-in or first paid order), so the
 * inviter gets their points and coupon — once. Runs inside the caller's transaction; the
 * conditional update of the referral decides, so concurrent triggers reward once, and both the
 * points and the coupon are keyed by the invitee. `sourceId` names the check-in or order.
 */
export async function rewardInviter(
  tx: Queryable,
  ctx: UseCaseContext,
  inviteeId: string,
  trigger: 'first_checkin' | 'first_order',
  sourceId: string,
): Promise<void> {
  const { referral, timeZone } = ctx.brand;
  if (referral.rewardOn !== trigger) return;
  const { rows } = await tx.query<{ inviter_id: string }>(
    `update referrals set rewarded_at = $2, reward_trigger = $3, reward_source_id = $4
     where invitee_id = $1 and rewarded_at is null returning inviter_id`,
    [inviteeId, ctx.now, trigger, sourceId],
  );
  const inviterId = rows[0]?.inviter_id;
  if (!inviterId) return;
  if (referral.inviterPoints > 0) {
    await bookPoints(tx, {
      memberId: inviterId,
      delta: referral.inviterPoints,
      source: 'referral',
      sourceId: inviteeId,
      note: trigger === 'first_checkin' ? '好友完成首次签到' : '好友完成首单',
      at: ctx.now,
      expiresOn: lotExpiresOn(businessDay(ctx.now, timeZone), ctx.brand.points.expiryMonths),
    });
  }
  if (referral.inviterCouponTemplateId) {
    const coupon = await issueCoupon(tx, ctx.brand, {
      templateId: referral.inviterCouponTemplateId,
      memberId: inviterId,
      source: 'referral',
      sourceId: inviteeId,
      at: ctx.now,
      limitPerMember: false,
    });
    // A template removed after it was configured: the points stand, the friend's action too.
    if (coupon instanceof Failure) console.warn(`[referral] inviter coupon ${referral.inviterCouponTemplateId} not issued: ${coupon.code}`);
  }
}
