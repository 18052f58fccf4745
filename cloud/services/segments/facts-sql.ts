/**
 * What every member_facts column is, said once in SQL and used by both ways of writing the read
 * model: afresh for a range of members (refresh-facts.ts) and the nightly update of the members
 * whose facts moved (update-facts.ts). What the columns mean (D is the run's brand day; "in N
 * days" is the N days up to and including D; days of timestamps are brand days):
 * - a visit is a member_visits day; an active day is a visit, a check-in day (not a 补签) or the
 *   day of a paid order; last_active_on is the latest of them, active_days_90 counts them in 90
 *   days, median_interval_days is the median gap between consecutive active days in 90 days
 *   (rounded to 0.1; null with fewer than two);
 * - a paid order is a shop order (not a mall redemption) paid and not refunded; GMV is its total
 *   without shipping; categories, sizes, colours, the average item price (price band) and the
 *   shares of orders with a coupon / on 会员日 / from a 秒杀 / in the 夜市 cover 365 days; shares
 *   are rounded to 0.001 and 0 without orders; the top size and colour are the ones bought most
 *   often (ties: the smaller text);
 * - current_streak is the streak of the latest check-in when that was D or D − 1, else 0;
 *   last_checkin_on is the latest real check-in (not a 补签);
 * - categories viewed and views of a product during its 新款 window cover 30 days;
 * - points expiring in 30 days are open lots expiring from D to D + 30;
 * - share clicks are the distinct viewers whose first click on one of the member's shares was
 *   in 30 days; invites rewarded count all time; groups seen count in 90 days.
 * RFM scores, the churn flag and the layer are a later step's (assign-layers.ts).
 *
 * Statements built here take $1 = D and $2 = the brand's time zone (and the update $3 = P, the
 * day the read model held); a scope says which members each group of columns is computed for.
 */
import { PRICE_BANDS } from '../../domain/member-facts';

/**
 * The columns that move together, each group read from its own events. 'rhythm' (the active
 * days) is updated from the row's own list and the new days; 'rhythm_full' lists the members whose
 * list is read again from 90 days of history (a refund can take a day away). Visits and
 * check-ins are the row's counts less the days that left their windows plus the new days
 * (visitDelta, checkinDelta); 'checkins_full' lists the members with a 补签 made since the last
 * run, whose 90 days are read again (a 补签 lengthens the streaks after it).
 */
export const FACTS_GROUPS = [
  'visits', 'checkins', 'checkins_full', 'orders', 'rhythm', 'rhythm_full', 'views', 'draws', 'redemptions', 'expiring', 'shares', 'clicks', 'invites', 'groups',
] as const;
export type FactsGroup = (typeof FACTS_GROUPS)[number];

/** A predicate on a member id column: the members a group (or 'member': the members row) is computed for. */
export type FactsScope = (group: FactsGroup | 'member', column: string) => string;

interface FactsColumn {
  name: string;
  /** 'member': copied from the members row, always current. */
  group: FactsGroup | 'member';
  sql: string;
  /**
   * The value when the group reads only recent events (visits in 30 days, check-ins in 90): an
   * all-time fact is the greater of the row's and the recent one.
   */
  recent?: string;
}

/** priceBandOf (domain/member-facts.ts) in SQL, from the same bands. */
function priceBandSql(expr: string): string {
  const arms = [...PRICE_BANDS].reverse().map((b) => `when ${expr} >= ${b.fromFen} then '${b.key}'`);
  return `case ${arms.join(' ')} end`;
}

const shareOf = (count: string) => `coalesce(round(ord.${count}::numeric / nullif(ord.o365, 0), 3), 0)`;

/**
 * Check-in columns: from 90 days of check-ins (ck) afresh and for a member with a 补签 since the
 * last run (`reread`: an all-time fact taken with the row's); otherwise the row's less what left
 * plus what is new (cd).
 */
