/**
 * The rule compiler under property tests: random rules (every field of the read model with the
 * operators and values its type allows, windowed counts as written by people, tags and layers,
 * all / any / not nested three deep) over random member_facts rows and member tags written
 * straight in. The SQL condition compileRule makes (`select member_id from member_facts f where
 * <where>`) selects exactly the members the plain evaluator matchesRule accepts — nulls, bounds,
 * decimals and `not` included — and every rule passes segmentRuleSchema, whose parsed form both
 * sides run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '@cloud/db/port';
import { addDays } from '@cloud/domain/business-day';
import { FACT_FIELD_KEYS, FACT_FIELDS, PRICE_BANDS, WINDOWED_FIELDS, type FactFieldKey, type MemberFacts } from '@cloud/domain/member-facts';
import { matchesRule, segmentRuleSchema, type RuleNode } from '@cloud/domain/segment-rule';
import { LAYER_KEYS } from '@cloud/domain/value-layers';
import { compileRule } from '@cloud/services/segments/compile-rule';
import { backends, useTestDatabase } from '../support/databases';
import { seededRng, type Rng } from '../support/segmentation-data';
import { factsDayIs } from '../support/profiling';

const D = '2026-06-17';
const MEMBERS = 250;
const CATEGORIES = ['童装', '女装', '男装', '鞋包'];
const SIZES = ['S', 'M', 'L', '110', '均码'];
const COLORS = ['black', 'white', '藏青'];
const SHARES = [0, 0.25, 0.3, 0.333, 0.5, 0.667, 1];
/** Tags members hold (and one nobody holds, one not even defined). */
const TAGS = ['rule:active', 'rule:size:M', 'rule:category:童装', 'manual:VIP 客户', 'manual:nobody'];
const UNDEFINED_TAG = 'rule:never-defined';

// ---------------------------------------------------------------------------------------------
// Random members: values from small domains so that rules meet them at their bounds.

function randomFacts(r: Rng, memberId: number): MemberFacts {
  const maybe = <T>(pNull: number, value: () => T): T | null => (r.chance(pNull) ? null : value());
  const ago = (max: number) => addDays(D, -(r.chance(0.7) ? r.int(0, 40) : r.int(0, max)));
  const some = (items: string[]) => items.filter(() => r.chance(0.3));
  const yuanFen = () => r.int(0, 40) * 50;
  return {
    memberId: String(memberId),
    day: D,
    joinedOn: ago(400),
    source: r.pick(FACT_FIELDS.source.options),
    tier: r.pick(FACT_FIELDS.tier.options),
    birthdayMonth: maybe(0.4, () => (r.chance(0.4) ? Number(D.slice(5, 7)) : r.int(1, 12))),
    guideId: maybe(0.6, () => String(r.int(1, 3))),
    lastVisitOn: maybe(0.3, () => ago(90)),
    visitDays7: r.int(0, 7),
    visitDays30: r.int(0, 12),
    checkins30: r.int(0, 12),
    checkins90: r.int(0, 30),
    currentStreak: r.int(0, 12),
    longestStreak: r.int(0, 30),
    orders90: r.int(0, 5),
    orders365: r.int(0, 12),
    gmv90Fen: yuanFen(),
    gmv365Fen: yuanFen() * 2,
    firstOrderOn: maybe(0.3, () => ago(365)),
    lastOrderOn: maybe(0.3, () => ago(90)),
    lastActiveOn: maybe(0.2, () => ago(120)),
    activeDays90: r.int(0, 20),
    medianIntervalDays: maybe(0.3, () => r.int(2, 30) / 2),
    categoriesBought: some(CATEGORIES),
    categoriesViewed: some(CATEGORIES),
    newLaunchViews30: r.int(0, 5),
    topSize: maybe(0.3, () => r.pick(SIZES)),
    topColor: maybe(0.3, () => r.pick(COLORS)),
    avgOrderFen: maybe(0.3, yuanFen),
    priceBand: maybe(0.3, () => r.pick(PRICE_BANDS).key),
    couponShare: r.pick(SHARES),
    memberDayShare: r.pick(SHARES),
    flashShare: r.pick(SHARES),
    nightShare: r.pick(SHARES),
    lotteryDraws30: r.int(0, 12),
    redemptions365: r.int(0, 5),
    pointsBalance: r.int(0, 12) * 50,
    pointsExpiring30: r.int(0, 12) * 50,
    shares30: r.int(0, 8),
    shareClicks30: r.int(0, 12),
    invitesRewarded: r.int(0, 5),
    groupsSeen90: r.int(0, 5),
    rScore: maybe(0.3, () => r.int(1, 5)),
    fScore: maybe(0.3, () => r.int(1, 5)),
    mScore: maybe(0.3, () => r.int(1, 5)),
    churnRisk: r.chance(0.3),
    churnReason: null,
    layer: r.pick(LAYER_KEYS),
  };
}

