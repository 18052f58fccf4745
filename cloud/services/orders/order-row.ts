import type { OrderView } from '../../contract';
import { toBrandIso } from '../../domain/business-day';

export interface OrderRow {
  id: string;
  member_id: string;
  status: OrderView['status'];
  /** A shop order has a product and SKU; a 加钱换购 order a mall item. */
  product_id: string | null;
  sku_id: string | null;
  mall_item_id: string | null;
  points_price: number;
  points_expire_on: string | null;
  qty: number;
  product_name: string;
  sku_label: string;
  image_url: string | null;
  category_id: string | null;
  list_price_fen: number;
  unit_price_fen: number;
  flash_sale_id: string | null;
  member_discount_fen: number;
  member_day_discount_fen: number;
  coupon_id: string | null;
  coupon_name: string | null;
  coupon_discount_fen: number;
  total_fen: number;
  member_day: boolean;
  points_earned: number;
  growth_earned: number;
  pay_txn_id: string | null;
  created_at: Date;
  expires_at: Date;
  paid_at: Date | null;
  cancelled_at: Date | null;
  refunded_at: Date | null;
}

/** Columns of an order `o` with its coupon's name. */
export const ORDER_COLUMNS = `o.id, o.member_id, o.status, o.product_id, o.sku_id, o.mall_item_id, o.points_price, o.points_expire_on, o.qty, o.product_name, o.sku_label, o.image_url,
  o.category_id, o.list_price_fen, o.unit_price_fen, o.flash_sale_id, o.member_discount_fen, o.member_day_discount_fen,
  o.coupon_id, (select t.name from coupons c join coupon_templates t on t.id = c.template_id where c.id = o.coupon_id) as coupon_name,
  o.coupon_discount_fen, o.total_fen, o.member_day, o.points_earned, o.growth_earned, o.pay_txn_id,
  o.created_at, o.expires_at, o.paid_at, o.cancelled_at, o.refunded_at`;

export function toOrderView(o: OrderRow, timeZone: string): OrderView {
  const iso = (d: Date | null) => (d ? toBrandIso(d, timeZone) : null);
  return {
    id: o.id,
    kind: o.mall_item_id ? 'mall' : 'product',
    status: o.status,
    product: { id: (o.product_id ?? o.mall_item_id)!, name: o.product_name, imageUrl: o.image_url },
    pointsPrice: o.points_price,
    skuLabel: o.sku_label,
    qty: o.qty,
    listPriceFen: o.list_price_fen,
    unitPriceFen: o.unit_price_fen,
    memberDiscountFen: o.member_discount_fen,
    memberDayDiscountFen: o.member_day_discount_fen,
    couponDiscountFen: o.coupon_discount_fen,
    totalFen: o.total_fen,
    flashSale: o.flash_sale_id !== null,
    coupon: o.coupon_id ? { id: o.coupon_id, name: o.coupon_name ?? '优惠券' } : null,
    pointsEarned: o.points_earned,
    createdAt: toBrandIso(o.created_at, timeZone),
    expiresAt: toBrandIso(o.expires_at, timeZone),
    paidAt: iso(o.paid_at),
    cancelledAt: iso(o.cancelled_at),
    refundedAt: iso(o.refunded_at),
  };
}
