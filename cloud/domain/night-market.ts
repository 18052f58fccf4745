/**
 * 晚10点夜市: from opensAt (default 22:00) to closesAt the next morning (default 10:00), in brand
 * time. A night belongs to the weekday it begins on, and each weekday has its own category, so
 * Monday 23:00 and Tuesday 09:59 are Monday's night; Tuesday 10:00–21:59 the market is closed.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { addDays, businessDay } from './business-day';
import type { BrandSettings } from './brand-settings';
import { isoWeekday } from './member-day';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface NightMarketWindow {
  /** The brand-time day the night began. */
  night: string;
  categoryId: string;
  opensAt: Date;
  closesAt: Date;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const at = (day: string, hhmm: string, timeZone: string) => dayjs.tz(`${day} ${hhmm}:00`, timeZone).toDate();

/** The market open at `now`, or null when it is closed (daytime, or no category that night). */
export function nightMarketAt(now: Date, timeZone: string, market: BrandSettings['nightMarket']): NightMarketWindow | null {
  const today = businessDay(now, timeZone);
  const local = dayjs(now).tz(timeZone);
  const minute = local.hour() * 60 + local.minute();
  const opens = minutesOf(market.opensAt);
  const closes = minutesOf(market.closesAt);
  let night: string;
  if (opens > closes) {
    if (minute >= opens) night = today;
    else if (minute < closes) night = addDays(today, -1);
    else return null;
  } else {
    if (minute < opens || minute >= closes) return null;
    night = today;
  }
  const categoryId = market.categoryByWeekday[isoWeekday(night) - 1] ?? null;
  if (categoryId === null) return null;
  const closeDay = opens > closes ? addDays(night, 1) : night;
  return { night, categoryId, opensAt: at(night, market.opensAt, timeZone), closesAt: at(closeDay, market.closesAt, timeZone) };
}
