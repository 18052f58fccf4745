import type { GroupStats, GuideDashboard, ShareStats } from '../../contract';
import { addDays, businessDay, startOfBusinessDay, toBrandIso } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';

/** Shares and groups listed: the most useful ones, within WeChat's setData budget. */
const LISTED = 50;

interface TotalsRow {
  shares: number;
  clicks: number;
  orders: number;
  gmv_fen: string;
  members: number;
  new_members_today: number;
}

interface ShareRow {
  id: string;
  product_id: string | null;
  product_name: string | null;
  product_image: string | null;
  created_at: Date;
  clicks: number;
  orders: number;
  gmv_fen: string;
}

interface GroupRow {
  group_id: string;
  name: string | null;
  active_members: number;
  clicks: number;
  orders: number;
  gmv_fen: string;
  buyers: number;
}

/**
 * 导购看板 over the last `days` brand days (today included): what my shares brought — clicks
 * (distinct viewers), paid orders and their GMV (the goods, without shipping; refunded orders no
 * longer count), my members —
 * per share and per group I reached, each group under the name staff gave it. A click counts in
 * the period when its latest open falls in it; an order when it was paid in it, through one of
 * my shares (a guide's, and an admin's too). Three set-based statements, whatever the number of
 * shares.
 */
export async function guideDashboard(ctx: UseCaseContext, actor: Actor, params: { days?: 1 | 7 | 30 }): Promise<GuideDashboard> {
  const days = params.days ?? 7;
  const { timeZone } = ctx.brand;
  const today = businessDay(ctx.now, timeZone);
  const since = addDays(today, 1 - days);
  const window = [actor.memberId, startOfBusinessDay(since, timeZone), ctx.now] as const;
  const [totals, shares, groups] = await Promise.all([
    ctx.db.query<TotalsRow>(
      `select
         (select count(*)::int from shares where sharer_id = $1 and created_at between $2 and $3) as shares,
         (select count(distinct c.viewer_id)::int from share_clicks c join shares s on s.id = c.share_id
           where s.sharer_id = $1 and c.last_clicked_at between $2 and $3) as clicks,
         sales.orders, sales.gmv_fen,
         (select count(*)::int from members where guide_id = $1) as members,
         (select count(*)::int from members where guide_id = $1 and guide_bound_at >= $4) as new_members_today
       from (select count(*)::int as orders, coalesce(sum(o.total_fen - o.shipping_fen), 0)::int8 as gmv_fen
             from orders o join shares s on s.id = o.share_id
             where s.sharer_id = $1 and o.paid_at between $2 and $3 and o.refunded_at is null) sales`,
      [...window, startOfBusinessDay(today, timeZone)],
    ),
    ctx.db.query<ShareRow>(
      `with mine as (
         select id, product_id, created_at from shares where sharer_id = $1
       ), clicks as (
         select c.share_id, count(*)::int as n from share_clicks c join mine on mine.id = c.share_id
         where c.last_clicked_at between $2 and $3 group by c.share_id
       ), sales as (
         select o.share_id, count(*)::int as n, sum(o.total_fen - o.shipping_fen)::int8 as gmv from orders o join mine on mine.id = o.share_id
         where o.paid_at between $2 and $3 and o.refunded_at is null group by o.share_id
       )
       select mine.id, mine.product_id, p.name as product_name, p.images[1] as product_image, mine.created_at,
         coalesce(clicks.n, 0) as clicks, coalesce(sales.n, 0) as orders, coalesce(sales.gmv, 0) as gmv_fen
       from mine
       left join clicks on clicks.share_id = mine.id
       left join sales on sales.share_id = mine.id
       left join products p on p.id = mine.product_id
       where mine.created_at between $2 and $3 or clicks.n is not null or sales.n is not null
       order by mine.created_at desc, mine.id desc
       limit $4`,
      [...window, LISTED],
    ),
    ctx.db.query<GroupRow>(
      `with clicked as (
         select c.group_id, count(distinct c.viewer_id)::int as clicks
         from share_clicks c join shares s on s.id = c.share_id
         where s.sharer_id = $1 and c.group_id is not null and c.last_clicked_at between $2 and $3
         group by c.group_id
       ), sales as (
         select o.group_id, count(*)::int as orders, sum(o.total_fen - o.shipping_fen)::int8 as gmv, count(distinct o.member_id)::int as buyers
         from orders o join shares s on s.id = o.share_id
         where s.sharer_id = $1 and o.group_id is not null and o.paid_at between $2 and $3 and o.refunded_at is null
         group by o.group_id
       ), reached as (
         select group_id from clicked union select group_id from sales
       ), active as (
         select v.group_id, count(distinct v.member_id)::int as n
         from group_visits v join reached using (group_id)
         where v.day between $4::date and $5::date group by v.group_id
       )
       select reached.group_id, g.name, coalesce(active.n, 0) as active_members, coalesce(clicked.clicks, 0) as clicks,
         coalesce(sales.orders, 0) as orders, coalesce(sales.gmv, 0) as gmv_fen, coalesce(sales.buyers, 0) as buyers
       from reached
       left join clicked using (group_id)
       left join sales using (group_id)
       left join active using (group_id)
       left join wechat_groups g using (group_id)
       order by clicks desc, gmv_fen desc, reached.group_id
       limit $6`,
      [...window, since, today, LISTED],
    ),
  ]);
  const t = totals.rows[0]!;
  return {
    days,
    since,
    totals: {
      shares: t.shares,
      clicks: t.clicks,
      orders: t.orders,
      gmvFen: Number(t.gmv_fen),
      members: t.members,
      newMembersToday: t.new_members_today,
    },
    shares: shares.rows.map(
      (s): ShareStats => ({
        shareId: s.id,
        product: s.product_id ? { id: s.product_id, name: s.product_name!, imageUrl: s.product_image } : null,
        createdAt: toBrandIso(s.created_at, timeZone),
        clicks: s.clicks,
        orders: s.orders,
        gmvFen: Number(s.gmv_fen),
      }),
    ),
    groups: groups.rows.map(
      (g): GroupStats => ({
        groupId: g.group_id,
        name: g.name,
        activeMembers: g.active_members,
        clicks: g.clicks,
        orders: g.orders,
        gmvFen: Number(g.gmv_fen),
        // Buyers whose click was before the period can outnumber its clickers: never above 100%.
        conversion: g.clicks > 0 ? Math.min(1, g.buyers / g.clicks) : 0,
      }),
    ),
  };
}
