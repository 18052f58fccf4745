import { describe, expect, it } from 'vitest';
import {
  change,
  daysOf,
  emptyDay,
  memberDayUplift,
  nextMonth,
  periodTotals,
  ratio,
  resolvePeriod,
  retentionTable,
  retentionWeeks,
  streakBucket,
  sumBy,
  sundayOnOrBefore,
  upliftWindow,
  weekStart,
  zeroSources,
  zeroStreaks,
  type CohortWeekActivity,
  type DayFigures,
  type KpiPeriod,
} from '@cloud/domain/kpis';

// 2026-11-25 is a Wednesday.
const TODAY = '2026-11-25';

describe('resolvePeriod', () => {
  it.each<[string, KpiPeriod, object]>([
    ['today against yesterday', 'today', { key: 'today', from: TODAY, to: TODAY, days: 1, previous: { from: '2026-11-24', to: '2026-11-24' } }],
    ['yesterday against the day before', 'yesterday', { from: '2026-11-24', to: '2026-11-24', days: 1, previous: { from: '2026-11-23', to: '2026-11-23' } }],
    ['7 days with today, against the 7 before', '7d', { from: '2026-11-19', to: TODAY, days: 7, previous: { from: '2026-11-12', to: '2026-11-18' } }],
    ['30 days with today, across a month end', '30d', { from: '2026-10-27', to: TODAY, days: 30, previous: { from: '2026-09-27', to: '2026-10-26' } }],
    ['a range across a year end', { from: '2025-12-30', to: '2026-01-02' }, { key: 'range', days: 4, previous: { from: '2025-12-26', to: '2025-12-29' } }],
    ['one day', { from: '2026-02-28', to: '2026-02-28' }, { days: 1, previous: { from: '2026-02-27', to: '2026-02-27' } }],
    ['over a leap day', { from: '2024-02-28', to: '2024-03-01' }, { days: 3, previous: { from: '2024-02-25', to: '2024-02-27' } }],
    ['366 days at most', { from: '2025-11-25', to: TODAY }, { days: 366, previous: { from: '2024-11-24', to: '2025-11-24' } }],
    ['a range ending today', { from: '2026-11-20', to: TODAY }, { days: 6 }],
  ])('%s', (_case, period, expected) => {
    expect(resolvePeriod(period, TODAY)).toMatchObject(expected);
  });

  it.each<[string, KpiPeriod, string]>([
    ['from after to', { from: '2026-11-02', to: '2026-11-01' }, 'from-after-to'],
    ['after today', { from: '2026-11-20', to: '2026-11-26' }, 'after-today'],
    ['367 days', { from: '2025-11-24', to: TODAY }, 'too-long'],
  ])('refuses %s', (_case, period, refusal) => {
    expect(resolvePeriod(period, TODAY)).toBe(refusal);
  });
});

describe('change and ratio', () => {
  it.each<[number | null, number | null, number | null]>([
    [120, 100, 0.2],
    [50, 100, -0.5],
    [100, 100, 0],
    [1, 3, -0.6667],
    [0, 0, 0],
    [5, 0, null],
    [null, 10, null],
    [10, null, null],
    [-50, -100, 0.5],
  ])('change(%s, %s) = %s', (current, previous, expected) => {
    expect(change(current, previous)).toBe(expected);
  });

  it.each<[number, number, number | null]>([
    [1, 3, 0.3333],
    [2, 2, 1],
    [0, 5, 0],
    [3, 0, null],
  ])('ratio(%s, %s) = %s', (n, d, expected) => {
    expect(ratio(n, d)).toBe(expected);
  });
});

describe('streakBucket', () => {
  it.each<[number, string | null]>([
    [0, null],
    [1, '1'],
    [2, '2-6'],
    [6, '2-6'],
    [7, '7-29'],
    [29, '7-29'],
    [30, '30-364'],
    [364, '30-364'],
    [365, '365+'],
    [1000, '365+'],
  ])('a %s-day streak is in %s', (streak, bucket) => {
    expect(streakBucket(streak)).toBe(bucket);
  });
});

describe('calendar helpers', () => {
  it.each<[string, string, string]>([
    ['2026-11-25', '2026-11-23', '2026-11-22'],
    ['2026-11-23', '2026-11-23', '2026-11-22'],
    ['2026-11-29', '2026-11-23', '2026-11-29'],
    ['2027-01-01', '2026-12-28', '2026-12-27'],
  ])('%s: week from %s, last Sunday %s', (day, monday, sunday) => {
    expect(weekStart(day)).toBe(monday);
    expect(sundayOnOrBefore(day)).toBe(sunday);
  });

  it.each<[string, string]>([
    ['2026-11-25', '2026-12'],
    ['2026-12-31', '2027-01'],
    ['2026-01-31', '2026-02'],
  ])('the month after %s is %s', (day, month) => {
    expect(nextMonth(day)).toBe(month);
  });

  it('lists the days of a range', () => {
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysOf({ from: '2026-03-02', to: '2026-03-01' })).toEqual([]);
  });
});

