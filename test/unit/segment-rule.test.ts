import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  FACT_FIELDS,
  FACT_FIELD_KEYS,
  PRICE_BANDS,
  priceBandOf,
  WINDOWED_FIELDS,
  type FactField,
  type FactFieldKey,
  type MemberFacts,
} from '@cloud/domain/member-facts';
import {
  describeRule,
  fieldsOf,
  matchesCondition,
  matchesRule,
  RULE_LIMITS,
  segmentRuleSchema,
  tagRuleSchema,
  type Condition,
  type RuleNode,
} from '@cloud/domain/segment-rule';
import { LAYER_KEYS } from '@cloud/domain/value-layers';
import { facts, noOrders } from '../support/member-facts';

const subject = (f: MemberFacts, tags: string[] = []) => ({ facts: f, tags: new Set(tags) });
const cond = (field: FactFieldKey, op: Condition['op'], value: Condition['value']): Condition => ({ field, op, value });

/** Every message in an error, including those inside a union's branches (where a bad condition's is). */
function messagesOf(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((i) => [i.message, ...(i.code === 'invalid_union' ? i.errors.flatMap(messagesOf) : [])]);
}
const failure = (schema: typeof segmentRuleSchema, input: unknown): string[] => {
  const parsed = schema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : messagesOf(parsed.error.issues);
};

/** Nests a condition `levels` nodes deep in `not`s: levels 1 is the condition alone. */
const nested = (levels: number, leaf: RuleNode = cond('tier', 'eq', 'gold')): RuleNode => (levels <= 1 ? leaf : { not: nested(levels - 1, leaf) });
const conditions = (n: number) => Array.from({ length: n }, (_, i) => cond('checkins30', 'gte', i));

describe('priceBandOf (average price per item, fen; lower bounds inclusive)', () => {
  it.each([
    [null, null],
    [0, '0-100'],
    [1, '0-100'],
    [9_999, '0-100'],
    [10_000, '100-200'],
    [19_999, '100-200'],
    [20_000, '200-400'],
    [39_999, '200-400'],
    [40_000, '400+'],
    [1_000_000, '400+'],
  ])('%s fen → %s', (fen, band) => {
    expect(priceBandOf(fen)).toBe(band);
  });

  it('is the last band whose lower bound the price reaches, for any price', () => {
    expect(PRICE_BANDS.map((b) => b.fromFen)).toEqual([...PRICE_BANDS.map((b) => b.fromFen)].sort((a, b) => a - b));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (fen) => {
        const band = [...PRICE_BANDS].reverse().find((b) => fen >= b.fromFen)!;
        expect(priceBandOf(fen)).toBe(band.key);
      }),
    );
  });

  it('offers each band as an option of the priceBand field', () => {
    expect(FACT_FIELDS.priceBand.options).toEqual(PRICE_BANDS.map((b) => b.key));
  });
});

describe('FACT_FIELDS and WINDOWED_FIELDS', () => {
  it('every windowed name leads to a numeric field', () => {
    for (const windows of Object.values(WINDOWED_FIELDS)) {
      for (const key of Object.values(windows)) expect(FACT_FIELDS[key].type).toBe('number');
    }
  });

  it('every field has a label and an SQL reading over f', () => {
    for (const key of FACT_FIELD_KEYS) {
      expect(FACT_FIELDS[key].label.length).toBeGreaterThan(0);
      expect(FACT_FIELDS[key].sql).toMatch(/\bf\./);
    }
  });

  it('names every option of a field whose options have names', () => {
    for (const key of FACT_FIELD_KEYS) {
      const def: FactField = FACT_FIELDS[key];
      if (def.optionNames) expect(Object.keys(def.optionNames).sort()).toEqual([...(def.options ?? [])].sort());
    }
  });

  it.each<[FactFieldKey, MemberFacts, unknown]>([
    ['daysSinceJoined', facts(), 365],
    ['daysSinceVisit', facts(), 1],
    ['daysSinceOrder', facts(), 30],
    ['daysSinceOrder', noOrders, null],
    ['daysSinceFirstOrder', facts({ firstOrderOn: '2026-02-28' }), 107],
    ['daysSinceActive', facts({ lastActiveOn: null }), null],
    ['gmv90', facts({ gmv90Fen: 12_345 }), 123.45],
    ['avgItemPrice', noOrders, null],
    ['avgItemPrice', facts({ avgOrderFen: 9_999 }), 99.99],
    ['birthdayThisMonth', facts({ birthdayMonth: 6 }), true],
    ['birthdayThisMonth', facts({ birthdayMonth: 7 }), false],
    ['birthdayThisMonth', facts({ birthdayMonth: null }), null],
    ['hasGuide', facts({ guideId: null }), false],
    ['medianIntervalDays', facts({ medianIntervalDays: null }), null],
  ])('%s reads %j from the row', (field, row, value) => {
    expect(FACT_FIELDS[field].js(row)).toEqual(value);
  });
});

