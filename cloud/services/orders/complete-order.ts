/**
 * 已完成: a shipped order completes when the member confirms receipt, or by itself
 * `shipping.autoCompleteDays` after the day it shipped (a daily job). Both are the same
 * conditional update from 已发货, so an order completes once whichever comes first, and however
 * often either runs. Completion credits nothing: the order's points and growth were booked when
 * it was paid.
 */
import type { OrderView } from '../../contract';
import type { Queryable } from '../../db/port';
import { autoCompleteShippedBy, movableFrom } from '../../domain/order-lifecycle';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import type { BatchOutcome, JobContext } from '../jobs/job';
import { loadOrderRow, toOrderView } from './order-row';

/** The completion itself, with the placeholders of its time and of who completed it. */
const complete = (at: string, by: string) => `update orders set status = 'completed', completed_at = ${at}, completed_by = ${by}`;

/** 确认收货. Asked again once completed, it answers with the completed order. */
export async function confirmReceipt(ctx: UseCaseContext, actor: Actor, params: { orderId: string }): Promise<OrderView | Failure> {
  await ctx.db.query(`${complete('$2', '$3')} where id = $1 and member_id = $4 and status = any($5::text[])`, [
    params.orderId,
    ctx.now,
    'member',
    actor.memberId,
    movableFrom('confirmReceipt'),
  ]);
  const order = await loadOrderRow(ctx.db, params.orderId, actor.memberId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  if (order.status !== 'completed') return fail('ORDER_NOT_SHIPPED', order.status === 'refunding' ? '订单售后处理中，暂不能确认收货' : undefined);
  return toOrderView(order, ctx);
}

/**
 * The daily auto-completion, one batch: the next shipped orders (by id, after the cursor) that
 * shipped on or before the day autoCompleteShippedBy names complete.
 */
export async function completeShippedOrdersBatch(
  tx: Queryable,
  after: string | null,
  { brand, day, now, batchSize }: JobContext,
): Promise<BatchOutcome> {
  const { rows } = await tx.query<{ last_id: string | null; walked: number; completed: number }>(
    `with walked as (
       select id, shipped_at from orders where status = 'shipped' and id > $3::bigint order by id limit $4
     ), done as (
       ${complete('$1', '$2')} from walked w
       where orders.id = w.id and orders.status = any($7::text[]) and (w.shipped_at at time zone $5)::date <= $6::date
       returning orders.id
     )
     select (select max(id) from walked)::text as last_id, (select count(*) from walked)::int as walked, (select count(*) from done)::int as completed`,
    [now, 'auto', after ?? '0', batchSize, brand.timeZone, autoCompleteShippedBy(day, brand.shipping.autoCompleteDays), movableFrom('autoComplete')],
  );
  const r = rows[0]!;
  return { cursor: r.walked < batchSize ? null : r.last_id, rows: r.walked, counts: { completed: r.completed } };
}
