/**
 * A saved segment's membership as a new version, switched to in the same commit: a reader
 * (segmentMembers, an action) always sees one whole version. Members are kept as spans of
 * versions, so a computation writes who entered (a span from the new version) and closes the
 * spans of who left, not every member again. The segment row is locked first, so two instances
 * computing at once do it one after the other and agree. The version before stays readable until
 * the next computation; older spans go.
 */
import type { Queryable } from '../../db/port';
import { segmentRuleSchema } from '../../domain/segment-rule';
import { compileRule } from './compile-rule';

/** `alias` (a segment_members row) is in the version `version` (SQL) of its segment. */
export const inVersion = (alias: string, version: string) =>
  `${alias}.since_version <= ${version} and (${alias}.until_version is null or ${alias}.until_version > ${version})`;

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
  const { rows: counts } = await tx.query<{ members: string; entered: string; exited: string }>(
    `with now_in as (select f.member_id from member_facts f where ${compiled.where}),
     was_in as (select member_id from segment_members where segment_id = $1 and until_version is null),
     exits as (
       update segment_members m set until_version = $2
       from (select member_id from was_in except select member_id from now_in) gone
       where m.segment_id = $1 and m.until_version is null and m.member_id = gone.member_id
       returning 1
     ),
     entries as (
       insert into segment_members (segment_id, since_version, member_id)
       select $1, $2, member_id from (select member_id from now_in except select member_id from was_in) came
       returning 1
     )
     select (select count(*) from now_in) as members, (select count(*) from entries) as entered, (select count(*) from exits) as exited`,
    [segmentId, version, ...compiled.params],
  );
  const members = Number(counts[0]!.members);
  const entered = Number(counts[0]!.entered);
  const exited = Number(counts[0]!.exited);
  await tx.query(
    `update segments set version = $2, status = 'ready', member_count = $3, entered = $4, exited = $5, computed_at = $6, error = null
     where id = $1`,
    [segmentId, version, members, entered, exited, now],
  );
  await tx.query(`delete from segment_members where segment_id = $1 and until_version <= $2 - 1`, [segmentId, version]);
  return { segmentId, version, members, entered, exited };
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
