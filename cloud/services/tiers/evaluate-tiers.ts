import type { Queryable } from '../../db/port';
import type { TierKey } from '../../domain/brand-settings';
import { evaluateAtAnniversary, growthWindowStart, tierAnniversary } from '../../domain/tiers';
import type { BatchOutcome, JobContext } from '../jobs/job';

/**
 * The keep-tier job, one batch: the next members (by id, after the cursor) whose tier
 * anniversary has come are evaluated once — kept, moved up, or moved down one level — and the
 * next anniversary starts from that day. Set-based; the update is conditional on the row being
 * unchanged since it was read.
 */
export async function evaluateTierAnniversariesBatch(
  tx: Queryable,
  after: string | null,
  { brand, day: today, batchSize }: JobContext,
): Promise<BatchOutcome> {
  const order = brand.tiers.map((t) => t.key);
  // Members whose anniversary may have come (a day of slack for 29 February; tierAnniversary
  // decides exactly), with their growth over the window.
  const { rows } = await tx.query<{ id: string; tier: TierKey; tier_since: string; growth: number }>(
    `select m.id, m.tier, m.tier_since, growth_in_window(m.id, $2::date, $1::date) as growth
     from members m
     where m.tier_since is not null and m.tier_since <= ($1::date - interval '1 year' + interval '1 day')
       and m.id > $3::bigint
     order by m.id limit $4`,
    [today, growthWindowStart(today, brand.growth.windowMonths), after ?? '0', batchSize],
  );
  const decided = rows
    .filter((r) => tierAnniversary(r.tier_since) <= today)
    .map((r) => ({ ...r, next: evaluateAtAnniversary(r.tier, r.growth, brand.tiers).key }));
  await tx.query(
    `update members m set tier = v.next, tier_since = case when v.next = 'normal' then null else $4::date end,
       tier_raised_on = case when v.raised then $4::date else m.tier_raised_on end
     from unnest($1::bigint[], $2::text[], $3::text[], $5::boolean[]) as v(id, tier, next, raised)
     where m.id = v.id and m.tier = v.tier`,
    [decided.map((d) => d.id), decided.map((d) => d.tier), decided.map((d) => d.next), today, decided.map((d) => order.indexOf(d.next) > order.indexOf(d.tier))],
  );
  const counts = { evaluated: decided.length, kept: 0, upgraded: 0, downgraded: 0 };
  for (const d of decided) {
    const move = order.indexOf(d.next) - order.indexOf(d.tier);
    counts[move > 0 ? 'upgraded' : move < 0 ? 'downgraded' : 'kept']++;
  }
  return { cursor: rows.length < batchSize ? null : rows[rows.length - 1]!.id, rows: rows.length, counts };
}
