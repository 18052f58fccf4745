/**
 * Brand-time calendar. Every rule that speaks of "today" (one check-in a day, streaks, member
 * day, night market) uses the brand's time zone, never the server process's TZ.
 * Days are 'YYYY-MM-DD' strings; months are 'YYYY-MM'.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

// en-CA formats dates as YYYY-MM-DD. One formatter per zone: building one is the costly part,
// and businessDay runs on every check-in.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The brand-time calendar day that `now` falls on. */
export function businessDay(now: Date, timeZone: string): string {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, format);
  }
  return format.format(now);
}

/** The day `n` days after `day` (negative n goes back). Pure calendar arithmetic, no time zone. */
export function addDays(day: string, n: number): string {
  return dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** Every day of a 'YYYY-MM' month, in order. */
export function daysOfMonth(month: string): string[] {
  const first = dayjs.utc(`${month}-01`);
  return Array.from({ length: first.daysInMonth() }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD'));
}

/** An instant shown in brand time with its offset, e.g. 2026-11-23T00:05:00+08:00. */
export function toBrandIso(at: Date, timeZone: string): string {
  return dayjs(at).tz(timeZone).format();
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The instant a brand-time day begins (its 00:00 in the brand's zone). */
export function startOfBusinessDay(day: string, timeZone: string): Date {
  return dayjs.tz(`${day} 00:00:00`, timeZone).toDate();
}
