/** Runs the due jobs every minute in this server process (services/jobs/daily-jobs.ts). */
import { Cron } from 'croner';
import type { Db } from '../db/port';
import { runDueJobs, type JobPorts } from '../services/jobs/daily-jobs';

export function startScheduler(db: Db, ports: JobPorts, log: (line: string) => void = console.log): Cron {
  return new Cron('* * * * *', { protect: true, name: 'due-jobs' }, async () => {
    try {
      for (const report of await runDueJobs(db, ports)) log(`[jobs] ${report.job}: ${JSON.stringify(report.result)}`);
    } catch (err) {
      console.error('[jobs] failed:', err);
    }
  });
}
