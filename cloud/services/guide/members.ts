import type { GuideMembers, TierKey } from '../../contract';
import { businessDay, startOfBusinessDay, toBrandIso } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';

const PAGE = 20;

interface MemberRow {
  id: string;
  nickname: string | null;
  avatar_url: string | null;
  tier: TierKey;
  guide_bound_at: Date;
  paid_orders: number;
  gmv_fen: string;
}

/**
 * 我的会员: the members bound to me as their exclusive guide, newest binding first, with what each
 * has bought (paid orders, refunds excluded, whoever brought the order), and how many I have.
 * The cursor is the last member of the previous page.
 */
export async function guideMembers(ctx: UseCaseContext, actor: Actor, params: { cursor?: string }): Promise<GuideMembers> {
  const { timeZone } = ctx.brand;
  const todayStarts = startOfBusinessDay(businessDay(ctx.now, timeZone), timeZone);
  const [page, counts] = await Promise.all([
    ctx.db.query<MemberRow>(
      `select m.id, m.nickname, m.avatar_url, m.tier, m.guide_bound_at, o.paid_orders, o.gmv_fen
       from members m
       left join lateral (
         select count(*)::int as paid_orders, coalesce(sum(total_fen), 0)::int8 as gmv_fen
         from orders where member_id = m.id and status = 'paid'
       ) o on true
       where m.guide_id = $1
         and ($2::bigint is null or (m.guide_bound_at, m.id) < (select guide_bound_at, id from members where id = $2::bigint))
       order by m.guide_bound_at desc, m.id desc
       limit $3`,
      [actor.memberId, params.cursor ?? null, PAGE + 1],
    ),
    ctx.db.query<{ total: number; new_today: number }>(
      `select count(*)::int as total, count(*) filter (where guide_bound_at >= $2)::int as new_today from members where guide_id = $1`,
      [actor.memberId, todayStarts],
    ),
  ]);
  const items = page.rows.slice(0, PAGE);
  return {
    items: items.map((m) => ({
      id: m.id,
      nickname: m.nickname,
      avatarUrl: m.avatar_url,
      tier: { key: m.tier, name: ctx.brand.tiers.find((t) => t.key === m.tier)!.name },
      boundAt: toBrandIso(m.guide_bound_at, timeZone),
      paidOrders: m.paid_orders,
      gmvFen: Number(m.gmv_fen),
    })),
    nextCursor: page.rows.length > PAGE ? items.at(-1)!.id : null,
    total: counts.rows[0]!.total,
    newToday: counts.rows[0]!.new_today,
  };
}