/** The columns written, MemberFacts key → member_facts column and its type. */
const COLUMNS: Array<[keyof MemberFacts, string, string]> = [
  ['memberId', 'member_id', 'bigint'],
  ['joinedOn', 'joined_on', 'date'],
  ['source', 'source', 'text'],
  ['tier', 'tier', 'text'],
  ['birthdayMonth', 'birthday_month', 'smallint'],
  ['guideId', 'guide_id', 'bigint'],
  ['lastVisitOn', 'last_visit_on', 'date'],
  ['visitDays7', 'visit_days_7', 'int'],
  ['visitDays30', 'visit_days_30', 'int'],
  ['checkins30', 'checkins_30', 'int'],
  ['checkins90', 'checkins_90', 'int'],
  ['currentStreak', 'current_streak', 'int'],
  ['longestStreak', 'longest_streak', 'int'],
  ['orders90', 'orders_90', 'int'],
  ['orders365', 'orders_365', 'int'],
  ['gmv90Fen', 'gmv_90_fen', 'bigint'],
  ['gmv365Fen', 'gmv_365_fen', 'bigint'],
  ['firstOrderOn', 'first_order_on', 'date'],
  ['lastOrderOn', 'last_order_on', 'date'],
  ['lastActiveOn', 'last_active_on', 'date'],
  ['activeDays90', 'active_days_90', 'int'],
  ['medianIntervalDays', 'median_interval_days', 'numeric'],
  ['categoriesBought', 'categories_bought', 'text[]'],
  ['categoriesViewed', 'categories_viewed', 'text[]'],
  ['newLaunchViews30', 'new_launch_views_30', 'int'],
  ['topSize', 'top_size', 'text'],
  ['topColor', 'top_color', 'text'],
  ['avgOrderFen', 'avg_order_fen', 'int'],
  ['priceBand', 'price_band', 'text'],
  ['couponShare', 'coupon_share', 'numeric'],
  ['memberDayShare', 'member_day_share', 'numeric'],
  ['flashShare', 'flash_share', 'numeric'],
  ['nightShare', 'night_share', 'numeric'],
  ['lotteryDraws30', 'lottery_draws_30', 'int'],
  ['redemptions365', 'redemptions_365', 'int'],
  ['pointsBalance', 'points_balance', 'int'],
  ['pointsExpiring30', 'points_expiring_30', 'int'],
  ['shares30', 'shares_30', 'int'],
  ['shareClicks30', 'share_clicks_30', 'int'],
  ['invitesRewarded', 'invites_rewarded', 'int'],
  ['groupsSeen90', 'groups_seen_90', 'int'],
  ['rScore', 'r_score', 'smallint'],
  ['fScore', 'f_score', 'smallint'],
  ['mScore', 'm_score', 'smallint'],
  ['churnRisk', 'churn_risk', 'boolean'],
  ['churnReason', 'churn_reason', 'text'],
  ['layer', 'layer', 'text'],
];

interface Population {
  facts: MemberFacts[];
  tags: Map<string, Set<string>>;
}

function population(seed: number): Population {
  const r = seededRng(seed);
  const facts = Array.from({ length: MEMBERS }, (_, i) => randomFacts(r, i + 1));
  const tags = new Map(facts.map((f) => [f.memberId, new Set(TAGS.slice(0, 4).filter(() => r.chance(0.35)))]));
  return { facts, tags };
}

