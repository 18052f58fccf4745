import { describe, expect, it } from 'vitest';
import { blankStep, insertVariable, moved, parseDates, triggerOfKind, withKeys } from '@/packages/admin/sop-plans/steps';

const step = (key: string, name: string) => ({ ...blankStep(), key, name });

describe('SOP plan editor: steps', () => {
  it.each([
    ['618 预热', [], '618'],
    ['首日欢迎', [], 'step'],
    ['首日欢迎', ['step'], 'step-2'],
    ['Day 3 回访', ['day-3'], 'day-3-2'],
    ['VIP--专属!!', [], 'vip'],
  ])('a new step named %s beside %j gets the key %s', (name, others, key) => {
    const steps = withKeys([...others.map((k) => step(k, k)), step('', name)]);
    expect(steps.at(-1)!.key).toBe(key);
  });

  it('saved steps keep their keys; two new ones get different keys', () => {
    expect(withKeys([step('welcome', '改名后的欢迎'), step('', '回访'), step('', '回访')]).map((s) => s.key)).toEqual(['welcome', 'step', 'step-2']);
  });

  it.each([
    ['您好', null, '昵称', '您好{昵称}', 6],
    ['您好，', 0, '昵称', '{昵称}您好，', 4],
    ['送您', 2, '券', '送您{券}', 5],
    ['abc', 99, '导购', 'abc{导购}', 7],
  ])('%s with the cursor at %s and {%s} → %s (cursor %i)', (script, cursor, variable, expected, after) => {
    expect(insertVariable(script, cursor, variable)).toEqual({ script: expected, cursor: after });
  });

  it.each([
    [0, 1, ['b', 'a', 'c']],
    [2, -1, ['a', 'c', 'b']],
    [0, -1, ['a', 'b', 'c']],
    [2, 1, ['a', 'b', 'c']],
  ] as const)('moving %i by %i', (i, by, expected) => {
    expect(moved(['a', 'b', 'c'], i, by)).toEqual(expected);
  });

  it('dates typed with spaces, commas or 、 are one date each', () => {
    expect(parseDates(' 2026-02-17, 2027-02-06、2028-01-26  ')).toEqual(['2026-02-17', '2027-02-06', '2028-01-26']);
  });

  it('a trigger of another kind starts from its own defaults', () => {
    expect(triggerOfKind('segment')).toEqual({ kind: 'segment', segment: 'churnRisk' });
    expect(triggerOfKind('delivered')).toEqual({ kind: 'delivered', days: 3 });
  });
});
