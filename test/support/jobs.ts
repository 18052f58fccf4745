/** Runs a daily job's batches from the start to the end, outside the daily record (job_runs). */
import type { Db } from '@cloud/db/port';
import type { BrandSettings } from '@cloud/services/context';
import { BATCH_SIZE, type Job } from '@cloud/services/jobs/job';
import { businessDay } from '@cloud/domain/business-day';

export async function runToEnd(db: Db, batch: Job['batch'], brand: BrandSettings, now: Date, batchSize = BATCH_SIZE) {
  const ctx = { brand, day: businessDay(now, brand.timeZone), now, batchSize };
  const totals: Record<string, number> = {};
  let cursor: string | null = null;
  do {
    const outcome = await db.transaction((tx) => batch(tx, cursor, ctx));
    for (const [key, value] of Object.entries(outcome.counts)) totals[key] = (totals[key] ?? 0) + value;
    cursor = outcome.cursor;
  } while (cursor !== null);
  return totals;
}
