/**
 * Staff decide an order's after-sales request. Approved, the decision is recorded first (a
 * conditional update of the pending request, so a decline racing it finds nothing to decline),
 * then the order is refunded through the one refund use case (refund-order.ts: provider, stock,
 * coupon, points and growth); asked again after a refund that did not finish (the provider
 * failed), the refund is tried again. Declined, the order goes back to the status it had before
 * the request and the request records why, both by conditional updates in one transaction.
 */
import type { OrderView } from '../../contract';
import type { OrderStatus } from '../../domain/order-lifecycle';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { loadOrderRow, toOrderView } from './order-row';
import { refundOrder } from './refund-order';

interface RequestRow {
  id: string;
  reason: string;
  status: 'pending' | 'approved' | 'declined';
  order_status: OrderStatus;
}

/** What an approved refund records as its reason when staff wrote none. */
const APPROVED_REASON = '同意售后申请';

export async function decideRefund(
  ctx: UseCaseContext,
  actor: Actor,
  params: { orderId: string; approve: boolean; note?: string },
): Promise<OrderView | Failure> {
  const order = await loadOrderRow(ctx.db, params.orderId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  const { rows } = await ctx.db.query<RequestRow>(
    'select id, reason, status, order_status from refund_requests where order_id = $1 order by id desc limit 1',
    [order.id],
  );
  const latest = rows[0];
  // Approved before, the refund did not finish: the order is still 退款中, and the refund is tried again.
  const unfinished = latest?.status === 'approved' && order.status === 'refunding';
  if (!latest || (latest.status !== 'pending' && !unfinished)) return fail('NO_REFUND_REQUEST');
  if (params.approve) {
    if (!unfinished) {
      const { rowCount } = await ctx.db.query(
        `update refund_requests set status = 'approved', decided_at = $2, decided_by = $3, decision_note = $4 where id = $1 and status = 'pending'`,
        [latest.id, ctx.now, actor.memberId, params.note ?? null],
      );
      if (rowCount === 0) return fail('NO_REFUND_REQUEST');
    }
    // The member's own words stay on their request (and go with it when they erase their account).
    return refundOrder(ctx, actor, { orderId: order.id, reason: params.note ?? APPROVED_REASON });
  }
  if (unfinished) return fail('NO_REFUND_REQUEST', '这笔售后已同意退款，不能再拒绝');
  // The order first, then its request: the same order of locks as a refund's, so the two never deadlock.
  const done = await transactionOrFailure(ctx.db, async (tx) => {
    const back = await tx.query(`update orders set status = $2 where id = $1 and status = 'refunding'`, [order.id, latest.order_status]);
    if (back.rowCount === 0) return fail('NO_REFUND_REQUEST');
    const declined = await tx.query(
      `update refund_requests set status = 'declined', decided_at = $2, decided_by = $3, decision_note = $4 where id = $1 and status = 'pending'`,
      [latest.id, ctx.now, actor.memberId, params.note],
    );
    if (declined.rowCount === 0) return fail('NO_REFUND_REQUEST');
    return true;
  });
  if (done !== true) return done;
  return toOrderView((await loadOrderRow(ctx.db, order.id))!, ctx);
}
