/**
 * The SOP bench's set-up and measures, shared by `npm run bench:sop` (test/bench/sop.ts, 1,000,000
 * members on PostgreSQL) and its small check in the PostgreSQL suite (test/integration/sop-bench.test.ts).
 * The members, guides, orders and read model are the segmentation bench's (segmentation-data.ts);
 * the plans are the defaults a fresh brand has (migration 0023). What is added here: one guide
 * given a crowd of their own (the `guide.tasks` goal speaks of a guide with 5,000 members), a night
 * of task generation on the resumable runner, a hand-written count of what each step should make
 * (the generation's SQL is checked against it, not against itself), and the reference: one
 * INSERT of a row per bound member into a table with a key like the tasks'.
 */
import type { Db, Queryable } from '../../cloud/db/port';
import { addDays, startOfBusinessDay } from '../../cloud/domain/business-day';
import type { BrandSettings } from '../../cloud/domain/brand-settings';
import { runJob } from '../../cloud/services/jobs/run-job';
import { SOP_TASKS_JOB_NAME, sopTasksJob } from '../../cloud/services/sop/sop-tasks-job';

/** Members who can have tasks: role member, not erased, with a guide. */
const BOUND = `m.role = 'member' and m.deleted_at is null and m.guide_id is not null`;

/**
 * Gives the bench's first guide `size` members in all (others' members move to them, keeping when
 * they were bound), so that one guide's list is as long as the goal says. Answers the guide's id.
 */
export async function crowdGuide(db: Queryable, size: number): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`select id::text as id from members where role = 'guide' order by id limit 1`);
  const guideId = rows[0]!.id;
  await db.query(
    `update members m set guide_id = $1 from (
       select id from members m where ${BOUND} and m.guide_id <> $1 order by hashint8(m.id) limit greatest(0, $2 - (select count(*) from members where guide_id = $1))
     ) pick where m.id = pick.id`,
    [guideId, size],
  );
  return guideId;
}

/** A night's generation from scratch: the day's run of the sop-tasks job (the runner, its batches and commits). */
export async function sopNight(db: Db, brand: BrandSettings, day: string): Promise<{ ms: number; tasks: number; batches: number }> {
  await db.query('delete from job_runs where job = $1 and day = $2', [SOP_TASKS_JOB_NAME, day]);
  const started = performance.now();
  const report = await runJob(db, sopTasksJob, { brand, day, now: new Date(`${day}T00:45:00+08:00`) });
  const ms = performance.now() - started;
  if (report?.run?.state !== 'finished') throw new Error(`the SOP run for ${day} did not finish: ${JSON.stringify(report)}`);
  return { ms, tasks: (report.result as { tasks?: number }).tasks ?? 0, batches: report.run.batches };
}

/** Tasks due on the day, by step key. */
export async function tasksByStep(db: Queryable, day: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ step_key: string; n: string }>(
    `select step_key, count(*) as n from sop_tasks where due_on = $1 group by step_key order by step_key`,
    [day],
  );
  return Object.fromEntries(rows.map((r) => [r.step_key, Number(r.n)]));
}

/**
 * What the default plans should make on `day` for the members as they are, counted by hand per
 * step: the bench's data has none of the edge cases (no 29 February birthdays are special-cased
 * here: the bench's day is not 28 February), only the bulk.
 */
export async function expectedByStep(db: Queryable, day: string, timeZone: string): Promise<Record<string, number>> {
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);
  const boundOn = (days: number) =>
    count(`select count(*) as n from members m where ${BOUND} and (m.guide_bound_at at time zone $2)::date = $1::date`, [addDays(day, -days), timeZone]);
  const all = await count(`select count(*) as n from members m where ${BOUND}`);
  const holidays: Record<string, string> = { '03-08': 'womens-day', '06-18': '618', '11-11': 'double-11', '12-12': 'double-12' };
  const expected: Record<string, number> = {
    welcome: await boundOn(0),
    'invite-group': await boundOn(1),
    'revisit-3': await boundOn(3),
    'revisit-7': await boundOn(7),
    'interest-30': await boundOn(30),
    birthday: await count(`select count(*) as n from members m where ${BOUND} and to_char(m.birthday, 'MM-DD') = $1`, [day.slice(5)]),
    'tier-up': await count(`select count(*) as n from members m where ${BOUND} and m.tier <> 'normal' and m.tier_raised_on = $1::date`, [addDays(day, -1)]),
    // Segment steps: members in the segment without that step's task from an earlier night.
    'churn-winback': await count(
      `select count(*) as n from members m join member_facts f on f.member_id = m.id where ${BOUND} and f.churn_risk and f.last_active_on is not null
         and not exists (select 1 from sop_tasks t where t.member_id = m.id and t.step_key = 'churn-winback' and t.due_on < $1)`,
      [day],
    ),
    'high-value': await count(
      `select count(*) as n from members m join member_facts f on f.member_id = m.id where ${BOUND} and f.layer = 'high' and f.layer_since is not null
         and not exists (select 1 from sop_tasks t where t.member_id = m.id and t.step_key = 'high-value' and t.due_on < $1)`,
      [day],
    ),
    'delivered-7': await count(
      `select count(*) as n from orders o join members m on m.id = o.member_id where ${BOUND} and o.status = 'completed'
         and o.completed_at >= $1 and o.completed_at < $2`,
      [startOfBusinessDay(addDays(day, -7), timeZone), startOfBusinessDay(addDays(day, -6), timeZone)],
    ),
  };
  const holiday = holidays[day.slice(5)];
  if (holiday) expected[holiday] = all;
  return Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0));
}

/**
 * The reference: one statement writing a row per bound member into a table keyed like the tasks
 * (member, occurrence) — what a holiday night cannot do with less. The table is made empty first.
 */
export async function referenceInsert(db: Db): Promise<{ ms: number; rows: number }> {
  await db.exec(`drop table if exists bench_sop_reference; create table bench_sop_reference (member_id bigint not null, guide_id bigint not null,
    occurrence text not null, due_on date not null, unique (member_id, occurrence))`);
  const started = performance.now();
  const { rowCount } = await db.query(
    `insert into bench_sop_reference select m.id, m.guide_id, 'reference', current_date from members m where ${BOUND}
     on conflict do nothing`,
  );
  return { ms: performance.now() - started, rows: rowCount };
}

/** Marks some of a guide's tasks of `day` done during the day, as a working guide would have. */
export async function completeSome(db: Queryable, guideId: string, day: string, share: number): Promise<number> {
  const { rowCount } = await db.query(
    `update sop_tasks set status = 'done', done_at = due_at + interval '1 hour', on_time = true
     where guide_id = $1 and due_on = $2 and status = 'open' and abs(hashint8(id) % 1000) < $3`,
    [guideId, day, Math.round(share * 1000)],
  );
  return rowCount;
}

/** p50, p95 and max of a list of milliseconds. */
export function percentiles(ms: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}
