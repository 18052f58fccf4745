import type { LedgerEntry, LedgerPage, PointsBalance, PointsSource } from '../../contract';
import { businessDay, toBrandIso } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';

/**
 * The balance, the points that expire soonest (the open lots of the earliest day still to come),
 * and the group points balance.
 */
export async function getBalance(ctx: UseCaseContext, actor: Actor): Promise<PointsBalance> {
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  // Lots whose day is over but that the expiry job has not reached yet (00:05) are no longer counted.
  const { rows } = await ctx.db.query<{ balance: number; on: string | null; points: number | null; group_points: number }>(
    `select m.points_balance as balance, soon.expires_on as on, soon.points, coalesce(g.balance, 0) as group_points
     from members m left join group_points_balances g on g.member_id = m.id left join lateral (
       select l.expires_on, sum(l.remaining)::int as points from points_lots l
       where l.member_id = m.id and l.remaining > 0 and l.expires_on = (
         select min(expires_on) from points_lots where member_id = m.id and remaining > 0 and expires_on >= $2::date
       )
       group by l.expires_on
     ) soon on true
     where m.id = $1`,
    [actor.memberId, today],
  );
  const row = rows[0]!;
  return {
    balance: row.balance,
    expiring: row.on && row.points ? { points: row.points, on: row.on } : null,
    groupPoints: row.group_points,
  };
}

const DEFAULT_PAGE = 20;

/** Newest first; the cursor is the id of the last row seen. The member's own, or one an admin looks at. */
export async function listLedger(
  ctx: UseCaseContext,
  member: Pick<Actor, 'memberId'>,
  page: { cursor?: string; limit?: number },
): Promise<LedgerPage> {
  const limit = page.limit ?? DEFAULT_PAGE;
  const { rows } = await ctx.db.query<{
    id: string;
    source: PointsSource;
    delta: number;
    balance_after: number;
    note: string | null;
    created_at: Date;
  }>(
    `select id, source, delta, balance_after, note, created_at from points_ledger
     where member_id = $1 and ($2::bigint is null or id < $2::bigint)
     order by id desc limit $3`,
    [member.memberId, page.cursor ?? null, limit + 1],
  );
  const items: LedgerEntry[] = rows.slice(0, limit).map((r) => ({
    id: r.id,
    source: r.source,
    delta: r.delta,
    balanceAfter: r.balance_after,
    note: r.note,
    createdAt: toBrandIso(r.created_at, ctx.brand.timeZone),
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
