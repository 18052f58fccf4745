/**
 * Tiers 普通 / 银卡 / 金卡 / 钻石 by growth value (成长值) over a rolling window: upgrade at once
 * when a threshold is reached; at each tier anniversary keep the tier with its keep (保级)
 * threshold or drop one level — never more than one per evaluation.
 */
import type { BrandSettings, TierKey } from './brand-settings';
import { addDays, addMonths } from './business-day';

export type Tier = BrandSettings['tiers'][number];

export function tierIndex(key: TierKey, tiers: Tier[]): number {
  return tiers.findIndex((t) => t.key === key);
}

/** The highest tier whose threshold the growth value reaches. */
export function tierForGrowth(growth: number, tiers: Tier[]): Tier {
  return tiers.reduce((best, t) => (growth >= t.threshold ? t : best), tiers[0]!);
}

/** The tier to move up to at once, or null when the growth value does not reach a higher one. */
export function upgradeFor(current: TierKey, growth: number, tiers: Tier[]): Tier | null {
  const reached = tierForGrowth(growth, tiers);
  return tierIndex(reached.key, tiers) > tierIndex(current, tiers) ? reached : null;
}

/** The first day growth counts on: growth earned on or after it is inside the window ending today. */
export function growthWindowStart(today: string, windowMonths: number): string {
  return addDays(addMonths(today, -windowMonths), 1);
}

/** A tier's anniversary: one year after it was reached or last kept (29 Feb falls on 28 Feb). */
export function tierAnniversary(tierSince: string): string {
  return addMonths(tierSince, 12);
}

/** At an anniversary: keep the tier with enough growth, move up if a higher one is reached, else one level down. */
export function evaluateAtAnniversary(current: TierKey, growth: number, tiers: Tier[]): Tier {
  const index = tierIndex(current, tiers);
  const upgrade = upgradeFor(current, growth, tiers);
  if (upgrade) return upgrade;
  return growth >= tiers[index]!.keep ? tiers[index]! : tiers[Math.max(0, index - 1)]!;
}

export interface TierProgress {
  next: { key: TierKey; name: string; threshold: number; needed: number } | null;
  keep: { threshold: number; needed: number; on: string } | null;
}

/** What the tier card shows: how far to the next tier, and what keeps this one at its anniversary. */
export function tierProgress(current: TierKey, growth: number, tierSince: string, tiers: Tier[]): TierProgress {
  const index = tierIndex(current, tiers);
  const next = tiers[index + 1];
  const tier = tiers[index]!;
  return {
    next: next ? { key: next.key, name: next.name, threshold: next.threshold, needed: Math.max(0, next.threshold - growth) } : null,
    keep: index > 0 ? { threshold: tier.keep, needed: Math.max(0, tier.keep - growth), on: tierAnniversary(tierSince) } : null,
  };
}
