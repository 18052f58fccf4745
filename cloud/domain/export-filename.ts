/**
 * An export's file: its Chinese name (会员_2026-12-07.xlsx, 会员_高价值女装_2026-12-07.xlsx), the
 * sheet's name, and the Content-Disposition that carries the name to a browser (RFC 6266 with
 * RFC 5987's UTF-8 `filename*`, and a plain-ASCII `filename` for clients that know no better).
 * How long a file is kept. Pure.
 */
import { EXPORT_KIND_NAMES, type ExportKind } from './export-columns';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A finished file is kept this long, then deleted by the job tick (the status says 已过期). */
export const EXPORT_KEEP_HOURS = 24;

/** The ASCII names of the kinds, for the fallback `filename`. */
const ASCII_NAMES: Record<ExportKind, string> = { members: 'members', orders: 'orders', points: 'points' };

/**
 * A segment's name as part of a file name: no path separators, no characters Windows refuses
 * (\ / : * ? " < > |), no control characters, no leading dots, at most 30 characters.
 */
export function fileNamePart(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f\\/:*?"<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return [...cleaned].slice(0, 30).join('').trim();
}

/** 会员_2026-12-07.xlsx; with a segment 会员_<segment>_2026-12-07.xlsx. `day` is the brand day it was asked for. */
export function exportFileName(kind: ExportKind, day: string, segmentName?: string | null): string {
  const segment = segmentName ? fileNamePart(segmentName) : '';
  return `${[EXPORT_KIND_NAMES[kind], segment, day].filter(Boolean).join('_')}.xlsx`;
}

/** The sheet's name: the kind's (Excel allows 31 characters and none of \ / ? * [ ] :). */
export const exportSheetName = (kind: ExportKind): string => EXPORT_KIND_NAMES[kind];

/** RFC 5987 ext-value: UTF-8, percent-encoded except attr-char (ALPHA / DIGIT / !#$&+-.^_`|~). */
export function rfc5987(value: string): string {
  return `UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/**
 * `attachment; filename="members_2026-12-07.xlsx"; filename*=UTF-8''%E4%BC%9A%E5%91%98_2026-12-07.xlsx`.
 * The fallback keeps the file's ASCII shape (kind and day); browsers and WeChat take `filename*`.
 */
export function contentDisposition(fileName: string, kind: ExportKind): string {
  const day = /(\d{4}-\d{2}-\d{2})\.xlsx$/.exec(fileName)?.[1];
  const fallback = `${ASCII_NAMES[kind]}${day ? `_${day}` : ''}.xlsx`;
  return `attachment; filename="${fallback}"; filename*=${rfc5987(fileName)}`;
}
