import type { MakeupResult } from '../../contract';
import { addDays, businessDay } from '../../domain/business-day';
import { makeupCapMonth, makeupRefusal, makeupRun } from '../../domain/makeup';
import { fail, transactionOrFailure, type Failure } from '../failure';
import type { Actor, UseCaseContext } from '../context';
import { bookPoints } from '../points/book-points';
import { rewardInviter } from '../referral/reward-inviter';
import { payMilestone } from './pay-milestone';

const REFUSAL_CODES = {
  NOT_PAST: 'MAKEUP_NOT_PAST',
  OUT_OF_WINDOW: 'MAKEUP_OUT_OF_WINDOW',
  BEFORE_JOIN: 'MAKEUP_BEFORE_JOIN',
  ALREADY_CHECKED: 'MAKEUP_ALREADY_CHECKED',
} as const;

/**
 * 补签 a missed day of the last N days (makeupRefusal), this month's or last month's: take one
 * of this month's 补签 (makeupCapMonth) by a conditional upsert, pay the points, add the day,
 * re-number the streak of the days after it (makeupRun), and pay any milestone the joined run
 * now reaches, its bonus and its coupon (payMilestone; and, for a first-ever check-in, the
 * inviter's reward). One transaction, with the member row locked first so that check-ins and
 * other make-ups of this member wait.
 */
export async function makeupCheckin(
  ctx: UseCaseContext,
  actor: Actor,
  params: { date: string },
): Promise<MakeupResult | Failure> {
  const { brand } = ctx;
  const rules = brand.checkin;
  const today = businessDay(ctx.now, brand.timeZone);
  const date = params.date;
  return transactionOrFailure(ctx.db, async (tx) => {
    await tx.query('select 1 from members where id = $1 for update', [actor.memberId]);
    const { rows } = await tx.query<{ day: string; streak: number }>(
      'select day, streak from checkins where member_id = $1 and day between $2::date and $3::date order by day',
      [actor.memberId, addDays(date, -1), today],
    );
    const refusal = makeupRefusal({
      date,
      today,
      windowDays: rules.makeupWindowDays,
      joinedOn: businessDay(actor.joinedAt, brand.timeZone),
      alreadyChecked: rows.some((r) => r.day === date),
    });
    if (refusal === 'OUT_OF_WINDOW') return fail('MAKEUP_OUT_OF_WINDOW', `只能补签最近 ${rules.makeupWindowDays} 天内漏签的日期`);
    if (refusal) return fail(REFUSAL_CODES[refusal]);

    // The monthly cap, in SQL: concurrent 补签 of one member can never take more than the cap.
    const counted = await tx.query<{ used: number }>(
      `insert into makeup_member_months (member_id, month, used) select $1, $2::date, 1 where $3::int > 0
       on conflict (member_id, month) do update set used = makeup_member_months.used + 1
       where makeup_member_months.used < $3::int
       returning used`,
      [actor.memberId, `${makeupCapMonth(today)}-01`, rules.makeupPerMonth],
    );
    const used = counted.rows[0]?.used;
    if (used === undefined) return fail('MAKEUP_LIMIT');

    const paid =
      rules.makeupCostPoints > 0
        ? await bookPoints(tx, {
            memberId: actor.memberId,
            delta: -rules.makeupCostPoints,
            source: 'makeup',
            sourceId: `${actor.memberId}:${date}`,
            at: ctx.now,
          })
        : (await tx.query<{ b: number }>('select points_balance as b from members where id = $1', [actor.memberId])).rows[0]!.b;
    if (paid === null) return fail('INSUFFICIENT_POINTS', `补签需要 ${rules.makeupCostPoints} 积分，积分不足`);

    const run = makeupRun(rows, date, today, rules.milestones);
    await tx.query(
      `insert into checkins (member_id, day, streak, points, kind, created_at) values ($1, $2, $3, 0, 'makeup', $4)`,
      [actor.memberId, date, run.streak, ctx.now],
    );
    // A member whose first-ever check-in is a make-up settles their invite with it.
    const { rows: others } = await tx.query('select 1 from checkins where member_id = $1 and day <> $2::date limit 1', [actor.memberId, date]);
    if (!others[0]) await rewardInviter(tx, ctx, actor.memberId, 'first_checkin', `${actor.memberId}:${date}`);
    if (run.renumbered.length) {
      await tx.query(
        `update checkins c set streak = v.streak
         from unnest($2::date[], $3::int[]) as v(day, streak)
         where c.member_id = $1 and c.day = v.day`,
        [actor.memberId, run.renumbered.map((a) => a.day), run.renumbered.map((a) => a.streak)],
      );
    }
    let balance = paid;
    for (const milestone of run.unlocked) {
      const payout = await payMilestone(tx, ctx, { memberId: actor.memberId, milestone, runStart: run.runStart, today });
      balance = payout.balance ?? balance;
    }
    return {
      date,
      costPoints: rules.makeupCostPoints,
      streak: run.streakNow,
      balance,
      remainingThisMonth: rules.makeupPerMonth - used,
    };
  });
}
