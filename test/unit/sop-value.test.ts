import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankGuides, rate, sopValueWindow } from '@cloud/domain/sop-value';

describe('SOP 成效 window', () => {
  it.each([
    ['2026-06-30', 7, '2026-06-24'],
    ['2026-06-30', 30, '2026-06-01'],
    ['2026-03-01', 30, '2026-01-31'],
    ['2026-06-30', 90, '2026-04-02'],
  ] as const)('%s, %i days: from %s, today included', (today, days, since) => {
    expect(sopValueWindow(today, days)).toEqual({ since, until: today });
  });
});

describe('guide ranking', () => {
  it.each([
    [0, 0, 0],
    [1, 4, 0.25],
    [3, 3, 1],
  ])('rate %i / %i = %d (0 without a whole)', (part, whole, expected) => {
    expect(rate(part, whole)).toBe(expected);
  });

  it('completion first, then on time, then the more tasks, then the id', () => {
    const ranked = rankGuides([
      { guideId: '10', tasks: 4, done: 2, onTime: 2 },
      { guideId: '2', tasks: 10, done: 5, onTime: 1 },
      { guideId: '3', tasks: 2, done: 2, onTime: 0 },
      { guideId: '4', tasks: 8, done: 4, onTime: 4 },
      { guideId: '9', tasks: 0, done: 0, onTime: 0 },
    ]);
    expect(ranked.map((g) => [g.guideId, g.completionRate, g.onTimeRate])).toEqual([
      ['3', 1, 0],
      ['4', 0.5, 1],
      ['10', 0.5, 1],
      ['2', 0.5, 0.2],
      ['9', 0, 0],
    ]);
  });

  it('rates stay within 0–1 and the order never rises in completion', () => {
    const guide = fc
      .tuple(fc.integer({ min: 1, max: 1e9 }), fc.nat(500), fc.nat(500), fc.nat(500))
      .map(([id, a, b, c]) => {
        const [onTime, done, tasks] = [a, b, c].sort((x, y) => x - y);
        return { guideId: String(id), tasks: tasks!, done: done!, onTime: onTime! };
      });
    fc.assert(
      fc.property(fc.array(guide, { maxLength: 30 }), (guides) => {
        const ranked = rankGuides(guides);
        expect(ranked).toHaveLength(guides.length);
        for (const g of ranked) for (const r of [g.completionRate, g.onTimeRate]) expect(r >= 0 && r <= 1).toBe(true);
        for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.completionRate).toBeLessThanOrEqual(ranked[i - 1]!.completionRate);
      }),
    );
  });
});
