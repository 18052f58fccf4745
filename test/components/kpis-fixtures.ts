/** What the 数据 screen's tests answer admin.kpis with: today, 2026-11-24, and the week up to it. */
import type { AdminKpis, KpiFigure, KpiFigureKey } from '@cloud/contract';

const WEEK = ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24'];

const fig = (value: number | null, previous: number | null, change: number | null): KpiFigure => ({ value, previous, change });

const figures: Record<KpiFigureKey, KpiFigure> = {
  newMembers: fig(12, 8, 0.5),
  totalMembers: fig(1030, 1018, 0.0118),
  dau: fig(240, 300, -0.2),
  wau: fig(610, 600, 0.0167),
  mau: fig(980, 980, 0),
  checkins: fig(150, 0, null),
  checkinRate: fig(0.625, 0.5, 0.25),
  makeups: fig(3, 0, 0),
  pointsIssued: fig(4200, 4000, 0.05),
  pointsRedeemed: fig(1500, 1200, 0.25),
  pointsExpired: fig(0, 0, 0),
  pointsLiability: fig(88_000, 85_000, 0.0353),
  draws: fig(40, 32, 0.25),
  awards: fig(9, 10, -0.1),
  awardsCostFen: fig(12_800, 9_900, 0.2929),
  couponsIssued: fig(60, 50, 0.2),
  couponsUsed: fig(18, 20, -0.1),
  couponUseRate: fig(0.3, 0.4, -0.25),
  orders: fig(25, 20, 0.25),
  gmvFen: fig(498_000, 400_000, 0.245),
  aovFen: fig(19_920, 20_000, -0.004),
  payingMembers: fig(22, 18, 0.2222),
  conversion: fig(0.4, null, null),
  refunds: fig(1, 2, -0.5),
  refundFen: fig(9_900, 19_800, -0.5),
};

export const adminKpis = (over: Partial<AdminKpis> = {}): AdminKpis => ({
  period: { key: 'today', from: '2026-11-24', to: '2026-11-24', days: 1, previous: { from: '2026-11-23', to: '2026-11-23' } },
  today: '2026-11-24',
  computedAt: '2026-11-24T10:05:00+08:00',
  coverage: { rolledUp: 1, live: ['2026-11-24'], missing: [] },
  figures,
  growth: {
    series: WEEK.map((day, i) => ({
      day,
      newMembers: 5 + i,
      bySource: { share: 1 + i, guide: 2, group: 1, poster: 0, direct: 1 },
      totalMembers: 1000 + i * 5,
    })),
    bySource: [
      { source: 'share', name: '分享', members: 7 },
      { source: 'guide', name: '导购', members: 2 },
      { source: 'group', name: '社群', members: 1 },
      { source: 'poster', name: '海报', members: 0 },
      { source: 'direct', name: '直接进入', members: 2 },
    ],
  },
  activity: {
    series: WEEK.map((day, i) => ({ day, dau: 200 + i * 10, wau: 600 + i, mau: 950 + i * 5, checkins: 100 + i * 5, checkinRate: i === 0 ? null : 0.5 })),
    streaks: [
      { key: '1', label: '1 天', members: 40 },
      { key: '2-6', label: '2–6 天', members: 25 },
      { key: '7-29', label: '7–29 天', members: 12 },
      { key: '30-364', label: '30–364 天', members: 4 },
      { key: '365+', label: '365 天以上', members: 0 },
    ],
  },
  retention: {
    lastWeek: '2026-11-16',
    cohorts: [
      { week: '2026-11-02', members: 40, active: [0.6, 0.25, null, null, null, null, null, null] },
      { week: '2026-11-09', members: 20, active: [0.05, null, null, null, null, null, null, null] },
    ],
  },
  points: {
    series: WEEK.map((day) => ({ day, issued: 600, redeemed: 200, expired: 0 })),
    liability: { points: 88_000, fen: 88_000 },
    fenPerPoint: 1,
    expiringNextMonth: { month: '2026-12', points: 3_000, fen: 3_000 },
  },
  lottery: {
    series: WEEK.map((day) => ({ day, draws: 5, awards: 1 })),
    prizes: [{ prizeId: 'p1', name: '定制帆布包', campaignName: '双十一转盘', kind: 'physical', awards: 3, costFen: 6_600 }],
  },
  coupons: { series: WEEK.map((day) => ({ day, issued: 8, used: 3 })) },
  trade: {
    series: WEEK.map((day, i) => ({ day, orders: 3 + i, gmvFen: 60_000 + i * 1_000, payingMembers: 3, refunds: 0 })),
    memberDay: {
      weekday: 3,
      baselineWeekdays: [1, 2],
      from: '2026-10-26',
      to: '2026-11-24',
      memberDays: 4,
      memberDayAvgFen: 120_000,
      baselineDays: 9,
      baselineAvgFen: 60_000,
      uplift: 1,
    },
    nightMarket: [{ categoryId: 'c1', name: '零食', visitors: 90, orders: 12, gmvFen: 36_000 }],
    launches: [{ productId: 'l1', name: '冬季限定礼盒', launchStartsAt: '2026-11-20T10:00:00+08:00', launchEndsAt: null, orders: 6, qty: 8, gmvFen: 79_200 }],
  },
  guides: [
    { guideId: 'g1', nickname: '王姐', shares: 12, clicks: 40, orders: 5, gmvFen: 99_500, conversion: 0.125 },
    { guideId: 'g2', nickname: null, shares: 3, clicks: 0, orders: 0, gmvFen: 0, conversion: null },
  ],
  groups: {
    byActive: [{ groupId: 'gr1', name: '宝妈群', activeMembers: 35, clicks: 20, orders: 2, gmvFen: 19_800, conversion: 0.1 }],
    byClicks: [
      { groupId: 'gr2', name: null, activeMembers: 10, clicks: 50, orders: 1, gmvFen: 9_900, conversion: 0.02 },
      { groupId: 'gr1', name: '宝妈群', activeMembers: 35, clicks: 20, orders: 2, gmvFen: 19_800, conversion: 0.1 },
    ],
    byConversion: [],
  },
  layers: {
    day: '2026-11-24',
    comparedWith: '2026-11-17',
    sizes: [
      { key: 'new', name: '新客', members: 12, previous: 10, change: 0.2 },
      { key: 'high', name: '高价值', members: 8, previous: 9, change: -0.1111 },
    ],
    movements: [{ from: 'regular', fromName: '一般', to: 'at_risk', toName: '流失预警', members: 2 }],
  },
  ...over,
});
