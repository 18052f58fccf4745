/**
 * The export worker: claims a queued export and writes its xlsx with exceljs's streaming
 * WorkbookWriter (no styles, no shared strings: a row is written and forgotten), fed by keyset
 * batches (export-sources.ts), the zip stream kept as chunks in the database as it comes
 * (export-file-store.ts). Progress and the lease are recorded after every batch.
 *
 * A zip stream cannot be continued mid-way, so an export is written in one go by one instance:
 * an instance that dies leaves its lease to run out (LEASE_MS), and the next claim begins the
 * file again from the first row (attempts + 1; the dead attempt's chunks are dropped). After
 * MAX_ATTEMPTS starts it is failed. Once begun, a file is finished even past the caller's
 * deadline (stopping would throw the work away); a new one is only begun with time left.
 *
 * Who runs it: the job tick (daily-jobs.ts, every minute on the Node server, every 5 minutes in
 * the WeChat `jobs` function), and on the Node server at once after an admin asks (exportWorker),
 * so a small file is there in seconds. Claims skip locked rows: any number of instances.
 */
import crypto from 'node:crypto';
import type { Db } from '../../db/port';
import type { BrandSettings } from '../../domain/brand-settings';
import { columnsOf, vocabularyOf } from '../../domain/export-columns';
import { EXPORT_KEEP_HOURS, exportSheetName } from '../../domain/export-filename';
import { EXPORT_COLUMNS, HOUR_MS, type ExportRow } from './ask-export';
import { chunkSink, LostExport } from './export-file-store';
import { EXPORT_BATCH, estimateRows, readBatch, type ExportSource } from './export-sources';

/** A claim holds this long without renewal; every batch renews it. */
export const EXPORT_LEASE_MS = 2 * 60_000;
/** Starts of one export (the first and the restarts after a crash or an error) before it is failed. */
export const MAX_ATTEMPTS = 3;
/** With a deadline, a new file is begun only with this much time left. */
export const MIN_EXPORT_TIME_MS = 10_000;
/** Exports are forgotten this long after their file was deleted (the audit log keeps who asked). */
const FORGET_AFTER_MS = 90 * 24 * HOUR_MS;

const THIS_INSTANCE = crypto.randomUUID();

type ExcelJS = typeof import('exceljs');
let excelLoaded: Promise<ExcelJS> | null = null;
/**
 * exceljs is loaded when the first file is written, not with this module: evaluating it takes
 * about a second of a cold start, and every cloud function and server start imports the job tick.
 */
function excel(): Promise<ExcelJS> {
  excelLoaded ??= import('exceljs').then((mod) => (mod as { default?: ExcelJS }).default ?? mod);
  return excelLoaded;
}

export interface ExportRunOptions {
  /** Do not begin a file when less than MIN_EXPORT_TIME_MS is left before this moment (by `clock`). */
  deadline?: number;
  /** Milliseconds for the deadline and for the time that passes during the run (default Date.now). */
  clock?: () => number;
  /** Who claims (default: this process). */
  instance?: string;
  /** Rows per batch (default EXPORT_BATCH). */
  batchSize?: number;
  /** Bytes per stored chunk (default CHUNK_BYTES). */
  chunkBytes?: number;
  /** Called after each batch with the rows written so far (the bench samples memory here). */
  onBatch?: (rowsDone: number) => void | Promise<void>;
}

export interface ExportRunReport {
  done: number;
  failed: number;
  restarted: number;
  rows: number;
}

type Outcome = { kind: 'done'; rows: number } | { kind: 'lost' } | { kind: 'restart'; reason: string };

