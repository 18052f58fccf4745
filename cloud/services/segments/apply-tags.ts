/**
 * Rule tags follow their rules: a pass over the read model gives a member the tags whose rule now
 * holds (with why: the rule in words and the values that met it, kept from the day the tag came),
 * and a pass over the rule tags takes away those whose rule no longer holds — over the rows that
 * changed this night, since a rule over an unchanged row gives what it gave. Manual tags are
 * never touched here.
 */
import type { Queryable } from '../../db/port';
import { FACT_FIELDS, FACTS_DAY } from '../../domain/member-facts';
import { describeRule, fieldsOf, type RuleNode } from '../../domain/segment-rule';
import type { TagDefinition } from '../../domain/tags';
import { compileRule } from './compile-rule';

type RuleTag = TagDefinition & { rule: RuleNode };

/** The values a tag's reason shows: each field its rule reads, as of the run. */
function reasonSql(rule: RuleNode, describe: string): string {
  const values = fieldsOf(rule).map((field) => `'${field}', ${FACT_FIELDS[field].sql}`);
  return `jsonb_build_object('rule', ${describe}, 'values', jsonb_build_object(${values.join(', ')}))`;
}

/** A rule whose truth can move without the member's row changing: it counts days to the run's day, or reads tags. */
function movesWithoutTheRow(rule: RuleNode): boolean {
  if ('all' in rule) return rule.all.some(movesWithoutTheRow);
  if ('any' in rule) return rule.any.some(movesWithoutTheRow);
  if ('not' in rule) return movesWithoutTheRow(rule.not);
  if ('tag' in rule) return true;
  if ('field' in rule) return FACT_FIELDS[rule.field].sql.includes(FACTS_DAY);
  return false;
}

/**
 * Gives and takes away `tags` over the read-model rows `rows` selects (SQL over `f`, its day
 * parameter $1).
 */
async function judge(tx: Queryable, tags: RuleTag[], rows: string, day: string, now: Date): Promise<{ added: number; removed: number }> {
  if (tags.length === 0) return { added: 0, removed: 0 };
  const params: unknown[] = [day, now];
  const keys: string[] = [];
  const holds: string[] = [];
  const reasons: string[] = [];
  const removeParams: unknown[] = [day, tags.map((t) => t.key)];
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
     select f.member_id, held.key, 'rule', case held.key ${reasons.join(' ')} end, $2
     from member_facts f
     cross join lateral unnest(array[${keys.join(', ')}], array[${holds.join(', ')}]) as held (key, holds)
     where ${rows} and held.holds and not exists (select 1 from member_tags t where t.member_id = f.member_id and t.tag_key = held.key)
     on conflict (member_id, tag_key) do nothing`,
    params,
  );
  const removed = await tx.query(
    `delete from member_tags t using member_facts f
     where t.member_id = f.member_id and t.source = 'rule' and t.tag_key = any($2::text[]) and ${rows}
       and not (case t.tag_key ${arms.join(' ')} else true end)`,
    removeParams,
  );
  return { added: added.rowCount, removed: removed.rowCount };
}

/**
 * `rejudge`: tags new or with another rule since the last run, judged for every member. Other
 * tags are judged for the rows that changed on the run's day (changed_on), and those whose rule
 * moves without the row (days counted to the run's day, tags) for every row.
 */
export async function applyRuleTags(tx: Queryable, tags: RuleTag[], now: Date, day: string, rejudge: ReadonlySet<string>): Promise<{ added: number; removed: number }> {
  const removedGone = await tx.query(
    `delete from member_tags where source = 'rule' and not (tag_key = any($1::text[]))`,
    [tags.map((t) => t.key)],
  );
  const everyRow = tags.filter((t) => rejudge.has(t.key) || movesWithoutTheRow(t.rule));
  const changed = await judge(tx, tags, 'f.changed_on = $1::date', day, now);
  const unchanged = await judge(tx, everyRow, 'f.changed_on is distinct from $1::date', day, now);
  return { added: changed.added + unchanged.added, removed: changed.removed + unchanged.removed + removedGone.rowCount };
}
