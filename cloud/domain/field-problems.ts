/**
 * What is wrong with a request, field by field, in Chinese: a schema's issues (the contract's,
 * or the brand settings') as `{ path, message }`, each bound said in the unit the admin forms
 * show — amounts (…Fen) in yuan, rates (…Rate) as a percentage of the price — so a form can
 * show the message at the field it belongs to.
 */
import type { z } from 'zod';
import type { FieldProblem } from '../contract/errors';

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

/** A bound in the unit the field is edited in. */
function inUnit(key: string, value: number | bigint): string {
  const n = Number(value);
  if (key.endsWith('Fen')) return `${n / 100} 元`;
  if (key.endsWith('Rate')) return `${Math.round(n * 100)}%`;
  return String(n);
}

function messageOf(issue: z.core.$ZodIssue, key: string): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return `至少 ${Number(issue.minimum)} 项`;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '请填写' : `至少 ${Number(issue.minimum)} 个字`;
      return `不能小于 ${inUnit(key, issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `最多 ${Number(issue.maximum)} 项`;
      if (issue.origin === 'string') return `最多 ${Number(issue.maximum)} 个字`;
      return `不能大于 ${inUnit(key, issue.maximum)}`;
    case 'invalid_type':
      if (issue.expected === 'int') return key.endsWith('Fen') ? '金额最多两位小数' : '请填写整数';
      if (issue.expected === 'number') return '请填写数字';
      if (issue.expected === 'boolean' || issue.expected === 'string') return '请选择或填写';
      return '格式有误';
    case 'invalid_format':
      if (issue.format === 'datetime') return '请按 2026-12-01 20:00 的格式填写';
      if (/(At|Time)$/.test(key)) return '请填写 时:分 格式的时间，如 20:00';
      if (/(From|Until)$/.test(key)) return '请按 2026-12-01 的格式填写日期';
      return /(Ids?|ByWeekday)$/.test(key) ? '请重新选择' : '格式有误';
    case 'invalid_value':
      return '请从可选项中选择';
    case 'unrecognized_keys':
      return `没有这些设置项：${issue.keys.join('、')}`;
    case 'custom':
      return HAS_CHINESE.test(issue.message) ? issue.message : '格式有误';
    default:
      return '格式有误';
  }
}

/** One problem per field (the first the schema found there), in the schema's order; `under`: the params key the checked value sits at. */
export function fieldProblems(error: z.ZodError, under?: string): FieldProblem[] {
  const byPath = new Map<string, string>();
  for (const issue of error.issues) {
    const path = [...(under ? [under] : []), ...issue.path.map(String)].join('.');
    const key = String([...issue.path].reverse().find((p) => typeof p === 'string') ?? '');
    if (!byPath.has(path)) byPath.set(path, messageOf(issue, key));
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}
