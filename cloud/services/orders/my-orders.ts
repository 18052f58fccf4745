import type { OrderDetail, OrderTab, OrderView } from '../../contract';
import type { Queryable } from '../../db/port';
import { toBrandIso } from '../../domain/business-day';
import { orderTimeline } from '../../domain/order-lifecycle';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { loadOrderRow, ORDER_COLUMNS, toOrderView, type OrderRow } from './order-row';

const PAGE = 20;

/**
 * Each tab as SQL over an order `o`: the same partition as the lifecycle's orderTab (a paid
 * 加钱换购 is done, never 待发货).
 */
const TAB_FILTERS: Record<OrderTab, string> = {
  pending: `o.status = 'pending'`,
  to_ship: `o.status = 'paid' and o.mall_item_id is null`,
  to_receive: `o.status = 'shipped'`,
  completed: `(o.status = 'completed' or (o.status = 'paid' and o.mall_item_id is not null))`,
  after_sales: `o.status in ('refunding', 'refunded')`,
};

/** 我的订单, newest first, all or one tab's (also a member's orders an admin looks at). */
export async function myOrders(
  ctx: UseCaseContext,
  member: Pick<Actor, 'memberId'>,
  params: { status?: OrderTab; cursor?: string },
): Promise<{ items: OrderView[]; nextCursor: string | null }> {
  const { rows } = await ctx.db.query<OrderRow>(
    `select ${ORDER_COLUMNS} from orders o
     where o.member_id = $1 and ($2::bigint is null or o.id < $2) and ${params.status ? TAB_FILTERS[params.status] : 'true'}
     order by o.id desc limit ${PAGE + 1}`,
    [member.memberId, params.cursor ?? null],
  );
  const items = rows.slice(0, PAGE).map((o) => toOrderView(o, ctx));
  return { items, nextCursor: rows.length > PAGE ? items[items.length - 1]!.id : null };
}

/** One order of mine (another member's is "not found", never shown). */
export async function findMyOrder(q: Queryable, actor: Actor, orderId: string): Promise<OrderRow | null> {
  return loadOrderRow(q, orderId, actor.memberId);
}

/** 订单详情: the order with every step it went through. */
export async function orderDetail(ctx: UseCaseContext, actor: Actor, params: { orderId: string }): Promise<OrderDetail | Failure> {
  const order = await findMyOrder(ctx.db, actor, params.orderId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  return withTimeline(ctx, order);
}

/** An order with every step it went through (its after-sales requests read for theirs). */
export async function withTimeline(ctx: UseCaseContext, order: OrderRow): Promise<OrderDetail> {
  const { rows: requests } = await ctx.db.query<{ kind: 'refund' | 'return'; requested_at: Date; status: string; decided_at: Date | null }>(
    'select kind, requested_at, status, decided_at from refund_requests where order_id = $1 order by id',
    [order.id],
  );
  const timeline = orderTimeline({
    createdAt: order.created_at,
    paidAt: order.paid_at,
    shippedAt: order.shipped_at,
    completedAt: order.completed_at,
    completedBy: order.completed_by,
    cancelledAt: order.cancelled_at,
    refundedAt: order.refunded_at,
    requests: requests.map((r) => ({ kind: r.kind, requestedAt: r.requested_at, declinedAt: r.status === 'declined' ? r.decided_at : null })),
  });
  return {
    ...toOrderView(order, ctx),
    timeline: timeline.map((s) => ({ step: s.step, at: toBrandIso(s.at, ctx.brand.timeZone) })),
  };
}
