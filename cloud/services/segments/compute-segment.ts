/**
 * A saved segment's membership, computed as a new version beside the current one and switched
 * to in the same commit: a reader (segmentMembers, an action) always sees one whole version.
 * The segment row is locked first, so two instances computing at once do it one after the
 * other and agree. Who entered and who left is counted against the version before; that one
 * is kept until the next computation, older ones go.
 */
import type { Queryable } from '../../db/port';
import { segmentRuleSchema } from '../../domain/segment-rule';
import { compileRule } from './compile-rule';

export interface SegmentComputed {
  segmentId: string;
  version: number;
  members: number;
  entered: number;
  exited: number;
}

export async function computeSegment(tx: Queryable, segmentId: string, now: Date): Promise<SegmentComputed | null> {
  const { rows } = await tx.query<{ version: number; rule: unknown }>(`select version, rule from segments where id = $1 for update`, [segmentId]);
  const segment = rows[0];
  if (!segment) return null;
  const rule = segmentRuleSchema.parse(segment.rule);
  const version = segment.version + 1;
  const compiled = compileRule(rule, 3);
  const inserted = await tx.query(
    `insert into segment_members (segment_id, version, member_id)
     select $1, $2, f.member_id from member_facts f where ${compiled.where}`,
    [segmentId, version, ...compiled.params],
  );
  // A full join (hash or merge, never a nested loop): the versions were just written, so their
  // statistics are stale and an anti-join planned for one row went quadratic (bench:segments).
  const { rows: moved } = await tx.query<{ entered: string; exited: string }>(
    `select count(*) filter (where o.member_id is null) as entered, count(*) filter (where n.member_id is null) as exited
     from (select member_id from segment_members where segment_id = $1 and version = $2) n
     full join (select member_id from segment_members where segment_id = $1 and version = $2 - 1) o on o.member_id = n.member_id`,
    [segmentId, version],
  );
  const entered = Number(moved[0]!.entered);
  const exited = Number(moved[0]!.exited);
  await tx.query(
    `update segments set version = $2, status = 'ready', member_count = $3, entered = $4, exited = $5, computed_at = $6, error = null
     where id = $1`,
    [segmentId, version, inserted.rowCount, entered, exited, now],
  );
  await tx.query(`delete from segment_members where segment_id = $1 and version < $2 - 1`, [segmentId, version]);
  return { segmentId, version, members: inserted.rowCount, entered, exited };
}

/**
 * Computes a segment without letting its failure spoil the caller's transaction: on an error the
 * segment keeps its last good version and records the error.
 */
export async function computeSegmentOrRecord(tx: Queryable, segmentId: string, now: Date): Promise<SegmentComputed | { segmentId: string; error: string } | null> {
  await tx.query('savepoint compute_segment');
  try {
    const computed = await computeSegment(tx, segmentId, now);
    await tx.query('release savepoint compute_segment');
    return computed;
  } catch (err) {
    await tx.query('rollback to savepoint compute_segment');
    const error = String((err as Error)?.message ?? err).slice(0, 500);
    await tx.query(`update segments set status = 'failed', error = $2 where id = $1`, [segmentId, error]);
    return { segmentId, error };
  }
}