function day(d: string, over: Partial<DayFigures> = {}): DayFigures {
  return { ...emptyDay(d), ...over };
}

describe('periodTotals', () => {
  const days = [
    day('2026-11-23', {
      newMembers: { ...zeroSources(), share: 2, direct: 1 },
      totalMembers: 103,
      dau: 10,
      wau: 40,
      mau: 90,
      checkins: 4,
      streaks: { ...zeroStreaks(), '1': 3 },
      points: { issued: 100, redeemed: 20, expired: 0, liability: 1080, expiringNextMonth: 50 },
      lottery: { draws: 3, prizes: [{ prizeId: '7', awards: 1, costFen: 500 }] },
      coupons: { issued: 4, used: 1 },
      orders: { created: 5, createdPaid: 4, paid: 4, gmvFen: 40_000, payingMembers: 3, refunds: 0, refundFen: 0 },
      night: [{ categoryId: '2', visitors: 5, orders: 1, gmvFen: 9_900 }],
      launches: [{ productId: '9', orders: 1, qty: 2, gmvFen: 20_000 }],
    }),
    day('2026-11-24', {
      newMembers: { ...zeroSources(), guide: 1 },
      totalMembers: 104,
      dau: 11,
      wau: 41,
      mau: 91,
      checkins: 5,
      makeups: 1,
      streaks: { ...zeroStreaks(), '1': 1, '2-6': 3 },
      points: { issued: 50, redeemed: 0, expired: 30, liability: 1100, expiringNextMonth: 45 },
      lottery: { draws: 2, prizes: [{ prizeId: '7', awards: 2, costFen: 1000 }, { prizeId: '8', awards: 1, costFen: 0 }] },
      coupons: { issued: 0, used: 2 },
      orders: { created: 3, createdPaid: 1, paid: 2, gmvFen: 10_001, payingMembers: 2, refunds: 1, refundFen: 5_000 },
      night: [{ categoryId: '3', visitors: 2, orders: 0, gmvFen: 0 }, { categoryId: '2', visitors: 0, orders: 1, gmvFen: 100 }],
      launches: [{ productId: '9', orders: 1, qty: 1, gmvFen: 10_000 }],
    }),
  ];

  it('adds up the flows, takes the stocks at the last day, averages DAU', () => {
    expect(periodTotals(days)).toEqual({
      days: 2,
      newMembers: 4,
      newBySource: { share: 2, guide: 1, group: 0, poster: 0, direct: 1 },
      totalMembers: 104,
      dau: 10.5,
      wau: 41,
      mau: 91,
      checkins: 9,
      makeups: 1,
      checkinRate: 0.4286,
      streaks: { '1': 1, '2-6': 3, '7-29': 0, '30-364': 0, '365+': 0 },
      pointsIssued: 150,
      pointsRedeemed: 20,
      pointsExpired: 30,
      pointsLiability: 1100,
      draws: 5,
      awards: 4,
      awardsCostFen: 1500,
      couponsIssued: 4,
      couponsUsed: 3,
      couponUseRate: 0.75,
      orders: 6,
      gmvFen: 50_001,
      aovFen: 8_334,
      ordersCreated: 8,
      conversion: 0.625,
      refunds: 1,
      refundFen: 5_000,
      prizes: [
        { prizeId: '7', awards: 3, costFen: 1500 },
        { prizeId: '8', awards: 1, costFen: 0 },
      ],
      night: [
        { categoryId: '2', visitors: 5, orders: 2, gmvFen: 10_000 },
        { categoryId: '3', visitors: 2, orders: 0, gmvFen: 0 },
      ],
      launches: [{ productId: '9', orders: 2, qty: 3, gmvFen: 30_000 }],
    });
  });

  it('a day without orders or visits has no average order value or check-in rate', () => {
    expect(periodTotals([day('2026-11-23')])).toMatchObject({ aovFen: null, checkinRate: null, conversion: null, couponUseRate: null });
  });

  it('does not change the days it adds up', () => {
    const copy = JSON.parse(JSON.stringify(days));
    periodTotals(days);
    expect(days).toEqual(copy);
  });

  it('sumBy keeps the first appearance order', () => {
    expect(sumBy([{ k: 'b', n: 1 }, { k: 'a', n: 2 }, { k: 'b', n: 3 }], 'k', ['n'])).toEqual([
      { k: 'b', n: 4 },
      { k: 'a', n: 2 },
    ]);
  });
});

