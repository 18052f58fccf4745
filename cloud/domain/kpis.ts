/**
 * The 运营 tab's figures (admin.kpis): the rules, without I/O. A period is a run of brand days;
 * a day's figures (DayFigures) are what the nightly rollup stores for a past day and what today's
 * live computation answers, in the same shape, so that a period is the days' figures put together
 * by `periodTotals`: flows (new members, check-ins, points, orders …) add up, stocks (total
 * members, WAU, MAU, points liability) are the period's last day, DAU is the daily average.
 * Changes are against the previous period of the same length, which ends the day before.
 */
import { addDays, daysBetween } from './business-day';
import { isoWeekday } from './member-day';

// ---------------------------------------------------------------------------------------------
// Periods

/** 今天 (the default), 昨天, 近 7 天, 近 30 天 (today included), or brand days from–to. */
export type KpiPeriod = 'today' | 'yesterday' | '7d' | '30d' | { from: string; to: string };

/** The longest range of days a period may name. */
export const MAX_PERIOD_DAYS = 366;

export interface DayRange {
  from: string;
  to: string;
}

export interface ResolvedPeriod extends DayRange {
  key: 'today' | 'yesterday' | '7d' | '30d' | 'range';
  days: number;
  /** The same number of days, ending the day before `from`. */
  previous: DayRange;
}

/** Why a range is refused, in words fit for the field it came from. */
export type PeriodRefusal = 'from-after-to' | 'after-today' | 'too-long';

export const PERIOD_REFUSALS: Record<PeriodRefusal, string> = {
  'from-after-to': '开始日期不能晚于结束日期',
  'after-today': '结束日期不能晚于今天',
  'too-long': `日期范围最多 ${MAX_PERIOD_DAYS} 天`,
};

/** The days a period covers on brand day `today`, and the previous period of the same length. */
export function resolvePeriod(period: KpiPeriod, today: string): ResolvedPeriod | PeriodRefusal {
  let key: ResolvedPeriod['key'];
  let from: string;
  let to: string;
  if (typeof period === 'string') {
    key = period;
    to = period === 'yesterday' ? addDays(today, -1) : today;
    const days = period === '7d' ? 7 : period === '30d' ? 30 : 1;
    from = addDays(to, 1 - days);
  } else {
    key = 'range';
    ({ from, to } = period);
    if (from > to) return 'from-after-to';
    if (to > today) return 'after-today';
    if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) return 'too-long';
  }
  const days = daysBetween(from, to) + 1;
  return { key, from, to, days, previous: { from: addDays(from, -days), to: addDays(from, -1) } };
}

/** Every day from `from` to `to`, in order. */
export function daysOf(range: DayRange): string[] {
  const n = daysBetween(range.from, range.to) + 1;
  return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(range.from, i));
}

// ---------------------------------------------------------------------------------------------
// Ratios and changes

const round = (value: number, places: number) => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

/** n / d to 4 places (a share: 0.1234 = 12.34 %); null when there is nothing to divide by. */
export function ratio(n: number, d: number): number | null {
  return d > 0 ? round(n / d, 4) : null;
}

/**
 * The change of a figure against the previous period, as a share of the previous value
 * (0.25 = +25 %, -0.5 = −50 %), to 4 places. Null when either value is unknown, or when the
 * previous value is 0 and the current is not (no share of nothing); 0 when both are 0.
 */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  if (previous === 0) return current === 0 ? 0 : null;
  return round((current - previous) / Math.abs(previous), 4);
}

// ---------------------------------------------------------------------------------------------
// Streaks

export const STREAK_BUCKETS = [
  { key: '1', label: '1 天', min: 1, max: 1 },
  { key: '2-6', label: '2–6 天', min: 2, max: 6 },
  { key: '7-29', label: '7–29 天', min: 7, max: 29 },
  { key: '30-364', label: '30–364 天', min: 30, max: 364 },
  { key: '365+', label: '365 天以上', min: 365, max: null },
] as const;
export type StreakBucketKey = (typeof STREAK_BUCKETS)[number]['key'];
export const STREAK_BUCKET_KEYS = STREAK_BUCKETS.map((b) => b.key) as StreakBucketKey[];

/** The bucket of a current streak (days in a row); null for 0 (no streak alive). */
export function streakBucket(streak: number): StreakBucketKey | null {
  if (!(streak >= 1)) return null;
  return STREAK_BUCKETS.find((b) => streak >= b.min && (b.max === null || streak <= b.max))!.key;
}

/** The same buckets in SQL, over an integer expression (the statements group by it). */
export function streakBucketSql(streak: string): string {
  const arms = STREAK_BUCKETS.map((b) =>
    b.max === null ? `else '${b.key}'` : `when ${streak} <= ${b.max} then '${b.key}'`,
  ).join(' ');
  return `case ${arms} end`;
}

