/**
 * Asking for an export and following it: `admin.export` records what to export (queued; the
 * worker, run-exports.ts, writes the file), `admin.exportStatus` tells how far it is and, when
 * done, where to download it; the download route opens the finished file for an admin.
 */
import crypto from 'node:crypto';
import type { ExportView } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay, toBrandIso } from '../../domain/business-day';
import type { ExportKind } from '../../domain/export-columns';
import { EXPORT_KEEP_HOURS, exportFileName } from '../../domain/export-filename';
import { recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, Failure, transactionOrFailure } from '../failure';
import { readExportFile } from './export-file-store';
import type { Readable } from 'node:stream';

/**
 * Exports waiting or being written at once, for the whole brand: one worker writes one file at
 * a time, so more would only wait. Counted before the insert (two admins asking in the same
 * instant may pass it by one: it guards the server's time, not money).
 */
export const MAX_OPEN_EXPORTS = 3;

export const HOUR_MS = 3_600_000;

export interface ExportRow {
  id: string;
  request_id: string;
  kind: ExportKind;
  segment_id: string | null;
  segment_version: number | null;
  file_name: string;
  status: ExportView['status'];
  attempts: number;
  claimed_by: string | null;
  claimed_until: Date | null;
  rows_done: number;
  total_estimate: number | null;
  bytes: string | null;
  error: string | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  expires_at: Date;
}

export const EXPORT_COLUMNS = `id, request_id, kind, segment_id, segment_version, file_name, status, attempts, claimed_by, claimed_until,
  rows_done, total_estimate, bytes, error, created_by, created_at, started_at, finished_at, expires_at`;

/** The download's path on the Node server (GET with the admin's bearer token). */
export const downloadPath = (exportId: string) => `/api/exports/${exportId}.xlsx`;

/** Times in brand time with its offset: the 导出 screen shows them as the brand's clock reads. */
export function toExportView(r: ExportRow, timeZone: string): ExportView {
  return {
    exportId: r.id,
    kind: r.kind,
    segmentId: r.segment_id,
    status: r.status,
    rowsDone: r.rows_done,
    totalEstimate: r.total_estimate,
    error: r.error,
    fileName: r.file_name,
    downloadUrl: r.status === 'done' ? downloadPath(r.id) : null,
    bytes: r.bytes === null ? null : Number(r.bytes),
    createdAt: toBrandIso(r.created_at, timeZone),
    finishedAt: r.finished_at && toBrandIso(r.finished_at, timeZone),
    expiresAt: toBrandIso(r.expires_at, timeZone),
  };
}

async function exportByRequest(tx: Queryable, requestId: string): Promise<ExportRow | undefined> {
  const { rows } = await tx.query<ExportRow>(`select ${EXPORT_COLUMNS} from exports where request_id = $1`, [requestId]);
  return rows[0];
}

/**
 * Queues an export of the members (all, or a segment's current computation), the orders or the
 * points ledger. The same requestId answers the first export and queues nothing more.
 */
export async function askExport(
  ctx: UseCaseContext,
  actor: Actor,
  params: { kind: ExportKind; segmentId?: string; requestId: string },
): Promise<ExportView | Failure> {
  return transactionOrFailure(ctx.db, async (tx) => {
    const again = await exportByRequest(tx, params.requestId);
    if (again) return toExportView(again, ctx.brand.timeZone);
    let segmentName: string | null = null;
    if (params.segmentId !== undefined) {
      const { rows } = await tx.query<{ name: string; version: number }>('select name, version from segments where id = $1', [params.segmentId]);
      if (!rows[0]) return fail('NOT_FOUND', '分群不存在');
      if (rows[0].version === 0) return fail('SEGMENT_NOT_READY');
      segmentName = rows[0].name;
    }
    const open = await tx.query<{ n: number }>(`select count(*)::int as n from exports where status in ('queued', 'running')`);
    if (open.rows[0]!.n >= MAX_OPEN_EXPORTS) return fail('EXPORT_BUSY');
    const fileName = exportFileName(params.kind, businessDay(ctx.now, ctx.brand.timeZone), segmentName);
    const { rows } = await tx.query<ExportRow>(
      `insert into exports (id, request_id, kind, segment_id, file_name, created_by, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (request_id) do nothing
       returning ${EXPORT_COLUMNS}`,
      [
        crypto.randomBytes(16).toString('hex'),
        params.requestId,
        params.kind,
        params.segmentId ?? null,
        fileName,
        actor.memberId,
        ctx.now,
        new Date(ctx.now.getTime() + EXPORT_KEEP_HOURS * HOUR_MS),
      ],
    );
    // The same request won a race: answer with the first one.
    const row = rows[0] ?? (await exportByRequest(tx, params.requestId))!;
    if (rows[0]) {
      await recordAudit(tx, {
        actor,
        at: ctx.now,
        kind: 'data.export',
        targetType: 'export',
        targetId: row.id,
        before: null,
        after: { kind: row.kind, segmentId: row.segment_id, fileName: row.file_name },
        requestId: params.requestId,
      });
    }
    return toExportView(row, ctx.brand.timeZone);
  });
}

export async function exportStatus(ctx: UseCaseContext, _actor: Actor, params: { exportId: string }): Promise<ExportView | Failure> {
  const { rows } = await ctx.db.query<ExportRow>(`select ${EXPORT_COLUMNS} from exports where id = $1`, [params.exportId]);
  return rows[0] ? toExportView(rows[0], ctx.brand.timeZone) : fail('NOT_FOUND', '导出不存在');
}

/** How many of the latest exports the 导出 screen lists. */
export const RECENT_EXPORTS = 20;

/** Every admin's exports whose files are kept still (asked for in the last EXPORT_KEEP_HOURS), newest first. */
export async function recentExports(ctx: UseCaseContext): Promise<ExportView[]> {
  const { rows } = await ctx.db.query<ExportRow>(
    `select ${EXPORT_COLUMNS} from exports where created_at > $1 order by created_at desc, id limit ${RECENT_EXPORTS}`,
    [new Date(ctx.now.getTime() - EXPORT_KEEP_HOURS * HOUR_MS)],
  );
  return rows.map((r) => toExportView(r, ctx.brand.timeZone));
}

export interface ExportDownload {
  fileName: string;
  kind: ExportKind;
  bytes: number;
  body: Readable;
}

/**
 * A finished export's file for the download route (which has checked the caller is an admin):
 * NOT_FOUND for an id that is not one, EXPORT_NOT_READY while it is written (or when it
 * failed, saying so), EXPORT_EXPIRED once deleted.
 */
export async function openExportDownload(db: Queryable, exportId: string, now: Date): Promise<ExportDownload | Failure> {
  const { rows } = await db.query<ExportRow>(`select ${EXPORT_COLUMNS} from exports where id = $1`, [exportId]);
  const row = rows[0];
  if (!row) return fail('NOT_FOUND', '导出不存在');
  if (row.status === 'expired' || (row.status === 'done' && row.expires_at <= now)) return fail('EXPORT_EXPIRED');
  if (row.status === 'failed') return fail('EXPORT_NOT_READY', '导出失败，请重新导出');
  if (row.status !== 'done') return fail('EXPORT_NOT_READY');
  const bytes = Number(row.bytes);
  return { fileName: row.file_name, kind: row.kind, bytes, body: readExportFile(db, { exportId: row.id, attempt: row.attempts, bytes }) };
}
