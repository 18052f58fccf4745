import type { GuideMemberCoupon, GuideMemberDetail, GuideMemberOrder, OrderStatus } from '../../contract';
import { businessDay, toBrandIso } from '../../domain/business-day';
import { currentStreak } from '../../domain/streak';
import type { Actor, UseCaseContext } from '../context';
import { COUPON_VIEW_COLUMNS, toCouponView, type CouponRow } from '../coupons/coupon-view';
import { fail, type Failure } from '../failure';
import { memberSegmentation } from '../segments/member-segmentation';
import { GUIDE_MEMBER_COLUMNS, GUIDE_MEMBER_JOINS, toGuideMemberView, type GuideMemberRow } from './members';

const LISTED = 20;

interface DetailRow extends GuideMemberRow {
  guide_id: string | null;
  guide_nickname: string | null;
}

interface OrderRow {
  id: string;
  product_name: string;
  sku_label: string;
  image_url: string | null;
  qty: number;
  total_fen: number;
  status: OrderStatus;
  created_at: Date;
  paid_at: Date | null;
  total: number;
}

/**
 * One of my members: who they are, their check-in streak, their orders through me and their
 * coupons (without codes: a code is what the till accepts). A guide sees only the members bound
 * to them — any other member is 404, as if there were none; an admin sees any member, with the
 * orders through the guide the member is bound to.
 */
export async function guideMemberDetail(ctx: UseCaseContext, actor: Actor, params: { targetMemberId: string }): Promise<GuideMemberDetail | Failure> {
  const { timeZone } = ctx.brand;
  const { rows } = await ctx.db.query<DetailRow>(
    `select ${GUIDE_MEMBER_COLUMNS}, m.guide_id, g.nickname as guide_nickname
     from members m ${GUIDE_MEMBER_JOINS}
     left join members g on g.id = m.guide_id
     where m.id = $1 and m.deleted_at is null and ($2::bigint is null or m.guide_id = $2)`,
    [params.targetMemberId, actor.role === 'admin' ? null : actor.memberId],
  );
  const member = rows[0];
  if (!member) return fail('NOT_FOUND', '没有找到这位会员');
  const today = businessDay(ctx.now, timeZone);
  const [orders, coupons, checkins, segmentation] = await Promise.all([
    member.guide_id
      ? ctx.db.query<OrderRow>(
          `select id, product_name, sku_label, image_url, qty, total_fen, status, created_at, paid_at, count(*) over ()::int as total
           from orders where member_id = $1 and guide_id = $2 and paid_at is not null order by id desc limit $3`,
          [member.id, member.guide_id, LISTED],
        )
      : null,
    ctx.db.query<CouponRow>(
      `select ${COUPON_VIEW_COLUMNS} from coupons c join coupon_templates t on t.id = c.template_id
       where c.member_id = $1
       order by (c.used_at is null and c.valid_until >= $2::date) desc, c.id desc limit $3`,
      [member.id, today, LISTED],
    ),
    ctx.db.query<{ day: string | null; streak: number | null; days: number }>(
      `select l.day, l.streak, (select count(*)::int from checkins where member_id = $1) as days
       from (select 1) one left join lateral (
         select day, streak from checkins where member_id = $1 and day <= $2::date order by day desc limit 1
       ) l on true`,
      [member.id, today],
    ),
    memberSegmentation(ctx.db, member.id),
  ]);
  const latest = checkins.rows[0]!;
  return {
    member: { ...toGuideMemberView(member, ctx), joinedOn: businessDay(member.created_at, timeZone) },
    guide: member.guide_id ? { id: member.guide_id, nickname: member.guide_nickname, me: member.guide_id === actor.memberId } : null,
    checkin: {
      streak: currentStreak(latest.day ? { day: latest.day, streak: latest.streak! } : null, today),
      lastDay: latest.day,
      days: latest.days,
    },
    orders: (orders?.rows ?? []).map(
      (o): GuideMemberOrder => ({
        id: o.id,
        productName: o.product_name,
        skuLabel: o.sku_label,
        imageUrl: o.image_url,
        qty: o.qty,
        totalFen: o.total_fen,
        status: o.status,
        createdAt: toBrandIso(o.created_at, timeZone),
        paidAt: o.paid_at && toBrandIso(o.paid_at, timeZone),
      }),
    ),
    orderCount: orders?.rows[0]?.total ?? 0,
    coupons: coupons.rows.map((r): GuideMemberCoupon => {
      const { code: _code, ...coupon } = toCouponView(r, today, timeZone);
      return coupon;
    }),
    insight: { layer: segmentation.layer && { key: segmentation.layer.key, name: segmentation.layer.name }, churn: segmentation.churn, tags: segmentation.tags },
  };
}
