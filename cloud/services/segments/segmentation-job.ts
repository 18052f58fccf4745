/**
 * The nightly segmentation run, on the resumable job runner (run-job.ts): the read model (updated
 * where it moved since the last night, update-facts.ts, or written afresh in ranges of member
 * ids), then RFM, churn and layers in one pass, then the rule tags, then each
 * saved segment. The cursor names the step and how far it got (null: statistics first, then 'facts:<member id>', 'layers',
 * 'tags', 'segments:<segment id>'), so a run that dies resumes at the step it was in; every step
 * commits with the cursor, so a failed step leaves the previous results readable, and the run's
 * row (job_runs) keeps the error and the milliseconds spent in each step.
 */
import type { Queryable } from '../../db/port';
import type { BatchOutcome, Job, JobContext } from '../jobs/job';
import { applyRuleTags } from './apply-tags';
import { assignLayers } from './assign-layers';
import { computeSegmentOrRecord } from './compute-segment';
import { refreshFacts } from './refresh-facts';
import { beginAfresh, recordFactsState, updatableFrom, updateFacts } from './update-facts';
import { brandRuleTags, dropStaleRuleTagDefinitions, saveRuleTagDefinitions } from './tag-definitions';

export const SEGMENTATION_JOB_NAME = 'segmentation';

/** Members per read-model batch: one statement each, a few seconds on PostgreSQL at most. */
export const FACTS_BATCH = 25_000;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, Math.round(performance.now() - started)];
}

async function factsBatch(tx: Queryable, after: string, ctx: JobContext): Promise<BatchOutcome> {
  if (after === '0') {
    const from = await updatableFrom(tx, ctx.day, ctx.brand.timeZone);
    if (from) {
      const [update, ms] = await timed(() => updateFacts(tx, from, ctx.day, ctx.brand.timeZone));
      await recordFactsState(tx, ctx.day, ctx.now, from.inputs);
      return {
        cursor: 'layers',
        rows: update.listed,
        counts: { facts: update.updated + update.added, factsListed: update.listed, factsDropped: update.dropped, factsMs: ms },
      };
    }
  }
  if (after === '0') await beginAfresh(tx, ctx.day, ctx.now, ctx.brand.timeZone);
  const size = Math.max(ctx.batchSize, FACTS_BATCH);
  const { rows } = await tx.query<{ up_to: string | null; n: string }>(
    `select max(id) as up_to, count(*) as n from (select id from members where id > $1 order by id limit $2) batch`,
    [after, size],
  );
  const upTo = rows[0]?.up_to ?? null;
  if (upTo === null) {
    await recordFactsState(tx, ctx.day, null, null);
    // The layers pass sorts the whole read model: plan it on the statistics of what was just written.
    await tx.query('analyze member_facts');
    return { cursor: 'layers', rows: 0, counts: {} };
  }
  const [written, ms] = await timed(() => refreshFacts(tx, { after, upTo }, ctx.day, ctx.brand.timeZone));
  return { cursor: `facts:${upTo}`, rows: Number(rows[0]!.n), counts: { facts: written, factsAfresh: written, factsMs: ms } };
}

async function segmentsBatch(tx: Queryable, after: string, ctx: JobContext): Promise<BatchOutcome> {
  const { rows } = await tx.query<{ id: string }>(`select id from segments where id > $1 order by id limit 1`, [after]);
  const next = rows[0]?.id;
  if (!next) return { cursor: null, rows: 0, counts: {} };
  const [outcome, ms] = await timed(() => computeSegmentOrRecord(tx, next, ctx.now));
  const failed = outcome !== null && 'error' in outcome;
  return { cursor: `segments:${next}`, rows: 1, counts: { segments: failed ? 0 : 1, segmentsFailed: failed ? 1 : 0, segmentsMs: ms } };
}

/**
 * The tables the read model reads. PostgreSQL's autovacuum keeps their statistics; PGlite has no
 * autovacuum, and on a year of events loaded since the last ANALYZE the read model's statement
 * was planned for empty tables (109 s instead of 3 s for 4,000 members). So the run analyses
 * those never analysed or changed by a tenth since (autovacuum's own rule); where autovacuum
 * keeps up that is none, and ANALYZE of all of them costs seconds at a million members.
 */
