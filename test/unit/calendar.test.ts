import { describe, expect, it } from 'vitest';
import { monthCalendar } from '@cloud/domain/calendar';

describe('monthCalendar', () => {
  const checked = new Map([
    ['2026-11-20', 'checkin'],
    ['2026-11-22', 'checkin'],
    ['2026-11-06', 'makeup'],
  ] as const);
  const days = monthCalendar('2026-11', '2026-11-23', '2026-11-05', checked);
  const stateOf = (date: string) => days.find((d) => d.date === date)?.state;

  it('lists every day of the month', () => {
    expect(days).toHaveLength(30);
  });

  it.each([
    ['2026-11-04', 'before_join'],
    ['2026-11-05', 'missed'],
    ['2026-11-06', 'made_up'],
    ['2026-11-20', 'checked'],
    ['2026-11-21', 'missed'],
    ['2026-11-22', 'checked'],
    ['2026-11-23', 'today'],
    ['2026-11-24', 'future'],
  ])('%s is %s', (date, state) => {
    expect(stateOf(date)).toBe(state);
  });

  it('shows today as checked once checked in', () => {
    const after = monthCalendar('2026-11', '2026-11-23', '2026-11-05', new Map([['2026-11-23', 'checkin' as const]]));
    expect(after.find((d) => d.date === '2026-11-23')?.state).toBe('checked');
  });

  it('a past month has no today and no future', () => {
    const october = monthCalendar('2026-10', '2026-11-23', '2026-10-15', new Map());
    expect(new Set(october.map((d) => d.state))).toEqual(new Set(['before_join', 'missed']));
  });
});
