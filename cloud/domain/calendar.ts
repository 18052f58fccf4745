/** The month calendar a member sees on the check-in page. */
import type { CalendarDay } from '../contract';
import { daysOfMonth } from './business-day';

export function monthCalendar(
  month: string,
  today: string,
  joinedOn: string,
  checked: ReadonlyMap<string, 'checkin' | 'makeup'>,
): CalendarDay[] {
  return daysOfMonth(month).map((date) => {
    const kind = checked.get(date);
    if (kind) return { date, state: kind === 'makeup' ? 'made_up' : 'checked' };
    if (date > today) return { date, state: 'future' };
    if (date === today) return { date, state: 'today' };
    if (date < joinedOn) return { date, state: 'before_join' };
    return { date, state: 'missed' };
  });
}
