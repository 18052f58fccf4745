import type { Db } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { lotExpiresOn } from '../../domain/points-expiry';
import type { BrandSettings } from '../context';
import { issueCoupon } from '../coupons/issue-coupon';
import { Failure } from '../failure';

const BATCH = 1_000;

/**
 * The birthday job: in their birthday month, members get their tier's birthday points once a
 * year (ledger source `birthday`, keyed by member and year — a repeat books nothing), and the
 * tier's birthday coupon, if it has one, in a second pass keyed the same way.
 */
export async function grantBirthdayGifts(
  db: Db,
  brand: BrandSettings,
  now: Date,
): Promise<{ members: number; points: number; coupons: number }> {
  const today = businessDay(now, brand.timeZone);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const giftByTier = brand.tiers.map((t) => [t.key, t.benefits.birthdayPoints] as const);
  let after = '0';
  const totals = { members: 0, points: 0, coupons: 0 };
  for (;;) {
    const { rows } = await db.query<{ id: string; gift: number; balance: number | null }>(
      // book_points(member, delta, source, source_id, note, at, expires_on, actor)
      `with due as (
         select m.id, g.gift from members m
         join unnest($1::text[], $2::int[]) as g(tier, gift) on g.tier = m.tier
         where m.birthday is not null and extract(month from m.birthday) = $3 and m.id > $4::bigint and g.gift > 0
           and not exists (select 1 from points_ledger l where l.source = 'birthday' and l.source_id = m.id || ':' || $5::text)
         order by m.id limit $6
       )
       select id, gift, book_points(id, gift, 'birthday', id || ':' || $5::text, '生日礼', $7, $8, null) as balance from due`,
      [
        giftByTier.map(([k]) => k),
        giftByTier.map(([, g]) => g),
        month,
        after,
        String(year),
        BATCH,
        now,
        lotExpiresOn(today, brand.points.expiryMonths),
      ],
    );
    totals.members += rows.length;
    totals.points += rows.reduce((sum, r) => sum + r.gift, 0);
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  for (const tier of brand.tiers) {
    const templateId = tier.benefits.birthdayCouponTemplateId;
    if (!templateId) continue;
    const { rows } = await db.query<{ id: string }>(
      `select m.id from members m
       where m.tier = $1 and m.birthday is not null and extract(month from m.birthday) = $2
         and not exists (select 1 from coupons c where c.source = 'birthday' and c.source_id = m.id || ':' || $3::text)`,
      [tier.key, month, String(year)],
    );
    for (const { id } of rows) {
      const coupon = await db.transaction((tx) =>
        issueCoupon(tx, brand, { templateId, memberId: id, source: 'birthday', sourceId: `${id}:${year}`, at: now, limitPerMember: false }),
      );
      if (coupon instanceof Failure) {
        console.warn(`[birthday] coupon ${templateId} not issued to ${id}: ${coupon.code}`);
        break;
      }
      totals.coupons++;
    }
  }
  return totals;
}
