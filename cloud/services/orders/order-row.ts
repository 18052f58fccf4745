import type { AfterSalesView, OrderAction, OrderView, ShippingAddress } from '../../contract';
import type { Queryable } from '../../db/port';
import { toBrandIso } from '../../domain/business-day';
import { nextStatus, returnOpen, type OrderEvent } from '../../domain/order-lifecycle';
import type { UseCaseContext } from '../context';

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
  shipping_fen: number;
  total_fen: number;
  member_day: boolean;
  points_earned: number;
  growth_earned: number;
  pay_txn_id: string | null;
  address: ShippingAddress | null;
  note: string | null;
  carrier: string | null;
  tracking_no: string | null;
  created_at: Date;
  expires_at: Date;
  paid_at: Date | null;
  shipped_at: Date | null;
  completed_at: Date | null;
  completed_by: 'member' | 'auto' | null;
  cancelled_at: Date | null;
  refunded_at: Date | null;
  /** The latest after-sales request, as JSON (its times are strings). */
  after_sales: {
    kind: AfterSalesView['kind'];
    status: AfterSalesView['status'];
    reason: string;
    photos: string[];
    requested_at: string;
    decided_at: string | null;
    decision_note: string | null;
  } | null;
}

/** Columns of an order `o` with its coupon's name and its latest after-sales request. */
export const ORDER_COLUMNS = `o.id, o.member_id, o.status, o.product_id, o.sku_id, o.mall_item_id, o.points_price, o.points_expire_on, o.qty, o.product_name, o.sku_label, o.image_url,
  o.category_id, o.list_price_fen, o.unit_price_fen, o.flash_sale_id, o.member_discount_fen, o.member_day_discount_fen,
  o.coupon_id, (select t.name from coupons c join coupon_templates t on t.id = c.template_id where c.id = o.coupon_id) as coupon_name,
  o.coupon_discount_fen, o.shipping_fen, o.total_fen, o.member_day, o.points_earned, o.growth_earned, o.pay_txn_id,
  o.address, o.note, o.carrier, o.tracking_no,
  o.created_at, o.expires_at, o.paid_at, o.shipped_at, o.completed_at, o.completed_by, o.cancelled_at, o.refunded_at,
  (select json_build_object('kind', r.kind, 'status', r.status, 'reason', r.reason, 'photos', r.photos,
      'requested_at', r.requested_at, 'decided_at', r.decided_at, 'decision_note', r.decision_note)
    from refund_requests r where r.order_id = o.id order by r.id desc limit 1) as after_sales`;

/** What the member may do with the order now, by the lifecycle's moves. */
function actionsOf(o: OrderRow, ctx: Pick<UseCaseContext, 'brand' | 'now'>): OrderAction[] {
  const may = (event: OrderEvent) => nextStatus(o.status, event) !== null;
  const shop = o.mall_item_id === null;
  const actions: OrderAction[] = [];
  if (may('pay')) actions.push('pay');
  if (may('cancel')) actions.push('cancel');
  if (may('confirmReceipt')) actions.push('confirmReceipt');
  // A 加钱换购's goods and coupon are followed on its redemption: staff refund it (admin.refundOrder).
  if (shop && may('requestRefund')) actions.push('requestRefund');
  if (shop && may('requestReturn') && returnOpen({ status: o.status, completedAt: o.completed_at }, ctx.now, ctx.brand.shipping.returnDays)) {
    actions.push('requestReturn');
  }
  return actions;
}

export function toOrderView(o: OrderRow, ctx: Pick<UseCaseContext, 'brand' | 'now'>): OrderView {
  const timeZone = ctx.brand.timeZone;
  const iso = (d: Date | null) => (d ? toBrandIso(d, timeZone) : null);
  const request = o.after_sales;
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
    shippingFen: o.shipping_fen,
    totalFen: o.total_fen,
    flashSale: o.flash_sale_id !== null,
    coupon: o.coupon_id ? { id: o.coupon_id, name: o.coupon_name ?? '优惠券' } : null,
    pointsEarned: o.points_earned,
    address: o.address,
    note: o.note,
    shipment: o.shipped_at && o.tracking_no ? { carrier: o.carrier ?? '', trackingNo: o.tracking_no, shippedAt: toBrandIso(o.shipped_at, timeZone) } : null,
    afterSales: request
      ? {
          kind: request.kind,
          status: request.status,
          reason: request.reason,
          photos: request.photos,
          requestedAt: toBrandIso(new Date(request.requested_at), timeZone),
          decidedAt: request.decided_at ? toBrandIso(new Date(request.decided_at), timeZone) : null,
          note: request.decision_note,
        }
      : null,
    actions: actionsOf(o, ctx),
    createdAt: toBrandIso(o.created_at, timeZone),
    expiresAt: toBrandIso(o.expires_at, timeZone),
    paidAt: iso(o.paid_at),
    cancelledAt: iso(o.cancelled_at),
    completedAt: iso(o.completed_at),
    refundedAt: iso(o.refunded_at),
  };
}

/** One order's row (`memberId`: only if it is that member's — another's is not found). */
export async function loadOrderRow(q: Queryable, orderId: string, memberId?: string): Promise<OrderRow | null> {
  const { rows } = await q.query<OrderRow>(
    `select ${ORDER_COLUMNS} from orders o where o.id = $1 and ($2::bigint is null or o.member_id = $2)`,
    [orderId, memberId ?? null],
  );
  return rows[0] ?? null;
}
