/**
 * Rule tags follow their rules: a pass over the read model gives a member the tags whose rule now
 * holds (with why: the rule in words and the values that met it, kept from the day the tag came),
 * and takes away those whose rule no longer holds — where the answer can have moved since the
 * tags were last judged (applyRuleTags), since a rule over an unchanged row gives what it gave.
 * Manual tags are never touched here.
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

/** A rule over tags: its truth moves with other tags, not with the member's row. */
function readsTags(rule: RuleNode): boolean {
  if ('all' in rule) return rule.all.some(readsTags);
  if ('any' in rule) return rule.any.some(readsTags);
  if ('not' in rule) return readsTags(rule.not);
  return 'tag' in rule;
}

/** SQL (over `f`) choosing the rows a judgement is for, pushing its parameters onto `params`. */
type RowsFilter = (params: unknown[]) => string;

/**
 * Gives and takes away `tags` over the read-model rows `rows` selects, in one statement: which of
 * the tags hold now, as one array per row (an expression, not a row per member and tag), against
 * those held — read 'by member' (the rows chosen, through the members' key) or 'by tag' (a few
 * tags over every row, through the tags' index); only the members whose two arrays differ are
 * written, and a reason (jsonb) is built only for a tag given.
 */
async function judge(tx: Queryable, tags: RuleTag[], rows: RowsFilter, held: 'by member' | 'by tag', now: Date): Promise<{ added: number; removed: number }> {
  if (tags.length === 0) return { added: 0, removed: 0 };
  const params: unknown[] = [];
  const where = rows(params);
  params.push(now);
  const nowParam = `$${params.length}`;
  params.push(tags.map((t) => t.key));
  const keysParam = `$${params.length}::text[]`;
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
       select f.member_id, array_remove(array[${holds.join(', ')}], null) as keys from member_facts f where ${where}
     ),
     was_held as (
       select t.member_id, array_agg(t.tag_key) as keys from member_tags t
       where t.source = 'rule' and t.tag_key = any(${keysParam})${held === 'by member' ? ' and t.member_id in (select member_id from now_held)' : ''}
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
       select d.member_id, k.key, 'rule', case k.key ${reasons.join(' ')} end, ${nowParam}
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

/** Where the tags were last judged: the read model's run and day then (null: never, or all rows rewritten since). */
export interface TagsJudged {
  run: number;
  day: string;
}

/**
 * Tags are judged again where their answer can have moved since they were last judged (`since`):
 * every tag for the rows the read model changed after that run; a tag counting days (新会员, 沉默,
 * 生日月) for the other rows only where its rule gives another answer on the run's day than on
 * that day (a few rows cross its threshold each night); every row for a tag new or with another
 * rule (`rejudge`) or over tags. Without `since`, every tag for every row.
 */
export async function applyRuleTags(
  tx: Queryable,
  tags: RuleTag[],
  now: Date,
  since: TagsJudged | null,
  rejudge: ReadonlySet<string>,
): Promise<{ added: number; removed: number }> {
  // Tags no longer made (a category gone): found among the definitions, taken through the tag's index.
  const removedGone = await tx.query(
    `delete from member_tags where source = 'rule'
       and tag_key in (select key from tag_definitions where rule is not null and not (key = any($1::text[])))`,
    [tags.map((t) => t.key)],
  );
  const outcomes: Array<{ added: number; removed: number }> = [{ added: 0, removed: removedGone.rowCount }];
  if (!since) {
    outcomes.push(await judge(tx, tags, () => 'true', 'by member', now));
  } else {
    const unchanged = (params: unknown[]) => {
      params.push(since.run);
      return `coalesce(f.changed_in, 0) <= $${params.length}`;
    };
    outcomes.push(
      await judge(
        tx,
        tags,
        (params) => {
          params.push(since.run);
          return `f.changed_in > $${params.length}`;
        },
        'by member',
        now,
      ),
    );
    const everyRow = tags.filter((t) => rejudge.has(t.key) || readsTags(t.rule));
    outcomes.push(await judge(tx, everyRow, unchanged, 'by tag', now));
    const countingDays = tags.filter((t) => !everyRow.includes(t) && fieldsOf(t.rule).some((f) => FACT_FIELDS[f].sql.includes(FACTS_DAY)));
    const crossed: RowsFilter = (params) => {
      const rows = unchanged(params);
      params.push(since.day);
      const then = `$${params.length}::date`;
      const flips = countingDays.map((t) => {
        const compiled = compileRule(t.rule, params.length + 1);
        params.push(...compiled.params);
        return `(${compiled.where}) <> (${compiled.where.split(FACTS_DAY).join(then)})`;
      });
      return `${rows} and (${flips.join(' or ')})`;
    };
    outcomes.push(await judge(tx, countingDays, crossed, 'by member', now));
  }
  return outcomes.reduce((a, b) => ({ added: a.added + b.added, removed: a.removed + b.removed }));
}
