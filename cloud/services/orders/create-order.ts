import type { OrderView } from '../../contract';
import type { Queryable } from '../../db/port';
import type { Actor, UseCaseContext } from '../context';
import { Failure, fail, transactionOrFailure } from '../failure';
import { oncePerRequest } from '../request-once';
import { lastShareClick } from '../sharing/attribution';
import { ORDER_COLUMNS, toOrderView, type OrderRow } from './order-row';
import { priceOrder } from './price-order';

export interface OrderRequest {
  skuId: string;
  qty: number;
  couponId?: string;
  expectedTotalFen?: number;
  requestId: string;
}

/**
 * 提交订单 in one transaction: the server prices it, reserves the SKU's stock (and the flash
 * sale's, and my flash-sale count) by conditional updates, holds the coupon, and records which
 * share brought it. Any refusal rolls everything back; a repeated requestId answers with the
 * first order. Unpaid, it is cancelled after `orders.unpaidMinutes` (cancel-order.ts).
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
  // Two orders racing for one coupon queue here; the second then prices with the coupon held.
  if (params.couponId) await tx.query('select 1 from coupons where id = $1 and member_id = $2 for update', [params.couponId, actor.memberId]);
  const priced = await priceOrder(tx, ctx, actor, params);
  if (priced instanceof Failure) return priced;
  // A flash sale sold out or a price changed since the quote: the member decides again.
  if (params.expectedTotalFen !== undefined && priced.totalFen !== params.expectedTotalFen) return fail('PRICE_CHANGED');
  const stock = await tx.query('update product_skus set stock = stock - $2 where id = $1 and stock >= $2', [params.skuId, params.qty]);
  if (stock.rowCount === 0) return fail('OUT_OF_STOCK');
  if (priced.flashSaleId) {
    const flash = await tx.query(
      'update flash_sales set taken = taken + $2 where id = $1 and taken + $2 <= stock and starts_at <= $3 and $3 < ends_at',
      [priced.flashSaleId, params.qty, ctx.now],
    );
    if (flash.rowCount === 0) return fail('FLASH_SALE_OVER');
    const mine = await tx.query(
      `insert into flash_sale_member_counts (flash_sale_id, member_id, taken)
       select $1::bigint, $2::bigint, $3::int where $3::int <= $4::int
       on conflict (flash_sale_id, member_id) do update set taken = flash_sale_member_counts.taken + excluded.taken
       where flash_sale_member_counts.taken + excluded.taken <= $4::int`,
      [priced.flashSaleId, actor.memberId, params.qty, priced.sku.flash_limit],
    );
    if (mine.rowCount === 0) return fail('FLASH_SALE_LIMIT', `秒杀商品每人限购 ${priced.sku.flash_limit} 件`);
  }
  const attribution = await lastShareClick(tx, ctx.brand, actor.memberId, ctx.now);
  const expiresAt = new Date(ctx.now.getTime() + ctx.brand.orders.unpaidMinutes * 60_000);
  const { rows } = await tx.query<{ id: string }>(
    `insert into orders (member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, image_url, category_id,
       list_price_fen, unit_price_fen, flash_sale_id, member_discount_fen, member_day_discount_fen, coupon_id, coupon_discount_fen,
       total_fen, member_day, share_id, guide_id, group_id, created_at, expires_at)
     values ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
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
      priced.totalFen,
      priced.memberDay,
      attribution?.shareId ?? null,
      attribution?.guideId ?? null,
      attribution?.groupId ?? null,
      ctx.now,
      expiresAt,
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
  return rows[0] ? toOrderView(rows[0], ctx.brand.timeZone) : null;
}
