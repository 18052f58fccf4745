/**
 * The nightly KPI rollup: every brand day before today gets its figures stored once
 * (kpi_daily, kpi_daily_guides, kpi_daily_groups), by the statements that compute today's live
 * (day-figures.ts). As a job on the resumable runner ('kpi-rollup', due 00:10 brand time) it walks
 * the days that have no rollup yet, oldest first, one day per batch — yesterday on a normal night;
 * after a pause, an outage or on first deployment, every missing day of the last
 * KPI_BACKFILL_DAYS (never before the first member joined). A day's rows are replaced whole, so
 * rolling a day up again (a retried batch, or by hand) writes the same rows once.
 */
import type { Queryable } from '../../db/port';
import type { BrandSettings } from '../../domain/brand-settings';
import { addDays } from '../../domain/business-day';
import type { DayFigures } from '../../domain/kpis';
import type { BatchOutcome, Job, JobContext } from '../jobs/job';
import { computeDay, dayWindow, groupsDaySql, guidesDaySql } from './day-figures';
import { oneAtATime } from './reads';

export const KPI_ROLLUP_JOB = 'kpi-rollup';

/** How far back a run fills days that were never rolled up: a year and a period before it. */
export const KPI_BACKFILL_DAYS = 400;

/** Rolls up one past brand day: its figures, its guides and its groups, replacing what was there. */
export async function rollupDay(tx: Queryable, day: string, brand: BrandSettings, now: Date): Promise<DayFigures> {
  const before = await tx.query<{ figures: DayFigures }>(`select figures from kpi_daily where day = $1::date - 1`, [day]);
  const { figures, bits } = await computeDay(oneAtATime(tx), day, brand, { now, previous: before.rows[0]?.figures ?? null, rollup: true });
  const w = dayWindow(day, brand.timeZone);
  // Today's live windows (WAU, MAU, paying members of 7 and 30 days) start from the latest day's bitmaps; a week of them is kept.
  await tx.query(
    `insert into kpi_window_bits (day, visited6, visited29, paid6, paid29) values ($1, $2, $3, $4, $5)
     on conflict (day) do update set visited6 = excluded.visited6, visited29 = excluded.visited29, paid6 = excluded.paid6, paid29 = excluded.paid29`,
    [day, bits!.visited.d6, bits!.visited.d29, bits!.paid.d6, bits!.paid.d29],
  );
  await tx.query(`delete from kpi_window_bits where day < $1::date - 7`, [day]);
  await tx.query(`delete from kpi_daily_guides where day = $1`, [day]);
  await tx.query(`insert into kpi_daily_guides (day, guide_id, shares, clicks, orders, gmv_fen) ${guidesDaySql()}`, [day, w.start, w.end]);
  await tx.query(`delete from kpi_daily_groups where day = $1`, [day]);
  await tx.query(`insert into kpi_daily_groups (day, group_id, active_members, clicks, orders, gmv_fen) ${groupsDaySql()}`, [day, w.start, w.end]);
  await tx.query(
    `insert into kpi_daily (day, figures, computed_at) values ($1, $2::jsonb, $3)
     on conflict (day) do update set figures = excluded.figures, computed_at = excluded.computed_at`,
    [day, JSON.stringify(figures), now],
  );
  return figures;
}

/** The first day after `after` (or from `floor`) up to `last` without a rollup; null when none. */
async function nextMissingDay(tx: Queryable, from: string, last: string, timeZone: string): Promise<string | null> {
  if (from > last) return null;
  const { rows } = await tx.query<{ day: string | null }>(
    `select min(d)::date as day
     from generate_series(greatest($1::date, (select (min(created_at) at time zone $3)::date from members)), $2::date, interval '1 day') d
     where not exists (select 1 from kpi_daily k where k.day = d::date)`,
    [from, last, timeZone],
  );
  return rows[0]?.day ?? null;
}

/** One batch: the next day without a rollup, up to yesterday. The cursor is the day done. */
export async function kpiRollupBatch(tx: Queryable, cursor: string | null, ctx: JobContext, backfillDays = KPI_BACKFILL_DAYS): Promise<BatchOutcome> {
  const from = cursor ? addDays(cursor, 1) : addDays(ctx.day, -backfillDays);
  const day = await nextMissingDay(tx, from, addDays(ctx.day, -1), ctx.brand.timeZone);
  if (!day) return { cursor: null, rows: 0, counts: {} };
  await rollupDay(tx, day, ctx.brand, ctx.now);
  return { cursor: day, rows: 1, counts: { days: 1 } };
}

/** The job; `backfillDays` bounds how far back it fills (the bench fills only what it measures). */
export function kpiRollupJob(options: { backfillDays?: number } = {}): Job<string> {
  return {
    name: KPI_ROLLUP_JOB,
    dueAt: () => '00:10',
    batch: (tx, cursor, ctx) => kpiRollupBatch(tx, cursor, ctx, options.backfillDays),
  };
}
