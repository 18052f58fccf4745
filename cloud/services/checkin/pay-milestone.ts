/**
 * A streak milestone's payout, whether a check-in or a 补签 reaches it: the bonus points through
 * the ledger and the coupon into the wallet, both under the milestone's source id, so a
 * milestone is paid once however its run was reached.
 */
import type { Queryable } from '../../db/port';
import type { Milestone } from '../../domain/checkin-rules';
import { lotExpiresOn } from '../../domain/points-expiry';
import type { UseCaseContext } from '../context';
import { issueCoupon } from '../coupons/issue-coupon';
import { Failure } from '../failure';
import { bookPoints } from '../points/book-points';

/**
 * The source id of a milestone's bonus and coupon: one per milestone per run of consecutive
 * days, named by the run's first day, so neither a repeat nor a make-up can pay it twice.
 */
export function milestoneSourceId(memberId: string, days: number, runStart: string): string {
  return `${memberId}:${days}:${runStart}`;
}

export interface MilestonePayout {
  /** The balance after the bonus; null when the milestone gives no points. */
  balance: number | null;
  /** The coupon it put in the wallet; null when it gives none (or its template is gone). */
  couponName: string | null;
}

/** Pays `milestone` for the run that started on `runStart`, inside the caller's transaction. */
export async function payMilestone(
  tx: Queryable,
  ctx: UseCaseContext,
  p: { memberId: string; milestone: Milestone; runStart: string; today: string },
): Promise<MilestonePayout> {
  const sourceId = milestoneSourceId(p.memberId, p.milestone.days, p.runStart);
  const balance =
    p.milestone.bonusPoints > 0
      ? await bookPoints(tx, {
          memberId: p.memberId,
          delta: p.milestone.bonusPoints,
          source: 'streak_bonus',
          sourceId,
          at: ctx.now,
          expiresOn: lotExpiresOn(p.today, ctx.brand.points.expiryMonths),
        })
      : null;
  const templateId = p.milestone.couponTemplateId;
  if (!templateId) return { balance, couponName: null };
  const coupon = await issueCoupon(tx, ctx.brand, {
    templateId,
    memberId: p.memberId,
    source: 'milestone',
    sourceId,
    at: ctx.now,
    limitPerMember: false,
  });
  // A template that is gone gives no coupon rather than no check-in.
  if (coupon instanceof Failure) {
    console.warn(`[checkin] milestone coupon ${templateId} not issued: ${coupon.code}`);
    return { balance, couponName: null };
  }
  return { balance, couponName: coupon.name };
}
