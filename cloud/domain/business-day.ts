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

// en-CA formats dates as YYYY-MM-DD. Per zone: its formatter (building one is the costly part)
// and the last answer with its minute. Zone offsets are whole minutes (since 1972), so the day
// never changes within a minute, and formatting runs once a minute rather than on every call.
const zones = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();

/** The brand-time calendar day that `now` falls on. */
export function businessDay(now: Date, timeZone: string): string {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = { format: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), minute: NaN, day: '' };
    zones.set(timeZone, zone);
  }
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== zone.minute) {
    zone.day = zone.format.format(now);
    zone.minute = minute;
  }
  return zone.day;
}

// Calendar arithmetic on 'YYYY-MM-DD' days through Date.UTC (years 1000–9999), not dayjs: a
// check-in does several of these, and dayjs's parse and format cost ten times as much.
const ymd = (day: string): [number, number, number] => [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
const two = (n: number) => (n < 10 ? `0${n}` : String(n));
const dayAt = (utcMs: number) => {
  const at = new Date(utcMs);
  return `${at.getUTCFullYear()}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`;
};

/** The day `n` days after `day` (negative n goes back). Pure calendar arithmetic, no time zone. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = ymd(day);
  return dayAt(Date.UTC(y, m - 1, d + n));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = ymd(from);
  const [y2, m2, d2] = ymd(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** The same day `n` months after `day` (negative n goes back), or that month's last day when it is shorter (31 Jan + 1 = 28 Feb). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = ymd(day);
  const last = new Date(Date.UTC(y, m + n, 0)).getUTCDate();
  return dayAt(Date.UTC(y, m - 1 + n, Math.min(d, last)));
}

/** The last day of the month `day` is in. */
export function endOfMonth(day: string): string {
  const [y, m] = ymd(day);
  return dayAt(Date.UTC(y, m, 0));
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** Every day of a 'YYYY-MM' month, in order. */
export function daysOfMonth(month: string): string[] {
  const count = Number(endOfMonth(`${month}-01`).slice(8));
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

// Per zone, a formatter of the offset ("GMT+08:00", "GMT" at zero): a list of a hundred tasks
// shows several instants each, and dayjs's tz().format() costs half a millisecond a call.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `at`, in minutes (east positive). */
function offsetMinutes(at: Date, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
  const m = /([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** An instant shown in brand time with its offset, e.g. 2026-11-23T00:05:00+08:00 (whole seconds; Z at offset zero). */
export function toBrandIso(at: Date, timeZone: string): string {
  const offset = offsetMinutes(at, timeZone);
  const local = new Date(Math.floor(at.getTime() / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
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
