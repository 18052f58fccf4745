import type { Queryable } from '../../db/port';
import { startOfBusinessDay } from '../../domain/business-day';
import type { BatchOutcome, JobContext } from '../jobs/job';

/**
 * The evening reminder job, one batch: for the next members (by id, after the cursor) with an
 * unused acceptance from before today (the member asked 明天提醒我) who have not checked in
 * today, one reminder goes into the outbox and one acceptance is used — in one statement, and
 * only if the acceptance is still unused, so it is used exactly once.
 */
export async function queueCheckinRemindersBatch(
  tx: Queryable,
  after: string | null,
  { brand, day, now, batchSize }: JobContext,
): Promise<BatchOutcome> {
  const { rows } = await tx.query<{ scanned: number; last: string | null; queued: number }>(
    `with due as (
       select s.id, s.member_id
       from reminder_subscriptions s
       where s.used_at is null and s.kind = 'checkin' and s.accepted_at < $3 and s.member_id > $4::bigint
         -- one reminder per member: their oldest unused acceptance
         and s.id = (select min(o.id) from reminder_subscriptions o
                     where o.member_id = s.member_id and o.used_at is null and o.kind = 'checkin')
         and not exists (select 1 from checkins c where c.member_id = s.member_id and c.day = $1::date)
       order by s.member_id limit $5
       for update
     ), used as (
       update reminder_subscriptions s set used_at = $2 from due where s.id = due.id and s.used_at is null
       returning s.id, s.member_id
     ), queued as (
       insert into outbox (member_id, kind, subscription_id, payload, created_at)
       select used.member_id, 'checkin_reminder', used.id,
         jsonb_build_object('day', $1::text, 'page', 'pages/checkin/index'), $2
       from used
       returning 1
     )
     select (select count(*)::int from due) as scanned, (select max(member_id)::text from due) as last,
       (select count(*)::int from queued) as queued`,
    [day, now, startOfBusinessDay(day, brand.timeZone), after ?? '0', batchSize],
  );
  const { scanned, last, queued } = rows[0]!;
  return { cursor: scanned < batchSize ? null : last, rows: scanned, counts: { queued } };
}