// ---------------------------------------------------------------------------------------------
// Where members came from

export const MEMBER_SOURCES = ['share', 'guide', 'group', 'poster', 'direct'] as const;
export type MemberSource = (typeof MEMBER_SOURCES)[number];
export const MEMBER_SOURCE_NAMES: Record<MemberSource, string> = {
  share: '分享',
  guide: '导购',
  group: '社群',
  poster: '海报',
  direct: '直接进入',
};

// ---------------------------------------------------------------------------------------------
// A day's figures

export interface CohortWeekActivity {
  /** The Monday of the week this Sunday closes: the cohort of the members who joined in it. */
  week: string;
  /** Members who joined that week. */
  members: number;
  /** Per earlier cohort (its Monday, 1 to 8 weeks before): how many of its members visited in this week. */
  active: Record<string, number>;
}

/**
 * What one brand day did, as the rollup stores it (kpi_daily.figures) and today's live
 * computation answers. Times are brand time; money is fen; points are points.
 */
export interface DayFigures {
  day: string;
  /** Members who joined that day, by first-touch source (members.source; none = direct). */
  newMembers: Record<MemberSource, number>;
  /** Members at the end of the day (joined by then, not erased by then). */
  totalMembers: number;
  /** Members who opened the app that day; WAU and MAU: in the 7 and 30 days up to it. */
  dau: number;
  wau: number;
  mau: number;
  /** Distinct visitors in the 6 and 29 days up to the day: the next day's WAU and MAU start from them (the rollup's only). */
  visitors6?: number;
  visitors29?: number;
  /**
   * Members who paid in the 7 and 30 days up to the day (paying members of 近 7 天 / 近 30 天
   * ending that day), and in the 6 and 29 (the next day's start: the rollup's only).
   */
  payers?: { d7: number; d30: number; d6?: number; d29?: number };
  /** Check-ins of the day (补签 not included), and 补签 made that day (for any missed day). */
  checkins: number;
  makeups: number;
  /** Members whose streak is alive on the day (checked in that day or the day before), by its length. */
  streaks: Record<StreakBucketKey, number>;
  points: {
    /** Points booked in (every positive change), spent (every negative change but expiry), expired. */
    issued: number;
    redeemed: number;
    expired: number;
    /** Points held by members at the end of the day. */
    liability: number;
    /**
     * Points in lots expiring in the month after the day's month, as the rollup found them (null
     * when rolled up long after); live, as the night's rollup found them while that is the same month.
     */
    expiringNextMonth: number | null;
  };
  lottery: { draws: number; prizes: Array<{ prizeId: string; awards: number; costFen: number }> };
  coupons: { issued: number; used: number };
  orders: {
    /** Orders placed that day, and those of them paid when the figures were made: created → paid. */
    created: number;
    createdPaid: number;
    /** Orders paid that day (refunded later or not), their goods (total − shipping), the members who paid. */
    paid: number;
    gmvFen: number;
    payingMembers: number;
    /** Orders refunded that day and what was refunded. */
    refunds: number;
    refundFen: number;
  };
  /** 夜市 per night's category: members who looked at it that day, its night-market orders paid that day. */
  night: Array<{ categoryId: string; visitors: number; orders: number; gmvFen: number }>;
  /** 新款首发: orders of a launch product paid that day within its launch window. */
  launches: Array<{ productId: string; orders: number; qty: number; gmvFen: number }>;
  /** On Sundays: the cohort activity of the week the day closes. */
  cohort?: CohortWeekActivity;
}

/** A day nothing happened in (before the brand's first member joined). */
export function emptyDay(day: string): DayFigures {
  return {
    day,
    newMembers: zeroSources(),
    totalMembers: 0,
    dau: 0,
    wau: 0,
    mau: 0,
    checkins: 0,
    makeups: 0,
    streaks: zeroStreaks(),
    points: { issued: 0, redeemed: 0, expired: 0, liability: 0, expiringNextMonth: null },
    lottery: { draws: 0, prizes: [] },
    coupons: { issued: 0, used: 0 },
    orders: { created: 0, createdPaid: 0, paid: 0, gmvFen: 0, payingMembers: 0, refunds: 0, refundFen: 0 },
    night: [],
    launches: [],
  };
}

export function zeroStreaks(): Record<StreakBucketKey, number> {
  return Object.fromEntries(STREAK_BUCKET_KEYS.map((k) => [k, 0])) as Record<StreakBucketKey, number>;
}

export function zeroSources(): Record<MemberSource, number> {
  return Object.fromEntries(MEMBER_SOURCES.map((k) => [k, 0])) as Record<MemberSource, number>;
}

