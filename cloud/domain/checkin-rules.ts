/** What a check-in earns: base points (with multipliers), streak milestone bonuses, lottery chances. */
import type { BrandSettings } from './brand-settings';

export type CheckinSettings = BrandSettings['checkin'];

export type Milestone = CheckinSettings['milestones'][number];

export interface CheckinReward {
  points: number;
  /** The milestone this check-in's streak reaches exactly, if any. */
  milestone: Milestone | null;
  lotteryChances: number;
}

/** Points multipliers are applied together and rounded down: points are integers. */
export function multiplyPoints(points: number, multipliers: number[]): number {
  return Math.floor(multipliers.reduce((p, m) => p * m, points) + 1e-9);
}

export function checkinReward(streak: number, rules: CheckinSettings, multipliers: number[]): CheckinReward {
  return {
    points: multiplyPoints(rules.basePoints, multipliers),
    milestone: rules.milestones.find((m) => m.days === streak) ?? null,
    lotteryChances: rules.lotteryChancesPerCheckin,
  };
}

/** The next milestone after a streak of `streak` days, and how many more days it takes. */
export function nextMilestone(
  streak: number,
  milestones: Milestone[],
): { days: number; bonusPoints: number; daysLeft: number } | null {
  const next = milestones.find((m) => m.days > streak);
  return next ? { days: next.days, bonusPoints: next.bonusPoints, daysLeft: next.days - streak } : null;
}
