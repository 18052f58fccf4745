import type { CheckinResult } from '../../contract';
import { addDays, businessDay } from '../../domain/business-day';
import { checkinReward, type Milestone } from '../../domain/checkin-rules';
import type { Queryable } from '../../db/port';
import { isMemberDay, memberDayMultiplier } from '../../domain/member-day';
import { lotExpiresOn } from '../../domain/points-expiry';
import { streakOnCheckin, type DayStreak } from '../../domain/streak';
import { growthWindowStart } from '../../domain/tiers';
import { upgradeIfReached } from '../tiers/upgrade-tier';
import type { Actor, UseCaseContext } from '../context';
import { issueCoupon } from '../coupons/issue-coupon';
import { Failure } from '../failure';
import { rewardInviter } from '../referral/reward-inviter';
import type { GroupData } from '../../adapters/groups/group-decoder';
import { groupOf, recordGroupVisit } from '../sharing/group-visits';
import { milestoneSourceId } from './milestone-source';

/**
 * Today's check-in: the check-in row (unique per member and day), its points and any streak
 * milestone bonus through book_points(), its lottery chances and growth value — one statement,
 * so one transaction and, with the member's latest check-in read when the request resolved the
 * member, one round trip on the hot path. The statement writes only while that latest check-in
 * is still the latest before today (otherwise it is read again and the write retried), so the
 * streak the domain computed is right. An upgrade, when the growth reaches a higher tier, is a
 * second, conditional update. A second call the same day answers with today's result and
 * changes nothing: the primary key decides, so concurrent taps credit once.
 *
 * From a group card (groupData), the group is read first (unreadable: GROUP_DATA_INVALID, nothing
 * written) and the check-in records it. The member's first-ever check-in may reward the friend who
 * invited them (rewardInviter), in the check-in's transaction; later check-ins skip it unread.
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
  const reward = checkinReward(streak, brand.checkin, [
    tier.benefits.pointsMultiplier,
    memberDayMultiplier(today, brand.memberDay, tier.benefits.memberDayMultiplier),
  ]);
  const growth = brand.growth.perCheckin;
  const bonus = reward.milestone?.bonusPoints ?? 0;
  const chanceIds = Array.from({ length: reward.lotteryChances }, (_, i) => `${actor.memberId}:${today}:${i + 1}`);
  const write = (db: Queryable) =>
    db.query<{ balance: number; growth: number }>(
      `with inserted as (
       insert into checkins (member_id, day, streak, points, scene, group_id, created_at)
       select $1, $2, $3, $4, $5, $15, $6
       -- only while the latest check-in before today is still the one the streak was computed from
       where coalesce((select day::text || ':' || streak from checkins where member_id = $1 and day < $2::date
                       order by day desc limit 1), '') = $14
       on conflict (member_id, day) do nothing
       returning member_id
     ), visit as (
       insert into group_visits (group_id, member_id, day)
       select $15, $1, $2 from inserted where $15::text is not null
       on conflict do nothing
     ), chances as (
       insert into lottery_chances (member_id, source, source_id, granted_at)
       select $1, 'checkin', chance_id, $6 from inserted, unnest($7::text[]) as chance_id
     ), growth as (
       insert into growth_ledger (member_id, amount, source, source_id, day, created_at)
       select $1, $12, 'checkin', $8, $2, $6 from inserted where $12 > 0
     ), base as (
       select case when $4 > 0 then book_points($1, $4, 'checkin', $8, null, $6, $9, null) end as balance
       from inserted
     )
     select coalesce(
       case when $10 > 0 then book_points($1, $10, 'streak_bonus', $11, null, $6, $9, null) end,
       base.balance,
       (select points_balance from members where id = $1)
     ) as balance,
     -- The statement's snapshot does not see its own growth row: add it.
     (select coalesce(sum(amount), 0)::int from growth_ledger where member_id = $1 and day between $13::date and $2::date) + $12
       as growth
     from base`,
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
      bonus,
      reward.milestone ? milestoneSourceId(actor.memberId, reward.milestone.days, addDays(today, 1 - streak)) : null,
      growth,
      growthWindowStart(today, brand.growth.windowMonths),
      prev ? `${prev.day}:${prev.streak}` : '',
      origin.groupId,
    ],
  );
  // A milestone that comes with a coupon (rare), and the inviter's reward on a member's first-ever
  // check-in (once per member), write in the same transaction; other check-ins need none.
  const milestoneCoupon = reward.milestone?.couponTemplateId ?? null;
  const firstEver = prev === null;
  let couponName: string | null = null;
  const written =
    milestoneCoupon || firstEver
      ? await ctx.db.transaction(async (tx) => {
          const result = await write(tx);
          if (!result.rows[0]) return result;
          if (milestoneCoupon) couponName = await issueMilestoneCoupon(tx, ctx, actor, milestoneCoupon, reward.milestone!, today, streak);
          if (firstEver) await rewardInviter(tx, ctx, actor.memberId, 'first_checkin', `${actor.memberId}:${today}`);
          return result;
        })
      : await write(ctx.db);
  const row = written.rows[0];
  if (!row) return null;
  const upgraded = await upgradeIfReached(ctx.db, brand, actor, row.growth, today);
  return {
    date: today,
    alreadyCheckedIn: false,
    pointsGained: reward.points,
    milestone: reward.milestone && { days: reward.milestone.days, bonusPoints: reward.milestone.bonusPoints, couponName },
    lotteryChances: reward.lotteryChances,
    memberDay,
    streak,
    balance: row.balance,
    upgradedTo: upgraded && { key: upgraded.key, name: upgraded.name },
  };
}

/** What today's check-in gave (it was already made). */
async function todaysResult(ctx: UseCaseContext, actor: Actor, today: string): Promise<CheckinResult> {
  const { rows } = await ctx.db.query<{ streak: number; points: number; points_balance: number; chances: number }>(
    `select c.streak, c.points, m.points_balance,
       (select count(*)::int from lottery_chances where member_id = $1 and source_id like $3) as chances
     from checkins c join members m on m.id = c.member_id
     where c.member_id = $1 and c.day = $2::date`,
    [actor.memberId, today, `${actor.memberId}:${today}:%`],
  );
  const existing = rows[0]!;
  return {
    date: today,
    alreadyCheckedIn: true,
    pointsGained: existing.points,
    milestone: await paidMilestone(ctx, actor, today, existing.streak),
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

/** The milestone's coupon, keyed like its bonus; a template that is gone gives no coupon rather than no check-in. */
async function issueMilestoneCoupon(
  tx: Queryable,
  ctx: UseCaseContext,
  actor: Actor,
  templateId: string,
  milestone: Milestone,
  today: string,
  streak: number,
): Promise<string | null> {
  const coupon = await issueCoupon(tx, ctx.brand, {
    templateId,
    memberId: actor.memberId,
    source: 'milestone',
    sourceId: milestoneSourceId(actor.memberId, milestone.days, addDays(today, 1 - streak)),
    at: ctx.now,
    limitPerMember: false,
  });
  if (coupon instanceof Failure) {
    console.warn(`[checkin] milestone coupon ${templateId} not issued: ${coupon.code}`);
    return null;
  }
  return coupon.name;
}
