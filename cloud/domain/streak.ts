/**
 * Streaks: consecutive brand-time days with a check-in.
 * A check-in's streak is the previous check-in's streak + 1 when that was yesterday, else 1.
 */
import { addDays } from './business-day';

export interface DayStreak {
  day: string;
  streak: number;
}

/** The streak a check-in on `today` gets, given the member's latest check-in before today. */
export function streakOnCheckin(latestBefore: DayStreak | null, today: string): number {
  return latestBefore && latestBefore.day === addDays(today, -1) ? latestBefore.streak + 1 : 1;
}

/**
 * The streak shown on `today`: still alive while the latest check-in is today or yesterday
 * (today's check-in may yet come), broken (0) once a whole day was missed.
 */
export function currentStreak(latest: DayStreak | null, today: string): number {
  if (!latest) return 0;
  return latest.day === today || latest.day === addDays(today, -1) ? latest.streak : 0;
}