async function writePopulation(db: Db, p: Population): Promise<void> {
  await db.query('delete from member_tags');
  await db.query('delete from member_facts');
  await factsDayIs(db, D);
  await db.query(
    `insert into member_facts (${COLUMNS.map(([, c]) => c).join(', ')})
     select ${COLUMNS.map(([, c]) => c).join(', ')} from jsonb_to_recordset($1::jsonb) as t(${COLUMNS.map(([, c, type]) => `${c} ${type}`).join(', ')})`,
    [JSON.stringify(p.facts.map((f) => Object.fromEntries(COLUMNS.map(([key, column]) => [column, f[key]]))))],
  );
  const held = [...p.tags].flatMap(([memberId, tags]) => [...tags].map((tag) => ({ member_id: memberId, tag_key: tag })));
  await db.query(
    `insert into member_tags (member_id, tag_key, source, added_at)
     select member_id, tag_key, case when tag_key like 'manual:%' then 'manual' else 'rule' end, now()
     from jsonb_to_recordset($1::jsonb) as t(member_id bigint, tag_key text)`,
    [JSON.stringify(held)],
  );
}

// ---------------------------------------------------------------------------------------------
// Random rules, as a person (or the editor) writes them.

const DAY_FIELDS = new Set<FactFieldKey>(['daysSinceJoined', 'daysSinceVisit', 'daysSinceFirstOrder', 'daysSinceOrder', 'daysSinceActive']);
const YUAN_FIELDS = new Set<FactFieldKey>(['gmv90', 'gmv365', 'avgItemPrice']);
const SHARE_FIELDS = new Set<FactFieldKey>(['couponShare', 'memberDayShare', 'flashShare', 'nightShare']);

/** A number a rule on this field might name: mostly values members have, sometimes any decimal. */
function numberFor(field: FactFieldKey): fc.Arbitrary<number> {
  const usual = DAY_FIELDS.has(field)
    ? fc.integer({ min: -1, max: 45 })
    : YUAN_FIELDS.has(field)
      ? fc.integer({ min: -1, max: 42 }).map((k) => k / 2)
      : SHARE_FIELDS.has(field)
        ? fc.constantFrom(...SHARES, 0.2, 0.6, 0.3335)
        : field === 'medianIntervalDays'
          ? fc.integer({ min: 1, max: 31 }).map((k) => k / 2)
          : field === 'pointsBalance' || field === 'pointsExpiring30'
            ? fc.integer({ min: 0, max: 13 }).map((k) => k * 50)
            : fc.integer({ min: -1, max: 13 });
  return fc.oneof({ weight: 8, arbitrary: usual }, { weight: 1, arbitrary: fc.double({ min: -50, max: 700, noNaN: true, noDefaultInfinity: true }) });
}

function textValues(field: FactFieldKey): string[] {
  const def = FACT_FIELDS[field];
  if ('options' in def && def.options) return [...def.options];
  return field === 'topSize' ? [...SIZES, 'XXL'] : [...COLORS, 'red'];
}

/** The written form: a windowed count is sometimes named by its base field and window. */
function named(field: FactFieldKey): fc.Arbitrary<{ field: string; window?: number }> {
  for (const [base, windows] of Object.entries(WINDOWED_FIELDS)) {
    for (const [window, key] of Object.entries(windows)) {
      if (key === field) return fc.constantFrom({ field }, { field: base, window: Number(window) });
    }
  }
  return fc.constant({ field });
}

