import type { Queryable } from '../../db/port';
import type { BatchOutcome, JobContext } from '../jobs/job';

/**
 * The expiry job, one batch: the next members (by id, after the cursor) who hold lots whose last
 * day is over lose what remains of them, through one `expire` ledger row per member and run.
 * The walk follows the open-lots index by member, so a run reads each open lot once. The source
 * key carries the newest expired lot, so points that become due again the same day (a lot
 * credited with a past expiry after the morning run) book a second row instead of failing the
 * batch; a second run the same day finds nothing left to expire.
 */
export async function expirePointsBatch(
  tx: Queryable,
  after: string | null,
  { day, now, batchSize }: JobContext,
): Promise<BatchOutcome> {
  const { rows } = await tx.query<{ member_id: string; expired: number }>(
    // book_points(member, delta, source, source_id, note, at, expires_on, actor)
    `with due as (
       select member_id, sum(remaining)::int as expired, max(id) as last_lot from points_lots
       where remaining > 0 and expires_on < $1::date and member_id > $3::bigint
       group by member_id order by member_id limit $4
     )
     select member_id, expired,
       book_points(member_id, -expired, 'expire', member_id || ':' || $1 || ':' || last_lot, '积分过期', $2, null, null) as balance
     from due order by member_id`,
    [day, now, after ?? '0', batchSize],
  );
  return {
    cursor: rows.length < batchSize ? null : rows[rows.length - 1]!.member_id,
    rows: rows.length,
    counts: { members: rows.length, points: rows.reduce((sum, r) => sum + r.expired, 0) },
  };
}
