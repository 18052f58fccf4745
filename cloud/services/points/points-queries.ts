import type { LedgerEntry, LedgerPage, PointsBalance, PointsSource } from '../../contract';
import { businessDay, daysOfMonth, monthOf, toBrandIso } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';

/** The balance, and the part of it whose lots end this month (本月即将过期). */
export async function getBalance(ctx: UseCaseContext, actor: Actor): Promise<PointsBalance> {
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  const monthDays = daysOfMonth(monthOf(today));
  const expiringOn = monthDays[monthDays.length - 1]!;
  const { rows } = await ctx.db.query<{ balance: number; expiring: number }>(
    `select m.points_balance as balance,
       (select coalesce(sum(remaining), 0)::int from points_lots
         where member_id = m.id and remaining > 0 and expires_on between $2::date and $3::date) as expiring
     from members m where m.id = $1`,
    [actor.memberId, today, expiringOn],
  );
  return { balance: rows[0]!.balance, expiringThisMonth: rows[0]!.expiring, expiringOn };
}

const DEFAULT_PAGE = 20;

/** Newest first; the cursor is the id of the last row seen. */
export async function listLedger(
  ctx: UseCaseContext,
  actor: Actor,
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
    [actor.memberId, page.cursor ?? null, limit + 1],
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
