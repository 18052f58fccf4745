import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { campaignProblem, drawsLeftToday, ODDS_SCALE, oddsPercent, prizeAt, releasedByNow, type PrizeRule } from '@cloud/domain/lottery';

const prize = (id: string, kind: PrizeRule['kind'], odds: number, valueFen = 0): PrizeRule => ({
  id,
  kind,
  name: id,
  odds,
  stock: null,
  dailyCap: null,
  valueFen,
});

const prizes = [prize('coupon', 'coupon', 1500), prize('points', 'points', 2500), prize('tee', 'goods', 50, 19_900), prize('none', 'none', 5950)];
const window = { startsAt: new Date('2026-11-01T00:00:00+08:00'), endsAt: new Date('2026-12-01T00:00:00+08:00') };

describe('prizeAt walks the odds in order', () => {
  it.each([
    [0, 'coupon'],
    [1499, 'coupon'],
    [1500, 'points'],
    [3999, 'points'],
    [4000, 'tee'],
    [4049, 'tee'],
    [4050, 'none'],
    [9999, 'none'],
  ])('roll %i → %s', (roll, id) => {
    expect(prizeAt(prizes, roll).id).toBe(id);
  });

  it('refuses a roll outside the odds', () => {
    expect(() => prizeAt(prizes, ODDS_SCALE)).toThrow(RangeError);
  });

  it('matches the configured odds over 100,000 CSPRNG draws (chi-square, 3 degrees of freedom)', () => {
    const draws = 100_000;
    const counts = new Map(prizes.map((p) => [p.id, 0]));
    for (let i = 0; i < draws; i++) {
      const p = prizeAt(prizes, randomInt(ODDS_SCALE));
      counts.set(p.id, counts.get(p.id)! + 1);
    }
    const chiSquare = prizes.reduce((sum, p) => {
      const expected = (draws * p.odds) / ODDS_SCALE;
      return sum + (counts.get(p.id)! - expected) ** 2 / expected;
    }, 0);
    console.log(`chi-square over ${draws} draws: ${chiSquare.toFixed(2)} (df 3; 0.01% critical value 21.11)`, Object.fromEntries(counts));
    // A correct picker fails this about once in 10,000 runs; a biased one fails every time.
    expect(chiSquare).toBeLessThan(21.11);
  });
});

describe('campaignProblem', () => {
  it.each([
    ['valid', prizes, window, null],
    ['odds at 99.99%', [...prizes.slice(0, 3), prize('none', 'none', 5949)], window, 'ODDS_NOT_100'],
    ['odds above 100%', [...prizes.slice(0, 3), prize('none', 'none', 5951)], window, 'ODDS_NOT_100'],
    ['no 谢谢参与', [prize('a', 'coupon', 5000), prize('b', 'points', 5000)], window, 'NO_CONSOLATION'],
    ['a top prize of ¥50,000.01', [prize('car', 'goods', 1, 5_000_001), prize('none', 'none', 9999)], window, 'TOP_PRIZE_TOO_VALUABLE'],
    ['a top prize of exactly ¥50,000', [prize('car', 'goods', 1, 5_000_000), prize('none', 'none', 9999)], window, null],
    ['an end before the start', prizes, { startsAt: window.endsAt, endsAt: window.startsAt }, 'BAD_WINDOW'],
  ] as const)('%s → %s', (_case, list, w, expected) => {
    expect(campaignProblem([...list], w)).toBe(expected);
  });
});

describe('pacing releases stock evenly over the campaign', () => {
  it.each([
    ['before the start', '2026-10-31T00:00:00+08:00', 30, 1],
    ['at the start', '2026-11-01T00:00:00+08:00', 30, 1],
    ['after one day', '2026-11-02T00:00:00+08:00', 30, 1],
    ['after one day and a minute', '2026-11-02T00:01:00+08:00', 30, 2],
    ['half way', '2026-11-16T00:00:00+08:00', 30, 15],
    ['at the end', '2026-12-01T00:00:00+08:00', 30, 30],
    ['after the end', '2026-12-05T00:00:00+08:00', 30, 30],
    ['a stock of 0', '2026-11-16T00:00:00+08:00', 0, 0],
  ])('%s: %s of %i → %i released', (_case, iso, stock, released) => {
    expect(releasedByNow(stock, window, new Date(iso))).toBe(released);
  });

  it('never paces unlimited prizes', () => {
    expect(releasedByNow(null, window, new Date('2026-11-02T00:00:00+08:00'))).toBeNull();
  });
});

describe('oddsPercent', () => {
  it.each([
    [1500, 15],
    [50, 0.5],
    [1, 0.01],
    [10_000, 100],
  ])('%i basis points = %s%%', (odds, percent) => {
    expect(oddsPercent(odds)).toBe(percent);
  });
});

describe('drawsLeftToday: the day’s limit left, and the chances unless draws are sold for points', () => {
  it.each([
    ['40 chances, none drawn of 3 a day', 3, 0, 40, false, 3],
    ['40 chances, 2 drawn', 3, 2, 40, false, 1],
    ['the day’s limit reached', 3, 3, 40, false, 0],
    ['one chance left', 3, 0, 1, false, 1],
    ['no chance, no points draws', 3, 0, 0, false, 0],
    ['no chance, draws sold for points', 3, 1, 0, true, 2],
    ['a lowered limit below the draws made', 2, 3, 5, true, 0],
  ])('%s → %i', (_case, perDay, drawn, chances, sells, left) => {
    expect(drawsLeftToday(perDay, drawn, chances, sells)).toBe(left);
  });
});
