import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { nightMarketAt } from '@cloud/domain/night-market';
import { at } from '../support/fixtures';

// Monday 鞋履 (1), Tuesday 上衣 (2), no market on Sunday nights.
const market = { ...DEFAULT_BRAND_SETTINGS.nightMarket, categoryByWeekday: ['1', '2', '3', '4', '5', '6', null] };
const tz = 'Asia/Shanghai';

describe('nightMarketAt', () => {
  // 2026-11-23 is a Monday.
  it.each([
    ['Monday 21:59 — not yet open', '2026-11-23 21:59:59', null],
    ['Monday 22:00 — Monday night opens', '2026-11-23 22:00:00', { night: '2026-11-23', categoryId: '1' }],
    ['Tuesday 00:05 — still Monday night', '2026-11-24 00:05:00', { night: '2026-11-23', categoryId: '1' }],
    ['Tuesday 09:59 — Monday night, last minute', '2026-11-24 09:59:59', { night: '2026-11-23', categoryId: '1' }],
    ['Tuesday 10:00 — closed', '2026-11-24 10:00:00', null],
    ['Tuesday 22:00 — Tuesday night: another category', '2026-11-24 22:00:00', { night: '2026-11-24', categoryId: '2' }],
    ['Sunday 23:00 — no market that night', '2026-11-29 23:00:00', null],
    ['Monday 09:00 after a Sunday without market — closed', '2026-11-30 09:00:00', null],
  ])('%s', (_name, beijing, expected) => {
    const window = nightMarketAt(at(beijing), tz, market);
    if (expected === null) expect(window).toBeNull();
    else expect(window).toMatchObject(expected);
  });

  it('opens at 22:00 the night it begins and closes at 10:00 the next morning, brand time', () => {
    const window = nightMarketAt(at('2026-11-24 03:00:00'), tz, market)!;
    expect(window.opensAt.toISOString()).toBe(at('2026-11-23 22:00:00').toISOString());
    expect(window.closesAt.toISOString()).toBe(at('2026-11-24 10:00:00').toISOString());
  });

  it('uses the brand zone, not the server zone: 14:30 UTC is 22:30 in Shanghai', () => {
    expect(nightMarketAt(new Date('2026-11-23T14:30:00Z'), tz, market)).toMatchObject({ night: '2026-11-23' });
    expect(nightMarketAt(new Date('2026-11-23T14:30:00Z'), 'Europe/Paris', market)).toBeNull();
  });

  it('a same-day window (10:00–22:00) is open only inside it', () => {
    const day = { ...market, opensAt: '10:00', closesAt: '22:00' };
    expect(nightMarketAt(at('2026-11-23 09:59:00'), tz, day)).toBeNull();
    expect(nightMarketAt(at('2026-11-23 10:00:00'), tz, day)).toMatchObject({ night: '2026-11-23' });
    expect(nightMarketAt(at('2026-11-23 22:00:00'), tz, day)).toBeNull();
  });
});
