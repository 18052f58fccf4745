/**
 * The rule language of segments and tags: AND / OR groups (`all` / `any`), `not`, conditions
 * `{field, op, value, window?}` over the read model (member-facts.ts), a tag held and a value
 * layer. The schema checks a rule; `matchesRule` is its plain evaluator (the reference the SQL
 * compiler, services/segments/compile-rule.ts, is tested against); `describeRule` says it in words.
 *
 * A condition over a missing value (a member who never ordered has no daysSinceOrder) is false,
 * so its `not` is true — in SQL (where null is read as false) as in JavaScript.
 */
import { z } from 'zod';
import { FACT_FIELDS, WINDOWED_FIELDS, type FactField, type FactFieldKey, type MemberFacts } from './member-facts';
import { LAYER_KEYS, layerName, type LayerKey } from './value-layers';

const numberOps = ['gte', 'lte', 'gt', 'lt', 'eq', 'between'] as const;
const textOps = ['eq', 'ne', 'in'] as const;
const listOps = ['has', 'hasAny'] as const;
const booleanOps = ['is'] as const;
export type ConditionOp = (typeof numberOps)[number] | (typeof textOps)[number] | (typeof listOps)[number] | (typeof booleanOps)[number];

export interface Condition {
  field: FactFieldKey;
  op: ConditionOp;
  value: number | string | boolean | number[] | string[];
}
export type RuleNode = { all: RuleNode[] } | { any: RuleNode[] } | { not: RuleNode } | Condition | { tag: string } | { layer: LayerKey[] };
export type SegmentRule = RuleNode;

/** How big a rule may be: a person writes it, a database runs it for a million members. */
export const RULE_LIMITS = { depth: 4, conditions: 30, listValues: 50 } as const;

const shortText = z.string().trim().min(1).max(40);
const OPS_BY_TYPE = { number: numberOps, text: textOps, list: listOps, boolean: booleanOps } as const;

