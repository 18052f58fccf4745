/**
 * 售后 as the member asks for it: 申请退款 before the order ships, 申请退货 once it has (while
 * on its way, and for `shipping.returnDays` after completion), with photos they uploaded. The
 * order is 退款中 until staff decide (decide-refund.ts). The request and the status change are
 * one transaction, the change conditional on the status the decision was made on.
 */
import type { OrderView } from '../../contract';
import type { Queryable } from '../../db/port';
import { MEDIA_ID_PATTERN } from '../../contract';
import { nextStatus, returnOpen, type OrderStatus } from '../../domain/order-lifecycle';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { findMyOrder } from './my-orders';
import { toOrderView, type OrderRow } from './order-row';

type Kind = 'refund' | 'return';

/** Why this order cannot take this request now, or null. */
function refusal(order: OrderRow, kind: Kind, ctx: UseCaseContext): Failure | null {
  if (order.mall_item_id) return fail('AFTER_SALES_NOT_ALLOWED', '积分换购的订单请联系客服处理');
  if (order.status === 'refunding') return fail('AFTER_SALES_OPEN');
  if (kind === 'refund' && !nextStatus(order.status, 'requestRefund')) {
    return fail('AFTER_SALES_NOT_ALLOWED', order.status === 'shipped' || order.status === 'completed' ? '订单已发货，请申请退货' : undefined);
  }
  if (kind === 'return') {
    if (order.status === 'paid') return fail('AFTER_SALES_NOT_ALLOWED', '订单尚未发货，请申请退款');
    if (!nextStatus(order.status, 'requestReturn')) return fail('AFTER_SALES_NOT_ALLOWED');
    if (!returnOpen({ status: order.status, completedAt: order.completed_at }, ctx.now, ctx.brand.shipping.returnDays)) {
      return fail('AFTER_SALES_NOT_ALLOWED', `已超过收货后 ${ctx.brand.shipping.returnDays} 天的退货期限`);
    }
  }
  return null;
}

/** Photos on the Node server must be the member's own uploads (cloud:// files are WeChat's to check). */
async function foreignPhoto(q: Queryable, memberId: string, photos: string[]): Promise<boolean> {
  const ids = photos.map((url) => url.slice('/media/'.length)).filter((id) => MEDIA_ID_PATTERN.test(id));
  if (ids.length === 0) return false;
  const { rows } = await q.query<{ mine: number }>('select count(*)::int as mine from media where member_id = $1 and id = any($2::text[])', [
    memberId,
    ids,
  ]);
  return rows[0]!.mine !== new Set(ids).size;
}

async function request(ctx: UseCaseContext, actor: Actor, kind: Kind, params: { orderId: string; reason: string; photos?: string[] }) {
  const photos = params.photos ?? [];
  const order = await findMyOrder(ctx.db, actor, params.orderId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  const refused = refusal(order, kind, ctx);
  if (refused) return refused;
  if (await foreignPhoto(ctx.db, actor.memberId, photos)) return fail('INVALID_PARAMS', '图片不存在，请重新上传');
  const from: OrderStatus = order.status;
  const done = await transactionOrFailure(ctx.db, async (tx) => {
    const { rowCount } = await tx.query(`update orders set status = 'refunding' where id = $1 and status = $2`, [order.id, from]);
    if (rowCount === 0) return fail('AFTER_SALES_NOT_ALLOWED', '订单状态已变化，请刷新后重试');
    await tx.query(
      `insert into refund_requests (order_id, member_id, kind, reason, photos, order_status, status, requested_at)
       values ($1, $2, $3, $4, $5, $6, 'pending', $7)`,
      [order.id, actor.memberId, kind, params.reason, photos, from, ctx.now],
    );
    return true;
  });
  if (done !== true) return done;
  return toOrderView((await findMyOrder(ctx.db, actor, order.id))!, ctx);
}

export function requestRefund(ctx: UseCaseContext, actor: Actor, params: { orderId: string; reason: string }): Promise<OrderView | Failure> {
  return request(ctx, actor, 'refund', params);
}

export function requestReturn(
  ctx: UseCaseContext,
  actor: Actor,
  params: { orderId: string; reason: string; photos: string[] },
): Promise<OrderView | Failure> {
  return request(ctx, actor, 'return', params);
}