describe('会员日 uplift', () => {
  // 2026-11-16 is a Monday; the member day is Wednesday (3).
  const week = (monday: string, gmv: number[]) => daysOf({ from: monday, to: monday.replace(/\d\d$/, (d) => String(Number(d) + 6).padStart(2, '0')) }).map((d, i) => ({ day: d, gmvFen: gmv[i]! }));

  it.each<[string, Array<{ day: string; gmvFen: number }>, number, object]>([
    ['Wednesday doubles Monday–Tuesday', week('2026-11-16', [100, 300, 400, 50, 50, 50, 50]), 3, { memberDays: 1, memberDayAvgFen: 400, baselineDays: 2, baselineAvgFen: 200, uplift: 1, baselineWeekdays: [1, 2] }],
    [
      'two weeks average each side',
      [...week('2026-11-09', [100, 100, 300, 0, 0, 0, 0]), ...week('2026-11-16', [200, 200, 150, 0, 0, 0, 0])],
      3,
      { memberDays: 2, memberDayAvgFen: 225, baselineDays: 4, baselineAvgFen: 150, uplift: 0.5 },
    ],
    ['a Monday member day compares with Saturday–Sunday', week('2026-11-16', [90, 0, 0, 0, 0, 60, 30]), 1, { baselineWeekdays: [6, 7], baselineAvgFen: 45, uplift: 1 }],
    ['no baseline sales: no uplift', week('2026-11-16', [0, 0, 500, 0, 0, 0, 0]), 3, { baselineAvgFen: 0, uplift: null }],
    ['no member day in the days', week('2026-11-16', [1, 1, 1, 1, 1, 1, 1]).slice(0, 2), 3, { memberDays: 0, memberDayAvgFen: null, uplift: null }],
  ])('%s', (_case, days, weekday, expected) => {
    expect(memberDayUplift(days, weekday)).toMatchObject(expected);
  });

  it.each<[string, { from: string; to: string }, string, object]>([
    ['a week holds both: its complete days', { from: '2026-11-20', to: '2026-11-26' }, '2026-11-26', { from: '2026-11-20', to: '2026-11-25' }],
    ['the member day is today, not over: the 28 days before', { from: '2026-11-19', to: TODAY }, TODAY, { from: '2026-10-28', to: '2026-11-24' }],
    ['today alone: the 28 days before it', { from: TODAY, to: TODAY }, TODAY, { from: '2026-10-28', to: '2026-11-24' }],
    ['yesterday alone: the 28 days up to it', { from: '2026-11-24', to: '2026-11-24' }, TODAY, { from: '2026-10-28', to: '2026-11-24' }],
    ['a past range with both', { from: '2026-11-02', to: '2026-11-08' }, TODAY, { from: '2026-11-02', to: '2026-11-08' }],
  ])('window: %s', (_case, period, today, expected) => {
    expect(upliftWindow(period, today, 3)).toEqual(expected);
  });
});

describe('retention cohorts', () => {
  // Weeks (Mondays) 2026-09-28 … 2026-11-23; the last complete week ends Sunday 2026-11-29.
  const last = '2026-11-29';

  it('reads the Sundays of the 8 cohorts and the weeks after them', () => {
    const weeks = retentionWeeks(last);
    expect(weeks).toHaveLength(9);
    expect(weeks[0]).toBe('2026-09-28');
    expect(weeks[8]).toBe('2026-11-23');
  });

  it('gives each cohort the share of its members active in each later week, up to the last week', () => {
    const recorded = new Map<string, CohortWeekActivity>([
      ['2026-09-28', { week: '2026-09-28', members: 10, active: {} }],
      ['2026-10-05', { week: '2026-10-05', members: 4, active: { '2026-09-28': 5 } }],
      ['2026-10-12', { week: '2026-10-12', members: 0, active: { '2026-09-28': 3, '2026-10-05': 1 } }],
      // 2026-10-19 was never rolled up.
      ['2026-11-23', { week: '2026-11-23', members: 7, active: { '2026-09-28': 1, '2026-11-16': 2 } }],
      ['2026-11-16', { week: '2026-11-16', members: 3, active: {} }],
    ]);
    const table = retentionTable(recorded, last);
    expect(table.map((r) => r.week)).toEqual(['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16']);
    expect(table[0]).toEqual({ week: '2026-09-28', members: 10, active: [0.5, 0.3, null, null, null, null, 0, 0.1] });
    expect(table[1]).toEqual({ week: '2026-10-05', members: 4, active: [0.25, null, null, null, null, 0, 0, null] });
    // A week rolled up counts 0 for a cohort nobody of which came; one never rolled up is null.
    // A cohort nobody joined has no shares; the newest cohort has only its first week.
    expect(table[2]!.active.every((a) => a === null)).toBe(true);
    expect(table[7]).toEqual({ week: '2026-11-16', members: 3, active: [0.6667, null, null, null, null, null, null, null] });
  });
});
