/**
 * `segment.recompute`: one segment now, or the whole segmentation run for today. A whole run is
 * the nightly job's run (job_runs 'segmentation', today): a finished one is started over, one in
 * progress is left to its holder; this call works on it for a few seconds and the scheduler's
 * ticks finish it, so a million members never hold up a request.
 */
import type { RecomputeResult } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { asAdmin, recordAudit } from '../audit/record-audit';
import { runJob } from '../jobs/run-job';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { computeSegmentOrRecord } from './compute-segment';
import { segmentationJob, SEGMENTATION_JOB_NAME } from './segmentation-job';
import { segmentView } from './segments';

/** How long a request works on a whole run before the scheduler takes over. */
export const RECOMPUTE_REQUEST_MS = 5_000;

/** An admin's ask to compute again, recorded with what it computed (the nightly job's own runs are not). */
const audit = (tx: Queryable, ctx: UseCaseContext, actor: Actor, segmentId: string | null, day: string) =>
  recordAudit(tx, { actor: asAdmin(actor), at: ctx.now, kind: 'segment.recompute', targetType: 'segment', targetId: segmentId, before: null, after: { scope: segmentId ? 'segment' : 'all', day } });

export async function recompute(ctx: UseCaseContext, actor: Actor, params: { segmentId?: string }): Promise<RecomputeResult | Failure> {
  const day = businessDay(ctx.now, ctx.brand.timeZone);
  if (params.segmentId) {
    const computed = await ctx.db.transaction(async (tx) => {
      const done = await computeSegmentOrRecord(tx, params.segmentId!, ctx.now);
      if (done) await audit(tx, ctx, actor, params.segmentId!, day);
      return done;
    });
    if (!computed) return fail('NOT_FOUND', '分群不存在');
    return { run: null, segment: await segmentView(ctx.db, params.segmentId) };
  }
  // A finished run starts over; the admin's ask is recorded with it.
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `update job_runs set finished_at = null, cursor = null, result = null, batches = 0, rows_done = 0, failed_at = null, last_error = null,
         started_at = $3, claimed_by = null, claimed_until = null
       where job = $1 and day = $2 and finished_at is not null`,
      [SEGMENTATION_JOB_NAME, day, ctx.now],
    );
    await audit(tx, ctx, actor, null, day);
  });
  const report = await runJob(ctx.db, segmentationJob, { brand: ctx.brand, day, now: ctx.now }, { deadline: Date.now() + RECOMPUTE_REQUEST_MS });
  const counts = (report?.result ?? {}) as Record<string, number>;
  return {
    run: {
      day,
      state: report?.run?.state === 'taken-over' || !report ? 'running' : report.run!.state,
      counts,
      error: report?.run?.error ?? null,
    },
    segment: null,
  };
}
