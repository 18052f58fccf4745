/**
 * A segment rule as the editor holds it while a person builds it: a tree of groups (满足全部 /
 * 满足任一) and conditions (a field with an operator and a value, a tag, value layers), each of
 * which may be negated (非). Values are kept as typed (strings) until the rule is sent; `toRule`
 * turns a complete draft into the server's rule language (domain/segment-rule.ts) or says, in
 * Chinese, what is still missing. The server checks the rule again and has the last word.
 */
import type { SegmentRule } from '@cloud/domain/segment-rule';
import { ruleField, RULE_OPS, type RuleField, type RuleOp } from '@cloud/domain/rule-catalogue';

let nextId = 0;
const newId = () => `n${++nextId}`;

export interface FieldDraft {
  id: string;
  kind: 'field';
  negate: boolean;
  field: string | null;
  op: RuleOp | null;
  /** One value as typed (number, text), or the picked ones (options, categories), or [from, to] for between. */
  values: string[];
}

export interface TagDraft {
  id: string;
  kind: 'tag';
  negate: boolean;
  tag: string | null;
}

export interface LayerDraft {
  id: string;
  kind: 'layer';
  negate: boolean;
  layers: string[];
}

export interface GroupDraft {
  id: string;
  kind: 'group';
  negate: boolean;
  mode: 'all' | 'any';
  children: NodeDraft[];
}

export type NodeDraft = FieldDraft | TagDraft | LayerDraft | GroupDraft;

export const fieldDraft = (field: string | null = null): FieldDraft => {
  const def = field ? ruleField(field) : undefined;
  return { id: newId(), kind: 'field', negate: false, field, op: def ? RULE_OPS[def.type][0]!.op : null, values: def?.type === 'boolean' ? ['true'] : [] };
};
export const tagDraft = (): TagDraft => ({ id: newId(), kind: 'tag', negate: false, tag: null });
export const layerDraft = (): LayerDraft => ({ id: newId(), kind: 'layer', negate: false, layers: [] });
export const groupDraft = (mode: 'all' | 'any' = 'all', children: NodeDraft[] = []): GroupDraft => ({ id: newId(), kind: 'group', negate: false, mode, children });

/** A new rule: one empty condition under 满足全部. */
export const emptyDraft = (): GroupDraft => groupDraft('all', [fieldDraft()]);

/** Replaces the node `id` (anywhere in the tree) by what `change` makes of it; null removes it. */
export function updateNode(root: GroupDraft, id: string, change: (node: NodeDraft) => NodeDraft | null): GroupDraft {
  const walk = (node: NodeDraft): NodeDraft | null => {
    if (node.id === id) return change(node);
    if (node.kind !== 'group') return node;
    const children = node.children.map(walk).filter((c): c is NodeDraft => c !== null);
    return children.length === node.children.length && children.every((c, i) => c === node.children[i]) ? node : { ...node, children };
  };
  return (walk(root) as GroupDraft | null) ?? emptyDraft();
}

/** A field picked anew: the first operator of its type, no value yet (a yes/no field: 是). */
export function withField(node: FieldDraft, field: string): FieldDraft {
  const fresh = fieldDraft(field);
  return { ...fresh, id: node.id, negate: node.negate };
}

/** Another operator: values kept where they still fit (a single value stays, between and lists start again). */
export function withOp(node: FieldDraft, op: RuleOp): FieldDraft {
  const many = (o: RuleOp | null) => o === 'between' || o === 'in' || o === 'hasAny';
  const keep = !many(op) && !many(node.op) ? node.values.slice(0, 1) : [];
  return { ...node, op, values: keep };
}

const percentOf = (n: number) => Math.round(n * 1000) / 10;

/** The editor's draft of a saved rule. */
export function fromRule(rule: SegmentRule): GroupDraft {
  const node = nodeFrom(rule as RuleNodeIn);
  return node.kind === 'group' && !node.negate ? node : groupDraft('all', [node]);
}

type RuleNodeIn =
  | { all: RuleNodeIn[] }
  | { any: RuleNodeIn[] }
  | { not: RuleNodeIn }
  | { tag: string }
  | { layer: string[] }
  | { field: string; op: RuleOp; value: number | string | boolean | number[] | string[]; window?: number };

