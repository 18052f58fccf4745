import type { GuideMembers, GuideMemberView, TierKey } from '../../contract';
import { businessDay, startOfBusinessDay, toBrandIso } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';

const PAGE = 20;

/** A member as a guide's lists show them: the columns, and the lateral joins they need (alias m). */
export const GUIDE_MEMBER_COLUMNS = `m.id, m.nickname, m.avatar_url, m.tier, m.guide_bound_at, m.created_at,
  v.last_visit_on, o.paid_orders, o.gmv_fen`;

/**
 * The member's last visit, and their paid orders (refunds excluded; whatever became of them after
 * payment) through the guide they are bound to.
 */
export const GUIDE_MEMBER_JOINS = `
  left join lateral (select max(day) as last_visit_on from member_visits where member_id = m.id) v on true
  left join lateral (
    select count(*)::int as paid_orders, coalesce(sum(total_fen - shipping_fen), 0)::int8 as gmv_fen
    from orders where member_id = m.id and guide_id = m.guide_id and paid_at is not null and refunded_at is null
  ) o on true`;

export interface GuideMemberRow {
  id: string;
  nickname: string | null;
  avatar_url: string | null;
  tier: TierKey;
  guide_bound_at: Date | null;
  created_at: Date;
  last_visit_on: string | null;
  paid_orders: number;
  gmv_fen: string;
}

export function toGuideMemberView(m: GuideMemberRow, ctx: UseCaseContext): Omit<GuideMemberView, 'boundAt'> & { boundAt: string | null } {
  return {
    id: m.id,
    nickname: m.nickname,
    avatarUrl: m.avatar_url,
    tier: { key: m.tier, name: ctx.brand.tiers.find((t) => t.key === m.tier)!.name },
    boundAt: m.guide_bound_at && toBrandIso(m.guide_bound_at, ctx.brand.timeZone),
    lastVisitOn: m.last_visit_on,
    paidOrders: m.paid_orders,
    gmvFen: Number(m.gmv_fen),
  };
}

/**
 * 我的会员: the members bound to me as their exclusive guide, newest binding first, each with
 * their last visit and what they bought through me, and how many I have. The cursor is the last
 * member of the previous page.
 */
export async function guideMembers(ctx: UseCaseContext, actor: Actor, params: { cursor?: string }): Promise<GuideMembers> {
  const { timeZone } = ctx.brand;
  const todayStarts = startOfBusinessDay(businessDay(ctx.now, timeZone), timeZone);
  const [page, counts] = await Promise.all([
    ctx.db.query<GuideMemberRow>(
      `select ${GUIDE_MEMBER_COLUMNS}
       from members m ${GUIDE_MEMBER_JOINS}
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
    // Every member listed is bound to me: boundAt is there.
    items: items.map((m) => toGuideMemberView(m, ctx) as GuideMemberView),
    nextCursor: page.rows.length > PAGE ? items.at(-1)!.id : null,
    total: counts.rows[0]!.total,
    newToday: counts.rows[0]!.new_today,
  };
}
