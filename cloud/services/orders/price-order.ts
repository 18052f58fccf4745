/**
 * Prices an order on the server from what is in the database now: the SKU's list price, my
 * tier's member price, member day, a live flash sale, a coupon of mine, and shipping. Used by
 * the quote (outside a transaction) and by the order itself (inside its transaction).
 */
import type { PriceBreakdown, ShippingTerms } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { couponDiscountFen } from '../../domain/coupons';
import { pointsMultipliers } from '../../domain/member-day';
import {
  couponOffOrder,
  flashAllowance,
  flashPriceFor,
  orderPoints,
  orderPrice,
  takesCoupon,
  unitPrice,
  withShipping,
  type FlashAllowance,
  type MemberRates,
  type UnitPrice,
} from '../../domain/pricing';
import type { Actor, UseCaseContext } from '../context';
import { fail, Failure } from '../failure';
import { TEMPLATE_COLUMNS, toTemplateView, type TemplateRow } from '../coupons/template-row';
import { skuLabel, type SkuRow } from '../catalog/product-detail';
import { pricingFor } from '../catalog/product-card';
import { myFlashTakenSql } from './stock-reservations';

export interface PricingSku extends SkuRow {
  product_id: string;
  product_name: string;
  image_url: string | null;
  category_id: string;
  flash_id: string | null;
  flash_price_fen: number | null;
  flash_left: number | null;
  flash_limit: number | null;
  my_flash_taken: number;
}

export interface PricedOrder extends PriceBreakdown {
  sku: PricingSku;
  unit: UnitPrice;
  skuLabel: string;
  flashSaleId: string | null;
  memberDay: boolean;
  coupon: { id: string; name: string } | null;
  pointsToEarn: number;
  shipping: ShippingTerms;
}

/** The SKU, my rates and my unit price: everything of the price but the coupon. */
export interface PricingBase {
  sku: PricingSku;
  rates: MemberRates;
  unit: UnitPrice;
  qty: number;
  /** My allowance in the flash sale live now (null: none live with stock left). */
  flashAllowance: FlashAllowance | null;
}

/** A coupon of mine that is usable today, with what it takes off this order. */
export interface CouponOption {
  id: string;
  name: string;
  discountFen: number;
}

/** The SKU with its product and the flash sale live now (if it has stock left). */
async function loadSku(q: Queryable, ctx: UseCaseContext, actor: Actor, skuId: string): Promise<PricingSku | null> {
  const { rows } = await q.query<PricingSku>(
    `select s.id, s.size, s.color, s.price_fen, s.stock, p.id as product_id, p.name as product_name,
       p.images[1] as image_url, p.category_id,
       f.id as flash_id, f.price_fen as flash_price_fen, f.stock - f.taken as flash_left, f.per_member_limit as flash_limit,
       ${myFlashTakenSql('$3')} as my_flash_taken
     from product_skus s join products p on p.id = s.product_id and p.active
     left join lateral (
       select * from flash_sales f where f.product_id = p.id and f.starts_at <= $2 and $2 < f.ends_at and f.taken < f.stock
       order by f.starts_at limit 1
     ) f on true
     where s.id = $1`,
    [skuId, ctx.now, actor.memberId],
  );
  return rows[0] ?? null;
}

/** My coupons that are usable today and not held by another order, with their templates. */
async function usableCoupons(q: Queryable, ctx: UseCaseContext, actor: Actor, onlyId?: string) {
  // Valid today (brand time) in SQL, so that a wallet full of expired coupons hides none that work.
  const { rows } = await q.query<TemplateRow & { coupon_id: string }>(
    `select c.id as coupon_id, t.*
     from coupons c join lateral (select ${TEMPLATE_COLUMNS} from coupon_templates where id = c.template_id) t on true
     where c.member_id = $1 and c.used_at is null and c.order_id is null and ($2::bigint is null or c.id = $2)
       and c.valid_from <= $3::date and c.valid_until >= $3::date
     order by c.valid_until, c.id limit 100`,
    [actor.memberId, onlyId ?? null, businessDay(ctx.now, ctx.brand.timeZone)],
  );
  return rows.map((r) => ({ couponId: r.coupon_id, template: toTemplateView(r) }));
}

