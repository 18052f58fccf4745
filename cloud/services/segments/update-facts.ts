/**
 * The nightly update of the read model: only the members whose facts moved since the night the
 * read model holds (facts_state: day P, that run's clock), each group of columns (facts-sql.ts)
 * recomputed for the members listed for it and nothing else rewritten. A member's group moved
 * when one of its events is news — dated from P on, or created since P's run (less a margin for
 * transactions still open then) — or when one of its windows lets go of a day: from P to D a
 * 30-day count drops the days P − 29 … D − 30. Everything else in a row holds as it was, so the
 * update equals writing every member afresh (a test holds it to that) at a fraction of the work.
 *
 * Written afresh instead (the first night, and whenever this can't be sure): no state, other
 * definitions (FACTS_VERSION), another catalogue or time zone (what views, sizes and categories
 * are read through), a day before P, or more than MAX_GAP_DAYS since it.
 */
import type { Queryable } from '../../db/port';
import { FACTS_GROUPS, factsUpdateSql, type FactsGroup } from './facts-sql';
import { dropGoneMembers, refreshFacts } from './refresh-facts';

/** Bump when a column's definition changes: the next night writes every member afresh. */
export const FACTS_VERSION = 2;
/** Beyond this many days since the last night, most windows have turned over: afresh is cheaper. */
export const MAX_GAP_DAYS = 30;
/** Rows created this long before the last run's clock count as news too (its open transactions). */
const NEWS_MARGIN = '10 minutes';
/**
 * What a payment stamps (orders.paid_at, the redemption it completes, the inviter's reward) carries
 * WeChat Pay's success time, not the time the notice came: WeChat retries a notice for about a
 * day, so those count as news from two days before the last run's clock.
 */
const PAYMENT_NEWS_MARGIN = '2 days';

/**
 * What the facts are read through beside the events, as text to compare: the catalogue's
 * category names, sizes and colours, products' categories and launch windows, and the time zone.
 */
async function factsInputs(tx: Queryable, timeZone: string): Promise<string> {
  const { rows } = await tx.query<{ digest: string }>(
    `select md5(concat_ws('|', $1::text,
       (select string_agg(id || ':' || name, ',' order by id) from categories),
       (select string_agg(id || ':' || coalesce(size, '') || ':' || coalesce(color, ''), ',' order by id) from product_skus),
       (select string_agg(id || ':' || category_id || ':' || coalesce(launch_starts_at::text, '') || ':' || coalesce(launch_ends_at::text, ''), ',' order by id) from products)
     )) as digest`,
    [timeZone],
  );
  return rows[0]!.digest;
}

export interface FactsState {
  day: string;
  computedAt: Date;
}

/** The state to update from, or null when the read model must be written afresh. */
export async function updatableFrom(tx: Queryable, day: string, timeZone: string): Promise<(FactsState & { inputs: string }) | null> {
  const { rows } = await tx.query<{ day: string; computed_at: Date; version: number; inputs: string; gap: number }>(
    `select day, computed_at, version, inputs, $1::date - day as gap from facts_state`,
    [day],
  );
  const state = rows[0];
  if (!state || state.version !== FACTS_VERSION || state.gap < 0 || state.gap > MAX_GAP_DAYS) return null;
  const inputs = await factsInputs(tx, timeZone);
  if (state.inputs !== inputs) return null;
  return { day: state.day, computedAt: state.computed_at, inputs };
}

/**
 * A writing afresh begins: its clock is the one news is counted from next time (a batch written
 * early misses what comes later), and until it ends no night may update from the state.
 */
export async function beginAfresh(tx: Queryable, day: string, now: Date, timeZone: string): Promise<void> {
  // Every row is rewritten: the tags are judged for every row after it (tags_run null). The
  // catalogue's digest is the one the first batch reads with (kept while version is 0).
  await tx.query(
    `insert into facts_state (day, computed_at, version, inputs, run) values ($1, $2, 0, $3, 1)
     on conflict (singleton) do update set day = excluded.day, computed_at = excluded.computed_at, version = 0, inputs = excluded.inputs,
       run = facts_state.run + 1, tags_run = null, tags_day = null`,
    [day, now, await factsInputs(tx, timeZone)],
  );
}

/**
 * Records that the read model now holds `day` as read with `inputs`: as of `now` for an update;
 * for a writing afresh (`now` and `inputs` null), as of the clock and digest it began with.
 */
export async function recordFactsState(tx: Queryable, day: string, now: Date | null, inputs: string | null): Promise<void> {
  await tx.query(
    `update facts_state set day = $1, computed_at = coalesce($2, computed_at), version = $3, inputs = coalesce($4, inputs)`,
    [day, now, FACTS_VERSION, inputs],
  );
}

/** day(col) in [from, to], for a timestamp column, as a range the column's index can use. */
const onDays = (col: string, from: string, to: string) =>
  `(${col} >= ((${from})::timestamp at time zone $2) and ${col} < ((${to} + 1)::timestamp at time zone $2))`;
/** The days a window of `days` lets go of from P ($3) to D ($1): P − days + 1 … D − days. */
const leaving = (days: number) => [`$3::date - ${days - 1}`, `$1::date - ${days}`] as const;
const dayLeaving = (col: string, days: number) => `${col} between ${leaving(days)[0]} and ${leaving(days)[1]}`;
const tsLeaving = (col: string, days: number) => onDays(col, ...leaving(days));
/** News: a day from P on, or a row created since the last run ($4). */
const dayNews = (col: string) => `${col} between $3::date and $1::date`;
const tsNews = (col: string) => `${col} >= $4::timestamptz - interval '${NEWS_MARGIN}'`;
const paidNews = (col: string) => `${col} >= $4::timestamptz - interval '${PAYMENT_NEWS_MARGIN}'`;

