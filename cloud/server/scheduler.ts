/** Runs the due jobs every minute in this server process (services/jobs/daily-jobs.ts). */
import { Cron } from 'croner';
import type { Db } from '../db/port';
import { runDueJobs, type JobPorts } from '../services/jobs/daily-jobs';
import type { JobReport } from '../services/jobs/job';

/**
 * Daily batches a tick may run before it stops and leaves the rest to the next: the per-tick
 * work (unpaid orders, outbox) then still comes every minute while a long run goes on.
 */
const TICK_BUDGET_MS = 45_000;

function describe(report: JobReport): string {
  const run = report.run;
  const progress = run ? ` (${run.state}, ${run.batches} batches, ${run.rows} rows${run.error ? `: ${run.error}` : ''})` : '';
  return `[jobs] ${report.job}: ${JSON.stringify(report.result)}${progress}`;
}

export function startScheduler(db: Db, ports: JobPorts, log: (line: string) => void = console.log): Cron {
  return new Cron('* * * * *', { protect: true, name: 'due-jobs' }, async () => {
    try {
      const reports = await runDueJobs(db, ports, new Date(), { deadline: Date.now() + TICK_BUDGET_MS });
      for (const report of reports) log(describe(report));
    } catch (err) {
      console.error('[jobs] failed:', err);
    }
  });
}
