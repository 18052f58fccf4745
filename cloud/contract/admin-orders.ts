/**
 * `admin.orders` / `admin.orderDetail` / `admin.fulfilment` / `admin.shipPrize`: the 运营 tab's
 * 订单与履约 — shop orders by status, one order with its member, and the mall goods and lottery
 * prizes waiting to ship. 发货 and 售后 decisions are admin.shipOrder and admin.decideRefund
 * (admin.ts). Merged into `admin` (admin.ts).
 */
import { z } from 'zod';
import type { TierKey } from '../domain/brand-settings';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order-lifecycle';
import type { AfterSalesView, OrderDetail } from './order';
import { id, returns, text, type ShippingAddress } from './primitives';

/** Orders per page. */
export const ADMIN_ORDERS_PAGE = 20;
/** Gifts per page. */
export const ADMIN_GIFTS_PAGE = 20;

/** A tracking number as carriers print it (the same rule as admin.shipOrder's). */
export const trackingNo = z.string().regex(/^[A-Za-z0-9-]{6,40}$/, 'tracking number: 6-40 letters, digits or -');
export const carrier = text({ max: 20 });

export interface AdminOrderListItem {
  id: string;
  status: OrderStatus;
  /** nickname: null when they have none, or erased their account. */
  member: { id: string; nickname: string | null };
  goods: { name: string; skuLabel: string; qty: number; imageUrl: string | null };
  totalFen: number;
  createdAt: string;
  paidAt: string | null;
  /** The kind of the after-sales request waiting for a decision, if one is. */
  openAfterSales: AfterSalesView['kind'] | null;
}

export interface AdminOrdersPage {
  items: AdminOrderListItem[];
  /** Pass back for the next page; null when there is no more. */
  nextCursor: string | null;
}

export interface AdminOrderDetail extends OrderDetail {
  member: { id: string; nickname: string | null; tier: TierKey; deleted: boolean };
}

export type GiftKind = 'mall' | 'lottery';

/** A mall goods redemption or a lottery prize award that has not gone out yet. */
export interface AdminGift {
  kind: GiftKind;
  id: string;
  /** The mall item's or the prize's name. */
  name: string;
  imageUrl: string | null;
  member: { id: string; nickname: string | null };
  /** to_ship: the member gave an address; pending_address: they have not yet; shipped once sent. */
  fulfilment: 'pending_address' | 'to_ship' | 'shipped';
  address: ShippingAddress | null;
  shipment: { carrier: string; trackingNo: string; shippedAt: string } | null;
  /** When it was redeemed or won. */
  createdAt: string;
}

export interface AdminGiftsPage {
  items: AdminGift[];
  nextCursor: string | null;
}

const giftKind = z.enum(['mall', 'lottery']);

export const adminOrders = {
  /**
   * Shop orders newest first: all (no status) or one status — paid is 待发货, refunding 售后 (a
   * request waits for a decision). `query`: an order id or a member id.
   */
  orders: {
    params: z.object({ status: z.enum(ORDER_STATUSES).optional(), query: id.optional(), cursor: id.optional() }).strict(),
    result: returns<AdminOrdersPage>(),
  },
  /** One order with its amounts, address, shipment, latest after-sales request, steps and member. */
  orderDetail: { params: z.object({ orderId: id }).strict(), result: returns<AdminOrderDetail>() },
  /** 礼品待发: mall goods and lottery prizes waiting to ship (or for the member's address), oldest first. */
  fulfilment: {
    params: z
      .object({ kind: giftKind.optional(), cursor: z.string().regex(/^(mall|lottery)-\d{1,18}$/, 'not a cursor').optional() })
      .strict(),
    result: returns<AdminGiftsPage>(),
  },
  /** A gift with its address goes out with its carrier and tracking number (once). */
  shipPrize: {
    params: z.object({ kind: giftKind, id, carrier, trackingNo }).strict(),
    result: returns<AdminGift>(),
  },
} as const;
