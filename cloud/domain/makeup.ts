/** 补签: checking in afterwards for a missed day of the current month, for points. */
import { monthOf } from './business-day';

export type MakeupRefusal = 'NOT_THIS_MONTH' | 'NOT_PAST' | 'BEFORE_JOIN' | 'ALREADY_CHECKED' | 'MAKEUP_LIMIT';

export function makeupRefusal(input: {
  date: string;
  today: string;
  joinedOn: string;
  alreadyChecked: boolean;
  usedThisMonth: number;
  perMonth: number;
}): MakeupRefusal | null {
  if (monthOf(input.date) !== monthOf(input.today)) return 'NOT_THIS_MONTH';
  if (input.date >= input.today) return 'NOT_PAST';
  if (input.date < input.joinedOn) return 'BEFORE_JOIN';
  if (input.alreadyChecked) return 'ALREADY_CHECKED';
  if (input.usedThisMonth >= input.perMonth) return 'MAKEUP_LIMIT';
  return null;
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
