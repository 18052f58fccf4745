import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, businessDay, daysOfMonth, endOfMonth, startOfBusinessDay, toBrandIso } from '@cloud/domain/business-day';

dayjs.extend(utc);
dayjs.extend(timezone);

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

  it.each([
    ['2026-11-23T18:29:59Z', 'Asia/Kolkata', '2026-11-23'],
    ['2026-11-23T18:30:00Z', 'Asia/Kolkata', '2026-11-24'],
    ['2026-11-23T18:14:59Z', 'Asia/Kathmandu', '2026-11-23'],
    ['2026-11-23T18:15:00Z', 'Asia/Kathmandu', '2026-11-24'],
    ['2026-11-23T18:15:00Z', 'Asia/Kolkata', '2026-11-23'],
  ])('%s, one after the other, falls on the day of its zone %s: %s (midnight on a half or quarter hour)', (instant, zone, day) => {
    expect(businessDay(new Date(instant), zone)).toBe(day);
  });

  it('refuses an invalid instant as before', () => {
    expect(() => businessDay(new Date(Number.NaN), SHANGHAI)).toThrow(RangeError);
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
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-23', -12, '2025-11-23'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-05-31', 0, '2026-05-31'],
  ])('%s + %i months = %s (a shorter month ends it)', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });

  it.each([
    ['2026-02-01', '2026-02-28'],
    ['2028-02-10', '2028-02-29'],
    ['2026-12-31', '2026-12-31'],
    ['2026-04-30', '2026-04-30'],
  ])('the month of %s ends on %s', (day, expected) => {
    expect(endOfMonth(day)).toBe(expected);
  });

  it('agrees with dayjs on days and months added, over two centuries', () => {
    const day = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -800, max: 800 }), (d, n) => {
        expect(addDays(d, n)).toBe(dayjs.utc(d).add(n, 'day').format('YYYY-MM-DD'));
        expect(addMonths(d, n % 40)).toBe(dayjs.utc(d).add(n % 40, 'month').format('YYYY-MM-DD'));
        expect(endOfMonth(d)).toBe(dayjs.utc(d).endOf('month').format('YYYY-MM-DD'));
      }),
    );
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

  it.each([
    ['2026-11-23T16:05:00Z', SHANGHAI, '2026-11-24T00:05:00+08:00'],
    ['2026-11-23T16:05:59.999Z', SHANGHAI, '2026-11-24T00:05:59+08:00'],
    ['2026-07-01T03:59:00Z', 'America/New_York', '2026-06-30T23:59:00-04:00'],
    ['2026-12-01T12:00:00Z', 'UTC', '2026-12-01T12:00:00Z'],
    ['2026-12-01T12:00:00Z', 'Asia/Kolkata', '2026-12-01T17:30:00+05:30'],
  ])('shows %s in %s with its offset: %s', (at, zone, shown) => {
    expect(toBrandIso(new Date(at), zone)).toBe(shown);
  });

  it('shows any instant as dayjs does in the zone, across daylight saving changes', () => {
    const zones = [SHANGHAI, 'America/New_York', 'Europe/London', 'Australia/Adelaide', 'America/St_Johns', 'UTC'];
    fc.assert(
      fc.property(fc.date({ min: new Date('1980-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...zones), (at, zone) => {
        expect(toBrandIso(at, zone)).toBe(dayjs(at).tz(zone).format());
      }),
    );
  });
});
