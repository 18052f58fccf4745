/**
 * `admin.kpis`: the 运营 tab's 数据 — figures for a period with their change against the
 * previous period of the same length, and the series its charts draw. Merged into `admin`
 * (admin.ts). The rules (periods, changes, streak buckets, cohorts) are domain/kpis.ts.
 */
import { z } from 'zod';
import type { CohortRow, MemberDayUplift, MemberSource, StreakBucketKey } from '../domain/kpis';
import { MAX_PERIOD_DAYS, PERIOD_REFUSALS } from '../domain/kpis';
import { daysBetween } from '../domain/business-day';
import type { LayerKey } from '../domain/value-layers';
import { calendarDay, returns } from './primitives';

const range = z
  .object({ from: calendarDay, to: calendarDay })
  .strict()
  .refine((r) => r.from <= r.to, { path: ['from'], message: PERIOD_REFUSALS['from-after-to'] })
  .refine((r) => r.from > r.to || daysBetween(r.from, r.to) + 1 <= MAX_PERIOD_DAYS, { path: ['to'], message: PERIOD_REFUSALS['too-long'] });

/** 今天 (default), 昨天, 近 7 天 and 近 30 天 (today included), or brand days from–to (at most 366, not after today). */
export const kpiPeriod = z.union([z.enum(['today', 'yesterday', '7d', '30d']), range]);

/** A figure of the period, the same figure of the previous period, and the change (0.25 = +25 %; null when there is no share to give). */
export interface KpiFigure {
  value: number | null;
  previous: number | null;
  change: number | null;
}

export const KPI_FIGURE_KEYS = [
  'newMembers',
  'totalMembers',
  'dau',
  'wau',
  'mau',
  'checkins',
  'checkinRate',
  'makeups',
  'pointsIssued',
  'pointsRedeemed',
  'pointsExpired',
  'pointsLiability',
  'draws',
  'awards',
  'awardsCostFen',
  'couponsIssued',
  'couponsUsed',
  'couponUseRate',
  'orders',
  'gmvFen',
  'aovFen',
  'payingMembers',
  'conversion',
  'refunds',
  'refundFen',
] as const;
export type KpiFigureKey = (typeof KPI_FIGURE_KEYS)[number];

export interface KpiGuide {
  guideId: string;
  nickname: string | null;
  shares: number;
  /** Viewers who opened one of the guide's shares for the first time in the period (UV per share). */
  clicks: number;
  /** Paid orders through the guide's shares, and their goods (total − shipping). */
  orders: number;
  gmvFen: number;
  /** orders ÷ clicks (at most 1). */
  conversion: number | null;
}

export interface KpiGroup {
  groupId: string;
  /** The name staff gave the group (WeChat never tells it); null until named. */
  name: string | null;
  /** Members seen in the group, on average per day of the period (the day's count for one day). */
  activeMembers: number;
  clicks: number;
  orders: number;
  gmvFen: number;
  /** orders ÷ clicks (at most 1). */
  conversion: number | null;
}

export interface AdminKpis {
  period: {
    key: 'today' | 'yesterday' | '7d' | '30d' | 'range';
    from: string;
    to: string;
    days: number;
    previous: { from: string; to: string };
  };
  /** The brand day it is, and when the answer was made (brand time). */
  today: string;
  computedAt: string;
  /**
   * Where the days of the period and of the previous period came from: rolled up (the nightly
   * job: how many), computed live (today; a past day the job has not reached yet), or missing
   * (never rolled up: left out of the figures, and a change is null while either period misses a day).
   */
  coverage: { rolledUp: number; live: string[]; missing: string[] };
  figures: Record<KpiFigureKey, KpiFigure>;
  /** Daily series cover the period, or the 7 days up to its end when it is shorter. */
  growth: {
    series: Array<{ day: string; newMembers: number; bySource: Record<MemberSource, number>; totalMembers: number }>;
    bySource: Array<{ source: MemberSource; name: string; members: number }>;
  };
  activity: {
    series: Array<{ day: string; dau: number; wau: number; mau: number; checkins: number; checkinRate: number | null }>;
    /** Members whose streak is alive at the period's end, by its length. */
    streaks: Array<{ key: StreakBucketKey; label: string; members: number }>;
  };
  /** Weekly cohorts (Monday–Sunday) up to the last week over by the period's end. */
  retention: { lastWeek: string; cohorts: CohortRow[] };
  points: {
    series: Array<{ day: string; issued: number; redeemed: number; expired: number }>;
    /** Points members hold at the period's end, and their value in fen at the brand's rate (points.fenPerPoint). */
    liability: { points: number | null; fen: number | null };
    fenPerPoint: number;
    /** Points in lots that expire in the month after the period's end (as of the period's end). */
    expiringNextMonth: { month: string; points: number | null; fen: number | null };
  };
  lottery: {
    series: Array<{ day: string; draws: number; awards: number }>;
    prizes: Array<{ prizeId: string; name: string; campaignName: string; kind: string; awards: number; costFen: number }>;
  };
  coupons: { series: Array<{ day: string; issued: number; used: number }> };
  trade: {
    series: Array<{ day: string; orders: number; gmvFen: number; payingMembers: number; refunds: number }>;
    /** 会员日 against the two weekdays before it; null when the brand has no member day. */
    memberDay: MemberDayUplift | null;
    /** 夜市 per night's category over the period: visitors (per night, added up), night-market orders and goods. */
    nightMarket: Array<{ categoryId: string; name: string; visitors: number; orders: number; gmvFen: number }>;
    /** 新款首发: each launch product's orders in its launch window within the period. */
    launches: Array<{ productId: string; name: string; launchStartsAt: string | null; launchEndsAt: string | null; orders: number; qty: number; gmvFen: number }>;
  };
  /** 导购: the 50 with the most goods sold through their shares, then clicks. */
  guides: KpiGuide[];
  /** 社群 in its three layers: the 20 first by active members, by clicks, by conversion (groups with ≥ 10 clicks). */
  groups: { byActive: KpiGroup[]; byClicks: KpiGroup[]; byConversion: KpiGroup[] };
  /** 分层 from the segmentation run: sizes at the latest run up to the period's end, against the run a week before, and the moves in between. */
  layers: {
    day: string | null;
    comparedWith: string | null;
    sizes: Array<{ key: LayerKey; name: string; members: number; previous: number | null; change: number | null }>;
    movements: Array<{ from: LayerKey; fromName: string; to: LayerKey; toName: string; members: number }>;
  };
}

export const adminKpis = {
  /** The 数据 page: figures, changes and series for a period (admins only). */
  kpis: {
    params: z.object({ period: kpiPeriod.default('today') }).strict(),
    result: returns<AdminKpis>(),
  },
} as const;
