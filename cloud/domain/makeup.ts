/**
 * 补签: checking in afterwards, for points, for a missed day within the last N days (the brand's
 * `checkin.makeupWindowDays`), across month ends, at most `makeupPerMonth` times a month.
 */
import { addDays, monthOf } from './business-day';
import { currentStreak, type DayStreak } from './streak';

export type MakeupRefusal = 'NOT_PAST' | 'OUT_OF_WINDOW' | 'BEFORE_JOIN' | 'ALREADY_CHECKED';

/** The earliest day a 补签 made on `today` may name: the window is the N days before today. */
export function makeupWindowStart(today: string, windowDays: number): string {
  return addDays(today, -windowDays);
}

/**
 * The month whose cap a 补签 made on `today` counts against: the month it is made in, not the
 * month of the day it names — on the 1st, last month's missed days are made up with this
 * month's 补签, and last month's spent ones do not block them.
 */
export function makeupCapMonth(today: string): string {
  return monthOf(today);
}

/** Why `date` cannot be made up today, or null. The monthly cap is counted apart (makeupCapMonth). */
export function makeupRefusal(input: {
  date: string;
  today: string;
  windowDays: number;
  joinedOn: string;
  alreadyChecked: boolean;
}): MakeupRefusal | null {
  if (input.date >= input.today) return 'NOT_PAST';
  if (input.date < makeupWindowStart(input.today, input.windowDays)) return 'OUT_OF_WINDOW';
  if (input.date < input.joinedOn) return 'BEFORE_JOIN';
  if (input.alreadyChecked) return 'ALREADY_CHECKED';
  return null;
}

/** The days that can be made up today, oldest first: each day of the window since joining without a check-in. */
export function makeupEligibleDays(today: string, windowDays: number, joinedOn: string, checked: ReadonlySet<string>): string[] {
  const days: string[] = [];
  for (let d = makeupWindowStart(today, windowDays); d < today; d = addDays(d, 1)) {
    if (d >= joinedOn && !checked.has(d)) days.push(d);
  }
  return days;
}

/**
 * Milestones a make-up unlocks for the run it joins: those the joined run now reaches that
 * neither the part before the made-up day (`before`) nor the part after it (`afterOld`, its
 * old length) had reached — they were paid then. `joined` is the run's new length.
 */
export function milestonesUnlockedByMakeup<M extends { days: number }>(
  before: number,
  afterOld: number,
  joined: number,
  milestones: M[],
): M[] {
  return milestones.filter((m) => m.days <= joined && m.days > before && m.days > afterOld);
}

export interface MakeupRun<M> {
  /** The made-up day's streak. */
  streak: number;
  /** The check-ins after the made-up day that join its run, with their new streaks. */
  renumbered: DayStreak[];
  /** The joined run's first day: it names the run's milestones. */
  runStart: string;
  /** The milestones the make-up unlocks (milestonesUnlockedByMakeup). */
  unlocked: M[];
  /** The streak shown today once the day is made up. */
  streakNow: number;
}

/**
 * 补签 of `date`: the day joins the run that ended the day before (its stored streak says how
 * long, even when it started last month) and the run that starts the day after, whose days are
 * numbered on from it. `checkins` are the member's, from the day before `date` through `today`.
 */
export function makeupRun<M extends { days: number }>(checkins: DayStreak[], date: string, today: string, milestones: M[]): MakeupRun<M> {
  const streakOn = new Map(checkins.map((c) => [c.day, c.streak]));
  const before = streakOn.get(addDays(date, -1)) ?? 0;
  const renumbered: DayStreak[] = [];
  for (let d = addDays(date, 1); streakOn.has(d); d = addDays(d, 1)) {
    renumbered.push({ day: d, streak: before + 2 + renumbered.length });
  }
  const lastDay = renumbered.at(-1)?.day ?? date;
  const afterOld = renumbered.length ? streakOn.get(lastDay)! : 0;
  const joined = before + 1 + renumbered.length;
  // A check-in after the joined run (past a missed day) is the latest one, with its own streak.
  const later = checkins.filter((c) => c.day > lastDay).reduce<DayStreak | null>((a, c) => (a && a.day > c.day ? a : c), null);
  return {
    streak: before + 1,
    renumbered,
    runStart: addDays(date, -before),
    unlocked: milestonesUnlockedByMakeup(before, afterOld, joined, milestones),
    streakNow: currentStreak(later ?? { day: lastDay, streak: joined }, today),
  };
}
