/**
 * Cancelling an unpaid order gives back what it reserved: the SKU's stock, the flash sale's
 * stock and my flash-sale count, and the coupon. The payment is closed first, so that it can
 * no longer be paid; one conditional update decides, so a cancel racing a payment happens once.
 */
import type { OrderView } from '../../contract';
import type { Db, Queryable } from '../../db/port';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import type { PaymentProvider } from './payment-provider';
import { findMyOrder } from './my-orders';
import { toOrderView } from './order-row';

const BATCH = 200;

async function releaseIn(tx: Queryable, orderId: string, now: Date): Promise<boolean> {
  const { rows } = await tx.query<{ member_id: string; sku_id: string; qty: number; flash_sale_id: string | null; coupon_id: string | null }>(
    `update orders set status = 'cancelled', cancelled_at = $2 where id = $1 and status = 'pending'
     returning member_id, sku_id, qty, flash_sale_id, coupon_id`,
    [orderId, now],
  );
  const o = rows[0];
  if (!o) return false;
  await tx.query('update product_skus set stock = stock + $2 where id = $1', [o.sku_id, o.qty]);
  if (o.flash_sale_id) {
    await tx.query('update flash_sales set taken = taken - $2 where id = $1', [o.flash_sale_id, o.qty]);
    await tx.query('update flash_sale_member_counts set taken = taken - $3 where flash_sale_id = $1 and member_id = $2', [
      o.flash_sale_id,
      o.member_id,
      o.qty,
    ]);
  }
  if (o.coupon_id) await tx.query('update coupons set order_id = null where id = $1 and order_id = $2', [o.coupon_id, orderId]);
  return true;
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
  await closeAndRelease(ctx.db, ctx.adapters.payments, order.id, ctx.now);
  const after = await findMyOrder(ctx.db, actor, params.orderId);
  if (after!.status !== 'cancelled') return fail('ORDER_NOT_PENDING');
  return toOrderView(after!, ctx.brand.timeZone);
}

/** The scheduled sweep: every order whose payment window is over is cancelled. Safe on several instances at once. */
export async function cancelExpiredOrders(db: Db, payments: PaymentProvider | null, now: Date): Promise<{ cancelled: number }> {
  let cancelled = 0;
  for (;;) {
    const { rows } = await db.query<{ id: string }>(
      `select id from orders where status = 'pending' and expires_at <= $1 order by expires_at limit ${BATCH}`,
      [now],
    );
    for (const { id } of rows) if (await closeAndRelease(db, payments, id, now)) cancelled++;
    if (rows.length < BATCH) return { cancelled };
  }
}
