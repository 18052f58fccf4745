/**
 * The read model written afresh (definitions: facts-sql.ts): every member of a range of ids, or
 * the members new since the last night (listed in facts_dirty as 'new'), from their whole
 * history by one set-based statement. The first night writes every member this way; later
 * nights update what moved (update-facts.ts). RFM scores, the churn flag and the layer are
 * later steps' (assign-layers.ts); a refresh keeps them.
 */
import type { Queryable } from '../../db/port';
import { factsAfreshSql, type FactsScope } from './facts-sql';

export type AfreshScope = { after: string; upTo: string } | 'new';

export async function refreshFacts(tx: Queryable, scope: AfreshScope, day: string, timeZone: string): Promise<number> {
  const inScope: FactsScope =
    scope === 'new' ? (_group, column) => `${column} in (select member_id from facts_dirty where grp = 'new')` : (_group, column) => `${column} > $3 and ${column} <= $4`;
  const params = scope === 'new' ? [day, timeZone] : [day, timeZone, scope.after, scope.upTo];
  const { rowCount } = await tx.query(factsAfreshSql(inScope), params);
  if (scope !== 'new') await dropGoneMembers(tx, scope);
  return rowCount;
}

/** Members who left (注销) or became staff have no facts, and no rule tags drawn from them. */
export async function dropGoneMembers(tx: Queryable, range?: { after: string; upTo: string }): Promise<number> {
  const { rows } = await tx.query<{ n: string }>(
    `with gone as (
       delete from member_facts f using members m
       where f.member_id = m.id ${range ? 'and m.id > $1 and m.id <= $2' : ''} and (m.deleted_at is not null or m.role <> 'member')
       returning f.member_id
     ),
     untagged as (delete from member_tags t using gone where t.member_id = gone.member_id and t.source = 'rule')
     select count(*) as n from gone`,
    range ? [range.after, range.upTo] : [],
  );
  return Number(rows[0]!.n);
}