/** Writes queued exports one after another until none is left or the deadline is near. */
export async function runExports(db: Db, brand: BrandSettings, now: Date, options: ExportRunOptions = {}): Promise<ExportRunReport> {
  const clock = options.clock ?? Date.now;
  const instance = options.instance ?? THIS_INSTANCE;
  const started = clock();
  // The run's clock: the caller's time plus what has passed since, so that leases run out in real time.
  const at = () => new Date(now.getTime() + clock() - started);
  const report: ExportRunReport = { done: 0, failed: 0, restarted: 0, rows: 0 };
  const timeLeft = () => options.deadline === undefined || clock() + MIN_EXPORT_TIME_MS <= options.deadline;

  while (timeLeft()) {
    const job = await claimExport(db, instance, at());
    if (!job) break;
    let outcome: Outcome;
    try {
      outcome = await writeExport(db, brand, job, instance, at, options);
    } catch (err) {
      if (err instanceof LostExport) continue;
      outcome = { kind: 'restart', reason: String((err as Error)?.message ?? err).slice(0, 500) };
    }
    if (outcome.kind === 'done') {
      report.done++;
      report.rows += outcome.rows;
    } else if (outcome.kind === 'restart') {
      const failed = await giveBack(db, job, instance, outcome.reason);
      if (failed) report.failed++;
      else report.restarted++;
    }
  }
  return report;
}

/**
 * Takes the oldest export that waits, or whose writer's lease ran out: the file begins again.
 * One whose lease ran out after its last attempt is failed instead.
 */
async function claimExport(db: Db, instance: string, now: Date): Promise<ExportRow | null> {
  await db.query(
    `update exports set status = 'failed', error = coalesce(error, '导出多次中断，请重新导出'), claimed_by = null, claimed_until = null
     where status = 'running' and claimed_until <= $1 and attempts >= ${MAX_ATTEMPTS}`,
    [now],
  );
  const { rows } = await db.query<ExportRow>(
    `update exports e set status = 'running', attempts = e.attempts + 1, claimed_by = $1, claimed_until = $3,
       started_at = coalesce(e.started_at, $2), rows_done = 0, total_estimate = null, bytes = null,
       segment_version = case when e.segment_id is null then null else (select s.version from segments s where s.id = e.segment_id) end
     where e.id = (
       select id from exports
       where (status = 'queued' or (status = 'running' and claimed_until <= $2)) and attempts < ${MAX_ATTEMPTS}
       order by created_at, id limit 1 for update skip locked)
     returning ${EXPORT_COLUMNS.split(',').map((c) => `e.${c.trim()}`).join(', ')}`,
    [instance, now, new Date(now.getTime() + EXPORT_LEASE_MS)],
  );
  const job = rows[0];
  if (!job) return null;
  // What earlier attempts wrote is of no use: the file begins again.
  await db.query('delete from export_chunks where export_id = $1 and attempt < $2', [job.id, job.attempts]);
  return job;
}

/** After an attempt that did not finish: queued again for the next claim, or failed after the last one. Answers whether it failed. */
async function giveBack(db: Db, job: ExportRow, instance: string, reason: string): Promise<boolean> {
  const { rows } = await db.query<{ status: string }>(
    `update exports set status = case when attempts >= ${MAX_ATTEMPTS} then 'failed' else 'queued' end,
       error = $4, claimed_by = null, claimed_until = null
     where id = $1 and attempts = $2 and claimed_by = $3 and status = 'running'
     returning status`,
    [job.id, job.attempts, instance, reason],
  );
  await db.query('delete from export_chunks where export_id = $1 and attempt = $2', [job.id, job.attempts]);
  return rows[0]?.status === 'failed';
}

