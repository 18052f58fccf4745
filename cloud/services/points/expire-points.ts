import type { Db } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import type { BrandSettings } from '../context';

const BATCH = 1_000;

/**
 * The expiry job: every lot whose last day is over loses what remains of it, through one
 * `expire` ledger row per member and run. Batches keep each transaction short on a million
 * members; a second run the same day finds nothing left to expire. The source key carries
 * the newest expired lot, so points that become due again the same day (a lot credited with
 * a past expiry after the morning run) book a second row instead of failing the batch.
 */
export async function expirePoints(
  db: Db,
  brand: BrandSettings,
  now: Date,
  onProgress?: (members: number) => void,
): Promise<{ members: number; points: number }> {
  const today = businessDay(now, brand.timeZone);
  let members = 0;
  let points = 0;
  for (;;) {
    const { rows } = await db.query<{ member_id: string; expired: number }>(
      // book_points(member, delta, source, source_id, note, at, expires_on, actor)
      `with due as (
         select member_id, sum(remaining)::int as expired, max(id) as last_lot from points_lots
         where expires_on < $1::date and remaining > 0
         group by member_id order by member_id limit $3
       )
       select member_id, expired,
         book_points(member_id, -expired, 'expire', member_id || ':' || $1 || ':' || last_lot, '积分过期', $2, null, null) as balance
       from due`,
      [today, now, BATCH],
    );
    members += rows.length;
    points += rows.reduce((sum, r) => sum + r.expired, 0);
    if (rows.length) onProgress?.(members);
    if (rows.length < BATCH) return { members, points };
  }
}
