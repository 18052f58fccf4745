import type { Queryable } from '../../db/port';
import type { PointsSource } from '../../contract';

export interface PointsChange {
  memberId: string;
  delta: number;
  source: PointsSource;
  /** Unique per source: the same (source, sourceId) can never be booked twice. */
  sourceId: string;
  note?: string | null;
  at: Date;
  /** Last day the points can be spent (positive changes); null = never. */
  expiresOn?: string | null;
  /** Staff member who made the change (admin adjustments). */
  actorId?: string | null;
}

/**
 * Books one points change through the database's book_points() (migration 0002), the only
 * writer of balances, ledger rows and lots. Returns the new balance, or null when the balance
 * would go negative (nothing is written then). Statements that book points as part of a larger
 * write (the check-in) call book_points() in their own SQL with the same arguments.
 */
export async function bookPoints(tx: Queryable, change: PointsChange): Promise<number | null> {
  const { rows } = await tx.query<{ balance: number | null }>(
    'select book_points($1, $2, $3, $4, $5, $6, $7, $8) as balance',
    [
      change.memberId,
      change.delta,
      change.source,
      change.sourceId,
      change.note ?? null,
      change.at,
      change.expiresOn ?? null,
      change.actorId ?? null,
    ],
  );
  return rows[0]!.balance;
}