/** What a period adds up to. */
export interface PeriodTotals {
  days: number;
  newMembers: number;
  newBySource: Record<MemberSource, number>;
  totalMembers: number;
  /** The daily average, to one place. */
  dau: number;
  /** At the period's last day: for 近 7 天 the WAU is every member who came in the period, for 近 30 天 the MAU. */
  wau: number;
  mau: number;
  checkins: number;
  makeups: number;
  /** Check-ins ÷ visits (Σ check-ins ÷ Σ DAU). */
  checkinRate: number | null;
  streaks: Record<StreakBucketKey, number>;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsExpired: number;
  pointsLiability: number;
  draws: number;
  awards: number;
  awardsCostFen: number;
  couponsIssued: number;
  couponsUsed: number;
  /** 核销率: coupons used in the period ÷ coupons issued in it. */
  couponUseRate: number | null;
  orders: number;
  gmvFen: number;
  aovFen: number | null;
  ordersCreated: number;
  /** Orders placed in the period that were paid. */
  conversion: number | null;
  refunds: number;
  refundFen: number;
  prizes: Array<{ prizeId: string; awards: number; costFen: number }>;
  night: Array<{ categoryId: string; visitors: number; orders: number; gmvFen: number }>;
  launches: Array<{ productId: string; orders: number; qty: number; gmvFen: number }>;
}

/** Rows with the same key added up, field by field; the order of first appearance is kept. */
export function sumBy<T extends Record<string, unknown>, K extends keyof T>(rows: T[], key: K, fields: Array<keyof T>): T[] {
  const out = new Map<unknown, T>();
  for (const row of rows) {
    const seen = out.get(row[key]);
    if (!seen) {
      out.set(row[key], { ...row });
      continue;
    }
    for (const f of fields) (seen as Record<keyof T, unknown>)[f] = (seen[f] as number) + (row[f] as number);
  }
  return [...out.values()];
}

/** The period's figures from its days' (in day order, at least one). */
export function periodTotals(days: DayFigures[]): PeriodTotals {
  if (days.length === 0) throw new Error('a period has at least one day');
  const last = days[days.length - 1]!;
  const sum = (pick: (d: DayFigures) => number) => days.reduce((s, d) => s + pick(d), 0);
  const newBySource = zeroSources();
  for (const d of days) for (const s of MEMBER_SOURCES) newBySource[s] += d.newMembers[s] ?? 0;
  const dauDays = sum((d) => d.dau);
  const checkins = sum((d) => d.checkins);
  const orders = sum((d) => d.orders.paid);
  const gmvFen = sum((d) => d.orders.gmvFen);
  const ordersCreated = sum((d) => d.orders.created);
  const couponsIssued = sum((d) => d.coupons.issued);
  const couponsUsed = sum((d) => d.coupons.used);
  const prizes = sumBy(days.flatMap((d) => d.lottery.prizes), 'prizeId', ['awards', 'costFen']);
  return {
    days: days.length,
    newMembers: MEMBER_SOURCES.reduce((s, k) => s + newBySource[k], 0),
    newBySource,
    totalMembers: last.totalMembers,
    dau: round(dauDays / days.length, 1),
    wau: last.wau,
    mau: last.mau,
    checkins,
    makeups: sum((d) => d.makeups),
    checkinRate: ratio(checkins, dauDays),
    streaks: { ...last.streaks },
    pointsIssued: sum((d) => d.points.issued),
    pointsRedeemed: sum((d) => d.points.redeemed),
    pointsExpired: sum((d) => d.points.expired),
    pointsLiability: last.points.liability,
    draws: sum((d) => d.lottery.draws),
    awards: prizes.reduce((s, p) => s + p.awards, 0),
    awardsCostFen: prizes.reduce((s, p) => s + p.costFen, 0),
    couponsIssued,
    couponsUsed,
    couponUseRate: ratio(couponsUsed, couponsIssued),
    orders,
    gmvFen,
    aovFen: orders > 0 ? Math.round(gmvFen / orders) : null,
    ordersCreated,
    conversion: ratio(sum((d) => d.orders.createdPaid), ordersCreated),
    refunds: sum((d) => d.orders.refunds),
    refundFen: sum((d) => d.orders.refundFen),
    prizes,
    night: sumBy(days.flatMap((d) => d.night), 'categoryId', ['visitors', 'orders', 'gmvFen']),
    launches: sumBy(days.flatMap((d) => d.launches), 'productId', ['orders', 'qty', 'gmvFen']),
  };
}

/** Yuan value of points: points × fen per point. */
export function pointsToFen(points: number, fenPerPoint: number): number {
  return Math.round(points * fenPerPoint);
}

/** The 'YYYY-MM' month after the one `day` is in. */
export function nextMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// 会员日 uplift

