/** `lottery`: the 疯狂抽奖机 — the open campaign with its disclosed odds, a draw, my awards. */
import { z } from 'zod';
import type { CouponView } from './coupon';
import { address, id, noParams, requestId, returns, type ShippingAddress } from './primitives';

export type PrizeKind = 'coupon' | 'points' | 'goods' | 'none';

export interface PrizeView {
  id: string;
  position: number;
  kind: PrizeKind;
  name: string;
  /** The odds shown to members, in percent (25 = 25%). */
  oddsPercent: number;
  /** Total count of this prize in the campaign; null = unlimited. */
  total: number | null;
  imageUrl: string | null;
}

export interface LotteryCampaignView {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  rulesText: string;
  limits: { drawsPerDay: number; winsPerDay: number; winsPerCampaign: number };
  pointsPerExtraDraw: number | null;
  prizes: PrizeView[];
  /** My unused lottery chances (抽奖机会), whatever day they were earned. */
  myChances: number;
  /** My draws today, against limits.drawsPerDay. */
  myDrawsToday: number;
  /**
   * The draws I can still make today: what the day's limit leaves, and no more than my chances
   * unless the campaign sells draws for points.
   */
  myDrawsLeftToday: number;
}

export interface AwardView {
  id: string;
  drawnAt: string;
  prize: { id: string; kind: PrizeKind; name: string };
  coupon: CouponView | null;
  points: number | null;
  /** cancelled: the account was erased (注销) before the goods were shipped. */
  fulfilment: 'done' | 'pending_address' | 'to_ship' | 'shipped' | 'cancelled';
  address: ShippingAddress | null;
}

export interface DrawResult {
  drawId: string;
  /** The prize the server chose; the machine's animation stops on its position. */
  prize: { id: string; position: number; kind: PrizeKind; name: string };
  won: boolean;
  award: AwardView | null;
  chancesLeft: number;
  balance: number;
}

export const lottery = {
  /** The campaign open now, with its prizes, odds, rules and my chances; null when none. */
  current: { params: noParams, result: returns<LotteryCampaignView | null>() },
  /** One draw: uses a check-in chance, or points when payWithPoints and the campaign allows it. */
  draw: {
    params: z.object({ campaignId: id, requestId, payWithPoints: z.boolean().optional() }).strict(),
    result: returns<DrawResult>(),
  },
  awards: {
    params: z.object({ cursor: id.optional() }).strict(),
    result: returns<{ items: AwardView[]; nextCursor: string | null }>(),
  },
  /** Where to send a physical prize. */
  setAddress: { params: z.object({ awardId: id, address }).strict(), result: returns<AwardView>() },
} as const;