/** A condition as written: `window` may name a windowed count (`{field: 'checkins', window: 30}`). */
const conditionInput = z
  .object({
    field: z.string().max(40),
    op: z.string().max(10),
    value: z.union([z.number().finite(), z.boolean(), shortText, z.array(z.number().finite()).max(RULE_LIMITS.listValues), z.array(shortText).max(RULE_LIMITS.listValues)]),
    window: z.number().int().optional(),
  })
  .strict()
  .transform((c, ctx): Condition => {
    const windows = Object.hasOwn(WINDOWED_FIELDS, c.field) ? WINDOWED_FIELDS[c.field] : undefined;
    let field = c.field;
    if (c.window !== undefined) {
      const named = windows?.[c.window];
      if (!named) {
        ctx.addIssue({ code: 'custom', path: ['window'], message: windows ? `${c.field} 只支持 ${Object.keys(windows).join(' / ')} 天` : `${c.field} 没有时间窗口` });
        return z.NEVER;
      }
      field = named;
    }
    if (!Object.hasOwn(FACT_FIELDS, field)) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `没有字段 ${c.field}` });
      return z.NEVER;
    }
    const key = field as FactFieldKey;
    const def = FACT_FIELDS[key];
    const ops: readonly string[] = OPS_BY_TYPE[def.type];
    if (!ops.includes(c.op)) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: `${def.label} 不能用 ${c.op}` });
      return z.NEVER;
    }
    const problem = valueProblem(def.type, c.op as ConditionOp, c.value, 'options' in def ? def.options : undefined);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${def.label}：${problem}` });
      return z.NEVER;
    }
    return { field: key, op: c.op as ConditionOp, value: c.value };
  });

function valueProblem(type: keyof typeof OPS_BY_TYPE, op: ConditionOp, value: Condition['value'], options?: readonly string[]): string | null {
  const isNumber = (v: unknown) => typeof v === 'number';
  const isText = (v: unknown) => typeof v === 'string';
  const known = (v: string) => !options || options.includes(v);
  if (type === 'number') {
    if (op === 'between') return Array.isArray(value) && value.length === 2 && value.every(isNumber) && (value[0] as number) <= (value[1] as number) ? null : '需要 [下限, 上限]';
    return isNumber(value) ? null : '需要一个数';
  }
  if (type === 'boolean') return typeof value === 'boolean' ? null : '需要 true 或 false';
  if (op === 'in' || op === 'hasAny') {
    if (!Array.isArray(value) || value.length === 0 || !value.every(isText)) return '需要一组文字';
    return (value as string[]).every(known) ? null : `可选值：${options!.join(' / ')}`;
  }
  if (!isText(value)) return '需要文字';
  return known(value as string) ? null : `可选值：${options!.join(' / ')}`;
}

type Scope = 'tag' | 'segment';

/** The node's kind, by its one telling key: each kind's own messages reach the admin, not a union's "invalid input". */
const NODE_KINDS = ['all', 'any', 'not', 'tag', 'layer', 'field'] as const;

function nodeSchema(scope: Scope, depth: number): z.ZodType<RuleNode, unknown> {
  const child = (): z.ZodType<RuleNode, unknown> =>
    depth >= RULE_LIMITS.depth ? z.never({ message: `规则最多嵌套 ${RULE_LIMITS.depth} 层` }) : z.lazy(() => nodeSchema(scope, depth + 1));
  const group = z
    .array(child())
    .min(1, '条件组不能为空')
    .max(RULE_LIMITS.conditions, `一条规则最多 ${RULE_LIMITS.conditions} 个条件`);
  const kinds: Partial<Record<(typeof NODE_KINDS)[number], z.ZodTypeAny>> = {
    all: z.strictObject({ all: group }),
    any: z.strictObject({ any: group }),
    not: z.strictObject({ not: child() }),
    field: conditionInput,
  };
  // Tags are computed before segments and from the read model alone: a tag's rule never names a tag.
  if (scope === 'segment') {
    kinds.tag = z.strictObject({ tag: z.string().regex(/^[^\u0000-\u001f]{1,80}$/, '标签不存在') });
    kinds.layer = z.strictObject({ layer: z.array(z.enum(LAYER_KEYS, '没有这个分层')).min(1, '请选择分层').max(LAYER_KEYS.length) });
  }
  return z.unknown().transform((value, ctx) => {
    const kind = value && typeof value === 'object' && !Array.isArray(value) ? NODE_KINDS.find((k) => Object.hasOwn(value, k)) : undefined;
    const schema = kind && kinds[kind];
    if (!schema) {
      ctx.addIssue({ code: 'custom', message: kind ? '标签规则只能用会员数据的条件，不能用标签或分层' : '每个条件需要 all / any / not / field / tag / layer 之一' });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const message = issue.code === 'unrecognized_keys' ? `规则里有无法识别的字段：${issue.keys.join('、')}` : issue.message;
        ctx.addIssue({ code: 'custom', path: issue.path, message });
      }
      return z.NEVER;
    }
    return parsed.data as RuleNode;
  });
}

function countConditions(node: RuleNode): number {
  if ('all' in node) return node.all.reduce((n, c) => n + countConditions(c), 0);
  if ('any' in node) return node.any.reduce((n, c) => n + countConditions(c), 0);
  if ('not' in node) return countConditions(node.not);
  return 1;
}

const limited = (schema: z.ZodType<RuleNode, unknown>) =>
  schema.refine((rule) => countConditions(rule) <= RULE_LIMITS.conditions, `一条规则最多 ${RULE_LIMITS.conditions} 个条件`);

/** A saved segment's rule: conditions, tags and layers. */
export const segmentRuleSchema = limited(nodeSchema('segment', 1));
/** A tag's rule: conditions over the read model only. */
export const tagRuleSchema = limited(nodeSchema('tag', 1));

/** What a member is, for the evaluator: the facts row, the tags held, the layer. */
export interface RuleSubject {
  facts: MemberFacts;
  tags: ReadonlySet<string>;
}

export function matchesCondition(c: Condition, facts: MemberFacts): boolean {
  const v = FACT_FIELDS[c.field].js(facts);
  if (v === null) return false;
  switch (c.op) {
    case 'gte':
      return (v as number) >= (c.value as number);
    case 'lte':
      return (v as number) <= (c.value as number);
    case 'gt':
      return (v as number) > (c.value as number);
    case 'lt':
      return (v as number) < (c.value as number);
    case 'eq':
      return v === c.value;
    case 'ne':
      return v !== c.value;
    case 'between':
      return (v as number) >= (c.value as number[])[0]! && (v as number) <= (c.value as number[])[1]!;
    case 'in':
      return (c.value as string[]).includes(v as string);
    case 'has':
      return (v as string[]).includes(c.value as string);
    case 'hasAny':
      return (c.value as string[]).some((x) => (v as string[]).includes(x));
    case 'is':
      return v === c.value;
  }
}

/** The plain evaluator: does this member meet the rule? */
export function matchesRule(rule: RuleNode, subject: RuleSubject): boolean {
  if ('all' in rule) return rule.all.every((r) => matchesRule(r, subject));
  if ('any' in rule) return rule.any.some((r) => matchesRule(r, subject));
  if ('not' in rule) return !matchesRule(rule.not, subject);
  if ('tag' in rule) return subject.tags.has(rule.tag);
  if ('layer' in rule) return rule.layer.includes(subject.facts.layer as LayerKey);
  return matchesCondition(rule, subject.facts);
}

/** The fields a rule reads: what a tag's reason shows the values of. */
export function fieldsOf(rule: RuleNode): FactFieldKey[] {
  const out = new Set<FactFieldKey>();
  const walk = (n: RuleNode) => {
    if ('all' in n) n.all.forEach(walk);
    else if ('any' in n) n.any.forEach(walk);
    else if ('not' in n) walk(n.not);
    else if ('field' in n) out.add(n.field);
  };
  walk(rule);
  return [...out];
}

const OP_WORDS: Record<ConditionOp, string> = { gte: '≥', lte: '≤', gt: '>', lt: '<', eq: '=', ne: '≠', between: '在', in: '是', has: '包含', hasAny: '包含任一', is: '' };

function valueWords(c: Condition): string {
  const def: FactField = FACT_FIELDS[c.field];
  const unit = def.unit ? ` ${def.unit}` : '';
  const named = (v: unknown) => def.optionNames?.[String(v)] ?? String(v);
  if (c.op === 'between') return `${(c.value as number[])[0]}–${(c.value as number[])[1]}${unit}`;
  if (Array.isArray(c.value)) return c.value.map(named).join(' / ');
  if (typeof c.value === 'string') return named(c.value);
  if (typeof c.value === 'boolean') return '';
  if (typeof c.value === 'number' && def.label.endsWith('占比')) return `${Math.round(c.value * 100)}%`;
  return `${c.value}${unit}`;
}

/** The rule in words, for admins and for a tag's "why" (近30天签到 ≥ 20 次 且 非「券敏感」). */
export function describeRule(rule: RuleNode, tagNames: ReadonlyMap<string, string> = new Map()): string {
  const wrap = (n: RuleNode) => ('all' in n || 'any' in n ? `（${describeRule(n, tagNames)}）` : describeRule(n, tagNames));
  if ('all' in rule) return rule.all.map(wrap).join(' 且 ');
  if ('any' in rule) return rule.any.map(wrap).join(' 或 ');
  if ('not' in rule) return `非${wrap(rule.not)}`;
  if ('tag' in rule) return `「${tagNames.get(rule.tag) ?? rule.tag}」`;
  if ('layer' in rule) return `分层为${rule.layer.map(layerName).join(' / ')}`;
  const def = FACT_FIELDS[rule.field];
  if (rule.op === 'is') return rule.value ? def.label : `非${def.label}`;
  return `${def.label} ${OP_WORDS[rule.op]} ${valueWords(rule)}`;
}
