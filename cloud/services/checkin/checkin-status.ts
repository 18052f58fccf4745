import type { CheckinStatus } from '../../contract';
import { addDays, businessDay, daysOfMonth, monthOf } from '../../domain/business-day';
import { monthCalendar } from '../../domain/calendar';
import { checkinReward, nextMilestone } from '../../domain/checkin-rules';
import { makeupCapMonth, makeupEligibleDays, makeupWindowStart } from '../../domain/makeup';
import { isMemberDay, memberDayMultiplier, pointsMultipliers } from '../../domain/member-day';
import { currentStreak, type DayStreak } from '../../domain/streak';
import type { Actor, UseCaseContext } from '../context';

/** The member's own check-in page, or the one an admin looks at (their tier and join day decide it). */
export async function getCheckinStatus(
  ctx: UseCaseContext,
  member: Pick<Actor, 'memberId' | 'tier' | 'joinedAt'>,
  params: { month?: string },
): Promise<CheckinStatus> {
  const { brand } = ctx;
  const rules = brand.checkin;
  const today = businessDay(ctx.now, brand.timeZone);
  const month = params.month ?? monthOf(today);
  const days = daysOfMonth(month);
  const windowStart = makeupWindowStart(today, rules.makeupWindowDays);
  const [checked, latest, makeups] = await Promise.all([
    // The shown month, and the 补签 window (which may reach into last month).
    ctx.db.query<{ day: string; kind: 'checkin' | 'makeup' }>(
      `select day, kind from checkins
       where member_id = $1 and (day between $2::date and $3::date or day between $4::date and $5::date)`,
      [member.memberId, days[0], days[days.length - 1], windowStart, addDays(today, -1)],
    ),
    ctx.db.query<DayStreak>(
      'select day, streak from checkins where member_id = $1 and day <= $2::date order by day desc limit 1',
      [member.memberId, today],
    ),
    ctx.db.query<{ used: number }>('select used from makeup_member_months where member_id = $1 and month = $2::date', [
      member.memberId,
      `${makeupCapMonth(today)}-01`,
    ]),
  ]);
  const last = latest.rows[0] ?? null;
  const checkedInToday = last?.day === today;
  const streak = currentStreak(last, today);
  const benefits = brand.tiers.find((t) => t.key === member.tier)!.benefits;
  const memberDay = isMemberDay(today, brand.memberDay);
  const joinedOn = businessDay(member.joinedAt, brand.timeZone);
  const kinds = new Map(checked.rows.map((r) => [r.day, r.kind]));
  return {
    today,
    checkedInToday,
    streak,
    pointsPerCheckin: checkinReward(streak, rules, pointsMultipliers(benefits, memberDay)).points,
    memberDay,
    memberDayMultiplier: memberDayMultiplier(today, brand.memberDay, benefits.memberDayMultiplier),
    nextMilestone: nextMilestone(streak, rules.milestones),
    makeup: {
      remainingThisMonth: Math.max(0, rules.makeupPerMonth - (makeups.rows[0]?.used ?? 0)),
      perMonth: rules.makeupPerMonth,
      costPoints: rules.makeupCostPoints,
      windowDays: rules.makeupWindowDays,
      days: makeupEligibleDays(today, rules.makeupWindowDays, joinedOn, new Set(kinds.keys())),
    },
    month,
    days: monthCalendar(month, today, joinedOn, kinds),
  };
}
