import type { CheckinResult } from '../../contract';
import { addDays, businessDay } from '../../domain/business-day';
import { checkinReward } from '../../domain/checkin-rules';
import type { Queryable } from '../../db/port';
import { groupPointsEarned } from '../../domain/group-points';
import { isMemberDay, pointsMultipliers } from '../../domain/member-day';
import { lotExpiresOn } from '../../domain/points-expiry';
import { streakOnCheckin, type DayStreak } from '../../domain/streak';
import { growthWindowStart } from '../../domain/tiers';
import { upgradeIfReached } from '../tiers/upgrade-tier';
import type { Actor, UseCaseContext } from '../context';
import { Failure } from '../failure';
import { rewardInviter } from '../referral/reward-inviter';
import type { GroupData } from '../../adapters/groups/group-decoder';
import { groupOf, recordGroupVisit } from '../sharing/group-visits';
import { milestoneSourceId, payMilestone, type MilestonePayout } from './pay-milestone';

/**
 * Today's check-in: the check-in row (unique per member and day), its points through
 * book_points(), its lottery chances and its growth value through book_growth() — one statement,
 * so one transaction and, with the member's latest check-in read when the request resolved the
 * member, one round trip on the hot path. The statement writes only while that latest check-in
 * is still the latest before today (otherwise it is read again and the write retried), so the
 * streak the domain computed is right. An upgrade, when the growth reaches a higher tier, is a
 * second, conditional update. A second call the same day answers with today's result and
 * changes nothing: the primary key decides, so concurrent taps credit once.
 *
 * From a group card (groupData), the group is read first (unreadable: GROUP_DATA_INVALID, nothing
 * written) and the check-in records it, with the member's 社群积分 for being in the group and for
 * checking in from it (each once a day: the group points ledger's keys decide). A streak milestone (payMilestone) and the member's
 * first-ever check-in, which may reward the friend who invited them (rewardInviter), are paid in
 * the check-in's transaction; other check-ins skip both unread.
 */
export async function doCheckin(
  ctx: UseCaseContext,
  actor: Actor,
  params: { scene?: number; groupData?: undefined },
): Promise<CheckinResult>;
export async function doCheckin(
  ctx: UseCaseContext,
  actor: Actor,
  params: { scene?: number; groupData?: GroupData },
): Promise<CheckinResult | Failure>;
export async function doCheckin(
  ctx: UseCaseContext,
  actor: Actor,
  params: { scene?: number; groupData?: GroupData },
): Promise<CheckinResult | Failure> {
  const groupId = await groupOf(ctx, actor, params.groupData);
  if (groupId instanceof Failure) return groupId;
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  const hint = actor.latestCheckin;
  if (hint?.day === today) return repeatedCheckin(ctx, actor, today, groupId);
  let prev = hint !== undefined && (hint === null || hint.day < today) ? hint : await latestBefore(ctx, actor, today);
  const origin = { scene: params.scene ?? null, groupId };
  for (let attempt = 1; attempt <= 3; attempt++) {
    const written = await writeCheckin(ctx, actor, origin, today, prev);
    if (written) return written;
    const { rows } = await ctx.db.query('select 1 from checkins where member_id = $1 and day = $2::date', [actor.memberId, today]);
    if (rows[0]) return repeatedCheckin(ctx, actor, today, groupId);
    prev = await latestBefore(ctx, actor, today);
  }
  throw new Error(`check-in of member ${actor.memberId} kept racing with other writes`);
}

/** Today was already checked in: the member was still seen in the group they came from. */
async function repeatedCheckin(ctx: UseCaseContext, actor: Actor, today: string, groupId: string | null): Promise<CheckinResult> {
  if (groupId) await recordGroupVisit(ctx.db, ctx, groupId, actor.memberId);
  return todaysResult(ctx, actor, today);
}

async function latestBefore(ctx: UseCaseContext, actor: Actor, today: string): Promise<DayStreak | null> {
  const { rows } = await ctx.db.query<DayStreak>(
    'select day, streak from checkins where member_id = $1 and day < $2::date order by day desc limit 1',
    [actor.memberId, today],
  );
  return rows[0] ?? null;
}

