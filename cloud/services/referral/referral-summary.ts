import type { ReferralSummary } from '../../contract';
import { toBrandIso } from '../../domain/business-day';
import { nextTitle, titleFor } from '../../domain/referral';
import type { Actor, UseCaseContext } from '../context';

/** The friends shown: the newest, enough for the page and within WeChat's setData budget. */
const FRIENDS_SHOWN = 100;

/** 我的邀请: how many friends joined through my invites, how many rewarded me, my title, my friends (also a member's an admin looks at). */
export async function referralSummary(ctx: UseCaseContext, member: Pick<Actor, 'memberId'>): Promise<ReferralSummary> {
  const { referral, timeZone } = ctx.brand;
  const [counts, friends] = await Promise.all([
    ctx.db.query<{ invited: number; rewarded: number }>(
      `select count(*)::int as invited, count(rewarded_at)::int as rewarded from referrals where inviter_id = $1`,
      [member.memberId],
    ),
    ctx.db.query<{ nickname: string | null; created_at: Date; rewarded: boolean }>(
      `select m.nickname, m.created_at, r.rewarded_at is not null as rewarded
       from referrals r join members m on m.id = r.invitee_id
       where r.inviter_id = $1 order by r.created_at desc, r.invitee_id desc limit $2`,
      [member.memberId, FRIENDS_SHOWN],
    ),
  ]);
  const { invited, rewarded } = counts.rows[0]!;
  return {
    invited,
    rewarded,
    rewardOn: referral.rewardOn,
    inviterPoints: referral.inviterPoints,
    title: titleFor(rewarded, referral.titles),
    nextTitle: nextTitle(rewarded, referral.titles),
    friends: friends.rows.map((f) => ({ nickname: f.nickname, joinedAt: toBrandIso(f.created_at, timeZone), rewarded: f.rewarded })),
  };
}
