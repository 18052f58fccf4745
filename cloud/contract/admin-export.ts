/**
 * `admin` export actions (导出): ask for an xlsx of the members (all, or one segment's), the
 * orders or the points ledger, then follow it until its download url is there. The file is made
 * in the background (services/exports) and fetched with the admin's bearer token at
 * `GET /api/exports/<exportId>.xlsx`; it is deleted 24 hours after it is done. Merged into
 * `admin` (admin.ts).
 */
import { z } from 'zod';
import { EXPORT_KINDS, type ExportKind } from '../domain/export-columns';
import { id, noParams, requestId, returns } from './primitives';

/** 128 random bits in hex: an export's id is its download's name, so nobody can guess one. */
export const EXPORT_ID_PATTERN = /^[0-9a-f]{32}$/;
export const exportId = z.string().regex(EXPORT_ID_PATTERN, 'not an export id');

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired';

export interface ExportView {
  exportId: string;
  kind: ExportKind;
  /** The segment whose members are exported (kind members); null: all members. */
  segmentId: string | null;
  /**
   * queued: waiting for the worker; running: the file is being written (a restart after a crash
   * begins the file again, rowsDone falls back to 0); done: downloadUrl is there; failed: error
   * says why; expired: the file was deleted (EXPORT_KEEP_HOURS after it was done).
   */
  status: ExportStatus;
  rowsDone: number;
  /** Rows the file will hold, counted (estimated, for a large orders or points table) when it starts; null before. */
  totalEstimate: number | null;
  error: string | null;
  /** The file's name, e.g. 会员_2026-12-07.xlsx. */
  fileName: string;
  /** When done: the server path to GET with the admin's token; null otherwise. */
  downloadUrl: string | null;
  /** The file's size once done. */
  bytes: number | null;
  createdAt: string;
  finishedAt: string | null;
  /** When the file is (or would be) deleted. */
  expiresAt: string;
}

export const adminExport = {
  /**
   * Asks for an xlsx export, made in the background; requestId makes a retry the same export.
   * segmentId (members only): that segment's members as of its current computation.
   */
  export: {
    params: z
      .object({ kind: z.enum(EXPORT_KINDS), segmentId: id.optional(), requestId })
      .strict()
      .refine((p) => p.segmentId === undefined || p.kind === 'members', { path: ['segmentId'], message: '只有会员导出可以按分群' }),
    result: returns<ExportView>(),
  },
  /** Progress, and when done the download url. */
  exportStatus: { params: z.object({ exportId }).strict(), result: returns<ExportView>() },
  /** The exports asked for while their files can still be downloaded, newest first (at most RECENT_EXPORTS). */
  exports: { params: noParams, result: returns<ExportView[]>() },
} as const;
