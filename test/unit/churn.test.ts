import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnState, silenceThreshold, type RhythmInput } from '@cloud/domain/churn';
import { DEFAULT_SEGMENTATION, type SegmentationSettings } from '@cloud/domain/value-layers';

// Defaults: k 3, minSilenceDays 7, minActiveDays 3, dormantDays 90.
const settings = DEFAULT_SEGMENTATION;
const withChurn = (churn: Partial<SegmentationSettings['churn']>, dormantDays = settings.dormantDays): SegmentationSettings => ({
  ...settings,
  dormantDays,
  churn: { ...settings.churn, ...churn },
});

const rhythm = (daysSinceActive: number | null, medianIntervalDays: number | null, activeDays90 = 10): RhythmInput => ({
  daysSinceActive,
  activeDays90,
  medianIntervalDays,
});

describe('silenceThreshold: max(minSilenceDays, ⌈k × median⌉)', () => {
  it.each([
    // [median, k, minSilenceDays, threshold]
    [1, 3, 7, 7], // 3 < 7: the floor
    [2, 3, 7, 7], // 6 < 7: the floor
    [7 / 3, 3, 7, 7], // exactly 7 (ceil of a float just under or at 7)
    [2.5, 3, 7, 8], // ⌈7.5⌉
    [2.4, 3, 7, 8], // ⌈7.2⌉ (7.199999… in floats)
    [3, 3, 7, 9],
    [10, 3, 7, 30], // every ten days: missed after a month
    [1.5, 2.5, 1, 4], // ⌈3.75⌉
    [4, 1, 7, 7],
    [4, 1, 3, 4],
    [0, 3, 5, 5],
    // Decimal products that binary floating point misses by an ulp (SQL computes them in numeric).
    [2.3, 3, 1, 7], // 6.8999… in floats
    [50, 1.1, 7, 55], // 55.00000000000001 in floats
    [25, 2.2, 7, 55],
    [45, 2.2, 7, 99],
  ])('median %d, k %d, floor %i → %i', (median, k, minSilenceDays, expected) => {
    expect(silenceThreshold(median, { k, minSilenceDays, minActiveDays: 3 })).toBe(expected);
  });

  it('never falls below minSilenceDays and never shrinks as the median or k grows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 90, noNaN: true }),
        fc.double({ min: 0, max: 90, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (m1, m2, k1, k2, minSilenceDays) => {
          const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
          const [kLo, kHi] = k1 <= k2 ? [k1, k2] : [k2, k1];
          const churn = { k: kLo, minSilenceDays, minActiveDays: 3 };
          const t = silenceThreshold(lo, churn);
          expect(t).toBeGreaterThanOrEqual(minSilenceDays);
          expect(Number.isInteger(t)).toBe(true);
          // At least k × median, up to the rounding that makes decimals agree with SQL.
          expect(t).toBeGreaterThanOrEqual(kLo * lo - 1e-6);
          expect(silenceThreshold(hi, churn)).toBeGreaterThanOrEqual(t);
          expect(silenceThreshold(lo, { ...churn, k: kHi })).toBeGreaterThanOrEqual(t);
        },
      ),
    );
  });
});

