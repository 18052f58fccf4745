/**
 * The nightly SOP run: the day's tasks of every enabled plan, for the members in ranges of ids
 * (keyset batches on the resumable runner: a run that dies resumes after its last committed
 * range). Due with the segmentation run and after it in DAILY_JOBS, so that the 流失预警 and 高价值
 * steps read the night's read model; if that run is late, those steps are caught up the next night
 * (they stay due while the member is in the segment, once per entry).
 */
import type { BatchOutcome, Job, JobContext } from '../jobs/job';
import type { Queryable } from '../../db/port';
import { segmentationJob } from '../segments/segmentation-job';
import { enabledPlans, generateTasks } from './generate-tasks';

export const SOP_TASKS_JOB_NAME = 'sop-tasks';

/** Members per batch: a statement per step over the range, a second or two on PostgreSQL at 1 M members. */
export const SOP_TASKS_BATCH = 50_000;

export async function sopTasksBatch(tx: Queryable, cursor: string | null, ctx: JobContext): Promise<BatchOutcome> {
  const after = cursor ?? '0';
  const { rows } = await tx.query<{ up_to: string | null; n: string }>(
    `select max(id)::text as up_to, count(*) as n from (select id from members where id > $1 order by id limit $2) batch`,
    [after, Math.max(ctx.batchSize, SOP_TASKS_BATCH)],
  );
  const upTo = rows[0]?.up_to ?? null;
  if (upTo === null) return { cursor: null, rows: 0, counts: {} };
  // Simple statements over a range of a million-row table: JIT compiling them costs more than it saves.
  await tx.query('set local jit = off');
  const plans = await enabledPlans(tx);
  const made = await generateTasks(tx, { day: ctx.day, timeZone: ctx.brand.timeZone, now: ctx.now }, { after, upTo }, plans);
  return { cursor: upTo, rows: Number(rows[0]!.n), counts: { tasks: made } };
}

export const sopTasksJob: Job<string> = {
  name: SOP_TASKS_JOB_NAME,
  dueAt: (brand) => segmentationJob.dueAt(brand),
  batch: sopTasksBatch,
};