describe('segmentRuleSchema / tagRuleSchema: valid rules', () => {
  it.each<[string, unknown, RuleNode]>([
    ['a windowed count', { field: 'checkins', op: 'gte', value: 10, window: 30 }, cond('checkins30', 'gte', 10)],
    ['the other window', { field: 'checkins', op: 'lt', value: 10, window: 90 }, cond('checkins90', 'lt', 10)],
    ['a windowed sum', { field: 'gmv', op: 'between', value: [100, 500], window: 365 }, cond('gmv365', 'between', [100, 500])],
    ['visit days over 7', { field: 'visitDays', op: 'eq', value: 0, window: 7 }, cond('visitDays7', 'eq', 0)],
    ['a field named in full', { field: 'orders90', op: 'gt', value: 1 }, cond('orders90', 'gt', 1)],
    ['between with equal bounds', { field: 'rScore', op: 'between', value: [3, 3] }, cond('rScore', 'between', [3, 3])],
    ['a text option', { field: 'source', op: 'eq', value: 'guide' }, cond('source', 'eq', 'guide')],
    ['a text option, trimmed', { field: 'source', op: 'ne', value: ' share ' }, cond('source', 'ne', 'share')],
    ['text in options', { field: 'tier', op: 'in', value: ['gold', 'diamond'] }, cond('tier', 'in', ['gold', 'diamond'])],
    ['free text', { field: 'topSize', op: 'eq', value: 'XL' }, cond('topSize', 'eq', 'XL')],
    ['a list has', { field: 'categoriesBought', op: 'has', value: '连衣裙' }, cond('categoriesBought', 'has', '连衣裙')],
    ['a list hasAny', { field: 'categoriesViewed', op: 'hasAny', value: ['top', 'dress'] }, cond('categoriesViewed', 'hasAny', ['top', 'dress'])],
    ['a boolean', { field: 'churnRisk', op: 'is', value: false }, cond('churnRisk', 'is', false)],
    ['a price band', { field: 'priceBand', op: 'eq', value: '400+' }, cond('priceBand', 'eq', '400+')],
    ['a share', { field: 'couponShare', op: 'gte', value: 0.5 }, cond('couponShare', 'gte', 0.5)],
    [
      'groups and not',
      { all: [{ field: 'checkins', op: 'gte', value: 20, window: 30 }, { not: { any: [{ field: 'tier', op: 'eq', value: 'normal' }] } }] },
      { all: [cond('checkins30', 'gte', 20), { not: { any: [cond('tier', 'eq', 'normal')] } }] },
    ],
  ])('parses %s (both schemas)', (_what, input, expected) => {
    expect(segmentRuleSchema.parse(input)).toEqual(expected);
    expect(tagRuleSchema.parse(input)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['a tag', { tag: 'rule:coupon-sensitive' }],
    ['a tag key with a Chinese name and a plus', { tag: 'rule:price:400+' }],
    ['a tag key made from a category', { tag: 'rule:category:连衣裙' }],
    ['a layer', { layer: ['high', 'potential'] }],
    ['every layer', { layer: [...LAYER_KEYS] }],
    ['a tag beside a condition', { all: [{ tag: 'manual:vip' }, { not: { layer: ['dormant'] } }, { field: 'hasGuide', op: 'is', value: true }] }],
  ])('segmentRuleSchema accepts %s; tagRuleSchema refuses it (a tag never names a tag or a layer)', (_what, input) => {
    expect(segmentRuleSchema.parse(input)).toEqual(input);
    expect(tagRuleSchema.safeParse(input).success).toBe(false);
  });

  it(`accepts ${RULE_LIMITS.depth} levels and ${RULE_LIMITS.conditions} conditions`, () => {
    expect(segmentRuleSchema.safeParse(nested(RULE_LIMITS.depth)).success).toBe(true);
    expect(segmentRuleSchema.safeParse({ all: [{ any: [{ not: cond('tier', 'eq', 'gold') }] }] }).success).toBe(true);
    expect(segmentRuleSchema.safeParse({ all: conditions(RULE_LIMITS.conditions) }).success).toBe(true);
    expect(segmentRuleSchema.safeParse({ any: [{ all: conditions(15) }, { all: conditions(15) }] }).success).toBe(true);
    expect(segmentRuleSchema.safeParse(cond('categoriesBought', 'hasAny', Array.from({ length: RULE_LIMITS.listValues }, (_, i) => `c${i}`))).success).toBe(true);
  });
});

describe('segmentRuleSchema / tagRuleSchema: invalid rules fail, with the reason in Chinese', () => {
  it.each<[string, unknown, string]>([
    ['an unknown field', { field: 'nope', op: 'gte', value: 1 }, '没有字段 nope'],
    ['an inherited property as a field', { field: 'toString', op: 'gte', value: 1 }, '没有字段 toString'],
    ['__proto__ as a field', { field: '__proto__', op: 'eq', value: 1 }, '没有字段 __proto__'],
    ['a number op on text', { field: 'source', op: 'gte', value: 1 }, '来源 不能用 gte'],
    ['a text op on a number', { field: 'orders90', op: 'in', value: ['1'] }, '近90天订单 不能用 in'],
    ['a list op on a boolean', { field: 'hasGuide', op: 'has', value: 'x' }, '有专属导购 不能用 has'],
    ['is on a number', { field: 'orders365', op: 'is', value: true }, '近一年订单 不能用 is'],
    ['an unknown op', { field: 'orders365', op: 'like', value: 1 }, '近一年订单 不能用 like'],
    ['a text option not offered', { field: 'source', op: 'eq', value: 'tv' }, '来源：可选值：share / guide / group / poster / direct'],
    ['one of a list not offered', { field: 'tier', op: 'in', value: ['gold', 'vip'] }, '会员等级：可选值：normal / silver / gold / diamond'],
    ['a price band not offered', { field: 'priceBand', op: 'eq', value: '50-100' }, '价格带：可选值：0-100 / 100-200 / 200-400 / 400+'],
    ['an empty list for in', { field: 'source', op: 'in', value: [] }, '来源：需要一组文字'],
    ['a number for in', { field: 'source', op: 'in', value: 1 }, '来源：需要一组文字'],
    ['a list for eq on text', { field: 'topSize', op: 'eq', value: ['M'] }, '常买尺码：需要文字'],
    ['text for a number', { field: 'checkins30', op: 'gte', value: '10' }, '近30天签到：需要一个数'],
    ['a boolean for a number', { field: 'checkins30', op: 'gte', value: true }, '近30天签到：需要一个数'],
    ['a number for a boolean', { field: 'churnRisk', op: 'is', value: 1 }, '流失预警：需要 true 或 false'],
    ['between with lower > upper', { field: 'gmv90', op: 'between', value: [500, 100] }, '近90天消费：需要 [下限, 上限]'],
    ['between with one bound', { field: 'gmv90', op: 'between', value: [100] }, '近90天消费：需要 [下限, 上限]'],
    ['between with three bounds', { field: 'gmv90', op: 'between', value: [1, 2, 3] }, '近90天消费：需要 [下限, 上限]'],
    ['between with a number', { field: 'gmv90', op: 'between', value: 100 }, '近90天消费：需要 [下限, 上限]'],
    ['a window not offered', { field: 'checkins', op: 'gte', value: 1, window: 7 }, 'checkins 只支持 30 / 90 天'],
    ['a window on a field without windows', { field: 'tier', op: 'eq', value: 'gold', window: 30 }, 'tier 没有时间窗口'],
    ['a window on a windowed field already named in full', { field: 'checkins30', op: 'gte', value: 1, window: 30 }, 'checkins30 没有时间窗口'],
    ['a window on an inherited property', { field: 'constructor', op: 'gte', value: 1, window: 30 }, 'constructor 没有时间窗口'],
    ['a windowed name without its window', { field: 'checkins', op: 'gte', value: 1 }, '没有字段 checkins'],
    [`nesting beyond ${RULE_LIMITS.depth} levels`, nested(RULE_LIMITS.depth + 1), `规则最多嵌套 ${RULE_LIMITS.depth} 层`],
    [
      `nesting beyond ${RULE_LIMITS.depth} levels in groups`,
      { all: [{ any: [{ all: [{ not: cond('tier', 'eq', 'gold') }] }] }] },
      `规则最多嵌套 ${RULE_LIMITS.depth} 层`,
    ],
    [
      `more than ${RULE_LIMITS.conditions} conditions across groups`,
      { any: [{ all: conditions(16) }, { all: conditions(15) }] },
      `一条规则最多 ${RULE_LIMITS.conditions} 个条件`,
    ],
  ])('refuses %s: 「%s」', (_what, input, message) => {
    expect(failure(segmentRuleSchema, input)).toContain(message);
    expect(failure(tagRuleSchema, input)).toContain(message);
  });

  it.each<[string, unknown]>([
    [`more than ${RULE_LIMITS.conditions} conditions in one group`, { all: conditions(RULE_LIMITS.conditions + 1) }],
    [`more than ${RULE_LIMITS.listValues} values in a list`, cond('categoriesBought', 'hasAny', Array.from({ length: RULE_LIMITS.listValues + 1 }, (_, i) => `c${i}`))],
    ['an unknown key on a condition', { field: 'tier', op: 'eq', value: 'gold', extra: 1 }],
    ['an unknown key on a group', { all: [cond('tier', 'eq', 'gold')], note: 'x' }],
    ['two groups in one node', { all: [cond('tier', 'eq', 'gold')], any: [cond('tier', 'eq', 'gold')] }],
    ['an empty group', { all: [] }],
    ['an empty any', { any: [] }],
    ['a condition without a value', { field: 'tier', op: 'eq' }],
    ['an empty text value', { field: 'topSize', op: 'eq', value: '  ' }],
    ['text longer than 40', { field: 'topSize', op: 'eq', value: 'x'.repeat(41) }],
    ['a mixed list', { field: 'categoriesBought', op: 'hasAny', value: ['a', 1] }],
    ['a non-finite number', { field: 'checkins30', op: 'gte', value: Infinity }],
    ['a fractional window', { field: 'checkins', op: 'gte', value: 1, window: 30.5 }],
    ['null', null],
    ['a string', 'checkins30 >= 10'],
    ['an array', [cond('tier', 'eq', 'gold')]],
  ])('refuses %s', (_what, input) => {
    expect(segmentRuleSchema.safeParse(input).success).toBe(false);
    expect(tagRuleSchema.safeParse(input).success).toBe(false);
  });

  it.each<[string, unknown]>([
    ['an unknown layer', { layer: ['vip'] }],
    ['no layer', { layer: [] }],
    ['an empty tag key', { tag: '' }],
    ['a tag key with a control character', { tag: 'rule:a\u0007b' }],
    ['a tag key over 80 characters', { tag: `manual:${'x'.repeat(80)}` }],
    ['a tag node with another key', { tag: 'rule:active', extra: 1 }],
  ])('segmentRuleSchema refuses %s', (_what, input) => {
    expect(segmentRuleSchema.safeParse(input).success).toBe(false);
  });

  // Tags are made from the brand's own words: a size 160/84A or a category 「T 恤」 is a key a segment can name.
  it.each(['rule:size:160/84A', 'rule:category:T 恤', 'rule:category:上衣/外套'])('segmentRuleSchema accepts the tag key %s', (tag) => {
    expect(segmentRuleSchema.safeParse({ tag }).success).toBe(true);
  });
});

describe('matchesRule on hand-built facts', () => {
  const orderedLongAgo = cond('daysSinceOrder', 'gte', 30);

  it('a member without orders: a condition over daysSinceOrder is false, and its not is true', () => {
    expect(matchesRule(orderedLongAgo, subject(noOrders))).toBe(false);
    expect(matchesRule(cond('daysSinceOrder', 'lt', 30), subject(noOrders))).toBe(false);
    expect(matchesRule({ not: orderedLongAgo }, subject(noOrders))).toBe(true);
    expect(matchesRule({ not: { not: orderedLongAgo } }, subject(noOrders))).toBe(false);
  });

  it.each<[string, RuleNode, MemberFacts, boolean]>([
    ['daysSinceOrder ≥ 30 at exactly 30', orderedLongAgo, facts(), true],
    ['daysSinceOrder ≥ 30 at 29', orderedLongAgo, facts({ lastOrderOn: '2026-05-17' }), false],
    ['gt at the edge', cond('checkins30', 'gt', 20), facts(), false],
    ['lt at the edge', cond('checkins30', 'lt', 20), facts(), false],
    ['lte at the edge', cond('checkins30', 'lte', 20), facts(), true],
    ['eq on a number', cond('checkins30', 'eq', 20), facts(), true],
    ['between, lower bound', cond('gmv90', 'between', [459, 500]), facts(), true],
    ['between, upper bound', cond('gmv90', 'between', [100, 459]), facts(), true],
    ['between, just out', cond('gmv90', 'between', [459.01, 500]), facts(), false],
    ['gmv in yuan', cond('gmv365', 'gte', 1899), facts(), true],
    ['a share', cond('couponShare', 'gte', 0.5), facts(), true],
    ['text eq', cond('source', 'eq', 'guide'), facts(), true],
    ['text ne', cond('source', 'ne', 'guide'), facts(), false],
    ['text in', cond('tier', 'in', ['silver', 'gold']), facts(), true],
    ['text not in', cond('tier', 'in', ['silver', 'diamond']), facts(), false],
    ['has', cond('categoriesBought', 'has', 'dress'), facts(), true],
    ['has not', cond('categoriesBought', 'has', 'shoes'), facts(), false],
    ['hasAny', cond('categoriesViewed', 'hasAny', ['top', 'shoes']), facts(), true],
    ['hasAny none', cond('categoriesViewed', 'hasAny', ['top', 'dress']), facts(), false],
    ['has on an empty list', cond('categoriesBought', 'has', 'dress'), noOrders, false],
    ['is true', cond('hasGuide', 'is', true), facts(), true],
    ['is false', cond('hasGuide', 'is', false), facts({ guideId: null }), true],
    ['birthday this month', cond('birthdayThisMonth', 'is', true), facts(), true],
    ['birthday another month', cond('birthdayThisMonth', 'is', false), facts({ birthdayMonth: 12 }), true],
    // An unknown birthday is neither this month nor not: only `not` says so.
    ['no birthday: is true', cond('birthdayThisMonth', 'is', true), facts({ birthdayMonth: null }), false],
    ['no birthday: is false', cond('birthdayThisMonth', 'is', false), facts({ birthdayMonth: null }), false],
    ['no birthday: not is true', { not: cond('birthdayThisMonth', 'is', true) }, facts({ birthdayMonth: null }), true],
    // Missing text and numbers: eq and ne both false.
    ['no top size: eq', cond('topSize', 'eq', 'M'), noOrders, false],
    ['no top size: ne', cond('topSize', 'ne', 'M'), noOrders, false],
    ['no price band: in', cond('priceBand', 'in', ['0-100', '400+']), noOrders, false],
    ['no R score: lte', cond('rScore', 'lte', 5), noOrders, false],
    ['no average price: between', cond('avgItemPrice', 'between', [0, 1000]), noOrders, false],
    ['layer', { layer: ['high', 'potential'] }, facts(), true],
    ['another layer', { layer: ['dormant'] }, facts(), false],
    ['all', { all: [cond('checkins30', 'gte', 20), cond('tier', 'eq', 'gold')] }, facts(), true],
    ['all, one false', { all: [cond('checkins30', 'gte', 20), cond('tier', 'eq', 'silver')] }, facts(), false],
    ['any, one true', { any: [cond('checkins30', 'gte', 99), cond('tier', 'eq', 'gold')] }, facts(), true],
    ['any, none', { any: [cond('checkins30', 'gte', 99), cond('tier', 'eq', 'silver')] }, facts(), false],
  ])('%s → %s', (_what, rule, row, expected) => {
    expect(matchesRule(rule, subject(row))).toBe(expected);
  });

  it('a tag node reads the tags held', () => {
    const rule: RuleNode = { all: [cond('checkins30', 'gte', 20), { not: { tag: 'rule:coupon-sensitive' } }] };
    expect(matchesRule(rule, subject(facts()))).toBe(true);
    expect(matchesRule(rule, subject(facts(), ['rule:coupon-sensitive']))).toBe(false);
    expect(matchesRule({ tag: 'rule:active' }, subject(facts(), ['rule:active', 'manual:vip']))).toBe(true);
  });

  it('matchesCondition agrees with matchesRule on a condition', () => {
    expect(matchesCondition(orderedLongAgo, facts())).toBe(matchesRule(orderedLongAgo, subject(facts())));
  });
});

describe('fieldsOf', () => {
  it('lists the fields read, once each, and no tags or layers', () => {
    const rule: RuleNode = {
      all: [
        cond('checkins30', 'gte', 20),
        { not: { tag: 'rule:coupon-sensitive' } },
        { any: [cond('checkins30', 'lt', 50), { not: cond('tier', 'eq', 'gold') }, { layer: ['high'] }] },
      ],
    };
    expect(fieldsOf(rule).sort()).toEqual(['checkins30', 'tier']);
    expect(fieldsOf({ tag: 'x' })).toEqual([]);
    expect(fieldsOf(cond('gmv90', 'gt', 1))).toEqual(['gmv90']);
  });
});

describe('describeRule', () => {
  const names = new Map([['rule:coupon-sensitive', '券敏感']]);

  it.each<[RuleNode, string]>([
    [{ all: [cond('checkins30', 'gte', 20), { not: { tag: 'rule:coupon-sensitive' } }] }, '近30天签到 ≥ 20 次 且 非「券敏感」'],
    [{ tag: 'manual:vip' }, '「manual:vip」'], // a tag without a name shows its key
    [cond('daysSinceOrder', 'gt', 30), '距上次下单 > 30 天'],
    [cond('gmv90', 'between', [100, 500]), '近90天消费 在 100–500 元'],
    [cond('source', 'in', ['guide', 'group']), '来源 是 导购 / 社群'], // options read by their names
    [cond('source', 'ne', 'share'), '来源 ≠ 会员分享'],
    [cond('priceBand', 'eq', '400+'), '价格带 = ¥400 以上'],
    [cond('priceBand', 'in', ['0-100', '100-200']), '价格带 是 ¥100 以下 / ¥100–200'],
    [cond('categoriesBought', 'hasAny', ['dress', 'top']), '近一年买过的品类 包含任一 dress / top'],
    [cond('categoriesViewed', 'has', 'dress'), '近30天看过的品类 包含 dress'],
    [cond('birthdayThisMonth', 'is', true), '本月生日'],
    [cond('hasGuide', 'is', false), '非有专属导购'],
    [cond('couponShare', 'gte', 0.5), '用券订单占比 ≥ 50%'],
    [cond('nightShare', 'lt', 0.333), '夜市订单占比 < 33%'],
    [cond('rScore', 'gte', 4), 'R 分 ≥ 4'],
    [cond('topSize', 'eq', 'XL'), '常买尺码 = XL'],
    [{ layer: ['high', 'potential'] }, '分层为高价值 / 潜力'],
    [{ any: [cond('shares30', 'gte', 5), cond('shareClicks30', 'gte', 10)] }, '近30天分享 ≥ 5 次 或 近30天分享带来点击 ≥ 10 次'],
    [
      { all: [cond('orders365', 'gte', 2), { any: [cond('tier', 'eq', 'gold'), cond('tier', 'eq', 'diamond')] }] },
      '近一年订单 ≥ 2 单 且 （会员等级 = 金卡 或 会员等级 = 钻石）',
    ],
    [{ not: { all: [cond('orders90', 'eq', 0), cond('visitDays7', 'eq', 0)] } }, '非（近90天订单 = 0 单 且 近7天访问天数 = 0 天）'],
    [{ not: cond('tier', 'eq', 'gold') }, '非会员等级 = 金卡'],
  ])('%j reads 「%s」', (rule, words) => {
    expect(describeRule(rule, names)).toBe(words);
  });

  it('needs no tag names', () => {
    expect(describeRule({ not: { tag: 'rule:coupon-sensitive' } })).toBe('非「rule:coupon-sensitive」');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over generated rules.

const textOf = (key: FactFieldKey) => {
  const def = FACT_FIELDS[key];
  return 'options' in def && def.options ? fc.constantFrom(...def.options) : fc.constantFrom('M', 'XL', '黑色', 'dress', '连衣裙');
};

/** A valid condition over any field, with an op and a value that field takes. */
const conditionArb: fc.Arbitrary<Condition> = fc.constantFrom(...FACT_FIELD_KEYS).chain((field): fc.Arbitrary<Condition> => {
  const def = FACT_FIELDS[field];
  const n = fc.integer({ min: -5, max: 2000 });
  switch (def.type) {
    case 'number':
      return fc.oneof(
        fc.record({ field: fc.constant(field), op: fc.constantFrom('gte' as const, 'lte' as const, 'gt' as const, 'lt' as const, 'eq' as const), value: n }),
        fc.tuple(n, n).map(([a, b]): Condition => ({ field, op: 'between', value: a <= b ? [a, b] : [b, a] })),
      );
    case 'text':
      return fc.oneof(
        fc.record({ field: fc.constant(field), op: fc.constantFrom('eq' as const, 'ne' as const), value: textOf(field) }),
        fc.uniqueArray(textOf(field), { minLength: 1, maxLength: 3 }).map((value): Condition => ({ field, op: 'in', value })),
      );
    case 'list':
      return fc.oneof(
        textOf(field).map((value): Condition => ({ field, op: 'has', value })),
        fc.uniqueArray(textOf(field), { minLength: 1, maxLength: 3 }).map((value): Condition => ({ field, op: 'hasAny', value })),
      );
    case 'boolean':
      return fc.boolean().map((value): Condition => ({ field, op: 'is', value }));
  }
});

/** Rules within RULE_LIMITS (depth counts the leaf; at most 2 × 2 × 2 × 1 leaves, well under 30). */
const ruleArb = (depth: number, withTags: boolean): fc.Arbitrary<RuleNode> => {
  const leaves: Array<fc.Arbitrary<RuleNode>> = [conditionArb];
  if (withTags) {
    leaves.push(fc.constantFrom('rule:active', 'rule:coupon-sensitive', 'manual:vip').map((tag) => ({ tag })));
    leaves.push(fc.uniqueArray(fc.constantFrom(...LAYER_KEYS), { minLength: 1, maxLength: 3 }).map((layer) => ({ layer })));
  }
  const leaf = fc.oneof(...leaves);
  if (depth <= 1) return leaf;
  const child = ruleArb(depth - 1, withTags);
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(child, { minLength: 1, maxLength: 2 }).map((all) => ({ all })) },
    { weight: 1, arbitrary: fc.array(child, { minLength: 1, maxLength: 2 }).map((any) => ({ any })) },
    { weight: 1, arbitrary: child.map((not) => ({ not })) },
  );
};

const factsArb: fc.Arbitrary<MemberFacts> = fc
  .record({
    checkins30: fc.integer({ min: 0, max: 30 }),
    tier: fc.constantFrom('normal', 'silver', 'gold', 'diamond'),
    source: fc.constantFrom('share', 'guide', 'group', 'poster', 'direct'),
    birthdayMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    guideId: fc.option(fc.constant('7'), { nil: null }),
    ordered: fc.boolean(),
    categoriesViewed: fc.subarray(['dress', 'top', 'shoes']),
    layer: fc.constantFrom(...LAYER_KEYS),
    churnRisk: fc.boolean(),
  })
  .map(({ ordered, ...over }) => ({ ...(ordered ? facts() : noOrders), ...over }));

const subjectArb = fc.record({ facts: factsArb, tags: fc.subarray(['rule:active', 'rule:coupon-sensitive', 'manual:vip']).map((t) => new Set(t)) });

describe('rule properties', () => {
  it('every rule built within the limits parses to itself, in both schemas as its nodes allow', () => {
    fc.assert(
      fc.property(ruleArb(RULE_LIMITS.depth, false), (rule) => {
        expect(tagRuleSchema.parse(rule)).toEqual(rule);
        expect(segmentRuleSchema.parse(rule)).toEqual(rule);
      }),
    );
    fc.assert(
      fc.property(ruleArb(RULE_LIMITS.depth, true), (rule) => {
        expect(segmentRuleSchema.parse(rule)).toEqual(rule);
      }),
    );
  });

  it('one level deeper than the limit is refused', () => {
    fc.assert(
      fc.property(conditionArb, (leaf) => {
        expect(segmentRuleSchema.safeParse(nested(RULE_LIMITS.depth, leaf)).success).toBe(true);
        expect(segmentRuleSchema.safeParse(nested(RULE_LIMITS.depth + 1, leaf)).success).toBe(false);
      }),
    );
  });

  it('not negates, all and any are every and some, and describing never throws', () => {
    fc.assert(
      fc.property(ruleArb(3, true), ruleArb(3, true), subjectArb, (a, b, s) => {
        const ma = matchesRule(a, s);
        const mb = matchesRule(b, s);
        expect(matchesRule({ not: a }, s)).toBe(!ma);
        expect(matchesRule({ all: [a, b] }, s)).toBe(ma && mb);
        expect(matchesRule({ any: [a, b] }, s)).toBe(ma || mb);
        expect(typeof describeRule({ all: [a, { not: b }] })).toBe('string');
        expect(fieldsOf({ any: [a, b] }).sort()).toEqual([...new Set([...fieldsOf(a), ...fieldsOf(b)])].sort());
      }),
    );
  });

  it('a condition over a missing value is false whatever its op', () => {
    fc.assert(
      fc.property(conditionArb, (c) => {
        const row = facts({ lastOrderOn: null, firstOrderOn: null, lastActiveOn: null, lastVisitOn: null, avgOrderFen: null, topSize: null, topColor: null, priceBand: null, birthdayMonth: null, medianIntervalDays: null, rScore: null, fScore: null, mScore: null });
        if (FACT_FIELDS[c.field].js(row) === null) expect(matchesCondition(c, row)).toBe(false);
      }),
    );
  });

  it('parsing never throws, whatever the input', () => {
    const fieldArb = fc.oneof(fc.constantFrom(...FACT_FIELD_KEYS, ...Object.keys(WINDOWED_FIELDS), 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'), fc.string({ maxLength: 12 }));
    const valueArb = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 5 }), fc.array(fc.integer(), { maxLength: 3 }), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }), fc.constant(null));
    const conditionish = fc.record(
      {
        field: fieldArb,
        op: fc.oneof(fc.constantFrom('gte', 'lte', 'gt', 'lt', 'eq', 'ne', 'between', 'in', 'has', 'hasAny', 'is', 'constructor'), fc.string({ maxLength: 6 })),
        value: valueArb,
        window: fc.oneof(fc.constantFrom(7, 30, 90, 365), fc.integer(), fc.double()),
      },
      { requiredKeys: ['field', 'op'] },
    );
    const inputArb = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        conditionish,
        fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('node'), { maxLength: 3 }) }),
        fc.record({ not: tie('node') }),
        fc.record({ tag: fc.string({ maxLength: 8 }) }),
        fc.record({ layer: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }) }),
        fc.anything({ maxDepth: 2 }),
      ),
    })).node;
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const schema of [segmentRuleSchema, tagRuleSchema]) {
          const parsed = schema.safeParse(input);
          if (parsed.success) expect(typeof describeRule(parsed.data)).toBe('string');
        }
      }),
      { numRuns: 500 },
    );
  });
});
