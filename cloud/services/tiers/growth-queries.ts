import type { Queryable } from '../../db/port';
import { growthWindowStart } from '../../domain/tiers';

/** A member's growth value over the rolling window ending `today`. */
export async function growthInWindow(db: Queryable, memberId: string, today: string, windowMonths: number): Promise<number> {
  const { rows } = await db.query<{ growth: number }>(
    'select coalesce(sum(amount), 0)::int as growth from growth_ledger where member_id = $1 and day between $2::date and $3::date',
    [memberId, growthWindowStart(today, windowMonths), today],
  );
  return rows[0]!.growth;
}
