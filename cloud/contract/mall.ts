/** `mall`: the points mall (积分商城) — items, 积分兑换 and 加钱换购, the 社群积分 section, my redemptions. */
import { z } from 'zod';
import type { TierKey } from '../domain/brand-settings';
import type { CouponView } from './coupon';
import type { OrderView } from './order';
import { address, id, noParams, requestId, returns, type ShippingAddress } from './primitives';

/** What an item is priced in: points, or 社群积分 (group points: no cash part). */
export type MallCurrency = 'points' | 'group_points';

export interface MallItemView {
  id: string;
  name: string;
  description: string;
  imageUrl: string | null;
  kind: 'coupon' | 'goods';
  currency: MallCurrency;
  /** The price, in the item's currency. */
  pointsPrice: number;
  cashFen: number;
  /** Left in stock; null = unlimited. */
  remaining: number | null;
  perMemberLimit: number | null;
  myRedeemed: number;
  minTier: { key: TierKey; name: string };
  /** Why I cannot redeem it now, or null. */
  blockedBy: 'TIER_REQUIRED' | 'OUT_OF_STOCK' | 'REDEEM_LIMIT' | 'NOT_IN_WINDOW' | 'INSUFFICIENT_POINTS' | 'INSUFFICIENT_GROUP_POINTS' | null;
  startsAt: string | null;
  endsAt: string | null;
}

export interface RedeemResult {
  /** null while a 加钱换购 order waits for its payment (the redemption is made when it is paid). */
  redemptionId: string | null;
  item: { id: string; name: string };
  /** What points and balance are counted in (the item's currency). */
  currency: MallCurrency;
  points: number;
  balance: number;
  coupon: CouponView | null;
  needsAddress: boolean;
  /**
   * 加钱换购: the order to pay for the cash part. The points are already taken and the item held;
   * unpaid, the order is cancelled after `orders.unpaidMinutes` and both come back.
   */
  order: OrderView | null;
}

export interface RedemptionView {
  redemptionId: string;
  item: { id: string; name: string; kind: 'coupon' | 'goods'; currency: MallCurrency };
  points: number;
  createdAt: string;
  /** cancelled: a 加钱换购 refunded (its coupon voided, the goods not sent). */
  fulfilment: 'done' | 'pending_address' | 'to_ship' | 'shipped' | 'cancelled';
  address: ShippingAddress | null;
}

export const mall = {
  list: { params: noParams, result: returns<MallItemView[]>() },
  redeem: { params: z.object({ itemId: id, requestId }).strict(), result: returns<RedeemResult>() },
  /** My redemptions, newest first: goods wait here for an address until one is given. */
  redemptions: { params: noParams, result: returns<RedemptionView[]>() },
  setAddress: {
    params: z.object({ redemptionId: id, address }).strict(),
    result: returns<{ redemptionId: string; fulfilment: 'to_ship' }>(),
  },
} as const;