describe('silenceThreshold agrees with decimal arithmetic (as the SQL in numeric)', () => {
  it('k with two decimals × a median with one decimal (numeric(6, 1)) gives the exact ceiling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1000 }), fc.integer({ min: 10, max: 900 }), fc.integer({ min: 1, max: 60 }), (k100, median10, minSilenceDays) => {
        // ⌈k100 × median10 / 1000⌉ in integers: no floating point on this side.
        const product = k100 * median10;
        const exactCeil = Math.floor(product / 1000) + (product % 1000 === 0 ? 0 : 1);
        const churn = { k: k100 / 100, minSilenceDays, minActiveDays: 3 };
        expect(silenceThreshold(median10 / 10, churn)).toBe(Math.max(minSilenceDays, exactCeil));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('churnState edges', () => {
  it.each([
    // [daysSinceActive, median, risk, threshold] with the defaults
    [7, 2, false, 7], // silence exactly at the threshold: normal
    [8, 2, true, 7], // one day past
    [7, 1, false, 7], // a daily visitor: the 7-day floor, not 3 × 1
    [8, 1, true, 7],
    [8, 2.5, false, 8], // ⌈7.5⌉ = 8: exactly at
    [9, 2.5, true, 8],
    [30, 10, false, 30],
    [31, 10, true, 30],
    [0, 2, false, 7],
    [90, 2, true, 7], // silence exactly dormantDays: still 流失预警
    [91, 2, false, 7], // past dormantDays: 沉睡, not 流失预警
    [200, 2, false, 7],
    [90, 40, false, 120], // a threshold past dormantDays: never a warning
  ])('%i days silent with median %d → risk %s (threshold %i)', (days, median, risk, threshold) => {
    const state = churnState(rhythm(days, median), settings);
    expect(state).toMatchObject({ risk, thresholdDays: threshold });
    expect(state.reason === null).toBe(!risk);
  });

  it.each([
    ['never active', rhythm(null, null, 0)],
    ['never active, even with a median (inconsistent input)', rhythm(null, 2, 10)],
    ['fewer than two active days: no median', rhythm(40, null, 1)],
    ['fewer active days than minActiveDays', rhythm(40, 2, 2)],
    ['no active day in 90', rhythm(40, null, 0)],
  ])('no rhythm to read (%s): no risk, no threshold', (_what, input) => {
    expect(churnState(input, settings)).toEqual({ risk: false, thresholdDays: null, reason: null });
  });

  it('exactly minActiveDays active days is enough to read a rhythm', () => {
    expect(churnState(rhythm(40, 2, 3), settings)).toMatchObject({ risk: true, thresholdDays: 7 });
    expect(churnState(rhythm(40, 2, 4), withChurn({ minActiveDays: 5 }))).toMatchObject({ risk: false, thresholdDays: null });
    expect(churnState(rhythm(40, 2, 5), withChurn({ minActiveDays: 5 }))).toMatchObject({ risk: true, thresholdDays: 7 });
  });

  it('follows the brand settings: k, floor and dormantDays', () => {
    expect(churnState(rhythm(10, 3), withChurn({ k: 2, minSilenceDays: 1 }))).toMatchObject({ risk: true, thresholdDays: 6 });
    expect(churnState(rhythm(6, 3), withChurn({ k: 2, minSilenceDays: 1 }))).toMatchObject({ risk: false, thresholdDays: 6 });
    expect(churnState(rhythm(6, 1), withChurn({ minSilenceDays: 14 }))).toMatchObject({ risk: false, thresholdDays: 14 });
    expect(churnState(rhythm(15, 1), withChurn({ minSilenceDays: 14 }))).toMatchObject({ risk: true, thresholdDays: 14 });
    expect(churnState(rhythm(31, 2), withChurn({}, 30))).toMatchObject({ risk: false, thresholdDays: 7 });
    expect(churnState(rhythm(30, 2), withChurn({}, 30))).toMatchObject({ risk: true, thresholdDays: 7 });
  });
});

describe('churnState reason (words a guide can act on)', () => {
  it.each([
    [9, 2, '平时约 2 天来一次，已 9 天没来'],
    [8, 1, '平时几乎每天都来，已 8 天没来'],
    [10, 1.5, '平时约 1.5 天来一次，已 10 天没来'],
    [9, 2.5, '平时约 2.5 天来一次，已 9 天没来'],
    [31, 10, '平时约 10 天来一次，已 31 天没来'],
    [9, 7 / 3, '平时约 2.3 天来一次，已 9 天没来'], // one decimal
    [8, 0.5, '平时几乎每天都来，已 8 天没来'], // below one day reads as daily
  ])('%i days silent, median %d: 「%s」', (days, median, reason) => {
    expect(churnState(rhythm(days, median), settings).reason).toBe(reason);
  });

  it('names no reason when not at risk', () => {
    expect(churnState(rhythm(7, 2), settings).reason).toBeNull();
    expect(churnState(rhythm(120, 2), settings).reason).toBeNull();
  });
});

describe('churnState properties', () => {
  const settingsArb = fc.record({
    k: fc.double({ min: 1, max: 10, noNaN: true }),
    minSilenceDays: fc.integer({ min: 1, max: 60 }),
    minActiveDays: fc.integer({ min: 2, max: 90 }),
    dormantDays: fc.integer({ min: 14, max: 730 }),
  });
  const inputArb = fc.record({
    daysSinceActive: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
    activeDays90: fc.integer({ min: 0, max: 90 }),
    medianIntervalDays: fc.option(fc.double({ min: 1, max: 45, noNaN: true }), { nil: null }),
  });

  it('at risk exactly when silence is past the threshold and not past dormantDays, with a reason', () => {
    fc.assert(
      fc.property(inputArb, settingsArb, (input, s) => {
        const brand = withChurn({ k: s.k, minSilenceDays: s.minSilenceDays, minActiveDays: s.minActiveDays }, s.dormantDays);
        const state = churnState(input, brand);
        const readable = input.daysSinceActive !== null && input.medianIntervalDays !== null && input.activeDays90 >= s.minActiveDays;
        expect(state.thresholdDays !== null).toBe(readable);
        if (state.thresholdDays !== null) {
          expect(state.thresholdDays).toBe(silenceThreshold(input.medianIntervalDays!, brand.churn));
          expect(state.risk).toBe(input.daysSinceActive! > state.thresholdDays && input.daysSinceActive! <= s.dormantDays);
        } else {
          expect(state.risk).toBe(false);
        }
        expect(state.reason !== null).toBe(state.risk);
        if (state.reason !== null) expect(state.reason).toContain(`已 ${input.daysSinceActive} 天没来`);
      }),
    );
  });
});