function nodeFrom(rule: RuleNodeIn): NodeDraft {
  if ('all' in rule) return groupDraft('all', rule.all.map(nodeFrom));
  if ('any' in rule) return groupDraft('any', rule.any.map(nodeFrom));
  if ('not' in rule) {
    const inner = nodeFrom(rule.not);
    // 非非 X stays as the person wrote it: a negated group around a negated node.
    return inner.negate ? { ...groupDraft('all', [inner]), negate: true } : { ...inner, negate: true };
  }
  if ('tag' in rule) return { ...tagDraft(), tag: rule.tag };
  if ('layer' in rule) return { ...layerDraft(), layers: [...rule.layer] };
  const key = rule.window !== undefined ? `${rule.field}${rule.window}` : rule.field;
  const def = ruleField(key);
  const shown = (v: number | string | boolean) => (typeof v === 'number' && def?.percent ? String(percentOf(v)) : String(v));
  const values = Array.isArray(rule.value) ? rule.value.map(shown) : [shown(rule.value)];
  return { id: newId(), kind: 'field', negate: false, field: key, op: rule.op, values };
}

export type Built = { rule: SegmentRule; problem: null } | { rule: null; problem: string };

const NUMBER = /^-?\d+(\.\d+)?$/;

function fieldValue(def: RuleField, op: RuleOp, values: string[]): { value: unknown } | { problem: string } {
  const given = values.map((v) => v.trim()).filter((v) => v !== '');
  if (def.type === 'boolean') return { value: given[0] !== 'false' };
  if (def.type === 'number') {
    const wanted = op === 'between' ? 2 : 1;
    if (given.length < wanted || values.length < wanted) return { problem: `请填写「${def.label}」的${op === 'between' ? '上下限' : '数值'}` };
    if (!given.every((v) => NUMBER.test(v))) return { problem: `「${def.label}」需要数字` };
    const nums = given.slice(0, wanted).map((v) => (def.percent ? Number(v) / 100 : Number(v)));
    if (op === 'between') {
      if (nums[0]! > nums[1]!) return { problem: `「${def.label}」的下限不能大于上限` };
      return { value: nums };
    }
    return { value: nums[0] };
  }
  if (given.length === 0) return { problem: `请选择「${def.label}」的值` };
  if (op === 'in' || op === 'hasAny') return { value: [...new Set(given)] };
  return { value: given[0] };
}

function build(node: NodeDraft): { rule: unknown } | { problem: string } {
  let out: { rule: unknown } | { problem: string };
  if (node.kind === 'group') {
    if (node.children.length === 0) return { problem: '条件组里还没有条件' };
    const children: unknown[] = [];
    for (const child of node.children) {
      const built = build(child);
      if ('problem' in built) return built;
      children.push(built.rule);
    }
    out = { rule: node.mode === 'all' ? { all: children } : { any: children } };
  } else if (node.kind === 'tag') {
    if (!node.tag) return { problem: '请选择标签' };
    out = { rule: { tag: node.tag } };
  } else if (node.kind === 'layer') {
    if (node.layers.length === 0) return { problem: '请选择分层' };
    out = { rule: { layer: node.layers } };
  } else {
    const def = node.field ? ruleField(node.field) : undefined;
    if (!def) return { problem: '请选择条件的字段' };
    const op = node.op && RULE_OPS[def.type].some((o) => o.op === node.op) ? node.op : null;
    if (!op) return { problem: `请选择「${def.label}」的条件` };
    const value = fieldValue(def, op, node.values);
    if ('problem' in value) return value;
    out = { rule: { field: def.key, op, value: value.value } };
  }
  return node.negate ? { rule: { not: out.rule } } : out;
}

/** The rule to send, or what is still missing (in Chinese). */
export function toRule(draft: GroupDraft): Built {
  const built = build(draft);
  return 'problem' in built ? { rule: null, problem: built.problem } : { rule: built.rule as SegmentRule, problem: null };
}

/** How deep a group sits (the root is 1): the rule language allows 4 levels, 非 counting as one. */
export const MAX_GROUP_DEPTH = 3;
