/** `order`: the shop's orders — the server's price, create, pay, cancel, my orders. */
import { z } from 'zod';
import type { SkuView } from './catalog';
import { fen, id, qty, requestId, returns } from './primitives';

export interface PriceBreakdown {
  listPriceFen: number;
  unitPriceFen: number;
  qty: number;
  memberDiscountFen: number;
  memberDayDiscountFen: number;
  couponDiscountFen: number;
  totalFen: number;
  flashSale: boolean;
}

export interface OrderQuote extends PriceBreakdown {
  sku: SkuView;
  product: { id: string; name: string; imageUrl: string | null };
  coupon: { id: string; name: string } | null;
  /** My coupons that apply to this order, best first. */
  usableCoupons: Array<{ id: string; name: string; discountFen: number }>;
  /** Points the order earns when paid (tier and member-day multipliers included). */
  pointsToEarn: number;
}

export type OrderStatus = 'pending' | 'paid' | 'cancelled' | 'refunded';

export interface OrderView extends PriceBreakdown {
  id: string;
  /** product: from the shop; mall: 加钱换购 of a points-mall item (product.id is the item's id). */
  kind: 'product' | 'mall';
  status: OrderStatus;
  product: { id: string; name: string; imageUrl: string | null };
  /** Points paid with the cash (加钱换购); 0 for shop orders. */
  pointsPrice: number;
  skuLabel: string;
  coupon: { id: string; name: string } | null;
  pointsEarned: number;
  createdAt: string;
  /** Pending orders are cancelled at this time unless paid. */
  expiresAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  refundedAt: string | null;
}

export interface PaymentStart {
  orderId: string;
  totalFen: number;
  /** sandbox: show a confirm step, then post the token to /api/pay/sandbox/confirm. */
  provider: 'sandbox' | 'wechat';
  sandbox: { token: string } | null;
  /** wechat: the arguments of wx.requestPayment. */
  wechat: { timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string } | null;
}

export const order = {
  /** The price the server would charge (member price, member day, coupon) and my usable coupons. */
  quote: { params: z.object({ skuId: id, qty, couponId: id.optional() }).strict(), result: returns<OrderQuote>() },
  /**
   * Prices the order and reserves stock (and the coupon) until it is paid or cancelled.
   * expectedTotalFen: the total the member saw (from quote); a different price is refused (PRICE_CHANGED).
   */
  create: {
    params: z.object({ skuId: id, qty, couponId: id.optional(), expectedTotalFen: fen.optional(), requestId }).strict(),
    result: returns<OrderView>(),
  },
  /** Starts payment: sandbox locally, WeChat Pay in production. */
  pay: { params: z.object({ orderId: id }).strict(), result: returns<PaymentStart>() },
  detail: { params: z.object({ orderId: id }).strict(), result: returns<OrderView>() },
  cancel: { params: z.object({ orderId: id }).strict(), result: returns<OrderView>() },
  mine: {
    params: z.object({ cursor: id.optional() }).strict(),
    result: returns<{ items: OrderView[]; nextCursor: string | null }>(),
  },
} as const;
