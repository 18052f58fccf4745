import { describe, expect, it } from 'vitest';
import { addDays, businessDay, daysOfMonth, startOfBusinessDay, toBrandIso } from '@cloud/domain/business-day';

const SHANGHAI = 'Asia/Shanghai';

describe('businessDay (brand time, whatever the process TZ)', () => {
  it('runs with the process in UTC, so a wrong implementation would show', () => {
    expect(new Date('2026-01-01T00:00:00Z').getTimezoneOffset()).toBe(0);
  });

  it.each([
    ['2026-11-23T23:59:59+08:00', '2026-11-23'],
    ['2026-11-24T00:00:00+08:00', '2026-11-24'],
    ['2026-11-23T15:59:59Z', '2026-11-23'],
    ['2026-11-23T16:00:00Z', '2026-11-24'],
    ['2026-11-24T00:05:00+08:00', '2026-11-24'],
    ['2026-12-31T23:59:59+08:00', '2026-12-31'],
    ['2027-01-01T00:00:00+08:00', '2027-01-01'],
    ['2028-02-28T23:59:59+08:00', '2028-02-28'],
    ['2028-02-29T00:00:00+08:00', '2028-02-29'],
  ])('%s is business day %s in Asia/Shanghai', (instant, day) => {
    expect(businessDay(new Date(instant), SHANGHAI)).toBe(day);
  });

  it('follows another brand zone too', () => {
    expect(businessDay(new Date('2026-11-24T03:00:00Z'), 'America/New_York')).toBe('2026-11-23');
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2027-01-01', -1, '2026-12-31'],
  ])('%s + %i day = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it.each([
    ['2026-11', 30],
    ['2026-12', 31],
    ['2026-02', 28],
    ['2028-02', 29],
  ])('%s has %i days', (month, count) => {
    const days = daysOfMonth(month);
    expect(days).toHaveLength(count);
    expect(days[0]).toBe(`${month}-01`);
    expect(days.at(-1)).toBe(`${month}-${count}`);
  });

  it('finds the instant a brand-time day begins', () => {
    expect(startOfBusinessDay('2026-11-24', SHANGHAI).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(startOfBusinessDay('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('shows instants with the brand offset', () => {
    expect(toBrandIso(new Date('2026-11-23T16:05:00Z'), SHANGHAI)).toBe('2026-11-24T00:05:00+08:00');
  });
});
