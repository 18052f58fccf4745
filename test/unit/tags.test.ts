import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { PRICE_BANDS } from '@cloud/domain/member-facts';
import { describeRule, matchesRule, segmentRuleSchema, tagRuleSchema, type RuleNode } from '@cloud/domain/segment-rule';
import { defaultTags, TAG_KINDS, type BrandVocabulary, type TagDefinition } from '@cloud/domain/tags';
import { facts } from '../support/member-facts';

const tiers = DEFAULT_BRAND_SETTINGS.tiers.map((t) => ({ key: t.key, name: t.name }));
const vocabulary: BrandVocabulary = { categories: ['连衣裙', '上衣', 'T恤', '鞋履'], sizes: ['S', 'M', 'L', 'XL', '36', '110'], tiers };
const tags = defaultTags(vocabulary);
const byKey = new Map(tags.map((t) => [t.key, t]));
/** The tags that do not follow the vocabulary. */
const FIXED = defaultTags({ categories: [], sizes: [], tiers: [] });

describe('defaultTags', () => {
  it('gives every tag a unique key, a name and a kind', () => {
    expect(new Set(tags.map((t) => t.key)).size).toBe(tags.length);
    for (const t of tags) {
      expect(t.key).toMatch(/^rule:/);
      expect(t.name.trim().length).toBeGreaterThan(0);
      expect(TAG_KINDS).toContain(t.kind);
    }
  });

  it('has a rule for every default tag, each one a valid tag rule that parses to itself', () => {
    for (const t of tags) {
      expect(t.rule, t.key).not.toBeNull();
      const parsed = tagRuleSchema.safeParse(t.rule);
      expect(parsed.success, t.key).toBe(true);
      expect(parsed.data).toEqual(t.rule);
    }
  });

  it('keys a segment can name ({tag: key})', () => {
    for (const t of tags) expect(segmentRuleSchema.safeParse({ tag: t.key }).success, t.key).toBe(true);
  });

  it('adds one tag per tier, category and size to the fixed ones', () => {
    expect(tags).toHaveLength(FIXED.length + vocabulary.tiers.length + vocabulary.categories.length + vocabulary.sizes.length);
    expect(FIXED.map((t) => t.key)).toEqual(expect.arrayContaining(PRICE_BANDS.map((b) => `rule:price:${b.key}`)));
  });

  it.each(tiers)('a tier tag for $key ($name)', ({ key, name }) => {
    expect(byKey.get(`rule:tier:${key}`)).toEqual<TagDefinition>({ key: `rule:tier:${key}`, name, kind: 'basic', rule: { field: 'tier', op: 'eq', value: key } });
  });

  it.each(vocabulary.categories)('a category tag for %s: bought or viewed', (name) => {
    expect(byKey.get(`rule:category:${name}`)).toEqual<TagDefinition>({
      key: `rule:category:${name}`,
      name: `偏好品类:${name}`,
      kind: 'interest',
      rule: {
        any: [
          { field: 'categoriesBought', op: 'has', value: name },
          { field: 'categoriesViewed', op: 'has', value: name },
        ],
      },
    });
  });

  it.each(vocabulary.sizes)('a size tag for %s', (size) => {
    expect(byKey.get(`rule:size:${size}`)).toEqual<TagDefinition>({
      key: `rule:size:${size}`,
      name: `尺码 ${size}`,
      kind: 'preference',
      rule: { field: 'topSize', op: 'eq', value: size },
    });
  });

  it.each(PRICE_BANDS.map((b) => [b.key, b.name]))('a price band tag for %s (%s)', (key, name) => {
    expect(byKey.get(`rule:price:${key}`)).toMatchObject({ name: `价格带 ${name}`, kind: 'preference', rule: { field: 'priceBand', op: 'eq', value: key } });
  });

  it.each<[string, string]>([
    ['rule:checkin-star', '近30天签到 ≥ 20 次'],
    ['rule:silent', '距上次活跃 ≥ 30 天 且 入会天数 ≥ 30 天'],
    ['rule:sharer', '近30天分享 ≥ 5 次 或 近30天分享带来点击 ≥ 10 次'],
    ['rule:coupon-sensitive', '近一年订单 ≥ 2 单 且 用券订单占比 ≥ 50%'],
    ['rule:birthday-month', '本月生日'],
    ['rule:source-guide', '来源 = 导购'],
    ['rule:category:连衣裙', '近一年买过的品类 包含 连衣裙 或 近30天看过的品类 包含 连衣裙'],
  ])('%s reads 「%s」', (key, words) => {
    expect(describeRule(byKey.get(key)!.rule!)).toBe(words);
  });

  it.each<[string, Parameters<typeof facts>[0], boolean]>([
    ['rule:coupon-sensitive', { orders365: 2, couponShare: 0.5 }, true],
    ['rule:coupon-sensitive', { orders365: 1, couponShare: 1 }, false], // one order says little
    ['rule:coupon-sensitive', { orders365: 6, couponShare: 0.49 }, false],
    ['rule:flash-sale', { orders365: 2, flashShare: 0.3 }, true],
    ['rule:night-market', { orders365: 2, nightShare: 0.29 }, false],
    ['rule:silent', { lastActiveOn: '2026-05-16', joinedOn: '2026-05-16' }, true],
    ['rule:silent', { lastActiveOn: '2026-05-16', joinedOn: '2026-05-17' }, false], // joined 29 days ago
    ['rule:silent', { lastActiveOn: null }, false], // never active: no value, no tag
    ['rule:new-member', { joinedOn: '2026-05-16' }, true],
    ['rule:new-member', { joinedOn: '2026-05-15' }, false],
    ['rule:category:上衣', { categoriesBought: [], categoriesViewed: ['上衣'] }, true],
    ['rule:category:上衣', { categoriesBought: ['连衣裙'], categoriesViewed: [] }, false],
    ['rule:size:M', { topSize: 'M' }, true],
    ['rule:size:M', { topSize: null }, false],
    ['rule:price:0-100', { priceBand: '0-100' }, true],
    ['rule:tier:gold', { tier: 'gold' }, true],
    ['rule:tier:silver', { tier: 'gold' }, false],
  ])('%s on %j → %s', (key, over, expected) => {
    expect(matchesRule(byKey.get(key)!.rule!, { facts: facts(over), tags: new Set() })).toBe(expected);
  });

  it('keeps keys unique and rules valid for any well-formed vocabulary', () => {
    // Names a shop would use: letters, digits, CJK, 1–20 characters, no spaces at the ends.
    const word = fc.stringMatching(/^[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5.+-]{0,19}$/);
    const vocabularyArb = fc.record({
      categories: fc.uniqueArray(word, { maxLength: 12 }),
      sizes: fc.uniqueArray(word, { maxLength: 12 }),
      tiers: fc.subarray(tiers),
    });
    fc.assert(
      fc.property(vocabularyArb, (v) => {
        const made = defaultTags(v);
        expect(new Set(made.map((t) => t.key)).size).toBe(made.length);
        expect(made).toHaveLength(FIXED.length + v.categories.length + v.sizes.length + v.tiers.length);
        for (const t of made) {
          expect(tagRuleSchema.parse(t.rule)).toEqual(t.rule as RuleNode);
          expect(segmentRuleSchema.safeParse({ tag: t.key }).success).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
