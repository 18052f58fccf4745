/** What an audited write changed: the paths whose values differ between before and after. Pure. */
import type { AuditState } from '@cloud/contract';

export interface AuditChange {
  /** memberDay.weekday, tiers[2].threshold; '' for a value that is not an object. */
  path: string;
  before: string;
  after: string;
}

/** A value as one short line: '—' for none, JSON otherwise, cut at `max` characters. */
export function shortValue(value: unknown, max = 40): string {
  if (value === undefined || value === null) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function flatten(value: unknown, path: string, out: Map<string, unknown>) {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [path ? `.${k}` : k, v] as const);
    if (entries.length === 0) out.set(path, value);
    for (const [key, v] of entries) flatten(v, `${path}${key}`, out);
    return;
  }
  out.set(path, value);
}

/**
 * Each leaf that differs, in the order the after state (then the before state) names them; a
 * creation lists every field of after, a removal every field of before.
 */
export function auditChanges(before: AuditState, after: AuditState): AuditChange[] {
  const was = new Map<string, unknown>();
  const now = new Map<string, unknown>();
  if (before) flatten(before, '', was);
  if (after) flatten(after, '', now);
  const paths = [...new Set([...now.keys(), ...was.keys()])];
  return paths
    // None before and none after (a creation's empty field) is no change.
    .filter((p) => JSON.stringify(was.get(p) ?? null) !== JSON.stringify(now.get(p) ?? null))
    .map((p) => ({ path: p, before: shortValue(was.get(p)), after: shortValue(now.get(p)) }));
}
