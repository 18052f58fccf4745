import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { formatTime } from '@/utils/format';

describe('formatTime', () => {
  it.each([
    ['a check-in at 00:05 Beijing time shows 00:05, whatever the phone\'s zone', '2026-11-23T00:05:00+08:00', '11-23 00:05'],
    ['late evening stays on its own day', '2026-11-22T23:59:00+08:00', '11-22 23:59'],
    ['another year shows the year', '2025-12-31T20:00:00+08:00', '2025-12-31 20:00'],
  ])('%s', (_name, iso, shown) => {
    expect(formatTime(iso, dayjs('2026-11-23T12:00:00Z'))).toBe(shown);
  });
});
