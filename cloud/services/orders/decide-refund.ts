/**
 * Staff decide an order's after-sales request. Approved, the decision is recorded first (a
 * conditional update of the pending request, so a decline racing it finds nothing to decline),
 * then the order is refunded through the one refund use case (refund-order.ts: provider, stock,
 * coupon, points and growth); asked again after a refund that did not finish (the provider
 * failed), the refund is tried again. Declined, the order goes back to the status it had before
 * the request and the request records why, both by conditional updates in one transaction.
 */
import type { OrderView } from '../../contract';
import type { Queryable } from '../../db/port';
import type { OrderStatus } from '../../domain/order-lifecycle';
import { asAdmin, recordAudit } from '../audit/record-audit';
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

/** The decision's state for the audit log: the order's status and the request's, never the member's words. */
async function decisionState(tx: Queryable, requestId: string) {
  const { rows } = await tx.query<{ order_status: OrderStatus; kind: string; status: string; decision_note: string | null }>(
    `select o.status as order_status, r.kind, r.status, r.decision_note from refund_requests r join orders o on o.id = r.order_id where r.id = $1`,
    [requestId],
  );
  const r = rows[0]!;
  return { orderStatus: r.order_status, request: { id: requestId, kind: r.kind, status: r.status, decisionNote: r.decision_note } };
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
      const decided = await transactionOrFailure(ctx.db, async (tx) => {
        const before = await decisionState(tx, latest.id);
        const { rowCount } = await tx.query(
          `update refund_requests set status = 'approved', decided_at = $2, decided_by = $3, decision_note = $4 where id = $1 and status = 'pending'`,
          [latest.id, ctx.now, actor.memberId, params.note ?? null],
        );
        if (rowCount === 0) return fail('NO_REFUND_REQUEST');
        // The refund that follows is an entry of its own (order.refund).
        await recordAudit(tx, { actor: asAdmin(actor), at: ctx.now, kind: 'refund.decide', targetType: 'order', targetId: order.id, before, after: await decisionState(tx, latest.id) });
        return true;
      });
      if (decided !== true) return decided;
    }
    // The member's own words stay on their request (and go with it when they erase their account).
    return refundOrder(ctx, actor, { orderId: order.id, reason: params.note ?? APPROVED_REASON });
  }
  if (unfinished) return fail('NO_REFUND_REQUEST', '这笔售后已同意退款，不能再拒绝');
  // The order first, then its request: the same order of locks as a refund's, so the two never deadlock.
  const done = await transactionOrFailure(ctx.db, async (tx) => {
    const back = await tx.query(`update orders set status = $2 where id = $1 and status = 'refunding'`, [order.id, latest.order_status]);
    if (back.rowCount === 0) return fail('NO_REFUND_REQUEST');
    const before = { ...(await decisionState(tx, latest.id)), orderStatus: 'refunding' };
    const declined = await tx.query(
      `update refund_requests set status = 'declined', decided_at = $2, decided_by = $3, decision_note = $4 where id = $1 and status = 'pending'`,
      [latest.id, ctx.now, actor.memberId, params.note],
    );
    if (declined.rowCount === 0) return fail('NO_REFUND_REQUEST');
    await recordAudit(tx, { actor: asAdmin(actor), at: ctx.now, kind: 'refund.decide', targetType: 'order', targetId: order.id, before, after: await decisionState(tx, latest.id) });
    return true;
  });
  if (done !== true) return done;
  return toOrderView((await loadOrderRow(ctx.db, order.id))!, ctx);
}