function checkinColumns(columns: Array<{ name: string; sql: string; reread?: string; delta: string }>): FactsColumn[] {
  return columns.map((c) => ({
    name: c.name,
    group: 'checkins' as const,
    sql: c.sql,
    recent: `case when d_checkins_full.member_id is not null then ${c.reread ?? c.sql} else ${c.delta} end`,
  }));
}

const COLUMNS: FactsColumn[] = [
  { name: 'joined_on', group: 'member', sql: 'm.joined_on' },
  { name: 'source', group: 'member', sql: 'm.source' },
  { name: 'tier', group: 'member', sql: 'm.tier' },
  { name: 'birthday_month', group: 'member', sql: 'm.birthday_month' },
  { name: 'guide_id', group: 'member', sql: 'm.guide_id' },
  { name: 'points_balance', group: 'member', sql: 'm.points_balance' },
  { name: 'last_visit_on', group: 'visits', sql: 'visits.last_visit_on', recent: 'greatest(t.last_visit_on, vd.newest)' },
  { name: 'visit_days_7', group: 'visits', sql: 'coalesce(visits.d7, 0)', recent: 't.visit_days_7 - coalesce(vd.left7, 0) + coalesce(vd.new7, 0)' },
  { name: 'visit_days_30', group: 'visits', sql: 'coalesce(visits.d30, 0)', recent: 't.visit_days_30 - coalesce(vd.left30, 0) + coalesce(vd.new30, 0)' },
  ...checkinColumns([
    { name: 'checkins_30', sql: 'coalesce(ck.c30, 0)', delta: 't.checkins_30 - coalesce(cd.left30, 0) + coalesce(cd.new30, 0)' },
    { name: 'checkins_90', sql: 'coalesce(ck.c90, 0)', delta: 't.checkins_90 - coalesce(cd.left90, 0) + coalesce(cd.new90, 0)' },
    {
      name: 'current_streak',
      sql: 'case when ck.latest_day >= $1::date - 1 then ck.latest_streak else 0 end',
      delta: 'case when cd.latest_day >= $1::date - 1 then cd.latest_streak else 0 end',
    },
    {
      name: 'longest_streak',
      sql: 'coalesce(ck.longest, 0)',
      reread: 'greatest(t.longest_streak, ck.longest)',
      delta: 'greatest(t.longest_streak, cd.longest)',
    },
    { name: 'last_checkin_on', sql: 'ck.last_checkin', reread: 'greatest(t.last_checkin_on, ck.last_checkin)', delta: 'greatest(t.last_checkin_on, cd.last_checkin)' },
  ]),
  { name: 'orders_90', group: 'orders', sql: 'coalesce(ord.o90, 0)' },
  { name: 'orders_365', group: 'orders', sql: 'coalesce(ord.o365, 0)' },
  { name: 'gmv_90_fen', group: 'orders', sql: 'coalesce(ord.g90, 0)' },
  { name: 'gmv_365_fen', group: 'orders', sql: 'coalesce(ord.g365, 0)' },
  { name: 'first_order_on', group: 'orders', sql: 'ord.first_order_on' },
  { name: 'last_order_on', group: 'orders', sql: 'ord.last_order_on' },
  { name: 'categories_bought', group: 'orders', sql: "coalesce(bought.categories, '{}')" },
  { name: 'top_size', group: 'orders', sql: 'sizes.size' },
  { name: 'top_color', group: 'orders', sql: 'colors.color' },
  { name: 'avg_order_fen', group: 'orders', sql: 'ord.avg_item_fen' },
  { name: 'price_band', group: 'orders', sql: priceBandSql('ord.avg_item_fen') },
  { name: 'coupon_share', group: 'orders', sql: shareOf('with_coupon') },
  { name: 'member_day_share', group: 'orders', sql: shareOf('on_member_day') },
  { name: 'flash_share', group: 'orders', sql: shareOf('from_flash') },
  { name: 'night_share', group: 'orders', sql: shareOf('at_night') },
  {
    name: 'active_days',
    group: 'rhythm',
    sql: "coalesce(rhythm.days, '{}')",
    recent: `case when d_rhythm_full.member_id is not null then coalesce(rhythm.days, '{}')
              else array(select distinct d from unnest(t.active_days || news_days.days) d where d > $1::date - 90 order by d) end`,
  },
  { name: 'categories_viewed', group: 'views', sql: "coalesce(views.categories, '{}')" },
  { name: 'new_launch_views_30', group: 'views', sql: 'coalesce(views.new_launch, 0)' },
  { name: 'lottery_draws_30', group: 'draws', sql: 'coalesce(draws.n, 0)' },
  { name: 'redemptions_365', group: 'redemptions', sql: 'coalesce(redeemed.n, 0)' },
  { name: 'points_expiring_30', group: 'expiring', sql: 'coalesce(expiring.n, 0)' },
  { name: 'shares_30', group: 'shares', sql: 'coalesce(shared.n, 0)' },
  { name: 'share_clicks_30', group: 'clicks', sql: 'coalesce(clicks.n, 0)' },
  { name: 'invites_rewarded', group: 'invites', sql: 'coalesce(invites.n, 0)' },
  { name: 'groups_seen_90', group: 'groups', sql: 'coalesce(grp.n, 0)' },
];

