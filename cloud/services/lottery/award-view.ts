import type { AwardView, ShippingAddress } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay, toBrandIso } from '../../domain/business-day';
import type { BrandSettings } from '../context';
import { COUPON_VIEW_COLUMNS, toCouponView, type CouponRow } from '../coupons/coupon-view';

interface AwardRow {
  id: string;
  created_at: Date;
  prize_id: string;
  kind: AwardView['prize']['kind'];
  name: string;
  coupon_id: string | null;
  points: number | null;
  fulfilment: AwardView['fulfilment'];
  address: ShippingAddress | null;
}

/** Awards with their prize and coupon, newest first. */
export async function loadAwards(
  db: Queryable,
  brand: BrandSettings,
  now: Date,
  where: { memberId: string; awardId?: string; drawId?: string; before?: string; limit: number },
): Promise<AwardView[]> {
  const { rows } = await db.query<AwardRow>(
    `select a.id, a.created_at, a.prize_id, p.kind, p.name, a.coupon_id, a.points, a.fulfilment, a.address
     from lottery_awards a join lottery_prizes p on p.id = a.prize_id
     where a.member_id = $1 and ($2::bigint is null or a.id = $2::bigint) and ($3::bigint is null or a.draw_id = $3::bigint)
       and ($4::bigint is null or a.id < $4::bigint)
     order by a.id desc limit $5`,
    [where.memberId, where.awardId ?? null, where.drawId ?? null, where.before ?? null, where.limit],
  );
  const couponIds = rows.map((r) => r.coupon_id).filter((c): c is string => c !== null);
  const today = businessDay(now, brand.timeZone);
  const coupons = new Map<string, ReturnType<typeof toCouponView>>();
  if (couponIds.length) {
    const found = await db.query<CouponRow>(
      `select ${COUPON_VIEW_COLUMNS} from coupons c join coupon_templates t on t.id = c.template_id where c.id = any($1::bigint[])`,
      [couponIds],
    );
    for (const c of found.rows) coupons.set(c.id, toCouponView(c, today, brand.timeZone));
  }
  return rows.map((r) => ({
    id: r.id,
    drawnAt: toBrandIso(r.created_at, brand.timeZone),
    prize: { id: r.prize_id, kind: r.kind, name: r.name },
    coupon: r.coupon_id ? coupons.get(r.coupon_id)! : null,
    points: r.points,
    fulfilment: r.fulfilment,
    address: r.address,
  }));
}
