import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leaderboardMonth, nextTitle, titleFor } from '@cloud/domain/referral';

const titles = [
  { name: '推荐达人', count: 3 },
  { name: '金牌推荐官', count: 10 },
];

describe('titleFor and nextTitle', () => {
  it.each([
    [0, null, { name: '推荐达人', count: 3, needed: 3 }],
    [2, null, { name: '推荐达人', count: 3, needed: 1 }],
    [3, '推荐达人', { name: '金牌推荐官', count: 10, needed: 7 }],
    [9, '推荐达人', { name: '金牌推荐官', count: 10, needed: 1 }],
    [10, '金牌推荐官', null],
    [250, '金牌推荐官', null],
  ] as const)('%i rewarded referrals → %s, next %o', (count, title, next) => {
    expect(titleFor(count, titles)).toBe(title);
    expect(nextTitle(count, titles)).toEqual(next);
  });

  it('gives no title and no next title when the brand has none', () => {
    expect(titleFor(5, [])).toBeNull();
    expect(nextTitle(5, [])).toBeNull();
  });

  it('reaching the next title earns exactly that title (property)', () => {
    const ascending = fc
      .uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 5 })
      .map((counts) => [...counts].sort((a, b) => a - b).map((count, i) => ({ name: `T${i}`, count })));
    fc.assert(
      fc.property(ascending, fc.integer({ min: 0, max: 1200 }), (ts, count) => {
        const next = nextTitle(count, ts);
        if (next === null) {
          expect(titleFor(count, ts)).toBe(ts.at(-1)!.name);
          return;
        }
        expect(next.needed).toBeGreaterThan(0);
        expect(titleFor(count + next.needed, ts)).toBe(next.name);
        expect(titleFor(count + next.needed - 1, ts)).not.toBe(next.name);
      }),
    );
  });
});

describe('leaderboardMonth', () => {
  it.each([
    ['November in Beijing', '2026-11', 'Asia/Shanghai', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    ['December rolls into the next year', '2026-12', 'Asia/Shanghai', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['February of a leap year', '2028-02', 'Asia/Shanghai', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z'],
    ['March in New York spans the DST change', '2027-03', 'America/New_York', '2027-03-01T05:00:00.000Z', '2027-04-01T04:00:00.000Z'],
  ])('%s', (_case, month, zone, from, until) => {
    const range = leaderboardMonth(month, new Date('2030-01-01T00:00:00Z'), zone);
    expect([range.month, range.from.toISOString(), range.until.toISOString()]).toEqual([month, from, until]);
  });

  it.each([
    ['the last minute of November in Beijing', '2026-11-30T15:59:00Z', '2026-11'],
    ['the first minute of December in Beijing', '2026-11-30T16:00:00Z', '2026-12'],
  ])('defaults to the brand-time month of now: %s', (_case, now, month) => {
    expect(leaderboardMonth(undefined, new Date(now), 'Asia/Shanghai').month).toBe(month);
  });
});