async function writeExport(
  db: Db,
  brand: BrandSettings,
  job: ExportRow,
  instance: string,
  at: () => Date,
  options: ExportRunOptions,
): Promise<Outcome> {
  if (job.segment_id !== null && !job.segment_version) return { kind: 'restart', reason: '分群还没有算好' };
  const source: ExportSource = { kind: job.kind, segmentId: job.segment_id, segmentVersion: job.segment_version, timeZone: brand.timeZone };
  const held = [job.id, job.attempts, instance] as const;
  /** Records progress and renews the lease; a lease lost to another instance stops this attempt. */
  const progress = async (set: string, values: unknown[]) => {
    const { rowCount } = await db.query(
      `update exports set ${set} where id = $1 and attempts = $2 and claimed_by = $3 and status = 'running'`,
      [...held, ...values],
    );
    if (rowCount === 0) throw new LostExport(job.id);
  };
  await progress('total_estimate = $4', [await estimateRows(db, source)]);

  const sink = chunkSink(db, job.id, job.attempts, instance, options.chunkBytes);
  let sinkError: Error | null = null;
  sink.on('error', (err) => {
    sinkError ??= err;
  });
  const ExcelJS = await excel();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: false });
  workbook.creator = '私域会员';
  workbook.created = at();
  const sheet = workbook.addWorksheet(exportSheetName(job.kind), { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = columnsOf(job.kind, vocabularyOf(brand));
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));

  const batchSize = options.batchSize ?? EXPORT_BATCH;
  /** The next batch, asked for before the current one is written: the database reads while this process writes. */
  const read = (after: string) => {
    const batch = readBatch(db, source, after, batchSize);
    batch.catch(() => undefined); // awaited below; never an unhandled rejection if writing fails first
    return batch;
  };
  let next = read('0');
  let rowsDone = 0;
  for (;;) {
    const batch = await next;
    const more = batch.length === batchSize;
    if (more) next = read(batch[batch.length - 1]!.id);
    for (const row of batch) sheet.addRow(columns.map((c) => c.cell(row as never))).commit();
    rowsDone += batch.length;
    if (sinkError) throw sinkError;
    await progress('rows_done = $4, claimed_until = $5', [rowsDone, new Date(at().getTime() + EXPORT_LEASE_MS)]);
    await options.onBatch?.(rowsDone);
    if (!more) break;
  }
  sheet.commit();
  await workbook.commit();
  if (sinkError) throw sinkError;

  if (job.segment_id !== null) {
    // A segment keeps its previous computation beside the current one: the file read a whole one
    // unless two recomputations passed while it was written (then the version read is gone).
    const { rows } = await db.query<{ version: number }>('select version from segments where id = $1', [job.segment_id]);
    if (!rows[0] || rows[0].version > job.segment_version! + 1) return { kind: 'restart', reason: '分群在导出期间重新计算了两次，重新导出' };
  }
  const finishedAt = at();
  await progress(
    `status = 'done', rows_done = $4, bytes = $5, finished_at = $6, expires_at = $7, claimed_by = null, claimed_until = null, error = null`,
    [rowsDone, sink.bytes, finishedAt, new Date(finishedAt.getTime() + EXPORT_KEEP_HOURS * HOUR_MS)],
  );
  return { kind: 'done', rows: rowsDone };
}

/**
 * Deletes the files whose time is up (the status then says expired) and forgets exports long
 * expired. An export still waiting or being written when its time is up expires too.
 */
export async function expireExports(db: Db, now: Date): Promise<{ expired: number; forgotten: number }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `update exports set status = 'expired', claimed_by = null, claimed_until = null
       where expires_at <= $1 and status in ('queued', 'running', 'done', 'failed') returning id`,
      [now],
    );
    if (rows.length) await tx.query('delete from export_chunks where export_id = any($1::text[])', [rows.map((r) => r.id)]);
    const forgotten = await tx.query(`delete from exports where status = 'expired' and expires_at <= $1`, [new Date(now.getTime() - FORGET_AFTER_MS)]);
    return { expired: rows.length, forgotten: forgotten.rowCount };
  });
}

/**
 * Runs the worker in the background of this process when an admin asks for an export (the
 * Node server), so that it does not wait for the next tick. One run at a time per process; a
 * kick during a run makes it look again when it ends. Nothing depends on it: without it, the
 * tick writes the file.
 */
export function exportWorker(db: Db, brandOf: () => Promise<BrandSettings>, log: (err: unknown) => void = (err) => console.error('[exports] failed:', err)) {
  let running: Promise<void> | null = null;
  let again: Date | null = null;
  return {
    kick(now: Date) {
      if (running) {
        again = now;
        return;
      }
      running = (async () => {
        let at: Date | null = now;
        while (at) {
          again = null;
          await runExports(db, await brandOf(), at);
          at = again;
        }
      })()
        .catch(log)
        .finally(() => {
          running = null;
        });
    },
    /** Resolves when the current run (if any) has ended: the server waits for it on close. */
    idle(): Promise<void> {
      return running ?? Promise.resolve();
    },
  };
}
