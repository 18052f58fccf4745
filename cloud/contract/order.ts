/** `order`: the shop's orders — the server's price, create, pay, cancel, follow, confirm, after-sales. */
import { z } from 'zod';
import type { OrderStatus, OrderTab, TimelineStep } from '../domain/order-lifecycle';
import type { FlashAllowance, SkuView } from './catalog';
import { fen, id, qty, requestId, returns, text, uploadedImageUrl, type ShippingAddress } from './primitives';

export type { OrderStatus, OrderTab, TimelineStep };

export interface PriceBreakdown {
  listPriceFen: number;
  unitPriceFen: number;
  qty: number;
  memberDiscountFen: number;
  memberDayDiscountFen: number;
  couponDiscountFen: number;
  /** 运费: 0 when the order ships free. */
  shippingFen: number;
  /** What the member pays: the goods after every discount, plus shipping. */
  totalFen: number;
  flashSale: boolean;
}

/** When an order ships free: by my tier's benefit, or from an amount of goods. */
export interface ShippingTerms {
  feeFen: number;
  /** Goods (after discounts and coupon) from this amount ship free; null = no amount does. */
  freeFromFen: number | null;
  /** My tier ships free whatever the amount. */
  tierShipsFree: boolean;
}

export interface OrderQuote extends PriceBreakdown {
  sku: SkuView;
  product: { id: string; name: string; imageUrl: string | null };
  /** The coupon priced in: the one asked for, or by default my best usable one. */
  coupon: { id: string; name: string } | null;
  /** My coupons that apply to this order, best first. */
  usableCoupons: Array<{ id: string; name: string; discountFen: number }>;
  /** Points the order earns when paid (tier and member-day multipliers included). */
  pointsToEarn: number;
  shipping: ShippingTerms;
  /** My allowance in the flash sale live now (null: none live with stock left); used up, the quote is at my member price. */
  flashAllowance: FlashAllowance | null;
}

export interface AfterSalesView {
  /** refund: asked before shipment; return: after it (退货退款). */
  kind: 'refund' | 'return';
  status: 'pending' | 'approved' | 'declined';
  reason: string;
  photos: string[];
  requestedAt: string;
  decidedAt: string | null;
  /** What staff wrote when they decided. */
  note: string | null;
}

/** What I may do with an order now. */
export type OrderAction = 'pay' | 'cancel' | 'requestRefund' | 'requestReturn' | 'confirmReceipt';

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
  /** Where the goods go, as it was when ordered (null for 加钱换购, and once erased for privacy). */
  address: ShippingAddress | null;
  note: string | null;
  shipment: { carrier: string; trackingNo: string; shippedAt: string } | null;
  /** The latest after-sales request. */
  afterSales: AfterSalesView | null;
  actions: OrderAction[];
  createdAt: string;
  /** Pending orders are cancelled at this time unless paid. */
  expiresAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  completedAt: string | null;
  refundedAt: string | null;
}

export interface OrderDetail extends OrderView {
  /** Each step the order went through, oldest first. */
  timeline: Array<{ step: TimelineStep; at: string }>;
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

const orderTab = z.enum(['pending', 'to_ship', 'to_receive', 'completed', 'after_sales'] satisfies readonly OrderTab[]);
const reason = text({ min: 2, max: 200 });

export const order = {
  /**
   * The price the server would charge (member price, member day, coupon, shipping) and my usable
   * coupons. couponId: omitted = my best usable coupon, null = none.
   */
  quote: { params: z.object({ skuId: id, qty, couponId: id.nullable().optional() }).strict(), result: returns<OrderQuote>() },
  /**
   * Prices the order and reserves stock (and the coupon) until it is paid or cancelled. addressId:
   * one of my addresses (400 ADDRESS_REQUIRED without it), copied onto the order.
   * expectedTotalFen: the total the member saw (from quote); a different price is refused (PRICE_CHANGED).
   */
  create: {
    params: z
      .object({
        skuId: id,
        qty,
        couponId: id.optional(),
        addressId: id.optional(),
        note: text({ min: 0, max: 100 }).optional(),
        expectedTotalFen: fen.optional(),
        requestId,
      })
      .strict(),
    result: returns<OrderView>(),
  },
  /** Starts payment: sandbox locally, WeChat Pay in production. */
  pay: { params: z.object({ orderId: id }).strict(), result: returns<PaymentStart>() },
  detail: { params: z.object({ orderId: id }).strict(), result: returns<OrderDetail>() },
  cancel: { params: z.object({ orderId: id }).strict(), result: returns<OrderView>() },
  /** 我的订单, newest first; status: one tab (absent = 全部). */
  mine: {
    params: z.object({ status: orderTab.optional(), cursor: id.optional() }).strict(),
    result: returns<{ items: OrderView[]; nextCursor: string | null }>(),
  },
  /** 申请退款 before shipment: the order is 退款中 until staff decide. */
  requestRefund: { params: z.object({ orderId: id, reason }).strict(), result: returns<OrderView>() },
  /** 申请退货 once shipped (and for `shipping.returnDays` after completion), with up to 6 photos I uploaded. */
  requestReturn: {
    params: z.object({ orderId: id, reason, photos: z.array(uploadedImageUrl).max(6).default([]) }).strict(),
    result: returns<OrderView>(),
  },
  /** 确认收货: a shipped order is completed (it earns nothing more: points came with payment). */
  confirmReceipt: { params: z.object({ orderId: id }).strict(), result: returns<OrderView>() },
} as const;
