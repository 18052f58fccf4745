import type { OrderView } from '../../contract';
import { movableFrom } from '../../domain/order-lifecycle';
import { asAdmin, recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { eraseOrderAddressIfWithdrawn } from '../privacy/erase-addresses';
import { loadOrderRow, toOrderView } from './order-row';

/**
 * 发货 (operations staff): a paid shop order leaves with its carrier and tracking number, by a
 * conditional update from the statuses the lifecycle allows (an order in after-sales waits for
 * the decision). Sent again with the same tracking number, it answers with the shipped order.
 */
export async function shipOrder(
  ctx: UseCaseContext,
  actor: Actor,
  params: { orderId: string; carrier: string; trackingNo: string },
): Promise<OrderView | Failure> {
  await ctx.db.transaction(async (tx) => {
    const before = await rowState(tx, 'orders', params.orderId);
    const shipped = await tx.query(
      `update orders set status = 'shipped', shipped_at = $2, carrier = $3, tracking_no = $4
       where id = $1 and status = any($5::text[]) and mall_item_id is null`,
      [params.orderId, ctx.now, params.carrier, params.trackingNo, movableFrom('ship')],
    );
    if (shipped.rowCount > 0) {
      const after = await rowState(tx, 'orders', params.orderId);
      await recordAudit(tx, { actor: asAdmin(actor), at: ctx.now, kind: 'order.ship', targetType: 'order', targetId: params.orderId, before, after });
    }
    // Gone out: a member who withdrew consent no longer has their address kept for it.
    await eraseOrderAddressIfWithdrawn(tx, params.orderId);
  });
  const order = await loadOrderRow(ctx.db, params.orderId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  if (order.tracking_no !== params.trackingNo || order.carrier !== params.carrier) {
    return fail('ORDER_NOT_SHIPPABLE', order.shipped_at ? '这笔订单已经发货' : undefined);
  }
  return toOrderView(order, ctx);
}