/**
 * The median gap between consecutive days of an ascending date[] (rounded to 0.1; null with fewer
 * than two): the list is sorted already, so no window and no sort of the days.
 */
const medianGap = (days: string) =>
  `(select round((percentile_cont(0.5) within group (order by ${days}[i + 1] - ${days}[i]))::numeric, 1)
    from generate_subscripts(${days}, 1) i where i < cardinality(${days}))`;

/** Columns said from other columns of the row, over `x`. */
const DERIVED = [
  { name: 'last_active_on', sql: 'greatest(x.last_visit_on, x.last_checkin_on, x.last_order_on)' },
  { name: 'active_days_90', sql: 'cardinality(x.active_days)' },
  { name: 'median_interval_days', sql: medianGap('x.active_days') },
];

/** The read model's current run (facts_state.run), stamped on the rows a statement changes. */
export const FACTS_RUN = '(select run from facts_state)';

/** Every column the read model's statements write. */
export const WRITTEN_COLUMNS = [...COLUMNS.map((c) => c.name), ...DERIVED.map((d) => d.name)];

/** Each group's CTEs joined to `m` by member id (the alias and the key column). */
const JOINS: Array<[alias: string, group: FactsGroup]> = [
  ['visits', 'visits'], ['ck', 'checkins'], ['ord', 'orders'], ['bought', 'orders'], ['sizes', 'orders'], ['colors', 'orders'],
  ['rhythm', 'rhythm'], ['views', 'views'], ['draws', 'draws'], ['redeemed', 'redemptions'], ['expiring', 'expiring'],
  ['shared', 'shares'], ['clicks', 'clicks'], ['invites', 'invites'], ['grp', 'groups'],
];

/** A paid shop order counts (paid, not refunded, not a mall redemption) up to D. */
const PAID = `o.paid_at is not null and o.refunded_at is null and o.mall_item_id is null and (o.paid_at at time zone $2)::date <= $1::date`;

/**
 * The CTEs computing each group for its scope. `recent`: visits read 30 days and check-ins 90
 * (the longest windows their counts have), the all-time facts taken with the row's (FactsColumn.recent).
 */
