import type { OrderQuote, SkuView } from '../../contract';
import type { Actor, UseCaseContext } from '../context';
import { Failure } from '../failure';
import { couponOptions, couponRefusal, finishPrice, priceBase } from './price-order';

/**
 * 确认订单: what the server would charge now, and which of my coupons apply, best first. Without
 * a couponId my best usable coupon is priced in; null prices none.
 */
export async function quoteOrder(
  ctx: UseCaseContext,
  actor: Actor,
  params: { skuId: string; qty: number; couponId?: string | null },
): Promise<OrderQuote | Failure> {
  const base = await priceBase(ctx.db, ctx, actor, params);
  if (base instanceof Failure) return base;
  const usable = await couponOptions(ctx.db, ctx, actor, base);
  if (params.couponId) {
    const refusal = couponRefusal(base, usable, params.couponId);
    if (refusal) return refusal;
  }
  const chosen = params.couponId === undefined ? (usable[0] ?? null) : (usable.find((c) => c.id === params.couponId) ?? null);
  const priced = finishPrice(ctx, base, chosen);
  const sku: SkuView = {
    id: priced.sku.id,
    size: priced.sku.size,
    color: priced.sku.color,
    label: priced.skuLabel,
    priceFen: priced.sku.price_fen,
    memberPriceFen: priced.unitPriceFen,
    flash: priced.flashSale,
    stock: priced.sku.stock,
  };
  return {
    listPriceFen: priced.listPriceFen,
    unitPriceFen: priced.unitPriceFen,
    qty: priced.qty,
    memberDiscountFen: priced.memberDiscountFen,
    memberDayDiscountFen: priced.memberDayDiscountFen,
    couponDiscountFen: priced.couponDiscountFen,
    shippingFen: priced.shippingFen,
    totalFen: priced.totalFen,
    flashSale: priced.flashSale,
    sku,
    product: { id: priced.sku.product_id, name: priced.sku.product_name, imageUrl: priced.sku.image_url },
    coupon: priced.coupon,
    usableCoupons: usable,
    pointsToEarn: priced.pointsToEarn,
    shipping: priced.shipping,
    flashAllowance: base.flashAllowance,
  };
}
