/**
 * One member's activity as an admin sees it: the very reads the member's own pages make
 * (points ledger, check-in calendar, orders, coupons, lottery awards, invites), for the member
 * the admin opened instead of the signed-in one — so staff and member never see two versions.
 */
import type { AdminMemberReferrals, AwardView, CheckinStatus, CouponView, LedgerPage, OrderView } from '../../contract';
import { toBrandIso } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';
import { fail, Failure } from '../failure';
import { getCheckinStatus } from '../checkin/checkin-status';
import { myCoupons } from '../coupons/wallet';
import { myAwards } from '../lottery/awards';
import { myOrders } from '../orders/my-orders';
import { listLedger } from '../points/points-queries';
import { referralSummary } from '../referral/referral-summary';

type Target = Pick<Actor, 'memberId' | 'tier' | 'joinedAt'>;

/** The member an admin opened, erased ones included (their history stays readable); NOT_FOUND when there is none. */
async function targetMember(ctx: UseCaseContext, memberId: string): Promise<Target | Failure> {
  const { rows } = await ctx.db.query<{ id: string; tier: Actor['tier']; created_at: Date }>('select id, tier, created_at from members where id = $1', [memberId]);
  const m = rows[0];
  return m ? { memberId: m.id, tier: m.tier, joinedAt: m.created_at } : fail('NOT_FOUND', '会员不存在');
}

/** Runs a member-side read for the target member, once they are found. */
async function forTarget<T>(ctx: UseCaseContext, memberId: string, read: (member: Target) => Promise<T>): Promise<T | Failure> {
  const member = await targetMember(ctx, memberId);
  return member instanceof Failure ? member : read(member);
}

export const memberLedger = (ctx: UseCaseContext, params: { targetMemberId: string; cursor?: string }): Promise<LedgerPage | Failure> =>
  forTarget(ctx, params.targetMemberId, (m) => listLedger(ctx, m, { cursor: params.cursor }));

export const memberCalendar = (ctx: UseCaseContext, params: { targetMemberId: string; month?: string }): Promise<CheckinStatus | Failure> =>
  forTarget(ctx, params.targetMemberId, (m) => getCheckinStatus(ctx, m, { month: params.month }));

export const memberOrders = (
  ctx: UseCaseContext,
  params: { targetMemberId: string; cursor?: string },
): Promise<{ items: OrderView[]; nextCursor: string | null } | Failure> => forTarget(ctx, params.targetMemberId, (m) => myOrders(ctx, m, { cursor: params.cursor }));

export const memberCoupons = (
  ctx: UseCaseContext,
  params: { targetMemberId: string; status?: 'available' | 'used' | 'expired' },
): Promise<CouponView[] | Failure> => forTarget(ctx, params.targetMemberId, (m) => myCoupons(ctx, m, { status: params.status }));

export const memberAwards = (
  ctx: UseCaseContext,
  params: { targetMemberId: string; cursor?: string },
): Promise<{ items: AwardView[]; nextCursor: string | null } | Failure> => forTarget(ctx, params.targetMemberId, (m) => myAwards(ctx, m, { cursor: params.cursor }));

/** The member's 我的邀请, and the friend whose invite brought them (a referral row names at most one inviter). */
export const memberReferrals = (ctx: UseCaseContext, params: { targetMemberId: string }): Promise<AdminMemberReferrals | Failure> =>
  forTarget(ctx, params.targetMemberId, async (m) => {
    const [summary, inviter] = await Promise.all([
      referralSummary(ctx, m),
      ctx.db.query<{ id: string; nickname: string | null; created_at: Date }>(
        `select i.id, i.nickname, r.created_at from referrals r join members i on i.id = r.inviter_id where r.invitee_id = $1`,
        [m.memberId],
      ),
    ]);
    const by = inviter.rows[0];
    return { ...summary, invitedBy: by ? { id: by.id, nickname: by.nickname, at: toBrandIso(by.created_at, ctx.brand.timeZone) } : null };
  });