function groupCtes(scope: FactsScope, recent: boolean): string {
  const since = (days: number) => (recent ? ` and day > $1::date - ${days}` : '');
  return `
     m as (
       select id, (created_at at time zone $2)::date as joined_on, coalesce(source, 'direct') as source, tier,
              extract(month from birthday)::smallint as birthday_month, guide_id, points_balance
       from members where ${scope('member', 'id')} and deleted_at is null and role = 'member'
     ),
     visits as (
       select member_id, max(day) as last_visit_on,
              count(*) filter (where day > $1::date - 7) as d7,
              count(*) filter (where day > $1::date - 30) as d30
       from member_visits where ${scope('visits', 'member_id')} and day <= $1::date${since(30)} group by member_id
     ),
     ck as (
       select member_id, count(*) filter (where day > $1::date - 30) as c30, count(*) filter (where day > $1::date - 90) as c90,
              max(streak) as longest, max(day) filter (where kind = 'checkin') as last_checkin,
              (array_agg(streak order by day desc))[1] as latest_streak, max(day) as latest_day
       from checkins where ${scope('checkins_full', 'member_id')} and day <= $1::date${since(90)} group by member_id
     ),
     paid as (
       select o.member_id, (o.paid_at at time zone $2)::date as day, o.total_fen - o.shipping_fen as goods_fen,
              o.unit_price_fen, o.qty, o.coupon_id, o.member_day, o.flash_sale_id, o.night_market, o.category_id, o.sku_id
       from orders o where ${scope('orders', 'o.member_id')} and ${PAID}
     ),
     ord as (
       select member_id, min(day) as first_order_on, max(day) as last_order_on,
              count(*) filter (where day > $1::date - 90) as o90, count(*) filter (where day > $1::date - 365) as o365,
              coalesce(sum(goods_fen) filter (where day > $1::date - 90), 0) as g90,
              coalesce(sum(goods_fen) filter (where day > $1::date - 365), 0) as g365,
              round(sum(unit_price_fen::bigint * qty) filter (where day > $1::date - 365) / nullif(sum(qty) filter (where day > $1::date - 365), 0)) as avg_item_fen,
              count(*) filter (where day > $1::date - 365 and coupon_id is not null) as with_coupon,
              count(*) filter (where day > $1::date - 365 and member_day) as on_member_day,
              count(*) filter (where day > $1::date - 365 and flash_sale_id is not null) as from_flash,
              count(*) filter (where day > $1::date - 365 and night_market) as at_night
       from paid group by member_id
     ),
     bought as (
       select p.member_id, array_agg(distinct c.name order by c.name) as categories
       from paid p join categories c on c.id = p.category_id where p.day > $1::date - 365 group by p.member_id
     ),
     sizes as (
       select distinct on (p.member_id) p.member_id, s.size from paid p join product_skus s on s.id = p.sku_id
       where p.day > $1::date - 365 group by p.member_id, s.size order by p.member_id, count(*) desc, s.size
     ),
     colors as (
       select distinct on (p.member_id) p.member_id, s.color from paid p join product_skus s on s.id = p.sku_id
       where p.day > $1::date - 365 group by p.member_id, s.color order by p.member_id, count(*) desc, s.color
     ),
     act as (
       select member_id, day from member_visits where ${scope('rhythm_full', 'member_id')} and day > $1::date - 90 and day <= $1::date
       union
       select member_id, day from checkins where ${scope('rhythm_full', 'member_id')} and kind = 'checkin' and day > $1::date - 90 and day <= $1::date
       union
       select o.member_id, (o.paid_at at time zone $2)::date from orders o
       where ${scope('rhythm_full', 'o.member_id')} and ${PAID} and (o.paid_at at time zone $2)::date > $1::date - 90
     ),
     rhythm as (select member_id, array_agg(day order by day) as days from act group by member_id),${recent ? newsDaysCte(scope) + deltaCtes(scope) : ''}
     views as (
       select v.member_id,
              array_agg(distinct c.name order by c.name) as categories,
              count(*) filter (where p.launch_starts_at is not null and (p.launch_starts_at at time zone $2)::date <= v.day
                                 and (p.launch_ends_at is null or (p.launch_ends_at at time zone $2)::date >= v.day)) as new_launch
       from product_views v join products p on p.id = v.product_id join categories c on c.id = p.category_id
       where ${scope('views', 'v.member_id')} and v.day > $1::date - 30 and v.day <= $1::date group by v.member_id
     ),
     draws as (
       select member_id, count(*) as n from lottery_draws
       where ${scope('draws', 'member_id')} and (created_at at time zone $2)::date > $1::date - 30 and (created_at at time zone $2)::date <= $1::date
       group by member_id
     ),
     redeemed as (
       select member_id, count(*) as n from mall_redemptions
       where ${scope('redemptions', 'member_id')} and (created_at at time zone $2)::date > $1::date - 365 and (created_at at time zone $2)::date <= $1::date
       group by member_id
     ),
     expiring as (
       select member_id, sum(remaining) as n from points_lots
       where ${scope('expiring', 'member_id')} and remaining > 0 and expires_on between $1::date and $1::date + 30 group by member_id
     ),
     shared as (
       select sharer_id as member_id, count(*) as n from shares
       where ${scope('shares', 'sharer_id')} and (created_at at time zone $2)::date > $1::date - 30 and (created_at at time zone $2)::date <= $1::date
       group by sharer_id
     ),
     clicks as (
       select s.sharer_id as member_id, count(distinct k.viewer_id) as n from shares s join share_clicks k on k.share_id = s.id
       where ${scope('clicks', 's.sharer_id')}
         and (k.first_clicked_at at time zone $2)::date > $1::date - 30 and (k.first_clicked_at at time zone $2)::date <= $1::date
       group by s.sharer_id
     ),
     invites as (
       select inviter_id as member_id, count(*) as n from referrals
       where ${scope('invites', 'inviter_id')} and rewarded_at is not null and (rewarded_at at time zone $2)::date <= $1::date group by inviter_id
     ),
     grp as (
       select member_id, count(distinct group_id) as n from group_visits
       where ${scope('groups', 'member_id')} and day > $1::date - 90 and day <= $1::date group by member_id
     )`;
}

