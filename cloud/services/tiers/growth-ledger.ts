/**
 * The growth ledger (成长值): booked only through the database's book_growth() and summed only
 * through growth_in_window() (migration 0011). Statements that book growth as part of a larger
 * write (the check-in) call book_growth() in their own SQL with the same arguments.
 */
import type { Queryable } from '../../db/port';
import { growthWindowStart } from '../../domain/tiers';

export interface GrowthChange {
  memberId: string;
  /** Positive when earned, negative when taken back (a refund); zero books nothing. */
  amount: number;
  source: 'checkin' | 'order' | 'refund';
  /** Unique per source: the same (source, sourceId) can never be booked twice. */
  sourceId: string;
  /** The brand-time day it counts on. */
  day: string;
  at: Date;
}

/** Books one growth change; answers the member's growth over the window ending on its day. */
export async function bookGrowth(tx: Queryable, windowMonths: number, change: GrowthChange): Promise<number> {
  const { rows } = await tx.query<{ growth: number }>('select book_growth($1, $2, $3, $4, $5, $6, $7) as growth', [
    change.memberId,
    change.amount,
    change.source,
    change.sourceId,
    change.day,
    change.at,
    growthWindowStart(change.day, windowMonths),
  ]);
  return rows[0]!.growth;
}

/** A member's growth value over the rolling window ending `today`. */
export async function growthInWindow(db: Queryable, memberId: string, today: string, windowMonths: number): Promise<number> {
  const { rows } = await db.query<{ growth: number }>('select growth_in_window($1, $2, $3) as growth', [
    memberId,
    growthWindowStart(today, windowMonths),
    today,
  ]);
  return rows[0]!.growth;
}
