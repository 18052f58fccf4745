/** Runs the due jobs every minute in this server process (services/jobs/daily-jobs.ts). */
import { Cron } from 'croner';
import type { Db } from '../db/port';
import { runDueJobs } from '../services/jobs/daily-jobs';
import type { MessageSender } from '../services/reminders/reminder-sender';

export function startScheduler(db: Db, sender: MessageSender, log: (line: string) => void = console.log): Cron {
  return new Cron('* * * * *', { protect: true, name: 'due-jobs' }, async () => {
    try {
      for (const report of await runDueJobs(db, sender)) log(`[jobs] ${report.job}: ${JSON.stringify(report.result)}`);
    } catch (err) {
      console.error('[jobs] failed:', err);
    }
  });
}
