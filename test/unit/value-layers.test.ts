import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEGMENTATION,
  LAYER_KEYS,
  LAYER_NAMES,
  layerName,
  layerOf,
  ntile,
  segmentationSettingsSchema,
  type LayerInput,
  type LayerKey,
} from '@cloud/domain/value-layers';

// Defaults: newDays 30, dormantDays 90, highValue r3 f4 m4, potential r4 f1 m3.
const settings = DEFAULT_SEGMENTATION;

/** A long-standing, recently active member with no churn warning and middling scores: 一般. */
const member = (over: Partial<LayerInput> = {}): LayerInput => ({
  daysSinceJoined: 400,
  daysSinceFirstOrder: 300,
  daysSinceActive: 5,
  churnRisk: false,
  rfm: { r: 2, f: 2, m: 2 },
  ...over,
});

const TOP = { r: 5, f: 5, m: 5 };

describe('segmentationSettingsSchema', () => {
  it('accepts the defaults as they are', () => {
    expect(segmentationSettingsSchema.parse(DEFAULT_SEGMENTATION)).toEqual(DEFAULT_SEGMENTATION);
  });

  const patch = (p: Record<string, unknown>) => ({ ...DEFAULT_SEGMENTATION, ...p });
  const churn = (p: Record<string, unknown>) => patch({ churn: { ...DEFAULT_SEGMENTATION.churn, ...p } });

  it.each([
    ['newDays 1', patch({ newDays: 1 })],
    ['newDays 365', patch({ newDays: 365 })],
    ['dormantDays 14', patch({ dormantDays: 14 })],
    ['dormantDays 730', patch({ dormantDays: 730 })],
    ['scores 1 and 5', patch({ highValue: { r: 5, f: 5, m: 5 }, potential: { r: 1, f: 1, m: 1 } })],
    ['k 1', churn({ k: 1 })],
    ['k 10', churn({ k: 10 })],
    ['a fractional k', churn({ k: 2.5 })],
    ['minSilenceDays 1 and 60', churn({ minSilenceDays: 60 })],
    ['minActiveDays 2', churn({ minActiveDays: 2 })],
    ['minActiveDays 90', churn({ minActiveDays: 90 })],
  ])('accepts %s', (_what, value) => {
    expect(segmentationSettingsSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['newDays 0', patch({ newDays: 0 })],
    ['newDays 366', patch({ newDays: 366 })],
    ['newDays 1.5', patch({ newDays: 1.5 })],
    ['dormantDays 13', patch({ dormantDays: 13 })],
    ['dormantDays 731', patch({ dormantDays: 731 })],
    ['a score of 0', patch({ highValue: { r: 0, f: 4, m: 4 } })],
    ['a score of 6', patch({ potential: { r: 6, f: 1, m: 3 } })],
    ['a fractional score', patch({ potential: { r: 4.5, f: 1, m: 3 } })],
    ['a missing score', patch({ highValue: { r: 3, f: 4 } })],
    ['an unknown score', patch({ highValue: { r: 3, f: 4, m: 4, x: 1 } })],
    ['k below 1', churn({ k: 0.9 })],
    ['k above 10', churn({ k: 10.5 })],
    ['minSilenceDays 0', churn({ minSilenceDays: 0 })],
    ['minSilenceDays 61', churn({ minSilenceDays: 61 })],
    ['minActiveDays 1', churn({ minActiveDays: 1 })],
    ['minActiveDays 91', churn({ minActiveDays: 91 })],
    ['an unknown churn key', churn({ other: 1 })],
    ['an unknown top-level key', patch({ extra: true })],
    ['no churn', { ...DEFAULT_SEGMENTATION, churn: undefined }],
  ])('refuses %s', (_what, value) => {
    expect(segmentationSettingsSchema.safeParse(value).success).toBe(false);
  });
});

describe('layer names', () => {
  it('names every layer key', () => {
    expect(Object.keys(LAYER_NAMES).sort()).toEqual([...LAYER_KEYS].sort());
    expect(LAYER_KEYS.map(layerName)).toEqual(['新客', '高价值', '潜力', '沉睡', '流失预警', '一般']);
  });
});

describe('layerOf: 新客 > 沉睡 > 流失预警 > 高价值 > 潜力 > 一般, at the edges', () => {
  it.each<[string, Partial<LayerInput>, LayerKey]>([
    // 新客: the first paid order decides; without one, the join date.
    ['first order exactly newDays ago', { daysSinceFirstOrder: 30 }, 'new'],
    ['first order newDays + 1 ago', { daysSinceFirstOrder: 31 }, 'regular'],
    ['first order today', { daysSinceFirstOrder: 0 }, 'new'],
    ['no order, joined exactly newDays ago', { daysSinceFirstOrder: null, daysSinceJoined: 30, rfm: null }, 'new'],
    ['no order, joined newDays + 1 ago', { daysSinceFirstOrder: null, daysSinceJoined: 31, rfm: null }, 'regular'],
    ['joined long ago, first order within newDays', { daysSinceJoined: 900, daysSinceFirstOrder: 10 }, 'new'],
    ['joined recently but a first order too old (inconsistent input: the order decides)', { daysSinceJoined: 5, daysSinceFirstOrder: 31 }, 'regular'],
    // 新客 beats everything after it.
    ['new and never active', { daysSinceFirstOrder: null, daysSinceJoined: 3, daysSinceActive: null, rfm: null }, 'new'],
    ['new and silent past dormantDays', { daysSinceFirstOrder: 30, daysSinceActive: 91 }, 'new'],
    ['new and at risk', { daysSinceFirstOrder: 30, churnRisk: true }, 'new'],
    ['new with top scores', { daysSinceFirstOrder: 30, rfm: TOP }, 'new'],
    // 沉睡: no activity for more than dormantDays, or never.
    ['silent exactly dormantDays', { daysSinceActive: 90 }, 'regular'],
    ['silent dormantDays + 1', { daysSinceActive: 91 }, 'dormant'],
    ['never active', { daysSinceActive: null, daysSinceFirstOrder: null, rfm: null }, 'dormant'],
    ['dormant beats at risk', { daysSinceActive: 91, churnRisk: true }, 'dormant'],
    ['dormant beats top scores', { daysSinceActive: 91, rfm: TOP }, 'dormant'],
    ['silent exactly dormantDays with top scores', { daysSinceActive: 90, rfm: TOP }, 'high'],
    // 流失预警 beats the value layers.
    ['at risk', { churnRisk: true }, 'at_risk'],
    ['at risk with top scores', { churnRisk: true, rfm: TOP }, 'at_risk'],
    ['at risk without scores', { churnRisk: true, rfm: null }, 'at_risk'],
    ['at risk, silent exactly dormantDays', { churnRisk: true, daysSinceActive: 90 }, 'at_risk'],
    // 高价值: r ≥ 3, f ≥ 4, m ≥ 4.
    ['high minimums exactly met', { rfm: { r: 3, f: 4, m: 4 } }, 'high'],
    ['high, R one short (and short of 潜力 R 4)', { rfm: { r: 2, f: 4, m: 4 } }, 'regular'],
    ['high, F one short (潜力 instead: r 4 f 3 m 4)', { rfm: { r: 4, f: 3, m: 4 } }, 'potential'],
    ['high, M one short (潜力 instead: r 4 f 4 m 3)', { rfm: { r: 4, f: 4, m: 3 } }, 'potential'],
    ['high, F one short with R 3 (neither)', { rfm: { r: 3, f: 3, m: 4 } }, 'regular'],
    ['top scores', { rfm: TOP }, 'high'],
    // 潜力: r ≥ 4, f ≥ 1, m ≥ 3.
    ['potential minimums exactly met', { rfm: { r: 4, f: 1, m: 3 } }, 'potential'],
    ['potential, R one short', { rfm: { r: 3, f: 1, m: 3 } }, 'regular'],
    ['potential, M one short', { rfm: { r: 4, f: 1, m: 2 } }, 'regular'],
    ['potential, the best R and the lowest F', { rfm: { r: 5, f: 1, m: 5 } }, 'potential'],
    // No paid order in 365 days: no scores, so neither 高价值 nor 潜力.
    ['rfm null', { rfm: null }, 'regular'],
    ['lowest scores', { rfm: { r: 1, f: 1, m: 1 } }, 'regular'],
  ])('%s → %s', (_what, over, expected) => {
    expect(layerOf(member(over), settings)).toBe(expected);
  });

  it('follows the brand settings', () => {
    const brand = { ...settings, newDays: 7, dormantDays: 30, potential: { r: 5, f: 1, m: 1 } };
    expect(layerOf(member({ daysSinceFirstOrder: 7 }), brand)).toBe('new');
    expect(layerOf(member({ daysSinceFirstOrder: 8 }), brand)).toBe('regular');
    expect(layerOf(member({ daysSinceActive: 30 }), brand)).toBe('regular');
    expect(layerOf(member({ daysSinceActive: 31 }), brand)).toBe('dormant');
    expect(layerOf(member({ rfm: { r: 4, f: 1, m: 5 } }), brand)).toBe('regular');
    expect(layerOf(member({ rfm: { r: 5, f: 1, m: 1 } }), brand)).toBe('potential');
  });
});

describe('layerOf properties', () => {
  const scoreArb = fc.integer({ min: 1, max: 5 });
  const rfmArb = fc.option(fc.record({ r: scoreArb, f: scoreArb, m: scoreArb }), { nil: null });
  const inputArb = fc.record({
    daysSinceJoined: fc.integer({ min: 0, max: 2000 }),
    daysSinceFirstOrder: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
    daysSinceActive: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
    churnRisk: fc.boolean(),
    rfm: rfmArb,
  });
  const minimumsArb = fc.record({ r: scoreArb, f: scoreArb, m: scoreArb });
  const settingsArb = fc.record({
    newDays: fc.integer({ min: 1, max: 365 }),
    dormantDays: fc.integer({ min: 14, max: 730 }),
    highValue: minimumsArb,
    potential: minimumsArb,
    churn: fc.constant(DEFAULT_SEGMENTATION.churn),
  });
  const meets = (rfm: LayerInput['rfm'], min: { r: number; f: number; m: number }) =>
    rfm !== null && rfm.r >= min.r && rfm.f >= min.f && rfm.m >= min.m;

  it('every input gets exactly one of LAYER_KEYS, the first whose condition holds', () => {
    fc.assert(
      fc.property(inputArb, settingsArb, (input, brand) => {
        expect(segmentationSettingsSchema.safeParse(brand).success).toBe(true);
        const layer = layerOf(input, brand);
        expect(LAYER_KEYS).toContain(layer);
        // The conditions in order of precedence; the layer is the first that holds.
        const holds: Array<[LayerKey, boolean]> = [
          ['new', input.daysSinceFirstOrder !== null ? input.daysSinceFirstOrder <= brand.newDays : input.daysSinceJoined <= brand.newDays],
          ['dormant', input.daysSinceActive === null || input.daysSinceActive > brand.dormantDays],
          ['at_risk', input.churnRisk],
          ['high', meets(input.rfm, brand.highValue)],
          ['potential', meets(input.rfm, brand.potential)],
          ['regular', true],
        ];
        expect(layer).toBe(holds.find(([, ok]) => ok)![0]);
      }),
    );
  });

  it('a member without scores is never 高价值 or 潜力', () => {
    fc.assert(
      fc.property(inputArb, settingsArb, (input, brand) => {
        expect(['high', 'potential']).not.toContain(layerOf({ ...input, rfm: null }, brand));
      }),
    );
  });
});

/**
 * PostgreSQL's NTILE as src/backend/utils/adt/windowfuncs.c computes it, row by row: the
 * reference the TypeScript ntile must match.
 */
function pgNtile(total: number, nbuckets: number): number[] {
  const out: number[] = [];
  let ntileNo = 0;
  let rowsPerBucket = 0;
  let boundary = 0;
  let remainder = 0;
  for (let row = 0; row < total; row++) {
    if (ntileNo === 0) {
      ntileNo = 1;
      rowsPerBucket = 0;
      boundary = Math.floor(total / nbuckets);
      if (boundary <= 0) boundary = 1;
      else {
        // If the total is not divisible, the leading buckets take one row more.
        remainder = total % nbuckets;
        if (remainder !== 0) boundary++;
      }
    }
    rowsPerBucket++;
    if (boundary < rowsPerBucket) {
      if (remainder !== 0 && ntileNo === remainder) {
        remainder = 0;
        boundary -= 1;
      }
      ntileNo += 1;
      rowsPerBucket = 1;
    }
    out.push(ntileNo);
  }
  return out;
}

describe('ntile: PostgreSQL NTILE semantics', () => {
  it.each<[number, number, number[]]>([
    [7, 5, [1, 1, 2, 2, 3, 4, 5]],
    [3, 5, [1, 2, 3]],
    [0, 5, []],
    [1, 5, [1]],
    [5, 5, [1, 2, 3, 4, 5]],
    [10, 5, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]],
    [11, 5, [1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]],
    [14, 5, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5]],
    [4, 1, [1, 1, 1, 1]],
    [6, 4, [1, 1, 2, 2, 3, 4]],
  ])('ntile(%i rows, %i buckets) = %j', (count, n, expected) => {
    expect(ntile(count, n)).toEqual(expected);
    expect(pgNtile(count, n)).toEqual(expected);
  });

  it('matches PostgreSQL row for row for 0..200 rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 250 }), (count, n) => {
        expect(ntile(count, n)).toEqual(pgNtile(count, n));
      }),
      { numRuns: 1000 },
    );
  });

  /** The shape NTILE promises: every row a bucket, in order, none skipped, sizes one apart, the bigger first. */
  const expectShape = (count: number, n: number) => {
    const buckets = ntile(count, n);
    expect(buckets).toHaveLength(count);
    if (count === 0) return;
    const used = Math.min(n, count);
    expect(buckets[0]).toBe(1);
    expect(buckets.at(-1)).toBe(used);
    // Each row's bucket is its predecessor's or the next one.
    expect(buckets.slice(1).every((b, i) => b - buckets[i]! === 0 || b - buckets[i]! === 1)).toBe(true);
    const sizes = Array.from({ length: used }, (_, b) => buckets.filter((x) => x === b + 1).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.slice(1).every((size, b) => size <= sizes[b]!)).toBe(true);
  };

  it('quintiles (the RFM scores) of every count 0..200 have that shape', () => {
    for (let count = 0; count <= 200; count++) expectShape(count, 5);
  });

  it('any bucket count over 0..200 rows has that shape', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 30 }), expectShape), { numRuns: 500 });
  });
});
