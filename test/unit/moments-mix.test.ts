import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MOMENTS_KINDS } from '@cloud/domain/guide-content';
import { momentsMix, weekOf } from '@cloud/domain/moments-mix';

describe('weekOf', () => {
  it.each([
    ['a Monday', '2026-12-07', '2026-12-07', '2026-12-13'],
    ['a Wednesday', '2026-12-09', '2026-12-07', '2026-12-13'],
    ['a Sunday', '2026-12-13', '2026-12-07', '2026-12-13'],
    ['across a year', '2026-12-31', '2026-12-28', '2027-01-03'],
  ])('%s', (_name, day, monday, sunday) => {
    const week = weekOf(day);
    expect([week.length, week[0], week[6]]).toEqual([7, monday, sunday]);
    expect(week).toContain(day);
  });
});

describe('momentsMix', () => {
  const week = weekOf('2026-12-07');
  const posts = [
    { day: '2026-12-07', kind: 'persona' as const },
    { day: '2026-12-08', kind: 'seeding' as const },
    { day: '2026-12-08', kind: 'seeding' as const },
    { day: '2026-12-09', kind: 'welfare' as const },
    { day: '2026-12-09', kind: 'brand' as const },
    { day: '2026-12-09', kind: 'seeding' as const },
    { day: '2026-12-09', kind: 'persona' as const },
    { day: '2026-12-10', kind: 'brand' as const },
    { day: '2026-12-11', kind: 'seeding' as const },
    { day: '2026-12-12', kind: 'welfare' as const },
    // Next week's: not counted.
    { day: '2026-12-14', kind: 'brand' as const },
  ];

  it('counts each kind of the week', () => {
    expect(momentsMix(week, posts).counts).toEqual({ persona: 2, seeding: 4, brand: 2, welfare: 2 });
  });

  it.each([
    ['2026-12-07', 1, null],
    ['2026-12-08', 2, null],
    ['2026-12-09', 4, 'too_many'],
    ['2026-12-10', 1, null],
    ['2026-12-12', 1, null],
    ['2026-12-13', 0, 'none'],
  ])('%s: %i posts → %s', (day, n, warning) => {
    expect(momentsMix(week, posts).days.find((d) => d.day === day)).toEqual({ day, posts: n, warning });
  });

  it('counts every post of the week once, in its kind and its day', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.constantFrom(...week), kind: fc.constantFrom(...MOMENTS_KINDS) }), { maxLength: 40 }), (given) => {
        const mix = momentsMix(week, given);
        const byKind = Object.values(mix.counts).reduce((a, b) => a + b, 0);
        const byDay = mix.days.reduce((a, d) => a + d.posts, 0);
        expect([byKind, byDay]).toEqual([given.length, given.length]);
        expect(mix.days.every((d) => (d.warning === null) === (d.posts >= 1 && d.posts <= 3))).toBe(true);
      }),
    );
  });
});