/**
 * Visits and check-ins of the listed members around the night: those that left the windows
 * (P − w + 1 … D − w, counted on P: not after the row's last) and the new ones (from P on, after the
 * row's last), so that a count is the row's less what left plus what came, reading days, not 30
 * or 90 days of history. The latest check-in from D − 1 on says whether the streak lives.
 */
const deltaCtes = (scope: FactsScope) => `
     vd as (
       select v.member_id,
              count(*) filter (where v.day between $3::date - 6 and $1::date - 7 and v.day <= f.last_visit_on) as left7,
              count(*) filter (where v.day between $3::date - 29 and $1::date - 30 and v.day <= f.last_visit_on) as left30,
              count(*) filter (where v.day > coalesce(f.last_visit_on, '-infinity') and v.day > $1::date - 7) as new7,
              count(*) filter (where v.day > coalesce(f.last_visit_on, '-infinity') and v.day > $1::date - 30) as new30,
              max(v.day) as newest
       from member_visits v join member_facts f on f.member_id = v.member_id
       where ${scope('visits', 'v.member_id')} and v.day <= $1::date
         and (v.day between $3::date - 29 and $1::date - 7 or v.day >= $3::date)
       group by v.member_id
     ),
     cd as (
       select c.member_id,
              count(*) filter (where c.day between $3::date - 29 and $1::date - 30 and not c.fresh) as left30,
              count(*) filter (where c.day between $3::date - 89 and $1::date - 90 and not c.fresh) as left90,
              count(*) filter (where c.fresh and c.day > $1::date - 30) as new30,
              count(*) filter (where c.fresh and c.day > $1::date - 90) as new90,
              max(c.streak) filter (where c.fresh) as longest,
              max(c.day) filter (where c.fresh and c.kind = 'checkin') as last_checkin,
              max(c.day) filter (where c.day >= $1::date - 1) as latest_day,
              (array_agg(c.streak order by c.day desc) filter (where c.day >= $1::date - 1))[1] as latest_streak
       from (
         select c.member_id, c.day, c.kind, c.streak, c.kind = 'checkin' and c.day > coalesce(f.last_checkin_on, '-infinity') as fresh
         from checkins c join member_facts f on f.member_id = c.member_id
         where ${scope('checkins', 'c.member_id')} and c.day <= $1::date
           and (c.day between $3::date - 89 and $1::date - 90 or c.day between $3::date - 29 and $1::date - 30 or c.day >= least($3::date, $1::date - 1))
       ) c
       group by c.member_id
     ),`;

