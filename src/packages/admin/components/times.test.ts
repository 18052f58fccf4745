import { describe, expect, it } from 'vitest';
import { deviceOffset, offsetOf, typedTime } from './times';

describe('admin form times', () => {
  it.each([
    ['2026-12-01T20:00:00+08:00', '+08:00'],
    ['2026-12-01T20:00:00-05:30', '-05:30'],
    ['2026-12-01T12:00:00.000Z', '+00:00'],
    ['2026-12-01 20:0', null],
    ['', null],
    [null, null],
  ])('offsetOf(%j) = %j', (value, offset) => {
    expect(offsetOf(value)).toBe(offset);
  });

  it.each([
    ['keeps the offset the value was read in', '2026-12-01 20:00', '+08:00', false, '2026-12-01T20:00:00+08:00'],
    ['text that is not a time yet stays as typed', '2026-12-01 2', '+08:00', false, '2026-12-01 2'],
    ['emptied where the time may be unset', ' ', '+08:00', true, null],
    ['emptied where it must be set stays text', '', '+08:00', false, ''],
  ])('%s', (_name, text, offset, nullable, expected) => {
    expect(typedTime(text, offset, nullable)).toBe(expected);
  });

  it('a time that had no offset takes the device’s', () => {
    expect(typedTime('2026-12-01 20:00', null, false)).toBe(`2026-12-01T20:00:00${deviceOffset(new Date('2026-12-01T20:00:00'))}`);
  });
});
