import type { Leaderboard } from '../../contract';
import { leaderboardMonth, titleFor } from '../../domain/referral';
import type { Actor, UseCaseContext } from '../context';

const TOP = 50;

interface RankRow {
  rank: number;
  inviter_id: string;
  count: number;
  all_time: number;
  nickname: string | null;
  avatar_url: string | null;
}

/**
 * 推荐榜: inviters by friends who rewarded them within a brand-time month, top 50 and my place.
 * Equal counts rank by who got there first. Titles come from all-time counts, like my own.
 */
export async function leaderboard(ctx: UseCaseContext, actor: Actor, params: { month?: string }): Promise<Leaderboard> {
  const range = leaderboardMonth(params.month, ctx.now, ctx.brand.timeZone);
  const { rows } = await ctx.db.query<RankRow>(
    `with monthly as (
       select inviter_id, count(*)::int as count, max(rewarded_at) as reached_at
       from referrals where rewarded_at >= $1 and rewarded_at < $2 group by inviter_id
     ), ranked as (
       select inviter_id, count, row_number() over (order by count desc, reached_at, inviter_id)::int as rank from monthly
     )
     select r.rank, r.inviter_id, r.count, m.nickname, m.avatar_url,
       (select count(*)::int from referrals a where a.inviter_id = r.inviter_id and a.rewarded_at is not null) as all_time
     from ranked r join members m on m.id = r.inviter_id
     where r.rank <= $3 or r.inviter_id = $4
     order by r.rank`,
    [range.from, range.until, TOP, actor.memberId],
  );
  const titles = ctx.brand.referral.titles;
  const mine = rows.find((r) => r.inviter_id === actor.memberId);
  return {
    month: range.month,
    items: rows
      .filter((r) => r.rank <= TOP)
      .map((r) => ({ rank: r.rank, nickname: r.nickname, avatarUrl: r.avatar_url, count: r.count, title: titleFor(r.all_time, titles) })),
    me: { rank: mine?.rank ?? null, count: mine?.count ?? 0 },
  };
}