export interface MemberDayUplift {
  /** The member day's ISO weekday, and the two weekdays before it it is compared with (Mon–Tue for Wednesday). */
  weekday: number;
  baselineWeekdays: [number, number];
  /** The days compared, in order. */
  from: string;
  to: string;
  memberDays: number;
  memberDayAvgFen: number | null;
  baselineDays: number;
  baselineAvgFen: number | null;
  /** Member-day average ÷ baseline average − 1 (1 = doubled); null when either is missing or the baseline is 0. */
  uplift: number | null;
}

/** The ISO weekday `n` days before `weekday` (1 = Monday … 7 = Sunday). */
const weekdayBefore = (weekday: number, n: number) => ((((weekday - 1 - n) % 7) + 7) % 7) + 1;

/**
 * 会员日 against the two weekdays before it: the average paid GMV of the member days among
 * `days`, against the average of the baseline weekdays among them.
 */
export function memberDayUplift(days: Array<{ day: string; gmvFen: number }>, weekday: number): MemberDayUplift {
  const baselineWeekdays: [number, number] = [weekdayBefore(weekday, 2), weekdayBefore(weekday, 1)];
  const member = days.filter((d) => isoWeekday(d.day) === weekday);
  const baseline = days.filter((d) => baselineWeekdays.includes(isoWeekday(d.day)));
  const avg = (xs: typeof days) => (xs.length ? Math.round(xs.reduce((s, d) => s + d.gmvFen, 0) / xs.length) : null);
  const memberDayAvgFen = avg(member);
  const baselineAvgFen = avg(baseline);
  return {
    weekday,
    baselineWeekdays,
    from: days[0]?.day ?? '',
    to: days[days.length - 1]?.day ?? '',
    memberDays: member.length,
    memberDayAvgFen,
    baselineDays: baseline.length,
    baselineAvgFen,
    uplift: memberDayAvgFen !== null && baselineAvgFen ? round(memberDayAvgFen / baselineAvgFen - 1, 4) : null,
  };
}

/**
 * The days the uplift is measured over: the period when it holds a member day and a baseline
 * day, else the 28 days up to its last complete day (never today, which is not over).
 */
export function upliftWindow(period: DayRange, today: string, weekday: number): DayRange {
  const days = daysOf(period);
  const baseline = [weekdayBefore(weekday, 2), weekdayBefore(weekday, 1)];
  const complete = days.filter((d) => d < today);
  if (complete.some((d) => isoWeekday(d) === weekday) && complete.some((d) => baseline.includes(isoWeekday(d)))) {
    return { from: complete[0]!, to: complete[complete.length - 1]! };
  }
  const to = period.to < today ? period.to : addDays(today, -1);
  return { from: addDays(to, -27), to };
}

// ---------------------------------------------------------------------------------------------
// Retention: weekly cohorts

/** The Monday of the ISO week `day` is in. */
export function weekStart(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** The latest Sunday on or before `day`. */
export function sundayOnOrBefore(day: string): string {
  return addDays(day, -(isoWeekday(day) % 7));
}

export const COHORTS = 8;
export const COHORT_WEEKS = 8;

export interface CohortRow {
  /** The Monday of the week its members joined. */
  week: string;
  members: number;
  /** Weeks 1–8 after the join week: the share of the cohort who visited in it; null while that week is not over (or not rolled up). */
  active: Array<number | null>;
}

/**
 * The retention table up to the week that ends on `lastSunday`: the `COHORTS` latest cohorts
 * with at least one week after them over (the newest joined the week before that week), oldest
 * first, each with the share of its members active in each of the `COHORT_WEEKS` weeks after it
 * (a triangle: the oldest has all 8, the newest 1). `weeks` holds what the Sundays' rollups
 * recorded, by the Sunday's Monday.
 */
export function retentionTable(weeks: Map<string, CohortWeekActivity>, lastSunday: string): CohortRow[] {
  const lastWeek = addDays(lastSunday, -6);
  const rows: CohortRow[] = [];
  for (let i = COHORTS - 1; i >= 0; i--) {
    const week = addDays(lastWeek, -7 * (i + 1));
    const members = weeks.get(week)?.members ?? 0;
    const active: Array<number | null> = [];
    for (let k = 1; k <= COHORT_WEEKS; k++) {
      const later = weeks.get(addDays(week, 7 * k));
      active.push(addDays(week, 7 * k) > lastWeek || !later ? null : members > 0 ? ratio(later.active[week] ?? 0, members) : null);
    }
    rows.push({ week, members, active });
  }
  return rows;
}

/** The Mondays whose Sunday rollups the retention table reads (cohorts and the weeks after them). */
export function retentionWeeks(lastSunday: string): string[] {
  const lastWeek = addDays(lastSunday, -6);
  const span = Math.max(COHORTS, COHORT_WEEKS);
  return Array.from({ length: span + 1 }, (_, i) => addDays(lastWeek, -7 * (span - i)));
}
