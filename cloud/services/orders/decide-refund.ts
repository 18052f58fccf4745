/**
 * Staff decide an order's open after-sales request: approved, it is refunded through the one
 * refund use case (refund-order.ts: provider, stock, coupon, points and growth); declined, the
 * request records why and the order goes back to the status it had before the request, both by
 * conditional updates, so two staff deciding at once decide once.
 */
import type { OrderView } from '../../contract';
import type { OrderStatus } from '../../domain/order-lifecycle';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { loadOrderRow, toOrderView } from './order-row';
import { refundOrder } from './refund-order';

export async function decideRefund(
  ctx: UseCaseContext,
  actor: Actor,
  params: { orderId: string; approve: boolean; note?: string },
): Promise<OrderView | Failure> {
  const { rows } = await ctx.db.query<{ id: string; reason: string; order_status: OrderStatus }>(
    `select id, reason, order_status from refund_requests where order_id = $1 and status = 'pending'`,
    [params.orderId],
  );
  const open = rows[0];
  if (!open) return (await loadOrderRow(ctx.db, params.orderId)) ? fail('NO_REFUND_REQUEST') : fail('NOT_FOUND', '订单不存在');
  if (params.approve) return refundOrder(ctx, actor, { orderId: params.orderId, reason: params.note ?? open.reason, decisionNote: params.note });
  // The order first, then its request: the same order of locks as a refund's, so the two never deadlock.
  const done = await transactionOrFailure(ctx.db, async (tx) => {
    const back = await tx.query(`update orders set status = $2 where id = $1 and status = 'refunding'`, [params.orderId, open.order_status]);
    if (back.rowCount === 0) return fail('NO_REFUND_REQUEST');
    const declined = await tx.query(
      `update refund_requests set status = 'declined', decided_at = $2, decided_by = $3, decision_note = $4 where id = $1 and status = 'pending'`,
      [open.id, ctx.now, actor.memberId, params.note],
    );
    if (declined.rowCount === 0) return fail('NO_REFUND_REQUEST');
    return true;
  });
  if (done !== true) return done;
  return toOrderView((await loadOrderRow(ctx.db, params.orderId))!, ctx);
}
