import type { OrderQuote, SkuView } from '../../contract';
import { couponDiscountFen } from '../../domain/coupons';
import { couponOffOrder, takesCoupon } from '../../domain/pricing';
import type { Actor, UseCaseContext } from '../context';
import { Failure } from '../failure';
import { priceOrder, usableCoupons } from './price-order';

/** 确认订单: what the server would charge now, and which of my coupons apply, best first. */
export async function quoteOrder(
  ctx: UseCaseContext,
  actor: Actor,
  params: { skuId: string; qty: number; couponId?: string },
): Promise<OrderQuote | Failure> {
  const priced = await priceOrder(ctx.db, ctx, actor, params);
  if (priced instanceof Failure) return priced;
  const lineFen = priced.unitPriceFen * priced.qty;
  const usable = takesCoupon(priced.unit)
    ? (await usableCoupons(ctx.db, ctx, actor))
        .map((c) => ({
          id: c.couponId,
          name: c.template.name,
          discountFen: couponOffOrder(priced.unit, priced.qty, couponDiscountFen(c.template, lineFen, priced.sku.category_id)),
        }))
        .filter((c) => c.discountFen > 0)
        .sort((a, b) => b.discountFen - a.discountFen)
    : [];
  const sku: SkuView = {
    id: priced.sku.id,
    size: priced.sku.size,
    color: priced.sku.color,
    label: priced.skuLabel,
    priceFen: priced.sku.price_fen,
    memberPriceFen: priced.unitPriceFen,
    stock: priced.sku.stock,
  };
  return {
    listPriceFen: priced.listPriceFen,
    unitPriceFen: priced.unitPriceFen,
    qty: priced.qty,
    memberDiscountFen: priced.memberDiscountFen,
    memberDayDiscountFen: priced.memberDayDiscountFen,
    couponDiscountFen: priced.couponDiscountFen,
    totalFen: priced.totalFen,
    flashSale: priced.flashSale,
    sku,
    product: { id: priced.sku.product_id, name: priced.sku.product_name, imageUrl: priced.sku.image_url },
    coupon: priced.coupon,
    usableCoupons: usable,
    pointsToEarn: priced.pointsToEarn,
  };
}
