/**
 * Cancelling an unpaid order gives back what it reserved: its stock (the SKU's, the flash sale's
 * and my flash-sale count, or the mall item's: stock-reservations.ts), the points of a 加钱换购,
 * and the coupon. The payment is closed first, so that it can
 * no longer be paid; one conditional update decides, so a cancel racing a payment happens once.
 */
import type { OrderView } from '../../contract';
import type { Db, Queryable } from '../../db/port';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { bookPoints } from '../points/book-points';
import type { PaymentProvider } from '../../adapters/payments/payment-provider';
import { findMyOrder } from './my-orders';
import { toOrderView } from './order-row';
import { eraseOrderAddressIfWithdrawn } from '../privacy/erase-addresses';
import { releaseOrderStock, type OrderStock } from './stock-reservations';

const BATCH = 200;

async function releaseIn(tx: Queryable, orderId: string, now: Date): Promise<boolean> {
  const { rows } = await tx.query<
    OrderStock & { points_price: number; points_expire_on: string | null; product_name: string; coupon_id: string | null }
  >(
    `update orders set status = 'cancelled', cancelled_at = $2 where id = $1 and status = 'pending'
     returning member_id, sku_id, mall_item_id, points_price, points_expire_on, product_name, qty, flash_sale_id, coupon_id`,
    [orderId, now],
  );
  const o = rows[0];
  if (!o) return false;
  await eraseOrderAddressIfWithdrawn(tx, orderId);
  await releaseOrderStock(tx, o);
  if (o.mall_item_id) {
    await returnMallPoints(tx, {
      orderId,
      memberId: o.member_id,
      points: o.points_price,
      expiresOn: o.points_expire_on,
      name: o.product_name,
      at: now,
      why: '订单已取消',
    });
  }
  if (o.coupon_id) await tx.query('update coupons set order_id = null where id = $1 and order_id = $2', [o.coupon_id, orderId]);
  return true;
}

/** A 加钱换购 that will not happen (its item is released with the order's stock): the points back. */
export async function returnMallPoints(
  tx: Queryable,
  h: { orderId: string; memberId: string; points: number; expiresOn: string | null; name: string; at: Date; why: string },
): Promise<void> {
  await bookPoints(tx, {
    memberId: h.memberId,
    delta: h.points,
    source: 'refund',
    sourceId: h.orderId,
    note: `${h.why}，积分退回：${h.name}`,
    at: h.at,
    // The expiry the points had when they were taken: a cancelled order never renews them.
    expiresOn: h.expiresOn,
  });
}

async function closeAndRelease(db: Db, payments: PaymentProvider | null, orderId: string, now: Date): Promise<boolean> {
  await payments?.close(orderId);
  return db.transaction((tx) => releaseIn(tx, orderId, now));
}

/** 取消订单 by the member, while it is unpaid. */
export async function cancelOrder(ctx: UseCaseContext, actor: Actor, params: { orderId: string }): Promise<OrderView | Failure> {
  const order = await findMyOrder(ctx.db, actor, params.orderId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  if (order.status !== 'pending') return fail('ORDER_NOT_PENDING');
  try {
    await closeAndRelease(ctx.db, ctx.adapters.payments, order.id, ctx.now);
  } catch (err) {
    // The provider would not close the payment (it may be completing): the order stays as it is.
    console.warn(`[orders] order ${order.id} not cancelled: ${(err as Error).message}`);
    return fail('ORDER_BUSY');
  }
  const after = await findMyOrder(ctx.db, actor, params.orderId);
  if (after!.status !== 'cancelled') return fail('ORDER_NOT_PENDING');
  return toOrderView(after!, ctx);
}

/**
 * The scheduled sweep: every order whose payment window is over is cancelled. Safe on several
 * instances at once. An order whose payment the provider will not close (a network error, a
 * payment completing) is left for the next tick and does not hold up the others.
 */
export async function cancelExpiredOrders(
  db: Db,
  payments: PaymentProvider | null,
  now: Date,
): Promise<{ cancelled: number; failed: number }> {
  let cancelled = 0;
  const failed: string[] = [];
  for (;;) {
    const { rows } = await db.query<{ id: string }>(
      `select id from orders where status = 'pending' and expires_at <= $1 and id <> all($2::bigint[])
       order by expires_at limit ${BATCH}`,
      [now, failed],
    );
    for (const { id } of rows) {
      try {
        if (await closeAndRelease(db, payments, id, now)) cancelled++;
      } catch (err) {
        console.warn(`[orders] order ${id} not cancelled yet: ${(err as Error).message}`);
        failed.push(id);
      }
    }
    if (rows.length < BATCH) return { cancelled, failed: failed.length };
  }
}
