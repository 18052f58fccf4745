/**
 * A segment or tag rule (domain/segment-rule.ts) as one SQL condition over `member_facts f`,
 * with every value bound as a parameter — never pasted into the text. Each condition is
 * `coalesce(…, false)`: a missing value is false, as in the plain evaluator, so `not` agrees too.
 */
import { FACT_FIELDS } from '../../domain/member-facts';
import type { Condition, RuleNode } from '../../domain/segment-rule';

export interface CompiledRule {
  where: string;
  params: unknown[];
}

/** `firstParam`: the number of the first placeholder ($n), after the caller's own parameters. */
export function compileRule(rule: RuleNode, firstParam = 1): CompiledRule {
  const params: unknown[] = [];
  const bind = (value: unknown, cast: string) => {
    params.push(value);
    return `$${firstParam + params.length - 1}::${cast}`;
  };

  const condition = (c: Condition): string => {
    const def = FACT_FIELDS[c.field];
    const v = def.sql;
    const num = (x: unknown) => bind(x, 'numeric');
    switch (c.op) {
      case 'gte':
        return `${v} >= ${num(c.value)}`;
      case 'lte':
        return `${v} <= ${num(c.value)}`;
      case 'gt':
        return `${v} > ${num(c.value)}`;
      case 'lt':
        return `${v} < ${num(c.value)}`;
      case 'between':
        return `${v} between ${num((c.value as number[])[0])} and ${num((c.value as number[])[1])}`;
      case 'eq':
        return def.type === 'number' ? `${v} = ${num(c.value)}` : `${v} = ${bind(c.value, 'text')}`;
      case 'ne':
        return `${v} <> ${bind(c.value, 'text')}`;
      case 'in':
        return `${v} = any(${bind(c.value, 'text[]')})`;
      case 'has':
        return `${v} @> array[${bind(c.value, 'text')}]`;
      case 'hasAny':
        return `${v} && ${bind(c.value, 'text[]')}`;
      case 'is':
        return `${v} = ${bind(c.value, 'boolean')}`;
    }
  };

  const node = (n: RuleNode): string => {
    if ('all' in n) return `(${n.all.map(node).join(' and ')})`;
    if ('any' in n) return `(${n.any.map(node).join(' or ')})`;
    if ('not' in n) return `(not ${node(n.not)})`;
    if ('tag' in n) return `exists (select 1 from member_tags t where t.member_id = f.member_id and t.tag_key = ${bind(n.tag, 'text')})`;
    if ('layer' in n) return `f.layer = any(${bind(n.layer, 'text[]')})`;
    return `coalesce(${condition(n)}, false)`;
  };

  return { where: node(rule), params };
}