/** The SKU in stock, my unit price, and the flash sale's limits. */
export async function priceBase(
  q: Queryable,
  ctx: UseCaseContext,
  actor: Actor,
  params: { skuId: string; qty: number },
): Promise<PricingBase | Failure> {
  const sku = await loadSku(q, ctx, actor, params.skuId);
  if (!sku) return fail('NOT_FOUND', '商品不存在或已下架');
  if (sku.stock < params.qty) return fail('OUT_OF_STOCK', sku.stock === 0 ? '这个规格已售罄' : `这个规格仅剩 ${sku.stock} 件`);
  const rates = pricingFor(ctx, actor);
  const allowance = sku.flash_id !== null ? flashAllowance(sku.flash_limit!, sku.my_flash_taken) : null;
  // loadSku keeps only a live sale with stock left. My allowance used up: my member price, as
  // outside the sale (product-detail.ts prices the product page the same way).
  const unit = unitPrice({
    listFen: sku.price_fen,
    tierRate: rates.tierRate,
    memberDayRate: rates.memberDayRate,
    flashPriceFen: allowance && flashPriceFor(true, sku.flash_price_fen!, allowance),
  });
  if (unit.flash) {
    // One unit price per order: more than my allowance left is refused, not priced in parts.
    if (params.qty > allowance!.left) return fail('FLASH_SALE_LIMIT', `秒杀商品每人限购 ${allowance!.limit} 件，你还可抢购 ${allowance!.left} 件`);
    if (params.qty > sku.flash_left!) return fail('FLASH_SALE_OVER', `秒杀仅剩 ${sku.flash_left} 件`);
  }
  return { sku, rates, unit, qty: params.qty, flashAllowance: allowance };
}

/**
 * My coupons that take something off this order, best first (the earliest to expire first
 * among equals); `onlyId`: that coupon alone. None for a flash-sale price, which is final.
 */
export async function couponOptions(q: Queryable, ctx: UseCaseContext, actor: Actor, base: PricingBase, onlyId?: string): Promise<CouponOption[]> {
  if (!takesCoupon(base.unit)) return [];
  const lineFen = base.unit.unitFen * base.qty;
  return (await usableCoupons(q, ctx, actor, onlyId))
    .map((c) => ({
      id: c.couponId,
      name: c.template.name,
      discountFen: couponOffOrder(base.unit, base.qty, couponDiscountFen(c.template, lineFen, base.sku.category_id)),
    }))
    .filter((c) => c.discountFen > 0)
    .sort((a, b) => b.discountFen - a.discountFen);
}

/** Why the coupon asked for cannot come off this order, or null when it can. */
export function couponRefusal(base: PricingBase, options: CouponOption[], couponId: string): Failure | null {
  if (!takesCoupon(base.unit)) return fail('COUPON_NOT_APPLICABLE', '秒杀商品不能使用优惠券');
  if (!options.some((o) => o.id === couponId)) return fail('COUPON_NOT_APPLICABLE', '这张券不可用（已使用、已过期、未达使用门槛或被其他订单占用）');
  return null;
}

/** The price with `coupon` (or none) off the goods, shipping added, and the points it earns. */
export function finishPrice(ctx: UseCaseContext, base: PricingBase, coupon: CouponOption | null): PricedOrder {
  const { sku, rates, unit, qty } = base;
  const tierShipsFree = rates.tier.benefits.freeShipping;
  const price = withShipping(orderPrice(unit, qty, coupon?.discountFen ?? 0), ctx.brand.shipping, tierShipsFree);
  return {
    sku,
    unit,
    skuLabel: skuLabel(sku),
    flashSaleId: unit.flash ? sku.flash_id : null,
    memberDay: rates.memberDay,
    coupon: coupon ? { id: coupon.id, name: coupon.name } : null,
    listPriceFen: sku.price_fen,
    unitPriceFen: unit.unitFen,
    qty,
    memberDiscountFen: price.memberDiscountFen,
    memberDayDiscountFen: price.memberDayDiscountFen,
    couponDiscountFen: price.couponDiscountFen,
    shippingFen: price.shippingFen,
    totalFen: price.totalFen,
    flashSale: unit.flash,
    // Points go by the goods paid for, not the shipping.
    pointsToEarn: orderPoints(price.goodsFen, ctx.brand.orders.pointsPerYuan, pointsMultipliers(rates.tier.benefits, rates.memberDay)),
    shipping: { feeFen: ctx.brand.shipping.feeFen, freeFromFen: ctx.brand.shipping.freeFromFen, tierShipsFree },
  };
}

/** The order as it would be priced now, with the coupon asked for (none when absent). */
export async function priceOrder(
  q: Queryable,
  ctx: UseCaseContext,
  actor: Actor,
  params: { skuId: string; qty: number; couponId?: string },
): Promise<PricedOrder | Failure> {
  const base = await priceBase(q, ctx, actor, params);
  if (base instanceof Failure) return base;
  if (!params.couponId) return finishPrice(ctx, base, null);
  const options = await couponOptions(q, ctx, actor, base, params.couponId);
  const refusal = couponRefusal(base, options, params.couponId);
  return refusal ?? finishPrice(ctx, base, options[0]!);
}
