/**
 * What a scheduled job is: a walk over a key space (member ids, say) in batches. The runner
 * (run-job.ts) calls `batch` inside the transaction that also records the cursor the batch
 * returns, so a batch's writes and the cursor's advance commit together: a run that dies
 * resumes after its last committed batch and never applies a batch twice.
 */
import type { Queryable } from '../../db/port';
import type { BrandSettings } from '../context';

/** A cursor is stored as jsonb: any JSON value (a member id, or a tuple of keys). */
export type JobCursor = string | number | boolean | JobCursor[] | { [key: string]: JobCursor };

/**
 * Keys per batch. A batch of 1,000 members takes tens to a few hundred milliseconds on
 * PostgreSQL: row locks are held briefly, several batches fit the 3 s a WeChat timer call has
 * by default, and a million members are a thousand commits.
 */
export const BATCH_SIZE = 1_000;

export interface JobContext {
  brand: BrandSettings;
  /** The brand-time day ('YYYY-MM-DD') the run is for: a run resumed at a later tick still works for it. */
  day: string;
  /** The clock of the tick running this batch (what gets recorded as the time of the writes). */
  now: Date;
  /** How many keys the batch takes at most. */
  batchSize: number;
}

export interface BatchOutcome<C extends JobCursor = string> {
  /** Where the next batch starts (the last key done); null when the run is complete. */
  cursor: C | null;
  /** Keys this batch walked past: the run's progress. */
  rows: number;
  /** What this batch did; the runner adds them up over the run into job_runs.result. */
  counts: Record<string, number>;
}

export interface Job<C extends JobCursor = string> {
  /** Unique among jobs: the run's key in job_runs together with the day. */
  name: string;
  /** Brand-time 'HH:mm' from which the job is due each day. */
  dueAt(brand: BrandSettings): string;
  /** Jobs whose run of the same day must have finished first (runs otherwise never wait for one another). */
  after?: readonly string[];
  /** One batch after `cursor` (null: from the start), in the transaction that records its outcome. */
  batch(tx: Queryable, cursor: C | null, ctx: JobContext): Promise<BatchOutcome<C>>;
}

/** How far a daily run got in one call of the runner. */
export type RunState = 'finished' | 'paused' | 'failed' | 'taken-over';

/** What one tick did, job by job: daily runs with their progress, per-tick work with its result. */
export interface JobReport {
  job: string;
  /** A daily run: its counts so far, over all its batches. */
  result: unknown;
  run?: {
    state: RunState;
    /** Batches this call committed. */
    batches: number;
    /** Keys the run has done so far, over all calls. */
    rows: number;
    /** Why the last batch failed (state 'failed'); the cursor stays where the last commit left it. */
    error?: string;
  };
}
