/**
 * The scheduled work. Daily jobs (points expiry, tier anniversaries, birthday gifts, check-in
 * reminders, shipped orders completing by themselves) run once per brand-time day after their time, each as a
 * resumable run of keyset batches (run-job.ts: claimed on its own with a lease, its cursor
 * recorded with every batch); unpaid orders past their window are cancelled and the outbox is
 * drained on every tick. A host (the Node server's scheduler, or the WeChat `jobs` timer
 * function) only calls runDueJobs now and then, with a deadline when its time is limited.
 */
import type { Db } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { grantBirthdayGiftsBatch } from '../birthday/grant-birthday-gifts';
import { cancelExpiredOrders } from '../orders/cancel-order';
import { completeShippedOrdersBatch } from '../orders/complete-order';
import type { PaymentProvider } from '../../adapters/payments/payment-provider';
import { expireExports, runExports } from '../exports/run-exports';
import { expirePointsBatch } from '../points/expire-points';
import { deliverOutbox } from '../reminders/deliver-outbox';
import { queueCheckinRemindersBatch } from '../reminders/queue-reminders';
import type { MessageSender } from '../../adapters/messages/message-sender';
import { loadBrandSettings } from '../settings/brand-settings-store';
import { evaluateTierAnniversariesBatch } from '../tiers/evaluate-tiers';
import { kpiRollupJob } from '../kpis/rollup';
import { runSegmentActions } from '../segments/segment-actions';
import { segmentationJob } from '../segments/segmentation-job';
import { sopTasksJob } from '../sop/sop-tasks-job';
import { sopTaskRemindersJob } from '../sop/task-reminders';
import type { Job, JobReport } from './job';
import { runJob, type RunOptions } from './run-job';

export const DAILY_JOBS: Job[] = [
  { name: 'expire-points', dueAt: () => '00:05', batch: expirePointsBatch },
  { name: 'tier-anniversaries', dueAt: () => '00:15', batch: evaluateTierAnniversariesBatch },
  { name: 'birthday-gifts', dueAt: () => '00:30', batch: grantBirthdayGiftsBatch },
  { name: 'checkin-reminders', dueAt: (brand) => brand.checkin.reminderTime, batch: queueCheckinRemindersBatch },
  { name: 'complete-shipped-orders', dueAt: () => '00:40', batch: completeShippedOrdersBatch },
  segmentationJob,
  sopTasksJob,
  // 今日 N 条任务 counts the day's tasks: not before the night's run has made them all.
  { ...sopTaskRemindersJob, after: [sopTasksJob.name] },
  kpiRollupJob(),
];

function brandClock(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
}

/** What the jobs reach outside the database. */
export interface JobPorts {
  sender: MessageSender;
  payments: PaymentProvider | null;
}

/** Whether the runs of `day` a job waits for (`after`) have finished, this tick's included. */
async function haveFinished(db: Db, jobs: readonly string[], day: string): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from job_runs where day = $1 and job = any($2::text[]) and finished_at is not null', [
    day,
    jobs,
  ]);
  return rows[0]!.n === jobs.length;
}

export async function runDueJobs(db: Db, ports: JobPorts, now: Date = new Date(), options: RunOptions = {}): Promise<JobReport[]> {
  const brand = await loadBrandSettings(db);
  const day = businessDay(now, brand.timeZone);
  const clock = brandClock(now, brand.timeZone);
  const reports: JobReport[] = [];
  for (const job of DAILY_JOBS) {
    if (clock < job.dueAt(brand)) continue;
    if (job.after && !(await haveFinished(db, job.after, day))) continue;
    const report = await runJob(db, job, { brand, day, now }, options);
    if (report) reports.push(report);
  }
  const acted = await runSegmentActions(db, brand, now, options.deadline);
  if (acted.batches) reports.push({ job: 'segment-actions', result: acted });
  const expired = await cancelExpiredOrders(db, ports.payments, now);
  if (expired.cancelled || expired.failed) reports.push({ job: 'cancel-unpaid-orders', result: expired });
  const delivered = await deliverOutbox(db, ports.sender);
  if (delivered.sent || delivered.failed) reports.push({ job: 'deliver-outbox', result: delivered });
  // Exports last: a file, once begun, is written to the end (exports/run-exports.ts).
  const expiredExports = await expireExports(db, now);
  if (expiredExports.expired || expiredExports.forgotten) reports.push({ job: 'expire-exports', result: expiredExports });
  const exported = await runExports(db, brand, now, { deadline: options.deadline, clock: options.clock });
  if (exported.done || exported.failed || exported.restarted) reports.push({ job: 'exports', result: { ...exported } });
  return reports;
}
