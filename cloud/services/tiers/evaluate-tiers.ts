import type { Db } from '../../db/port';
import type { TierKey } from '../../domain/brand-settings';
import { businessDay } from '../../domain/business-day';
import { evaluateAtAnniversary, growthWindowStart, tierAnniversary } from '../../domain/tiers';
import type { BrandSettings } from '../context';

const BATCH = 1_000;

/**
 * The keep-tier job: every member whose tier anniversary has come is evaluated once — kept,
 * moved up, or moved down one level — and the next anniversary starts from that day. Set-based
 * in batches; the update is conditional on the row being unchanged since it was read.
 */
export async function evaluateTierAnniversaries(
  db: Db,
  brand: BrandSettings,
  now: Date,
  onProgress?: (evaluated: number) => void,
): Promise<{ evaluated: number; kept: number; upgraded: number; downgraded: number }> {
  const today = businessDay(now, brand.timeZone);
  const order = brand.tiers.map((t) => t.key);
  const totals = { evaluated: 0, kept: 0, upgraded: 0, downgraded: 0 };
  let after = '0';
  for (;;) {
    // Members whose anniversary may have come (a day of slack for 29 February; tierAnniversary
    // decides exactly), with their growth over the window.
    const { rows } = await db.query<{ id: string; tier: TierKey; tier_since: string; growth: number }>(
      `select m.id, m.tier, m.tier_since,
         (select coalesce(sum(g.amount), 0)::int from growth_ledger g
           where g.member_id = m.id and g.day between $2::date and $1::date) as growth
       from members m
       where m.tier_since is not null and m.tier_since <= ($1::date - interval '1 year' + interval '1 day')
         and m.id > $3::bigint
       order by m.id limit $4`,
      [today, growthWindowStart(today, brand.growth.windowMonths), after, BATCH],
    );
    if (!rows.length) return totals;
    after = rows[rows.length - 1]!.id;
    const decided = rows
      .filter((r) => tierAnniversary(r.tier_since) <= today)
      .map((r) => ({ ...r, next: evaluateAtAnniversary(r.tier, r.growth, brand.tiers).key }));
    await db.query(
      `update members m set tier = v.next, tier_since = case when v.next = 'normal' then null else $4::date end
       from unnest($1::bigint[], $2::text[], $3::text[]) as v(id, tier, next)
       where m.id = v.id and m.tier = v.tier`,
      [decided.map((d) => d.id), decided.map((d) => d.tier), decided.map((d) => d.next), today],
    );
    for (const d of decided) {
      const move = order.indexOf(d.next) - order.indexOf(d.tier);
      totals[move > 0 ? 'upgraded' : move < 0 ? 'downgraded' : 'kept']++;
    }
    totals.evaluated += decided.length;
    onProgress?.(totals.evaluated);
  }
}
