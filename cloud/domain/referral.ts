/** 老带新: honour titles by rewarded referrals, and the brand-time month a leaderboard covers. */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { businessDay, monthOf, startOfBusinessDay } from './business-day';

dayjs.extend(utc);

export interface HonourTitle {
  name: string;
  /** Rewarded referrals (all time) that earn the title. */
  count: number;
}

/** The highest title `count` earns, or null below the first (titles ascend by count). */
export function titleFor(count: number, titles: readonly HonourTitle[]): string | null {
  let earned: string | null = null;
  for (const title of titles) if (count >= title.count) earned = title.name;
  return earned;
}

/** The next title to reach and how many more rewarded referrals reach it; null past the last. */
export function nextTitle(count: number, titles: readonly HonourTitle[]): { name: string; count: number; needed: number } | null {
  const next = titles.find((t) => t.count > count);
  return next ? { name: next.name, count: next.count, needed: next.count - count } : null;
}

export interface MonthRange {
  month: string;
  /** The instant the month's first brand-time day begins. */
  from: Date;
  /** The instant the next month begins (exclusive). */
  until: Date;
}

/** A 'YYYY-MM' month (default: the one `now` falls in) as instants in the brand's time zone. */
export function leaderboardMonth(month: string | undefined, now: Date, timeZone: string): MonthRange {
  const chosen = month ?? monthOf(businessDay(now, timeZone));
  const next = dayjs.utc(`${chosen}-01`).add(1, 'month').format('YYYY-MM-DD');
  return { month: chosen, from: startOfBusinessDay(`${chosen}-01`, timeZone), until: startOfBusinessDay(next, timeZone) };
}
