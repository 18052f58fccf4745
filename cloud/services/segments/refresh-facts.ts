/**
 * The read model (member_facts): what each member did, one row per member, rewritten for a
 * range of member ids by one set-based statement. What the columns mean (D is the run's brand
 * day; "in N days" is the N days up to and including D; days of timestamps are brand days):
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
 * - categories viewed and views of a product during its 新款 window cover 30 days;
 * - points expiring in 30 days are open lots expiring from D to D + 30;
 * - share clicks are the distinct viewers whose first click on one of the member's shares was
 *   in 30 days; invites rewarded count all time; groups seen count in 90 days.
 * RFM scores, the churn flag and the layer are later steps' (assign-layers.ts); a refresh keeps them.
 */
import type { Queryable } from '../../db/port';
import { PRICE_BANDS } from '../../domain/member-facts';

export async function refreshFacts(tx: Queryable, range: { after: string; upTo: string }, day: string, timeZone: string): Promise<number> {
  const { rowCount } = await tx.query(
    `with
     m as (
       select id, (created_at at time zone $4)::date as joined_on, coalesce(source, 'direct') as source, tier,
              extract(month from birthday)::smallint as birthday_month, guide_id, points_balance
       from members where id > $1 and id <= $2 and deleted_at is null and role = 'member'
     ),
     visits as (
       select member_id, max(day) as last_visit_on,
              count(*) filter (where day > $3::date - 7) as d7,
              count(*) filter (where day > $3::date - 30) as d30
       from member_visits where member_id > $1 and member_id <= $2 and day <= $3::date group by member_id
     ),
     ck as (
       select member_id, count(*) filter (where day > $3::date - 30) as c30, count(*) filter (where day > $3::date - 90) as c90,
              max(streak) as longest, max(day) filter (where kind = 'checkin') as last_checkin,
              (array_agg(streak order by day desc))[1] as latest_streak, max(day) as latest_day
       from checkins where member_id > $1 and member_id <= $2 and day <= $3::date group by member_id
     ),
     paid as (
       select o.member_id, (o.paid_at at time zone $4)::date as day, o.total_fen - o.shipping_fen as goods_fen,
              o.unit_price_fen, o.qty, o.coupon_id, o.member_day, o.flash_sale_id, o.night_market, o.category_id, o.sku_id
       from orders o
       where o.member_id > $1 and o.member_id <= $2 and o.paid_at is not null and o.refunded_at is null and o.mall_item_id is null
         and (o.paid_at at time zone $4)::date <= $3::date
     ),
     ord as (
       select member_id, min(day) as first_order_on, max(day) as last_order_on,
              count(*) filter (where day > $3::date - 90) as o90, count(*) filter (where day > $3::date - 365) as o365,
              coalesce(sum(goods_fen) filter (where day > $3::date - 90), 0) as g90,
              coalesce(sum(goods_fen) filter (where day > $3::date - 365), 0) as g365,
              round(sum(unit_price_fen::bigint * qty) filter (where day > $3::date - 365) / nullif(sum(qty) filter (where day > $3::date - 365), 0)) as avg_item_fen,
              count(*) filter (where day > $3::date - 365 and coupon_id is not null) as with_coupon,
              count(*) filter (where day > $3::date - 365 and member_day) as on_member_day,
              count(*) filter (where day > $3::date - 365 and flash_sale_id is not null) as from_flash,
              count(*) filter (where day > $3::date - 365 and night_market) as at_night
       from paid group by member_id
     ),
     bought as (
       select p.member_id, array_agg(distinct c.name order by c.name) as categories
       from paid p join categories c on c.id = p.category_id where p.day > $3::date - 365 group by p.member_id
     ),
     sizes as (
       select distinct on (p.member_id) p.member_id, s.size from paid p join product_skus s on s.id = p.sku_id
       where p.day > $3::date - 365 group by p.member_id, s.size order by p.member_id, count(*) desc, s.size
     ),
     colors as (
       select distinct on (p.member_id) p.member_id, s.color from paid p join product_skus s on s.id = p.sku_id
       where p.day > $3::date - 365 group by p.member_id, s.color order by p.member_id, count(*) desc, s.color
     ),
     act as (
       select member_id, day from member_visits where member_id > $1 and member_id <= $2 and day > $3::date - 90 and day <= $3::date
       union
       select member_id, day from checkins where member_id > $1 and member_id <= $2 and kind = 'checkin' and day > $3::date - 90 and day <= $3::date
       union
       select member_id, day from paid where day > $3::date - 90
     ),
     gaps as (select member_id, day - lag(day) over (partition by member_id order by day) as gap from act),
     rhythm as (
       select member_id, count(*) as active_days, round((percentile_cont(0.5) within group (order by gap))::numeric, 1) as median_gap
       from gaps group by member_id
     ),
     views as (
       select v.member_id,
              array_agg(distinct c.name order by c.name) as categories,
              count(*) filter (where p.launch_starts_at is not null and (p.launch_starts_at at time zone $4)::date <= v.day
                                 and (p.launch_ends_at is null or (p.launch_ends_at at time zone $4)::date >= v.day)) as new_launch
       from product_views v join products p on p.id = v.product_id join categories c on c.id = p.category_id
       where v.member_id > $1 and v.member_id <= $2 and v.day > $3::date - 30 and v.day <= $3::date group by v.member_id
     ),
     draws as (
       select member_id, count(*) as n from lottery_draws
       where member_id > $1 and member_id <= $2 and (created_at at time zone $4)::date > $3::date - 30 and (created_at at time zone $4)::date <= $3::date
       group by member_id
     ),
     redeemed as (
       select member_id, count(*) as n from mall_redemptions
       where member_id > $1 and member_id <= $2 and (created_at at time zone $4)::date > $3::date - 365 and (created_at at time zone $4)::date <= $3::date
       group by member_id
     ),
     expiring as (
       select member_id, sum(remaining) as n from points_lots
       where member_id > $1 and member_id <= $2 and remaining > 0 and expires_on between $3::date and $3::date + 30 group by member_id
     ),
     shared as (
       select sharer_id as member_id, count(*) as n from shares
       where sharer_id > $1 and sharer_id <= $2 and (created_at at time zone $4)::date > $3::date - 30 and (created_at at time zone $4)::date <= $3::date
       group by sharer_id
     ),
     clicks as (
       select s.sharer_id as member_id, count(distinct k.viewer_id) as n from shares s join share_clicks k on k.share_id = s.id
       where s.sharer_id > $1 and s.sharer_id <= $2
         and (k.first_clicked_at at time zone $4)::date > $3::date - 30 and (k.first_clicked_at at time zone $4)::date <= $3::date
       group by s.sharer_id
     ),
     invites as (
       select inviter_id as member_id, count(*) as n from referrals
       where inviter_id > $1 and inviter_id <= $2 and rewarded_at is not null and (rewarded_at at time zone $4)::date <= $3::date group by inviter_id
     ),
     grp as (
       select member_id, count(distinct group_id) as n from group_visits
       where member_id > $1 and member_id <= $2 and day > $3::date - 90 and day <= $3::date group by member_id
     ),
     share_of as (
       select member_id,
              round(with_coupon::numeric / nullif(o365, 0), 3) as coupon_share, round(on_member_day::numeric / nullif(o365, 0), 3) as member_day_share,
              round(from_flash::numeric / nullif(o365, 0), 3) as flash_share, round(at_night::numeric / nullif(o365, 0), 3) as night_share
       from ord
     )
     insert into member_facts (
       member_id, day, joined_on, source, tier, birthday_month, guide_id, last_visit_on, visit_days_7, visit_days_30,
       checkins_30, checkins_90, current_streak, longest_streak, orders_90, orders_365, gmv_90_fen, gmv_365_fen,
       first_order_on, last_order_on, last_active_on, active_days_90, median_interval_days, categories_bought, categories_viewed,
       new_launch_views_30, top_size, top_color, avg_order_fen, price_band, coupon_share, member_day_share, flash_share, night_share,
       lottery_draws_30, redemptions_365, points_balance, points_expiring_30, shares_30, share_clicks_30, invites_rewarded, groups_seen_90
     )
     select m.id, $3::date, m.joined_on, m.source, m.tier, m.birthday_month, m.guide_id, visits.last_visit_on,
            coalesce(visits.d7, 0), coalesce(visits.d30, 0), coalesce(ck.c30, 0), coalesce(ck.c90, 0),
            case when ck.latest_day >= $3::date - 1 then ck.latest_streak else 0 end, coalesce(ck.longest, 0),
            coalesce(ord.o90, 0), coalesce(ord.o365, 0), coalesce(ord.g90, 0), coalesce(ord.g365, 0),
            ord.first_order_on, ord.last_order_on, greatest(visits.last_visit_on, ck.last_checkin, ord.last_order_on),
            coalesce(rhythm.active_days, 0), rhythm.median_gap, coalesce(bought.categories, '{}'), coalesce(views.categories, '{}'),
            coalesce(views.new_launch, 0), sizes.size, colors.color, ord.avg_item_fen,
            ${priceBandSql('ord.avg_item_fen')},
            coalesce(share_of.coupon_share, 0), coalesce(share_of.member_day_share, 0), coalesce(share_of.flash_share, 0), coalesce(share_of.night_share, 0),
            coalesce(draws.n, 0), coalesce(redeemed.n, 0), m.points_balance, coalesce(expiring.n, 0), coalesce(shared.n, 0), coalesce(clicks.n, 0),
            coalesce(invites.n, 0), coalesce(grp.n, 0)
     from m
     left join visits on visits.member_id = m.id
     left join ck on ck.member_id = m.id
     left join ord on ord.member_id = m.id
     left join share_of on share_of.member_id = m.id
     left join bought on bought.member_id = m.id
     left join sizes on sizes.member_id = m.id
     left join colors on colors.member_id = m.id
     left join rhythm on rhythm.member_id = m.id
     left join views on views.member_id = m.id
     left join draws on draws.member_id = m.id
     left join redeemed on redeemed.member_id = m.id
     left join expiring on expiring.member_id = m.id
     left join shared on shared.member_id = m.id
     left join clicks on clicks.member_id = m.id
     left join invites on invites.member_id = m.id
     left join grp on grp.member_id = m.id
     on conflict (member_id) do update set
       day = excluded.day, joined_on = excluded.joined_on, source = excluded.source, tier = excluded.tier,
       birthday_month = excluded.birthday_month, guide_id = excluded.guide_id, last_visit_on = excluded.last_visit_on,
       visit_days_7 = excluded.visit_days_7, visit_days_30 = excluded.visit_days_30, checkins_30 = excluded.checkins_30,
       checkins_90 = excluded.checkins_90, current_streak = excluded.current_streak, longest_streak = excluded.longest_streak,
       orders_90 = excluded.orders_90, orders_365 = excluded.orders_365, gmv_90_fen = excluded.gmv_90_fen, gmv_365_fen = excluded.gmv_365_fen,
       first_order_on = excluded.first_order_on, last_order_on = excluded.last_order_on, last_active_on = excluded.last_active_on,
       active_days_90 = excluded.active_days_90, median_interval_days = excluded.median_interval_days,
       categories_bought = excluded.categories_bought, categories_viewed = excluded.categories_viewed,
       new_launch_views_30 = excluded.new_launch_views_30, top_size = excluded.top_size, top_color = excluded.top_color,
       avg_order_fen = excluded.avg_order_fen, price_band = excluded.price_band, coupon_share = excluded.coupon_share,
       member_day_share = excluded.member_day_share, flash_share = excluded.flash_share, night_share = excluded.night_share,
       lottery_draws_30 = excluded.lottery_draws_30, redemptions_365 = excluded.redemptions_365, points_balance = excluded.points_balance,
       points_expiring_30 = excluded.points_expiring_30, shares_30 = excluded.shares_30, share_clicks_30 = excluded.share_clicks_30,
       invites_rewarded = excluded.invites_rewarded, groups_seen_90 = excluded.groups_seen_90`,
    [range.after, range.upTo, day, timeZone],
  );
  // Members who left (注销) or became staff have no facts, and no rule tags drawn from them.
  await tx.query(
    `delete from member_tags t using members m
     where t.member_id = m.id and t.source = 'rule' and m.id > $1 and m.id <= $2 and (m.deleted_at is not null or m.role <> 'member')`,
    [range.after, range.upTo],
  );
  await tx.query(
    `delete from member_facts f using members m
     where f.member_id = m.id and m.id > $1 and m.id <= $2 and (m.deleted_at is not null or m.role <> 'member')`,
    [range.after, range.upTo],
  );
  return rowCount;
}

/** priceBandOf (domain/member-facts.ts) in SQL, from the same bands. */
function priceBandSql(expr: string): string {
  const arms = [...PRICE_BANDS].reverse().map((b) => `when ${expr} >= ${b.fromFen} then '${b.key}'`);
  return `case ${arms.join(' ')} end`;
}