/** Writes today's check-in after `prev`, or answers null when nothing was written. */
async function writeCheckin(
  ctx: UseCaseContext,
  actor: Actor,
  origin: { scene: number | null; groupId: string | null },
  today: string,
  prev: DayStreak | null,
): Promise<CheckinResult | null> {
  const { brand } = ctx;
  const streak = streakOnCheckin(prev, today);
  const memberDay = isMemberDay(today, brand.memberDay);
  const tier = brand.tiers.find((t) => t.key === actor.tier)!;
  const reward = checkinReward(streak, brand.checkin, pointsMultipliers(tier.benefits, memberDay));
  const growth = brand.growth.perCheckin;
  const chanceIds = Array.from({ length: reward.lotteryChances }, (_, i) => `${actor.memberId}:${today}:${i + 1}`);
  const write = (db: Queryable) =>
    db.query<{ balance: number; growth: number; group_points: number }>(
      `with inserted as (
       insert into checkins (member_id, day, streak, points, scene, group_id, created_at)
       select $1, $2, $3, $4, $5, $13, $6
       -- only while the latest check-in before today is still the one the streak was computed from
       where coalesce((select day::text || ':' || streak from checkins where member_id = $1 and day < $2::date
                       order by day desc limit 1), '') = $12
       on conflict (member_id, day) do nothing
       returning member_id
     ), visit as (
       insert into group_visits (group_id, member_id, day)
       select $13, $1, $2 from inserted where $13::text is not null
       on conflict do nothing
       returning member_id
     ), group_points as (
       -- 社群积分 from a group: the day's presence on a first visit, and the bonus for checking in from it.
       select $14::int as points, book_group_points($1, $14, 'presence', $16, $13, null, $6) as booked from visit where $14 > 0
       union all
       select $15::int, book_group_points($1, $15, 'checkin', $16, $13, null, $6) from inserted where $13::text is not null and $15 > 0
     ), chances as (
       insert into lottery_chances (member_id, source, source_id, granted_at)
       select $1, 'checkin', chance_id, $6 from inserted, unnest($7::text[]) as chance_id
     ), growth as (
       select book_growth($1, $10, 'checkin', $8, $2, $6, $11) as growth from inserted
     ), base as (
       select case when $4 > 0 then book_points($1, $4, 'checkin', $8, null, $6, $9, null) end as balance
       from inserted
     )
     select coalesce(base.balance, (select points_balance from members where id = $1)) as balance, growth.growth,
       -- Read, so that the group points are booked (an unread select in WITH never runs).
       (select coalesce(sum(points) filter (where booked is not null), 0)::int from group_points) as group_points
     from base, growth`,
    [
      actor.memberId,
      today,
      streak,
      reward.points,
      origin.scene,
      ctx.now,
      chanceIds,
      `${actor.memberId}:${today}`,
      lotExpiresOn(today, brand.points.expiryMonths),
      growth,
      growthWindowStart(today, brand.growth.windowMonths),
      prev ? `${prev.day}:${prev.streak}` : '',
      origin.groupId,
      groupPointsEarned(brand.groupPoints, 'presence'),
      groupPointsEarned(brand.groupPoints, 'checkin'),
      // The day again, as the group points ledger's text key ($2 is a date).
      today,
    ],
  );
  // A streak milestone (a few days a year), and the inviter's reward on a member's first-ever
  // check-in (once per member), write in the same transaction; other check-ins need none.
  const milestone = reward.milestone;
  const firstEver = prev === null;
  const { rows, paid } =
    milestone || firstEver
      ? await ctx.db.transaction(async (tx) => {
          const written = await write(tx);
          if (!written.rows[0]) return { rows: written.rows, paid: null };
          const paid: MilestonePayout | null = milestone
            ? await payMilestone(tx, ctx, { memberId: actor.memberId, milestone, runStart: addDays(today, 1 - streak), today })
            : null;
          if (firstEver) await rewardInviter(tx, ctx, actor.memberId, 'first_checkin', `${actor.memberId}:${today}`);
          return { rows: written.rows, paid };
        })
      : { rows: (await write(ctx.db)).rows, paid: null };
  const row = rows[0];
  if (!row) return null;
  const upgraded = await upgradeIfReached(ctx.db, brand, actor, row.growth, today);
  return {
    date: today,
    alreadyCheckedIn: false,
    pointsGained: reward.points,
    milestone: milestone && { days: milestone.days, bonusPoints: milestone.bonusPoints, couponName: paid?.couponName ?? null },
    groupPointsGained: row.group_points,
    lotteryChances: reward.lotteryChances,
    memberDay,
    streak,
    balance: paid?.balance ?? row.balance,
    upgradedTo: upgraded && { key: upgraded.key, name: upgraded.name },
  };
}

/** What today's check-in gave (it was already made). */
async function todaysResult(ctx: UseCaseContext, actor: Actor, today: string): Promise<CheckinResult> {
  const { rows } = await ctx.db.query<{ streak: number; points: number; points_balance: number; chances: number; group_points: number }>(
    `select c.streak, c.points, m.points_balance,
       (select count(*)::int from lottery_chances where member_id = $1 and source_id like $3) as chances,
       -- The group points the check-in's own statement booked: same day, same group, same time.
       (select coalesce(sum(l.delta), 0)::int from group_points_ledger l
         where l.member_id = $1 and l.source in ('presence', 'checkin') and l.source_key = $4
           and l.group_id = c.group_id and l.created_at = c.created_at) as group_points
     from checkins c join members m on m.id = c.member_id
     where c.member_id = $1 and c.day = $2::date`,
    [actor.memberId, today, `${actor.memberId}:${today}:%`, today],
  );
  const existing = rows[0]!;
  return {
    date: today,
    alreadyCheckedIn: true,
    pointsGained: existing.points,
    milestone: await paidMilestone(ctx, actor, today, existing.streak),
    groupPointsGained: existing.group_points,
    lotteryChances: existing.chances,
    memberDay: isMemberDay(today, ctx.brand.memberDay),
    streak: existing.streak,
    balance: existing.points_balance,
    upgradedTo: null,
  };
}

/** The milestone bonus (and coupon) today's check-in paid, if it reached one. */
async function paidMilestone(ctx: UseCaseContext, actor: Actor, today: string, streak: number) {
  const { rows } = await ctx.db.query<{ delta: number; coupon_name: string | null }>(
    `select l.delta,
       (select t.name from coupons c join coupon_templates t on t.id = c.template_id
         where c.source = 'milestone' and c.source_id = l.source_id) as coupon_name
     from points_ledger l where l.source = 'streak_bonus' and l.source_id = $1`,
    [milestoneSourceId(actor.memberId, streak, addDays(today, 1 - streak))],
  );
  return rows[0] ? { days: streak, bonusPoints: rows[0].delta, couponName: rows[0].coupon_name } : null;
}
