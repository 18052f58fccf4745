/**
 * Cancelling an unpaid order gives back what it reserved: the SKU's stock, the flash sale's
 * stock and my flash-sale count, and the coupon. The payment is closed first, so that it can
 * no longer be paid; one conditional update decides, so a cancel racing a payment happens once.
 */
import type { OrderView } from '../../contract';
import type { Db, Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { lotExpiresOn } from '../../domain/points-expiry';
import type { Actor, BrandSettings, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { bookPoints } from '../points/book-points';
import type { PaymentProvider } from './payment-provider';
import { findMyOrder } from './my-orders';
import { toOrderView } from './order-row';

const BATCH = 200;

async function releaseIn(tx: Queryable, brand: BrandSettings, orderId: string, now: Date): Promise<boolean> {
  const { rows } = await tx.query<{
    member_id: string;
    sku_id: string | null;
    mall_item_id: string | null;
    points_price: number;
    product_name: string;
    qty: number;
    flash_sale_id: string | null;
    coupon_id: string | null;
  }>(
    `update orders set status = 'cancelled', cancelled_at = $2 where id = $1 and status = 'pending'
     returning member_id, sku_id, mall_item_id, points_price, product_name, qty, flash_sale_id, coupon_id`,
    [orderId, now],
  );
  const o = rows[0];
  if (!o) return false;
  if (o.sku_id) await tx.query('update product_skus set stock = stock + $2 where id = $1', [o.sku_id, o.qty]);
  if (o.mall_item_id) {
    await returnMallHold(tx, brand, { orderId, memberId: o.member_id, itemId: o.mall_item_id, points: o.points_price, name: o.product_name, at: now, why: '订单已取消' });
  }
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

/** A 加钱换购 that will not happen: the item back in stock, the member's count and points back. */
export async function returnMallHold(
  tx: Queryable,
  brand: BrandSettings,
  h: { orderId: string; memberId: string; itemId: string; points: number; name: string; at: Date; why: string },
): Promise<void> {
  await tx.query('update mall_items set redeemed = redeemed - 1 where id = $1', [h.itemId]);
  await tx.query('update mall_member_counts set redeemed = redeemed - 1 where item_id = $1 and member_id = $2', [h.itemId, h.memberId]);
  await bookPoints(tx, {
    memberId: h.memberId,
    delta: h.points,
    source: 'refund',
    sourceId: h.orderId,
    note: `${h.why}，积分退回：${h.name}`,
    at: h.at,
    expiresOn: lotExpiresOn(businessDay(h.at, brand.timeZone), brand.points.expiryMonths),
  });
}

async function closeAndRelease(db: Db, brand: BrandSettings, payments: PaymentProvider | null, orderId: string, now: Date): Promise<boolean> {
  await payments?.close(orderId);
  return db.transaction((tx) => releaseIn(tx, brand, orderId, now));
}

/** 取消订单 by the member, while it is unpaid. */
export async function cancelOrder(ctx: UseCaseContext, actor: Actor, params: { orderId: string }): Promise<OrderView | Failure> {
  const order = await findMyOrder(ctx.db, actor, params.orderId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  if (order.status !== 'pending') return fail('ORDER_NOT_PENDING');
  await closeAndRelease(ctx.db, ctx.brand, ctx.adapters.payments, order.id, ctx.now);
  const after = await findMyOrder(ctx.db, actor, params.orderId);
  if (after!.status !== 'cancelled') return fail('ORDER_NOT_PENDING');
  return toOrderView(after!, ctx.brand.timeZone);
}

/** The scheduled sweep: every order whose payment window is over is cancelled. Safe on several instances at once. */
export async function cancelExpiredOrders(db: Db, brand: BrandSettings, payments: PaymentProvider | null, now: Date): Promise<{ cancelled: number }> {
  let cancelled = 0;
  for (;;) {
    const { rows } = await db.query<{ id: string }>(
      `select id from orders where status = 'pending' and expires_at <= $1 order by expires_at limit ${BATCH}`,
      [now],
    );
    for (const { id } of rows) if (await closeAndRelease(db, brand, payments, id, now)) cancelled++;
    if (rows.length < BATCH) return { cancelled };
  }
}
