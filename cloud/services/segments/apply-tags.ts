/**
 * Rule tags follow their rules: one pass over the read model gives every member the tags whose
 * rule now holds (with why: the rule in words and the values that met it, kept from the day the
 * tag came), and one pass over the rule tags takes away those whose rule no longer holds.
 * Manual tags are never touched here.
 */
import type { Queryable } from '../../db/port';
import { FACT_FIELDS } from '../../domain/member-facts';
import { describeRule, fieldsOf, type RuleNode } from '../../domain/segment-rule';
import type { TagDefinition } from '../../domain/tags';
import { compileRule } from './compile-rule';

type RuleTag = TagDefinition & { rule: RuleNode };

/** The values a tag's reason shows: each field its rule reads, as of the run. */
function reasonSql(rule: RuleNode, describe: string): string {
  const values = fieldsOf(rule).map((field) => `'${field}', ${FACT_FIELDS[field].sql}`);
  return `jsonb_build_object('rule', ${describe}, 'values', jsonb_build_object(${values.join(', ')}))`;
}

export async function applyRuleTags(tx: Queryable, tags: RuleTag[], now: Date): Promise<{ added: number; removed: number }> {
  const removedGone = await tx.query(
    `delete from member_tags where source = 'rule' and not (tag_key = any($1::text[]))`,
    [tags.map((t) => t.key)],
  );
  if (tags.length === 0) return { added: 0, removed: removedGone.rowCount };

  const params: unknown[] = [now];
  const keys: string[] = [];
  const holds: string[] = [];
  const reasons: string[] = [];
  const removeParams: unknown[] = [];
  const arms: string[] = [];
  for (const tag of tags) {
    params.push(tag.key);
    const key = `$${params.length}::text`;
    params.push(describeRule(tag.rule));
    const describe = `$${params.length}::text`;
    const compiled = compileRule(tag.rule, params.length + 1);
    params.push(...compiled.params);
    keys.push(key);
    holds.push(compiled.where);
    reasons.push(`when ${key} then ${reasonSql(tag.rule, describe)}`);

    removeParams.push(tag.key);
    const removeKey = `$${removeParams.length}::text`;
    const again = compileRule(tag.rule, removeParams.length + 1);
    removeParams.push(...again.params);
    arms.push(`when ${removeKey} then ${again.where}`);
  }
  // Which rules hold is cheap to say for every member and tag; the reason (jsonb) is built only
  // for the tags a member does not hold yet. On a night like the one before, building a reason for
  // each held tag and letting the conflict drop it took 20 s at 200,000 members (bench:segments).
  const added = await tx.query(
    `insert into member_tags (member_id, tag_key, source, reason, added_at)
     select f.member_id, held.key, 'rule', case held.key ${reasons.join(' ')} end, $1
     from member_facts f
     cross join lateral unnest(array[${keys.join(', ')}], array[${holds.join(', ')}]) as held (key, holds)
     where held.holds and not exists (select 1 from member_tags t where t.member_id = f.member_id and t.tag_key = held.key)
     on conflict (member_id, tag_key) do nothing`,
    params,
  );
  const removed = await tx.query(
    `delete from member_tags t using member_facts f
     where t.member_id = f.member_id and t.source = 'rule' and not (case t.tag_key ${arms.join(' ')} else true end)`,
    removeParams,
  );
  return { added: added.rowCount, removed: removed.rowCount + removedGone.rowCount };
}
