import type { Queryable } from '../../db/port';
import type { GroupPointsSource } from '../../domain/group-points';

export interface GroupPointsChange {
  memberId: string;
  delta: number;
  source: GroupPointsSource;
  /** Unique per member and source: the brand day of an earning, the redemption id of a spend. */
  sourceKey: string;
  /** The group an earning was made in; null for a spend. */
  groupId: string | null;
  note?: string | null;
  at: Date;
}

/**
 * Books one group points change through the database's book_group_points() (migration 0024), the
 * only writer of the group points ledger and balances. Returns the new balance, or null when
 * nothing was written: the key was booked already, or a spend exceeds the balance. Statements
 * that earn group points as part of a larger write (the check-in, a group visit) call
 * book_group_points() in their own SQL with the same arguments.
 */
export async function bookGroupPoints(tx: Queryable, change: GroupPointsChange): Promise<number | null> {
  const { rows } = await tx.query<{ balance: number | null }>(
    'select book_group_points($1, $2, $3, $4, $5, $6, $7) as balance',
    [change.memberId, change.delta, change.source, change.sourceKey, change.groupId, change.note ?? null, change.at],
  );
  return rows[0]!.balance;
}

/** A member's group points balance (no row yet: 0). */
export async function groupPointsBalance(db: Queryable, memberId: string): Promise<number> {
  const { rows } = await db.query<{ balance: number }>(
    'select coalesce((select balance from group_points_balances where member_id = $1), 0) as balance',
    [memberId],
  );
  return rows[0]!.balance;
}
