import type { OrderView } from '../../contract';
import type { Queryable } from '../../db/port';
import { nightMarketAt } from '../../domain/night-market';
import type { Actor, UseCaseContext } from '../context';
import { Failure, fail, transactionOrFailure } from '../failure';
import { oncePerRequest } from '../request-once';
import { findMyAddress } from '../address/list-addresses';
import { lastShareClick } from '../sharing/attribution';
import { ORDER_COLUMNS, toOrderView, type OrderRow } from './order-row';
import { priceOrder } from './price-order';
import { reserveOrderStock } from './stock-reservations';

export interface OrderRequest {
  skuId: string;
  qty: number;
  couponId?: string;
  /** One of my addresses: the order keeps a copy of it. */
  addressId?: string;
  note?: string;
  expectedTotalFen?: number;
  requestId: string;
}

/**
 * 提交订单 in one transaction: the server prices it (shipping included), copies my address onto
 * it, reserves the SKU's stock (and the flash sale's, and my flash-sale count) by conditional
 * updates, holds the coupon, and records which share brought it. Any refusal rolls everything
 * back; a repeated requestId answers with the first order. Unpaid, it is cancelled after
 * `orders.unpaidMinutes` (cancel-order.ts). Tonight's category bought while the night market is
 * open makes a night-market order (the 夜市买家 tag reads it).
 */
export async function createOrder(
  ctx: UseCaseContext,
  actor: Actor,
  params: OrderRequest,
): Promise<OrderView | Failure> {
  return oncePerRequest(
    () => earlierOrder(ctx.db, ctx, actor, params.requestId),
    () => transactionOrFailure(ctx.db, (tx) => createIn(tx, ctx, actor, params)),
  );
}

async function createIn(
  tx: Queryable,
  ctx: UseCaseContext,
  actor: Actor,
  params: OrderRequest,
): Promise<string | Failure> {
  if (!params.addressId) return fail('ADDRESS_REQUIRED');
  const address = await findMyAddress(tx, actor.memberId, params.addressId);
  if (!address) return fail('NOT_FOUND', '收货地址不存在，请重新选择');
  // Two orders racing for one coupon queue here; the second then prices with the coupon held.
  if (params.couponId) await tx.query('select 1 from coupons where id = $1 and member_id = $2 for update', [params.couponId, actor.memberId]);
  const priced = await priceOrder(tx, ctx, actor, params);
  if (priced instanceof Failure) return priced;
  // A flash sale sold out or a price changed since the quote: the member decides again.
  if (params.expectedTotalFen !== undefined && priced.totalFen !== params.expectedTotalFen) return fail('PRICE_CHANGED');
  const reserved = await reserveOrderStock(tx, {
    memberId: actor.memberId,
    skuId: params.skuId,
    qty: params.qty,
    flashSale: priced.flashSaleId ? { id: priced.flashSaleId, perMemberLimit: priced.sku.flash_limit! } : null,
    at: ctx.now,
  });
  if (reserved) return reserved;
  const attribution = await lastShareClick(tx, ctx.brand, actor.memberId, ctx.now);
  const expiresAt = new Date(ctx.now.getTime() + ctx.brand.orders.unpaidMinutes * 60_000);
  const market = nightMarketAt(ctx.now, ctx.brand.timeZone, ctx.brand.nightMarket);
  const nightMarket = market !== null && market.categoryId === priced.sku.category_id;
  const { rows } = await tx.query<{ id: string }>(
    `insert into orders (member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, image_url, category_id,
       list_price_fen, unit_price_fen, flash_sale_id, member_discount_fen, member_day_discount_fen, coupon_id, coupon_discount_fen,
       shipping_fen, total_fen, member_day, share_id, guide_id, group_id, address, note, created_at, expires_at, night_market)
     values ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)
     returning id`,
    [
      actor.memberId,
      params.requestId,
      priced.sku.product_id,
      priced.sku.id,
      params.qty,
      priced.sku.product_name,
      priced.skuLabel,
      priced.sku.image_url,
      priced.sku.category_id,
      priced.listPriceFen,
      priced.unitPriceFen,
      priced.flashSaleId,
      priced.memberDiscountFen,
      priced.memberDayDiscountFen,
      priced.coupon?.id ?? null,
      priced.couponDiscountFen,
      priced.shippingFen,
      priced.totalFen,
      priced.memberDay,
      attribution?.shareId ?? null,
      attribution?.guideId ?? null,
      attribution?.groupId ?? null,
      JSON.stringify(address),
      params.note || null,
      ctx.now,
      expiresAt,
      nightMarket,
    ],
  );
  const orderId = rows[0]!.id;
  if (priced.coupon) {
    const held = await tx.query('update coupons set order_id = $2 where id = $1 and used_at is null and order_id is null', [
      priced.coupon.id,
      orderId,
    ]);
    if (held.rowCount === 0) return fail('COUPON_HELD');
  }
  return orderId;
}

async function earlierOrder(db: Queryable, ctx: UseCaseContext, actor: Actor, requestId: string): Promise<OrderView | null> {
  const { rows } = await db.query<OrderRow>(`select ${ORDER_COLUMNS} from orders o where o.member_id = $1 and o.request_id = $2`, [
    actor.memberId,
    requestId,
  ]);
  return rows[0] ? toOrderView(rows[0], ctx) : null;
}
