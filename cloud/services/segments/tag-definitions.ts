/**
 * The tag definitions: the rule tags made from the brand's own vocabulary (domain/tags.ts), kept
 * in tag_definitions beside the manual tags people add.
 */
import type { Queryable } from '../../db/port';
import type { BrandSettings } from '../../domain/brand-settings';
import type { RuleNode } from '../../domain/segment-rule';
import { defaultTags, type TagDefinition } from '../../domain/tags';

export async function brandRuleTags(tx: Queryable, brand: BrandSettings): Promise<Array<TagDefinition & { rule: RuleNode }>> {
  // Names and sizes as tag values: one tag per distinct value; one-size goods ('') have no size to prefer.
  const categories = await tx.query<{ name: string }>(`select name from categories where active group by name order by min(position), name`);
  const sizes = await tx.query<{ size: string }>(
    `select s.size from product_skus s join products p on p.id = s.product_id where p.active and s.size <> ''
     group by s.size order by min(s.position), s.size`,
  );
  const tags = defaultTags({
    categories: categories.rows.map((r) => r.name),
    sizes: sizes.rows.map((r) => r.size),
    tiers: brand.tiers.map((t) => ({ key: t.key, name: t.name })),
  });
  return tags.filter((t): t is TagDefinition & { rule: RuleNode } => t.rule !== null);
}

/**
 * Writes the rule tags' definitions (before members are given them); answers the keys of those
 * new or with another rule than before, which every member must be judged by again.
 */
export async function saveRuleTagDefinitions(tx: Queryable, tags: TagDefinition[]): Promise<Set<string>> {
  const { rows: before } = await tx.query<{ key: string; rule: unknown }>(`select key, rule from tag_definitions where rule is not null`);
  const held = new Map(before.map((r) => [r.key, JSON.stringify(r.rule)]));
  const { rows: after } = await tx.query<{ key: string; rule: unknown }>(
    `insert into tag_definitions (key, name, kind, rule, position)
     select key, name, kind, rule, position from jsonb_to_recordset($1::jsonb) as t(key text, name text, kind text, rule jsonb, position int)
     on conflict (key) do update set name = excluded.name, kind = excluded.kind, rule = excluded.rule, position = excluded.position
     returning key, rule`,
    [JSON.stringify(tags.map((t, position) => ({ ...t, position })))],
  );
  return new Set(after.filter((r) => held.get(r.key) !== JSON.stringify(r.rule)).map((r) => r.key));
}

/** Rule tags that are no longer made (a category gone) go, once nobody holds them. */
export async function dropStaleRuleTagDefinitions(tx: Queryable, tags: TagDefinition[]): Promise<void> {
  await tx.query(
    `delete from tag_definitions d where d.rule is not null and not (d.key = any($1::text[]))
       and not exists (select 1 from member_tags t where t.tag_key = d.key)`,
    [tags.map((t) => t.key)],
  );
}
