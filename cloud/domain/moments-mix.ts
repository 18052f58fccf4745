/**
 * 朋友圈 calendar: the week a day belongs to, and the week's mix of post kinds with the days that
 * fall outside 1–3 posts (none: guides have nothing to post; more: friends' feeds get flooded).
 */
import { addDays } from './business-day';
import { MOMENTS_KINDS, type MomentsKind } from './guide-content';
import { isoWeekday } from './member-day';

export const MOMENTS_PER_DAY = { min: 1, max: 3 } as const;

/** Monday … Sunday of the week `day` is in. */
export function weekOf(day: string): string[] {
  const monday = addDays(day, 1 - isoWeekday(day));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export type DayWarning = 'none' | 'too_many';

export interface MomentsMix {
  counts: Record<MomentsKind, number>;
  days: Array<{ day: string; posts: number; warning: DayWarning | null }>;
}

export function momentsMix(days: readonly string[], posts: ReadonlyArray<{ day: string; kind: MomentsKind }>): MomentsMix {
  const counts = Object.fromEntries(MOMENTS_KINDS.map((k) => [k, 0])) as Record<MomentsKind, number>;
  const perDay = new Map(days.map((d) => [d, 0]));
  for (const p of posts) {
    if (!perDay.has(p.day)) continue;
    counts[p.kind] += 1;
    perDay.set(p.day, perDay.get(p.day)! + 1);
  }
  return {
    counts,
    days: days.map((day) => {
      const n = perDay.get(day)!;
      return { day, posts: n, warning: n < MOMENTS_PER_DAY.min ? 'none' : n > MOMENTS_PER_DAY.max ? 'too_many' : null };
    }),
  };
}
