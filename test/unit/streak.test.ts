import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@cloud/domain/business-day';
import { currentStreak, streakOnCheckin, type DayStreak } from '@cloud/domain/streak';

describe('streakOnCheckin', () => {
  it.each<[string, DayStreak | null, string, number]>([
    ['first ever check-in', null, '2026-11-23', 1],
    ['yesterday continues', { day: '2026-11-22', streak: 4 }, '2026-11-23', 5],
    ['a missed day restarts', { day: '2026-11-21', streak: 4 }, '2026-11-23', 1],
    ['across a month end', { day: '2026-11-30', streak: 9 }, '2026-12-01', 10],
    ['across a year end', { day: '2026-12-31', streak: 30 }, '2027-01-01', 31],
    ['onto a leap day', { day: '2028-02-28', streak: 2 }, '2028-02-29', 3],
    ['off a leap day', { day: '2028-02-29', streak: 3 }, '2028-03-01', 4],
    ['no leap day in 2027', { day: '2027-02-28', streak: 6 }, '2027-03-01', 7],
    ['a year apart is not a streak', { day: '2025-11-23', streak: 8 }, '2026-11-23', 1],
  ])('%s', (_case, latest, today, expected) => {
    expect(streakOnCheckin(latest, today)).toBe(expected);
  });
});

describe('currentStreak', () => {
  it.each<[string, DayStreak | null, string, number]>([
    ['never checked in', null, '2026-11-23', 0],
    ['checked in today', { day: '2026-11-23', streak: 5 }, '2026-11-23', 5],
    ['yesterday: still alive until today ends', { day: '2026-11-22', streak: 5 }, '2026-11-23', 5],
    ['missed yesterday: broken', { day: '2026-11-21', streak: 5 }, '2026-11-23', 0],
    ['year end, checked in on 31 Dec', { day: '2026-12-31', streak: 12 }, '2027-01-01', 12],
  ])('%s', (_case, latest, today, expected) => {
    expect(currentStreak(latest, today)).toBe(expected);
  });

  it('equals the run of consecutive days ending at the latest check-in (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 800 }), { maxLength: 120 }), (offsets) => {
        const days = [...offsets].sort((a, b) => a - b).map((n) => addDays('2027-12-01', n));
        let latest: DayStreak | null = null;
        for (const day of days) latest = { day, streak: streakOnCheckin(latest, day) };
        if (!latest) return;
        let run = 0;
        const set = new Set(days);
        while (set.has(addDays(latest.day, -run))) run++;
        expect(latest.streak).toBe(run);
        expect(currentStreak(latest, addDays(latest.day, 1))).toBe(run);
        expect(currentStreak(latest, addDays(latest.day, 2))).toBe(0);
      }),
    );
  });
});
