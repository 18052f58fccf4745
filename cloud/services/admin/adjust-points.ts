import { LIMITS, type PointsAdjustment } from '../../contract';
import { businessDay } from '../../domain/business-day';
import { lotExpiresOn } from '../../domain/points-expiry';
import { recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { oncePerRequest } from '../request-once';
import { bookPoints } from '../points/book-points';

/**
 * A staff member adds or removes points by hand, with a reason, recorded with who did it.
 * The requestId is the ledger source id: a retry returns the first result. A balance stops at
 * LIMITS.balance (the member row is locked while it is checked), far below the int column's end.
 */
export async function adjustPoints(
  ctx: UseCaseContext,
  actor: Actor,
  params: { targetMemberId: string; delta: number; reason: string; requestId: string },
): Promise<PointsAdjustment | Failure> {
  return oncePerRequest(
    () => findAdjustment(ctx, params.requestId),
    () =>
      transactionOrFailure(ctx.db, async (tx) => {
        const target = await tx.query<{ points_balance: number }>('select points_balance from members where id = $1 for update', [
          params.targetMemberId,
        ]);
        if (!target.rows[0]) return fail('NOT_FOUND', '会员不存在');
        if (params.delta > 0 && target.rows[0].points_balance + params.delta > LIMITS.balance) return fail('POINTS_LIMIT');
        const balance = await bookPoints(tx, {
          memberId: params.targetMemberId,
          delta: params.delta,
          source: 'admin_adjust',
          sourceId: params.requestId,
          note: params.reason,
          at: ctx.now,
          expiresOn: lotExpiresOn(businessDay(ctx.now, ctx.brand.timeZone), ctx.brand.points.expiryMonths),
          actorId: actor.memberId,
        });
        if (balance === null) return fail('INSUFFICIENT_POINTS', '会员积分不足，无法扣减');
        await recordAudit(tx, {
          actor,
          at: ctx.now,
          kind: 'points.adjust',
          targetType: 'member',
          targetId: params.targetMemberId,
          before: { pointsBalance: target.rows[0].points_balance },
          after: { pointsBalance: balance, delta: params.delta, reason: params.reason },
          requestId: params.requestId,
        });
        return balance;
      }),
  );
}

async function findAdjustment(ctx: UseCaseContext, requestId: string): Promise<PointsAdjustment | null> {
  const { rows } = await ctx.db.query<{ id: string; member_id: string; delta: number; balance_after: number; note: string }>(
    `select id, member_id, delta, balance_after, note from points_ledger where source = 'admin_adjust' and source_id = $1`,
    [requestId],
  );
  const row = rows[0];
  return row
    ? { ledgerId: row.id, targetMemberId: row.member_id, delta: row.delta, balance: row.balance_after, reason: row.note }
    : null;
}
