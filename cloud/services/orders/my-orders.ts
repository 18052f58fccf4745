import type { OrderView } from '../../contract';
import type { Queryable } from '../../db/port';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { ORDER_COLUMNS, toOrderView, type OrderRow } from './order-row';

const PAGE = 20;

/** 我的订单, newest first. */
export async function myOrders(ctx: UseCaseContext, actor: Actor, params: { cursor?: string }): Promise<{ items: OrderView[]; nextCursor: string | null }> {
  const { rows } = await ctx.db.query<OrderRow>(
    `select ${ORDER_COLUMNS} from orders o where o.member_id = $1 and ($2::bigint is null or o.id < $2) order by o.id desc limit ${PAGE + 1}`,
    [actor.memberId, params.cursor ?? null],
  );
  const items = rows.slice(0, PAGE).map((o) => toOrderView(o, ctx.brand.timeZone));
  return { items, nextCursor: rows.length > PAGE ? items[items.length - 1]!.id : null };
}

/** One order of mine (another member's is "not found", never shown). */
export async function findMyOrder(q: Queryable, actor: Actor, orderId: string): Promise<OrderRow | null> {
  const { rows } = await q.query<OrderRow>(`select ${ORDER_COLUMNS} from orders o where o.id = $1 and o.member_id = $2`, [orderId, actor.memberId]);
  return rows[0] ?? null;
}

export async function orderDetail(ctx: UseCaseContext, actor: Actor, params: { orderId: string }): Promise<OrderView | Failure> {
  const order = await findMyOrder(ctx.db, actor, params.orderId);
  return order ? toOrderView(order, ctx.brand.timeZone) : fail('NOT_FOUND', '订单不存在');
}