/**
 * The active days of the rhythm-listed members from P ($3) on, and their paid orders' days in 90
 * days (a payment's notice can come a day late), to add to their lists.
 */
const newsDaysCte = (scope: FactsScope) => `
     news_act as (
       select member_id, day from member_visits where ${scope('rhythm', 'member_id')} and day between $3::date and $1::date
       union
       select member_id, day from checkins where ${scope('rhythm', 'member_id')} and kind = 'checkin' and day between $3::date and $1::date
       union
       select o.member_id, (o.paid_at at time zone $2)::date from orders o
       where ${scope('rhythm', 'o.member_id')} and ${PAID} and (o.paid_at at time zone $2)::date > $1::date - 90
     ),
     news_days as (select member_id, array_agg(day) as days from news_act group by member_id),`;

const joinsSql = (recent: boolean) =>
  // The update counts visits from vd, never from 30 days of them.
  [...JOINS.map(([alias]) => alias).filter((alias) => !(recent && alias === 'visits')), ...(recent ? ['news_days', 'vd', 'cd'] : [])].map((alias) => `left join ${alias} on ${alias}.member_id = m.id`).join('\n     ');
const withDerived = `, ${DERIVED.map((d) => `${d.sql} as ${d.name}`).join(', ')}`;

/** Every fact of the scope's members, read from their whole history, inserted or overwritten. */
export function factsAfreshSql(scope: FactsScope): string {
  return `with ${groupCtes(scope, false)},
     x as (
       select m.id as member_id, ${COLUMNS.map((c) => `${c.sql} as ${c.name}`).join(', ')}
       from m
     ${joinsSql(false)}
     )
     insert into member_facts (member_id, ${WRITTEN_COLUMNS.join(', ')}, changed_in)
     select x.*${withDerived}, ${FACTS_RUN} from x
     on conflict (member_id) do update set ${WRITTEN_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, changed_in = excluded.changed_in`;
}

/**
 * The facts of members that have a row, each group recomputed only where the member is listed
 * for it in facts_dirty (grp, member_id) and kept from the row elsewhere; a row is written only
 * when something in it changed (and then stamped with the run).
 */
export function factsUpdateSql(): string {
  const scope: FactsScope = (group, column) =>
    group === 'member'
      ? `${column} in (select member_id from facts_dirty)`
      : `${column} in (select member_id from facts_dirty where grp = '${group}')`;
  const dirtyJoins = FACTS_GROUPS.map((g) => `left join facts_dirty d_${g} on d_${g}.grp = '${g}' and d_${g}.member_id = m.id`).join('\n     ');
  const values = COLUMNS.map((c) => {
    if (c.group === 'member') return `${c.sql} as ${c.name}`;
    return `case when d_${c.group}.member_id is not null then ${c.recent ?? c.sql} else t.${c.name} end as ${c.name}`;
  });
  return `with ${groupCtes(scope, true)},
     -- Materialised: each value (the merged list of active days above all) is computed once, not
     -- once for every place the derived columns and the comparison below name it.
     x as materialized (
       select m.id as member_id, ${values.join(', ')}
       from m join member_facts t on t.member_id = m.id
     ${dirtyJoins}
     ${joinsSql(true)}
     ),
     y as materialized (select x.*${withDerived} from x)
     update member_facts t set ${WRITTEN_COLUMNS.map((c) => `${c} = y.${c}`).join(', ')}, changed_in = ${FACTS_RUN}
     from y
     where t.member_id = y.member_id
       and (${WRITTEN_COLUMNS.map((c) => `t.${c}`).join(', ')}) is distinct from (${WRITTEN_COLUMNS.map((c) => `y.${c}`).join(', ')})`;
}