const READ_MODEL_INPUTS = [
  'members', 'member_visits', 'checkins', 'orders', 'product_views', 'products', 'categories', 'product_skus',
  'lottery_draws', 'mall_redemptions', 'points_lots', 'points_ledger', 'shares', 'share_clicks', 'referrals', 'group_visits',
  // And what the run reads of its own: the read model (updated, sorted for the layers), the tags
  // (compared with what holds now) and the segments' members (compared with a new version).
  'member_facts', 'member_tags', 'segment_members',
];

async function analyseStaleInputs(tx: Queryable): Promise<void> {
  const { rows } = await tx.query<{ name: string }>(
    `select i.name from unnest($1::text[]) as i (name)
     left join pg_stat_user_tables s on s.relname = i.name and s.schemaname = current_schema()
     where s.relid is null or coalesce(s.last_analyze, s.last_autoanalyze) is null
        or s.n_mod_since_analyze > 50 + 0.1 * s.n_live_tup`,
    [READ_MODEL_INPUTS],
  );
  if (rows.length) await tx.query(`analyze ${rows.map((r) => r.name).join(', ')}`);
}

export async function segmentationBatch(tx: Queryable, cursor: string | null, ctx: JobContext): Promise<BatchOutcome> {
  if (cursor === null) {
    await analyseStaleInputs(tx);
    return { cursor: 'facts:0', rows: 0, counts: {} };
  }
  const [step, at = '0'] = cursor.split(':');
  // No JIT for this transaction: the read model's statement is costed far above the JIT
  // thresholds, and compiling its ~270 functions took 2–5 s of every 4–12 s batch (bench:segments,
  // PostgreSQL 15 with jit on, its default); the other steps gain nothing from it either.
  await tx.query('set local jit = off');
  // The nightly update reads a few thousand members' rows out of tables of millions through their
  // indexes; planned with the default random_page_cost (4, for spinning disks) it hashed whole
  // tables instead (facts 8.6 s → 6.3 s at 200,000 members, bench:segments).
  await tx.query('set local random_page_cost = 1.1');
  // The rule tags' per-member arrays are grouped in memory: with the default 4 MB the grouping
  // spilled to disk at 200,000 members.
  await tx.query("set local work_mem = '64MB'");
  switch (step) {
    case 'facts':
      return factsBatch(tx, at, ctx);
    case 'layers': {
      const [layered, ms] = await timed(() => assignLayers(tx, ctx.brand.segmentation, ctx.day));
      return { cursor: 'tags', rows: 0, counts: { layered: layered.members, movedLayer: layered.moved, layersMs: ms } };
    }
    case 'tags': {
      const [tagged, ms] = await timed(async () => {
        const tags = await brandRuleTags(tx, ctx.brand);
        const rejudge = await saveRuleTagDefinitions(tx, tags);
        const { rows: state } = await tx.query<{ run: number; tags_run: number | null; tags_day: string | null }>(
          'select run, tags_run, tags_day from facts_state',
        );
        const judged = state[0]?.tags_run != null ? { run: state[0].tags_run, day: state[0].tags_day! } : null;
        const applied = await applyRuleTags(tx, tags, ctx.now, judged, rejudge);
        await tx.query('update facts_state set tags_run = run, tags_day = day');
        await dropStaleRuleTagDefinitions(tx, tags);
        return applied;
      });
      return { cursor: 'segments:0', rows: 0, counts: { tagsAdded: tagged.added, tagsRemoved: tagged.removed, tagsMs: ms } };
    }
    case 'segments':
      return segmentsBatch(tx, at, ctx);
    default:
      throw new Error(`unknown segmentation step in cursor ${JSON.stringify(cursor)}`);
  }
}

export const segmentationJob: Job<string> = {
  name: SEGMENTATION_JOB_NAME,
  dueAt: () => '00:30',
  batch: segmentationBatch,
};
