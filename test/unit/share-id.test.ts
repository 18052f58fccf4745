import { describe, expect, it } from 'vitest';
import { SHARE_ID_PATTERN } from '@cloud/contract';
import { newShareId } from '@cloud/domain/share-id';

describe('newShareId', () => {
  it('is 10 base62 characters: a valid share id that fits a poster code scene (≤ 32)', () => {
    for (let i = 0; i < 1000; i++) {
      const id = newShareId();
      expect(id).toMatch(/^[0-9A-Za-z]{10}$/);
      expect(id).toMatch(SHARE_ID_PATTERN);
    }
  });

  it('does not repeat over 20,000 ids and uses the whole alphabet evenly', () => {
    const ids = Array.from({ length: 20_000 }, newShareId);
    expect(new Set(ids).size).toBe(ids.length);
    const counts = new Map<string, number>();
    for (const ch of ids.join('')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 200,000 characters over 62 symbols: ≈ 3,226 each (σ ≈ 56); a biased generator strays far from it.
    const spread = [...counts.values()];
    expect(Math.min(...spread)).toBeGreaterThan(2_800);
    expect(Math.max(...spread)).toBeLessThan(3_700);
  });
});
