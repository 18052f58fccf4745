import type { CheckinStatus } from '../../contract';
import { businessDay, daysOfMonth, monthOf } from '../../domain/business-day';
import { monthCalendar } from '../../domain/calendar';
import { checkinReward, nextMilestone } from '../../domain/checkin-rules';
import { isMemberDay, memberDayMultiplier, pointsMultipliers } from '../../domain/member-day';
import { currentStreak, type DayStreak } from '../../domain/streak';
import type { Actor, UseCaseContext } from '../context';

export async function getCheckinStatus(
  ctx: UseCaseContext,
  actor: Actor,
  params: { month?: string },
): Promise<CheckinStatus> {
  const { brand } = ctx;
  const today = businessDay(ctx.now, brand.timeZone);
  const month = params.month ?? monthOf(today);
  const days = daysOfMonth(month);
  const thisMonth = daysOfMonth(monthOf(today));
  const [shown, latest, makeups] = await Promise.all([
    ctx.db.query<{ day: string; kind: 'checkin' | 'makeup' }>(
      'select day, kind from checkins where member_id = $1 and day between $2::date and $3::date',
      [actor.memberId, days[0], days[days.length - 1]],
    ),
    ctx.db.query<DayStreak>(
      'select day, streak from checkins where member_id = $1 and day <= $2::date order by day desc limit 1',
      [actor.memberId, today],
    ),
    ctx.db.query<{ n: number }>(
      `select count(*)::int as n from checkins
       where member_id = $1 and kind = 'makeup' and day between $2::date and $3::date`,
      [actor.memberId, thisMonth[0], thisMonth[thisMonth.length - 1]],
    ),
  ]);
  const last = latest.rows[0] ?? null;
  const checkedInToday = last?.day === today;
  const streak = currentStreak(last, today);
  const benefits = brand.tiers.find((t) => t.key === actor.tier)!.benefits;
  const memberDay = isMemberDay(today, brand.memberDay);
  return {
    today,
    checkedInToday,
    streak,
    pointsPerCheckin: checkinReward(streak, brand.checkin, pointsMultipliers(benefits, memberDay)).points,
    memberDay,
    memberDayMultiplier: memberDayMultiplier(today, brand.memberDay, benefits.memberDayMultiplier),
    nextMilestone: nextMilestone(streak, brand.checkin.milestones),
    makeup: {
      remainingThisMonth: Math.max(0, brand.checkin.makeupPerMonth - makeups.rows[0]!.n),
      costPoints: brand.checkin.makeupCostPoints,
    },
    month,
    days: monthCalendar(
      month,
      today,
      businessDay(actor.joinedAt, brand.timeZone),
      new Map(shown.rows.map((r) => [r.day, r.kind])),
    ),
  };
}
