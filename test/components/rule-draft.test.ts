/**
 * The rule editor's draft (packages/admin/components/rule-draft.ts): a complete draft becomes the
 * server's rule — groups, 非, tags, layers, numbers (percentages as shares), options, lists —
 * which the rule schema accepts; what is missing is said in Chinese; a saved rule comes back as
 * the same draft (round trip), windowed fields included.
 */
import { describe, expect, it } from 'vitest';
import { segmentRuleSchema } from '@cloud/domain/segment-rule';
import {
  emptyDraft,
  fieldDraft,
  fromRule,
  groupDraft,
  layerDraft,
  tagDraft,
  toRule,
  updateNode,
  withField,
  withOp,
  type FieldDraft,
  type GroupDraft,
} from '@/packages/admin/components/rule-draft';

const field = (key: string, op: FieldDraft['op'], values: string[], negate = false): FieldDraft => ({ ...fieldDraft(key), op, values, negate });

describe('rule draft', () => {
  it('a new draft says what is missing, condition by condition', () => {
    const draft = emptyDraft();
    expect(toRule(draft)).toEqual({ rule: null, problem: '请选择条件的字段' });
    const id = draft.children[0]!.id;
    const picked = updateNode(draft, id, (n) => withField(n as FieldDraft, 'checkins30'));
    expect(toRule(picked).problem).toBe('请填写「近30天签到」的数值');
    const typed = updateNode(picked, id, (n) => ({ ...(n as FieldDraft), values: ['abc'] }));
    expect(toRule(typed).problem).toBe('「近30天签到」需要数字');
    expect(toRule(groupDraft('all', [tagDraft()])).problem).toBe('请选择标签');
    expect(toRule(groupDraft('all', [layerDraft()])).problem).toBe('请选择分层');
    expect(toRule(groupDraft('all', [])).problem).toBe('条件组里还没有条件');
    expect(toRule(groupDraft('all', [field('gmv365', 'between', ['500', '100'])])).problem).toBe('「近一年消费」的下限不能大于上限');
    expect(toRule(groupDraft('all', [field('source', 'eq', [])])).problem).toBe('请选择「来源」的值');
  });

  it('builds every kind of node, which the rule schema accepts as it is', () => {
    const draft = groupDraft('all', [
      field('checkins30', 'gte', ['10']),
      field('couponShare', 'lt', ['50']),
      field('gmv365', 'between', ['100', '500.5']),
      field('source', 'in', ['guide', 'group', 'guide']),
      field('categoriesBought', 'hasAny', ['童装', '外套']),
      field('topSize', 'eq', [' M ']),
      field('churnRisk', 'is', ['false']),
      { ...tagDraft(), tag: 'rule:coupon-sensitive', negate: true },
      { ...groupDraft('any', [{ ...layerDraft(), layers: ['high', 'potential'] }, field('hasGuide', 'is', ['true'])]), negate: true },
    ]);
    const built = toRule(draft);
    expect(built.problem).toBeNull();
    expect(built.rule).toEqual({
      all: [
        { field: 'checkins30', op: 'gte', value: 10 },
        { field: 'couponShare', op: 'lt', value: 0.5 },
        { field: 'gmv365', op: 'between', value: [100, 500.5] },
        { field: 'source', op: 'in', value: ['guide', 'group'] },
        { field: 'categoriesBought', op: 'hasAny', value: ['童装', '外套'] },
        { field: 'topSize', op: 'eq', value: 'M' },
        { field: 'churnRisk', op: 'is', value: false },
        { not: { tag: 'rule:coupon-sensitive' } },
        { not: { any: [{ layer: ['high', 'potential'] }, { field: 'hasGuide', op: 'is', value: true }] } },
      ],
    });
    expect(segmentRuleSchema.safeParse(built.rule).success).toBe(true);
  });

  it('a saved rule comes back as the draft that builds it again (windowed fields, 非, percentages)', () => {
    const saved = {
      any: [
        { field: 'checkins', window: 30, op: 'gte', value: 20 },
        { not: { tag: 'rule:coupon-sensitive' } },
        { not: { not: { layer: ['dormant'] } } },
        { all: [{ field: 'memberDayShare', op: 'gte', value: 0.25 }, { field: 'tier', op: 'ne', value: 'normal' }] },
      ],
    };
    const draft = fromRule(saved as never);
    expect(draft.mode).toBe('any');
    expect((draft.children[0] as FieldDraft).field).toBe('checkins30');
    expect(((draft.children[3] as GroupDraft).children[0] as FieldDraft).values).toEqual(['25']);
    expect(toRule(draft).rule).toEqual({
      any: [
        { field: 'checkins30', op: 'gte', value: 20 },
        { not: { tag: 'rule:coupon-sensitive' } },
        { not: { all: [{ not: { layer: ['dormant'] } }] } },
        { all: [{ field: 'memberDayShare', op: 'gte', value: 0.25 }, { field: 'tier', op: 'ne', value: 'normal' }] },
      ],
    });
    // A rule that is one condition is edited inside a group.
    expect(toRule(fromRule({ field: 'orders90', op: 'gte', value: 1 } as never)).rule).toEqual({ all: [{ field: 'orders90', op: 'gte', value: 1 }] });
  });

  it('changing the operator keeps a single value, and starts lists and ranges afresh; removing the last node leaves a fresh rule', () => {
    const one = field('orders90', 'gte', ['3']);
    expect(withOp(one, 'lte').values).toEqual(['3']);
    expect(withOp(one, 'between').values).toEqual([]);
    expect(withOp(field('source', 'in', ['guide']), 'eq').values).toEqual([]);
    expect(withField(one, 'churnRisk')).toMatchObject({ id: one.id, field: 'churnRisk', op: 'is', values: ['true'] });
    const draft = groupDraft('all', [one]);
    const emptied = updateNode(draft, one.id, () => null);
    expect(emptied.children).toEqual([]);
    expect(updateNode(draft, draft.id, () => null).children).toHaveLength(1);
  });
});
