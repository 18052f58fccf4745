/**
 * The scheduled work. Every job is safe to run again: daily jobs run once per brand-time day
 * after their time (recorded in job_runs, claimed under a PostgreSQL advisory lock so that one
 * instance runs each); unpaid orders past their window are cancelled and the outbox is drained
 * on every tick. A host (the Node server's
 * scheduler, or the WeChat `jobs` timer function) only calls runDueJobs now and then.
 */
import type { Db } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import type { BrandSettings } from '../context';
import { grantBirthdayGifts } from '../birthday/grant-birthday-gifts';
import { cancelExpiredOrders } from '../orders/cancel-order';
import type { PaymentProvider } from '../../adapters/payments/payment-provider';
import { expirePoints } from '../points/expire-points';
import { deliverOutbox } from '../reminders/deliver-outbox';
import { queueCheckinReminders } from '../reminders/queue-reminders';
import type { MessageSender } from '../../adapters/messages/message-sender';
import { loadBrandSettings } from '../settings/brand-settings-store';
import { evaluateTierAnniversaries } from '../tiers/evaluate-tiers';

interface DailyJob {
  name: string;
  /** Brand-time 'HH:mm' from which the job is due each day. */
  dueAt(brand: BrandSettings): string;
  run(db: Db, brand: BrandSettings, now: Date): Promise<unknown>;
}

export const DAILY_JOBS: DailyJob[] = [
  { name: 'expire-points', dueAt: () => '00:05', run: expirePoints },
  { name: 'tier-anniversaries', dueAt: () => '00:15', run: evaluateTierAnniversaries },
  { name: 'birthday-gifts', dueAt: () => '00:30', run: grantBirthdayGifts },
  { name: 'checkin-reminders', dueAt: (brand) => brand.checkin.reminderTime, run: queueCheckinReminders },
];

/** A run that started this long ago without finishing is taken to have died, and may be run again. */
const STALE_AFTER_MINUTES = 30;

function brandClock(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
}

/** Claims today's run of a job, or answers false when it is done or running elsewhere. */
async function claim(db: Db, job: string, day: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const lock = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock(hashtext($1)) as locked', [`job:${job}`]);
    if (!lock.rows[0]!.locked) return false;
    const { rowCount } = await tx.query(
      `insert into job_runs (job, day, started_at) values ($1, $2, $3)
       on conflict (job, day) do update set started_at = excluded.started_at
       where job_runs.finished_at is null and job_runs.started_at < $3 - make_interval(mins => $4)`,
      [job, day, now, STALE_AFTER_MINUTES],
    );
    return rowCount > 0;
  });
}

export interface JobReport {
  job: string;
  result: unknown;
}

/** What the jobs reach outside the database. */
export interface JobPorts {
  sender: MessageSender;
  payments: PaymentProvider | null;
}

export async function runDueJobs(db: Db, ports: JobPorts, now: Date = new Date()): Promise<JobReport[]> {
  const brand = await loadBrandSettings(db);
  const day = businessDay(now, brand.timeZone);
  const clock = brandClock(now, brand.timeZone);
  const reports: JobReport[] = [];
  for (const job of DAILY_JOBS) {
    if (clock < job.dueAt(brand) || !(await claim(db, job.name, day, now))) continue;
    const result = await job.run(db, brand, now);
    await db.query('update job_runs set finished_at = $3, result = $4 where job = $1 and day = $2', [
      job.name,
      day,
      new Date(),
      JSON.stringify(result),
    ]);
    reports.push({ job: job.name, result });
  }
  const expired = await cancelExpiredOrders(db, ports.payments, now);
  if (expired.cancelled || expired.failed) reports.push({ job: 'cancel-unpaid-orders', result: expired });
  const delivered = await deliverOutbox(db, ports.sender);
  if (delivered.sent || delivered.failed) reports.push({ job: 'deliver-outbox', result: delivered });
  return reports;
}
