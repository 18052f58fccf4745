/**
 * Runs one daily job's run for a day, batch after batch, resumably. The run is a job_runs row
 * (job, day): an instance claims it with a lease (claimed_by, claimed_until), and every batch
 * renews the lease, does its writes and records the cursor, the counts and the progress in one
 * transaction. So:
 * - a batch is applied once: its writes commit with the cursor's advance or not at all, and a
 *   batch first re-takes the lease row (a row lock), which a slow former holder no longer has;
 * - a run that dies (the process, the connection, a cloud function's timeout) leaves the cursor
 *   of its last commit; when the lease runs out, the next instance continues from there;
 * - a batch that throws is recorded (failed_at, last_error) and keeps the cursor; the same
 *   instance retries on its next tick, others once the lease has run out;
 * - with a deadline the runner stops between batches and releases the lease, and the next tick
 *   (of any instance) continues: how the WeChat timer does as much as fits its time limit.
 * Each job has its own row and lease, so jobs never wait for one another.
 */
import crypto from 'node:crypto';
import type { Db } from '../../db/port';
import type { BrandSettings } from '../context';
import { BATCH_SIZE, type Job, type JobCursor, type JobReport } from './job';

/**
 * A claim holds this long without renewal. Far longer than a batch (it is renewed before each),
 * short enough that a run whose instance died is continued within a few ticks.
 */
export const LEASE_MS = 2 * 60_000;

/** This process. A lease it holds is its own to continue at once (the next tick after a failure). */
const THIS_INSTANCE = crypto.randomUUID();

export interface RunOptions {
  /** Stop starting batches when this moment (by `clock`) would be passed; absent: run to the end. */
  deadline?: number;
  /** Milliseconds for the deadline and for the time that passes during the run (default Date.now). */
  clock?: () => number;
  /** Who claims (default: this process). */
  instance?: string;
  /** Keys per batch (default BATCH_SIZE). */
  batchSize?: number;
}

export interface RunOf {
  brand: BrandSettings;
  /** The brand-time day the run is for. */
  day: string;
  /** The tick's clock. */
  now: Date;
}

type Counts = Record<string, number>;

function addCounts(total: Counts | null, more: Counts): Counts {
  const sum: Counts = { ...total };
  for (const [key, value] of Object.entries(more)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
}

/**
 * Claims the job's run for the day and works through it. Answers null when there is nothing to
 * do here: the run is finished, another instance holds it, or no time is left before the deadline.
 */
export async function runJob<C extends JobCursor>(db: Db, job: Job<C>, run: RunOf, options: RunOptions = {}): Promise<JobReport | null> {
  const clock = options.clock ?? Date.now;
  const instance = options.instance ?? THIS_INSTANCE;
  const ctx = { brand: run.brand, day: run.day, now: run.now, batchSize: options.batchSize ?? BATCH_SIZE };
  const key = [job.name, run.day, instance] as const;
  const started = clock();
  // The run's clock: the tick's time plus what has passed since, so that leases run out in real time.
  const at = () => new Date(run.now.getTime() + clock() - started);
  let slowest = 0;
  const timeLeft = () => options.deadline === undefined || clock() + slowest < options.deadline;

  if (!timeLeft()) return null;
  const claimedAt = at();
  const claimed = await db.query(
    `insert into job_runs (job, day, started_at, claimed_by, claimed_until) values ($1, $2, $4, $3, $5)
     on conflict (job, day) do update set claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
     where job_runs.finished_at is null
       and (job_runs.claimed_by = excluded.claimed_by or job_runs.claimed_until is null or job_runs.claimed_until <= $4)`,
    [...key, claimedAt, new Date(claimedAt.getTime() + LEASE_MS)],
  );
  if (claimed.rowCount === 0) return null;

  let batches = 0;
  let progress: { result: Counts; rows: number } = { result: {}, rows: 0 };
  const report = (state: 'finished' | 'paused' | 'taken-over'): JobReport => ({
    job: job.name,
    result: progress.result,
    run: { state, batches, rows: progress.rows },
  });
  for (;;) {
    const began = clock();
    let done: boolean | null;
    try {
      done = await db.transaction(async (tx) => {
        const held = await tx.query<{ cursor: C | null; result: Counts | null; rows_done: string }>(
          `update job_runs set claimed_until = $4 where job = $1 and day = $2 and claimed_by = $3 and finished_at is null
           returning cursor, result, rows_done`,
          [...key, new Date(at().getTime() + LEASE_MS)],
        );
        const row = held.rows[0];
        if (!row) return null;
        const outcome = await job.batch(tx, row.cursor, ctx);
        if (outcome.cursor !== null && JSON.stringify(outcome.cursor) === JSON.stringify(row.cursor)) {
          throw new Error(`batch ended where it started (cursor ${JSON.stringify(row.cursor)})`);
        }
        const finished = outcome.cursor === null;
        const next = { result: addCounts(row.result, outcome.counts), rows: Number(row.rows_done) + outcome.rows };
        await tx.query(
          `update job_runs set cursor = $3::jsonb, result = $4::jsonb, batches = batches + 1, rows_done = $5,
             progressed_at = $6::timestamptz,
             finished_at = case when $7::boolean then $6::timestamptz end,
             claimed_until = case when $7::boolean then null else claimed_until end
           where job = $1 and day = $2`,
          [job.name, run.day, finished ? null : JSON.stringify(outcome.cursor), JSON.stringify(next.result), next.rows, at(), finished],
        );
        progress = next;
        return finished;
      });
    } catch (err) {
      const error = String((err as Error)?.message ?? err).slice(0, 1_000);
      const recorded = await db.query<{ result: Counts | null; rows_done: string }>(
        `update job_runs set failed_at = $4, last_error = $5 where job = $1 and day = $2 and claimed_by = $3
         returning result, rows_done`,
        [...key, at(), error],
      );
      const row = recorded.rows[0];
      return { job: job.name, result: row?.result ?? {}, run: { state: 'failed', batches, rows: Number(row?.rows_done ?? 0), error } };
    }
    if (done === null) return report('taken-over');
    batches++;
    slowest = Math.max(slowest, clock() - began);
    if (done) return report('finished');
    if (!timeLeft()) {
      await db.query(`update job_runs set claimed_until = null where job = $1 and day = $2 and claimed_by = $3`, key);
      return report('paused');
    }
  }
}