const condition: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...FACT_FIELD_KEYS).chain((field) => {
  const type = FACT_FIELDS[field].type;
  let opValue: fc.Arbitrary<{ op: string; value: unknown }>;
  if (type === 'number') {
    opValue = fc.oneof(
      fc.record({ op: fc.constantFrom('gte', 'lte', 'gt', 'lt', 'eq'), value: numberFor(field) }),
      fc.tuple(numberFor(field), numberFor(field)).map(([a, b]) => ({ op: 'between', value: [Math.min(a, b), Math.max(a, b)] })),
    );
  } else if (type === 'text') {
    const values = textValues(field);
    opValue = fc.oneof(
      fc.record({ op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom(...values) }),
      fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }).map((value) => ({ op: 'in', value })),
    );
  } else if (type === 'list') {
    const values = [...CATEGORIES, '家居'];
    opValue = fc.oneof(
      fc.constantFrom(...values).map((value) => ({ op: 'has', value })),
      fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }).map((value) => ({ op: 'hasAny', value })),
    );
  } else {
    opValue = fc.boolean().map((value) => ({ op: 'is', value }));
  }
  return fc.tuple(named(field), opValue).map(([name, { op, value }]) => ({ ...name, op, value }));
});

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: condition },
  { weight: 1, arbitrary: fc.constantFrom(...TAGS, UNDEFINED_TAG).map((tag) => ({ tag })) },
  { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...LAYER_KEYS), { minLength: 1, maxLength: 3 }).map((layer) => ({ layer })) },
);

/** A node at `depth` (the rule itself is 1): groups and `not` down to depth 3, leaves below. */
function ruleAt(depth: number): fc.Arbitrary<unknown> {
  if (depth > 3) return leaf;
  const child = ruleAt(depth + 1);
  const group = fc.array(child, { minLength: 1, maxLength: 3 });
  return fc.oneof(
    { weight: depth === 1 ? 1 : 3, arbitrary: leaf },
    { weight: 2, arbitrary: group.map((all) => ({ all })) },
    { weight: 2, arbitrary: group.map((any) => ({ any })) },
    { weight: 1, arbitrary: child.map((not) => ({ not })) },
  );
}

const rule = ruleAt(1);

// ---------------------------------------------------------------------------------------------

async function selected(db: Db, parsed: RuleNode): Promise<string[]> {
  const compiled = compileRule(parsed);
  const { rows } = await db.query<{ member_id: string }>(
    `select f.member_id from member_facts f where ${compiled.where} order by f.member_id`,
    compiled.params,
  );
  return rows.map((r) => String(r.member_id));
}

describe.each(backends)('segment rules compiled to SQL on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('random rules over random members: the SQL selects exactly the members the plain evaluator accepts', async () => {
    await t.db.query(
      `insert into members (id, openid, created_at) select i, 'rule-sql-' || i, '2025-01-01' from generate_series(1, $1::int) i`,
      [MEMBERS],
    );
    await t.db.query(
      `insert into tag_definitions (key, name, kind) select key, key, 'behaviour' from unnest($1::text[]) key`,
      [TAGS],
    );
    let matched = 0;
    let rules = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(rule, { minLength: 5, maxLength: 5 }), async (seed, written) => {
        const p = population(seed);
        await writePopulation(t.db, p);
        for (const r of written) {
          const parsed = segmentRuleSchema.safeParse(r);
          expect(parsed.success, `${JSON.stringify(r)}: ${parsed.error?.message}`).toBe(true);
          const compiled = compileRule(parsed.data!);
          // Values are bound, never pasted into the text.
          expect(compiled.where).not.toMatch(/'/);
          const want = p.facts.filter((f) => matchesRule(parsed.data!, { facts: f, tags: p.tags.get(f.memberId)! })).map((f) => f.memberId);
          expect(await selected(t.db, parsed.data!), JSON.stringify(r)).toEqual(want);
          rules++;
          if (want.length > 0 && want.length < MEMBERS) matched++;
        }
      }),
      { numRuns: 80 },
    );
    // The rules discriminate: most select some members and leave others.
    expect(matched / rules).toBeGreaterThan(0.3);
  }, 120_000);

  it('every column read by a field in SQL is one this suite writes (the property above covers every field)', () => {
    const written = new Set(COLUMNS.map(([, c]) => c));
    for (const key of FACT_FIELD_KEYS) {
      for (const column of FACT_FIELDS[key].sql.match(/f\.(\w+)/g) ?? []) expect(written.has(column.slice(2)), `${key}: ${column}`).toBe(true);
    }
  });
});
