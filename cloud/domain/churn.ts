/**
 * Churn warning by the member's own rhythm: a member who came back regularly is flagged when
 * their silence passes what is normal for them — more than max(minSilenceDays, ⌈k × their
 * median interval between active days over the last 90 days⌉) — and is not yet 沉睡. Someone who
 * comes every day is missed after a week; someone who comes every ten days, after a month.
 */
import type { SegmentationSettings } from './value-layers';

export interface RhythmInput {
  /** Days since the last active day (visit, check-in or paid order); null: never active. */
  daysSinceActive: number | null;
  /** Active days in the 90 days up to the run's day. */
  activeDays90: number;
  /** Median gap between consecutive active days in those 90 days; null with fewer than two. */
  medianIntervalDays: number | null;
}

export interface ChurnState {
  risk: boolean;
  /** Silence beyond this many days is unusual for the member (null: no rhythm to read). */
  thresholdDays: number | null;
  /** In words a guide can act on; null when not at risk. */
  reason: string | null;
}

export function silenceThreshold(medianIntervalDays: number, churn: SegmentationSettings['churn']): number {
  // Rounded first so that binary floating point (3 × 2.3 = 6.8999…) agrees with SQL's decimals.
  return Math.max(churn.minSilenceDays, Math.ceil(Math.round(churn.k * medianIntervalDays * 1e6) / 1e6));
}

const rhythmWords = (median: number) => (median <= 1 ? '平时几乎每天都来' : `平时约 ${Number.isInteger(median) ? median : median.toFixed(1)} 天来一次`);

export function churnState(input: RhythmInput, settings: SegmentationSettings): ChurnState {
  if (input.daysSinceActive === null || input.medianIntervalDays === null || input.activeDays90 < settings.churn.minActiveDays) {
    return { risk: false, thresholdDays: null, reason: null };
  }
  const thresholdDays = silenceThreshold(input.medianIntervalDays, settings.churn);
  const risk = input.daysSinceActive > thresholdDays && input.daysSinceActive <= settings.dormantDays;
  return {
    risk,
    thresholdDays,
    reason: risk ? `${rhythmWords(input.medianIntervalDays)}，已 ${input.daysSinceActive} 天没来` : null,
  };
}
