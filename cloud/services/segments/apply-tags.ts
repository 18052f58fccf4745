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
 * parameter $1), in one statement: which of the tags hold now, as one array per row (an
 * expression, not a row per member and tag), against those held — read 'by member' (the few rows
 * changed, through the members' key) or 'by tag' (a few tags over every row, through the tags'
 * index); only the members whose two arrays differ are written, and a reason (jsonb) is built
 * only for a tag given.
 */
async function judge(
  tx: Queryable,
  tags: RuleTag[],
  rows: string,
  held: 'by member' | 'by tag',
  day: string,
  now: Date,
): Promise<{ added: number; removed: number }> {
  if (tags.length === 0) return { added: 0, removed: 0 };
  const params: unknown[] = [day, now, tags.map((t) => t.key)];
  const holds: string[] = [];
  const reasons: string[] = [];
  for (const tag of tags) {
    params.push(tag.key);
    const key = `$${params.length}::text`;
    params.push(describeRule(tag.rule));
    const describe = `$${params.length}::text`;
    const compiled = compileRule(tag.rule, params.length + 1);
    params.push(...compiled.params);
    holds.push(`case when ${compiled.where} then ${key} end`);
    reasons.push(`when ${key} then ${reasonSql(tag.rule, describe)}`);
  }
  const { rows: counts } = await tx.query<{ added: string; removed: string }>(
    `with now_held as (
       select f.member_id, array_remove(array[${holds.join(', ')}], null) as keys from member_facts f where ${rows}
     ),
     was_held as (
       select t.member_id, array_agg(t.tag_key) as keys from member_tags t
       where t.source = 'rule' and t.tag_key = any($3::text[])${held === 'by member' ? ' and t.member_id in (select member_id from now_held)' : ''}
       group by t.member_id
     ),
     moved as (
       select n.member_id, n.keys as now, coalesce(w.keys, '{}') as was from now_held n left join was_held w on w.member_id = n.member_id
       where not (n.keys @> coalesce(w.keys, '{}') and coalesce(w.keys, '{}') @> n.keys)
     ),
     taken as (
       delete from member_tags t using moved d
       where t.member_id = d.member_id and t.source = 'rule' and t.tag_key = any(d.was) and not (t.tag_key = any(d.now))
       returning 1
     ),
     given as (
       insert into member_tags (member_id, tag_key, source, reason, added_at)
       select d.member_id, k.key, 'rule', case k.key ${reasons.join(' ')} end, $2
       from moved d join member_facts f on f.member_id = d.member_id cross join unnest(d.now) as k (key)
       where not (k.key = any(d.was))
       on conflict (member_id, tag_key) do nothing
       returning 1
     )
     select (select count(*) from given) as added, (select count(*) from taken) as removed`,
    params,
  );
  return { added: Number(counts[0]!.added), removed: Number(counts[0]!.removed) };
}

/**
 * `rejudge`: tags new or with another rule since the last run, judged for every member. Other
 * tags are judged for the rows that changed on the run's day (changed_on), and those whose rule
 * moves without the row (days counted to the run's day, tags) for every row.
 */
export async function applyRuleTags(tx: Queryable, tags: RuleTag[], now: Date, day: string, rejudge: ReadonlySet<string>): Promise<{ added: number; removed: number }> {
  // Tags no longer made (a category gone): found among the definitions, taken through the tag's index.
  const removedGone = await tx.query(
    `delete from member_tags where source = 'rule'
       and tag_key in (select key from tag_definitions where rule is not null and not (key = any($1::text[])))`,
    [tags.map((t) => t.key)],
  );
  const everyRow = tags.filter((t) => rejudge.has(t.key) || movesWithoutTheRow(t.rule));
  const changed = await judge(tx, tags, 'f.changed_on = $1::date', 'by member', day, now);
  const unchanged = await judge(tx, everyRow, 'f.changed_on is distinct from $1::date', 'by tag', day, now);
  return { added: changed.added + unchanged.added, removed: changed.removed + unchanged.removed + removedGone.rowCount };
}
