/** `points`: my balance, the points that expire soonest, the ledger, and my 社群积分. */
import { z } from 'zod';
import { id, noParams, returns } from './primitives';

export interface PointsBalance {
  balance: number;
  /**
   * The soonest expiry among my points (「N 积分将于 YYYY-MM-DD 过期」): the points whose lots
   * end on `on`, the last day they can be used (brand time); null when none will expire.
   */
  expiring: { points: number; on: string } | null;
  /** 社群积分: earned by being in a group, spent in the mall's 社群积分 section (a ledger of their own). */
  groupPoints: number;
}

/** Grows with each capability (orders, redemptions …). */
export type PointsSource =
  | 'checkin'
  | 'streak_bonus'
  | 'makeup'
  | 'expire'
  | 'admin_adjust'
  | 'birthday'
  | 'redeem'
  | 'lottery'
  | 'lottery_draw'
  | 'order'
  | 'refund'
  | 'referral';

export interface LedgerEntry {
  id: string;
  source: PointsSource;
  delta: number;
  balanceAfter: number;
  note: string | null;
  /** ISO 8601 with the brand's offset. */
  createdAt: string;
}

export interface LedgerPage {
  items: LedgerEntry[];
  nextCursor: string | null;
}

export const points = {
  balance: { params: noParams, result: returns<PointsBalance>() },
  ledger: {
    params: z.object({ cursor: id.optional(), limit: z.number().int().min(1).max(50).optional() }).strict(),
    result: returns<LedgerPage>(),
  },
} as const;