/**
 * Who is listed for which group: one statement each, all with $1 = D, $2 = time zone, $3 = P,
 * $4 = the last run's clock.
 */
const DIRTY: Record<FactsGroup, string> = {
  // A new visit day is one after the row's last (an earlier one from P on was counted already).
  visits: `select v.member_id from member_visits v join member_facts f on f.member_id = v.member_id
             where ${dayNews('v.day')} and v.day > coalesce(f.last_visit_on, '-infinity')
           union select member_id from member_visits where ${dayLeaving('day', 7)} or ${dayLeaving('day', 30)}`,
  // New check-ins as visits, counts losing days, streaks whose latest check-in was P − 1 … D − 2
  // (they end on D), and 补签 by when they were made.
  checkins: `select c.member_id from checkins c join member_facts f on f.member_id = c.member_id
               where ${dayNews('c.day')} and c.day > coalesce(f.last_checkin_on, '-infinity')
             union select member_id from checkins where day between $3::date - 1 and $1::date - 2 or ${dayLeaving('day', 30)} or ${dayLeaving('day', 90)}
             union select member_id from checkins where kind = 'makeup' and ${tsNews('created_at')}`,
  checkins_full: `select member_id from checkins where kind = 'makeup' and ${tsNews('created_at')}`,
  orders: `select member_id from orders where ${paidNews('paid_at')} or ${tsNews('refunded_at')}
           or ${tsLeaving('paid_at', 90)} or ${tsLeaving('paid_at', 365)}`,
  // A new active day is one not in the row's list yet (a day from P on that a run before saw is in
  // it; one a run missed comes the next night); a day leaves when the list's first is D − 90 or
  // before.
  rhythm: `select v.member_id from member_visits v join member_facts f on f.member_id = v.member_id
             where v.day between $3::date and $1::date and not (v.day = any(f.active_days))
           union select c.member_id from checkins c join member_facts f on f.member_id = c.member_id
             where c.kind = 'checkin' and c.day between $3::date and $1::date and not (c.day = any(f.active_days))
           union select member_id from orders where ${paidNews('paid_at')} or ${tsNews('refunded_at')}
           union select member_id from member_facts where active_days[1] <= $1::date - 90`,
  rhythm_full: `select member_id from orders where ${tsNews('refunded_at')}`,
  views: `select member_id from product_views where ${dayNews('day')} or ${dayLeaving('day', 30)}`,
  draws: `select member_id from lottery_draws where ${tsNews('created_at')} or ${tsLeaving('created_at', 30)}`,
  redemptions: `select member_id from mall_redemptions where ${paidNews('created_at')} or ${tsLeaving('created_at', 365)}`,
  // A balance moves lots; the window [D, D + 30] lets go of P … D − 1 and takes in P + 31 … D + 30.
  expiring: `select member_id from points_ledger where ${tsNews('created_at')}
             union select member_id from points_lots where remaining > 0
               and (expires_on between $3::date and $1::date - 1 or expires_on between $3::date + 31 and $1::date + 30)`,
  shares: `select sharer_id from shares where ${tsNews('created_at')} or ${tsLeaving('created_at', 30)}`,
  clicks: `select s.sharer_id from share_clicks k join shares s on s.id = k.share_id
           where ${tsNews('k.first_clicked_at')} or ${tsLeaving('k.first_clicked_at', 30)}`,
  invites: `select inviter_id from referrals where ${paidNews('rewarded_at')}`,
  groups: `select member_id from group_visits where ${dayNews('day')} or ${dayLeaving('day', 90)}`,
};

export interface FactsUpdate {
  /** Rows rewritten (their facts moved). */
  updated: number;
  /** Members new since the last night, written afresh. */
  added: number;
  /** Members gone (注销, or now staff), their facts and rule tags dropped. */
  dropped: number;
  /** Members listed for at least one group. */
  listed: number;
}

export async function updateFacts(tx: Queryable, from: FactsState, day: string, timeZone: string): Promise<FactsUpdate> {
  await tx.query('update facts_state set run = run + 1');
  await tx.query(
    `create temp table facts_dirty (grp text not null, member_id bigint not null, primary key (grp, member_id)) on commit drop`,
  );
  for (const group of FACTS_GROUPS) {
    await tx.query(
      // The params CTE types every parameter, whichever of them the group's statement reads.
      `with params as (select $1::date, $2::text, $3::date, $4::timestamptz)
       insert into facts_dirty (grp, member_id) select distinct '${group}', member_id from (${DIRTY[group]}) news (member_id)
       where member_id is not null`,
      [day, timeZone, from.day, from.computedAt],
    );
  }
  // The members row's own columns moved (the day joined never does), and members new since.
  await tx.query(
    `insert into facts_dirty (grp, member_id)
     select 'member', m.id from members m join member_facts f on f.member_id = m.id
     where (coalesce(m.source, 'direct'), m.tier, extract(month from m.birthday)::smallint, m.guide_id, m.points_balance)
           is distinct from (f.source, f.tier, f.birthday_month, f.guide_id, f.points_balance)
     union all
     select 'new', m.id from members m
     where m.role = 'member' and m.deleted_at is null and not exists (select 1 from member_facts f where f.member_id = m.id)`,
  );
  await tx.query('analyze facts_dirty');
  const { rows } = await tx.query<{ n: string }>(`select count(distinct member_id) as n from facts_dirty`);
  const dropped = await dropGoneMembers(tx);
  const { rowCount: updated } = await tx.query(factsUpdateSql(), [day, timeZone, from.day]);
  const added = await refreshFacts(tx, 'new', day, timeZone);
  return { updated, added, dropped, listed: Number(rows[0]!.n) };
}
