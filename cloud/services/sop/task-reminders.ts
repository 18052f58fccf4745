/**
 * 「今日任务」 reminders for guides: an acceptance of WeChat's one-time subscription is one
 * message, sent by the daily job through the outbox (its unique subscription_id: once per
 * acceptance, whatever the number of runs).
 */
import type { Queryable } from '../../db/port';
import { startOfBusinessDay } from '../../domain/business-day';
import { SOP_TASKS_REMINDER_KIND, SOP_TASKS_REMINDER_PAGE } from '../../adapters/messages/message-sender';
import type { Actor, UseCaseContext } from '../context';
import type { BatchOutcome, Job, JobContext } from '../jobs/job';

/** Records an acceptance (the client asks WeChat first and calls only when the guide accepted). */
export async function subscribeTasks(ctx: UseCaseContext, actor: Actor): Promise<{ subscribed: true }> {
  await ctx.db.query(`insert into reminder_subscriptions (member_id, kind, accepted_at) values ($1, 'tasks', $2)`, [actor.memberId, ctx.now]);
  return { subscribed: true };
}

/**
 * One batch of the morning run: for the next guides (by id, after the cursor) with an unused
 * acceptance, those with open tasks today (due today or overdue and still in their window) get
 * 「今日 N 条任务」 in the outbox and their oldest acceptance is used, in one statement and only if
 * it is still unused. A guide with nothing to do keeps the acceptance for another day. An
 * acceptance given today waits for tomorrow morning (the page says 明早 9 点).
 */
export async function queueTaskRemindersBatch(tx: Queryable, after: string | null, { brand, day, now, batchSize }: JobContext): Promise<BatchOutcome> {
  const { rows } = await tx.query<{ scanned: number; last: string | null; queued: number }>(
    `with due as (
       select s.id, s.member_id
       from reminder_subscriptions s
       where s.used_at is null and s.kind = 'tasks' and s.accepted_at < $7 and s.member_id > $3::bigint
         and s.id = (select min(o.id) from reminder_subscriptions o
                     where o.member_id = s.member_id and o.used_at is null and o.kind = 'tasks')
       order by s.member_id limit $4
       for update
     ), counted as (
       select due.id, due.member_id, n.open
       from due cross join lateral (
         select count(*)::int as open from sop_tasks k
         where k.guide_id = due.member_id and k.status = 'open' and k.expires_on >= $1::date and k.due_on <= $1::date
       ) n
       where n.open > 0
     ), used as (
       update reminder_subscriptions s set used_at = $2 from counted where s.id = counted.id and s.used_at is null
       returning s.id, s.member_id, counted.open
     ), queued as (
       insert into outbox (member_id, kind, subscription_id, payload, created_at)
       select used.member_id, $5, used.id, jsonb_build_object('day', $1::text, 'page', $6::text, 'count', used.open), $2
       from used
       returning 1
     )
     select (select count(*)::int from due) as scanned, (select max(member_id)::text from due) as last,
       (select count(*)::int from queued) as queued`,
    [day, now, after ?? '0', batchSize, SOP_TASKS_REMINDER_KIND, SOP_TASKS_REMINDER_PAGE, startOfBusinessDay(day, brand.timeZone)],
  );
  const { scanned, last, queued } = rows[0]!;
  return { cursor: scanned < batchSize ? null : last, rows: scanned, counts: { queued } };
}

/** In the morning (brand time), when a guide plans the day. */
export const sopTaskRemindersJob: Job = { name: 'sop-task-reminders', dueAt: () => '09:00', batch: queueTaskRemindersBatch };
