import { describe, expect, it } from 'vitest';
import { brandSettingsSchema, DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { evaluateAtAnniversary, growthWindowStart, tierAnniversary, tierForGrowth, tierProgress, upgradeFor } from '@cloud/domain/tiers';

const tiers = DEFAULT_BRAND_SETTINGS.tiers;

describe('tiers by growth value', () => {
  it.each([
    [0, 'normal'],
    [499, 'normal'],
    [500, 'silver'],
    [1999, 'silver'],
    [2000, 'gold'],
    [5000, 'diamond'],
    [99999, 'diamond'],
  ])('growth %i is %s', (growth, key) => {
    expect(tierForGrowth(growth, tiers).key).toBe(key);
  });

  it.each([
    ['normal', 499, null],
    ['normal', 500, 'silver'],
    ['normal', 2500, 'gold'],
    ['gold', 600, null],
    ['gold', 5000, 'diamond'],
    ['diamond', 10000, null],
  ] as const)('a %s member with growth %i upgrades to %s at once', (tier, growth, expected) => {
    expect(upgradeFor(tier, growth, tiers)?.key ?? null).toBe(expected);
  });
});

describe('keep-tier at the anniversary (at most one level down)', () => {
  it.each([
    ['gold', 1500, 'gold'],
    ['gold', 1499, 'silver'],
    ['gold', 0, 'silver'],
    ['diamond', 100, 'gold'],
    ['silver', 299, 'normal'],
    ['silver', 300, 'silver'],
    ['silver', 2100, 'gold'],
    ['normal', 0, 'normal'],
  ] as const)('%s with growth %i → %s', (tier, growth, expected) => {
    expect(evaluateAtAnniversary(tier, growth, tiers).key).toBe(expected);
  });

  it.each([
    ['2026-11-23', '2027-11-23'],
    ['2024-02-29', '2025-02-28'],
    ['2027-12-31', '2028-12-31'],
  ])('a tier reached on %s has its anniversary on %s', (since, anniversary) => {
    expect(tierAnniversary(since)).toBe(anniversary);
  });
});

describe('growth window (12 months back from today)', () => {
  it.each([
    ['2026-11-23', 12, '2025-11-24'],
    ['2026-03-31', 12, '2025-04-01'],
    ['2028-02-29', 12, '2027-03-01'],
    ['2026-11-23', 1, '2026-10-24'],
  ])('on %s over %i months counts from %s', (today, months, start) => {
    expect(growthWindowStart(today, months)).toBe(start);
  });
});

describe('tierProgress', () => {
  it('shows the way to the next tier and what keeps this one', () => {
    expect(tierProgress('silver', 800, '2026-05-01', tiers)).toEqual({
      next: { key: 'gold', name: '金卡会员', threshold: 2000, needed: 1200 },
      keep: { threshold: 300, needed: 0, on: '2027-05-01' },
    });
    expect(tierProgress('normal', 120, '2026-05-01', tiers)).toMatchObject({ next: { key: 'silver', needed: 380 }, keep: null });
    expect(tierProgress('diamond', 4100, '2026-05-01', tiers)).toMatchObject({ next: null, keep: { needed: 0 } });
  });
});

describe('brand settings schema', () => {
  it('accepts the defaults', () => {
    expect(brandSettingsSchema.safeParse(DEFAULT_BRAND_SETTINGS).success).toBe(true);
  });

  it.each([
    ['tiers out of order', { tiers: [...tiers].reverse() }],
    ['a first tier above 0', { tiers: tiers.map((t, i) => (i === 0 ? { ...t, threshold: 10 } : t)) }],
    ['keep above threshold', { tiers: tiers.map((t, i) => (i === 2 ? { ...t, keep: 3000 } : t)) }],
    ['descending milestones', { checkin: { ...DEFAULT_BRAND_SETTINGS.checkin, milestones: [{ days: 30, bonusPoints: 1 }, { days: 7, bonusPoints: 1 }] } }],
    ['a bad time zone', { timeZone: 'Mars/Olympus' }],
    ['a bad reminder time', { checkin: { ...DEFAULT_BRAND_SETTINGS.checkin, reminderTime: '25:00' } }],
  ])('refuses %s', (_case, change) => {
    expect(brandSettingsSchema.safeParse({ ...DEFAULT_BRAND_SETTINGS, ...change }).success).toBe(false);
  });
});
