import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '@cloud/domain/business-day';

describe('daysBetween (whole calendar days, no time zone)', () => {
  it.each([
    ['2026-06-15', '2026-06-15', 0],
    ['2026-06-14', '2026-06-15', 1],
    ['2026-06-15', '2026-06-14', -1], // negative when `to` is earlier
    // Month ends.
    ['2026-01-31', '2026-02-01', 1],
    ['2026-01-31', '2026-03-01', 29],
    ['2026-04-30', '2026-05-01', 1],
    ['2026-12-31', '2027-01-01', 1],
    ['2027-01-01', '2026-12-31', -1],
    ['2026-03-31', '2026-04-30', 30],
    // The leap day.
    ['2028-02-28', '2028-02-29', 1],
    ['2028-02-29', '2028-03-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2027-02-28', '2027-03-01', 1], // no leap day in 2027
    ['2028-03-01', '2028-02-28', -2],
    ['2100-02-28', '2100-03-01', 1], // a century year that is not a leap year
    ['2000-02-28', '2000-03-01', 2], // one divisible by 400 that is
    // Years.
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2025-06-15', '2026-06-15', 365],
    ['2027-06-15', '2028-06-15', 366],
    ['2026-06-15', '2025-06-15', -365],
    // Across the daylight-saving dates of zones that have them (none here: UTC arithmetic).
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
    // The windows the read model uses.
    ['2026-03-17', '2026-06-15', 90],
    ['2025-06-15', '2026-06-15', 365],
  ])('from %s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  const dayArb = fc
    .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('undoes addDays, is antisymmetric and adds up', () => {
    fc.assert(
      fc.property(dayArb, dayArb, fc.integer({ min: -3000, max: 3000 }), (a, b, n) => {
        expect(daysBetween(a, addDays(a, n))).toBe(n);
        expect(addDays(a, daysBetween(a, b))).toBe(b);
        expect(daysBetween(b, a) + daysBetween(a, b)).toBe(0);
        const c = addDays(b, n);
        expect(daysBetween(a, c)).toBe(daysBetween(a, b) + daysBetween(b, c));
      }),
    );
  });

  it('agrees with the instant arithmetic of midnights UTC', () => {
    fc.assert(
      fc.property(dayArb, dayArb, (a, b) => {
        expect(daysBetween(a, b)).toBe((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
      }),
    );
  });
});
