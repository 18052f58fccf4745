import type { Db } from '../../db/port';
import { businessDay, startOfBusinessDay } from '../../domain/business-day';
import type { BrandSettings } from '../context';

/**
 * The evening reminder job: for each member with an unused acceptance from before today (the
 * member asked 明天提醒我) who has not checked in today, one reminder goes into the outbox and
 * one acceptance is used. One statement per
 * batch: an acceptance is used exactly once even if two instances run the job.
 */
export async function queueCheckinReminders(db: Db, brand: BrandSettings, now: Date): Promise<{ queued: number }> {
  const today = businessDay(now, brand.timeZone);
  const { rows } = await db.query<{ n: number }>(
    `with due as (
       select s.id, s.member_id
       from reminder_subscriptions s
       where s.used_at is null and s.kind = 'checkin' and s.accepted_at < $3
         -- one reminder per member: their oldest unused acceptance
         and s.id = (select min(o.id) from reminder_subscriptions o
                     where o.member_id = s.member_id and o.used_at is null and o.kind = 'checkin')
         and not exists (select 1 from checkins c where c.member_id = s.member_id and c.day = $1::date)
       for update skip locked
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
     select count(*)::int as n from queued`,
    [today, now, startOfBusinessDay(today, brand.timeZone)],
  );
  return { queued: rows[0]!.n };
}
