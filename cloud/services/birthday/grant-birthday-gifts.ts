import type { Queryable } from '../../db/port';
import type { TierKey } from '../../domain/brand-settings';
import { lotExpiresOn } from '../../domain/points-expiry';
import { issueCoupon } from '../coupons/issue-coupon';
import { Failure } from '../failure';
import type { BatchOutcome, JobContext } from '../jobs/job';

/**
 * The birthday job, one batch: the next members (by id, after the cursor) whose birthday month
 * it is get their tier's birthday points once a year (ledger source `birthday`, keyed by member
 * and year — a repeat books nothing), and the tier's birthday coupon, if it has one, keyed the
 * same way.
 */
export async function grantBirthdayGiftsBatch(
  tx: Queryable,
  after: string | null,
  { brand, day, now, batchSize }: JobContext,
): Promise<BatchOutcome> {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const { rows: born } = await tx.query<{ id: string; tier: TierKey }>(
    `select id, tier from members
     where birthday is not null and extract(month from birthday) = $1 and id > $2::bigint
     order by id limit $3`,
    [month, after ?? '0', batchSize],
  );
  const giftByTier = brand.tiers.map((t) => [t.key, t.benefits.birthdayPoints] as const);
  const { rows: gifted } = await tx.query<{ gift: number; balance: number | null }>(
    // book_points(member, delta, source, source_id, note, at, expires_on, actor)
    `select g.gift, book_points(m.id, g.gift, 'birthday', m.id || ':' || $4::text, '生日礼', $5, $6, null) as balance
     from unnest($1::bigint[], $2::text[]) as m(id, tier)
     join unnest($3::text[], $7::int[]) as g(tier, gift) on g.tier = m.tier
     where g.gift > 0
       and not exists (select 1 from points_ledger l where l.source = 'birthday' and l.source_id = m.id || ':' || $4::text)`,
    [
      born.map((m) => m.id),
      born.map((m) => m.tier),
      giftByTier.map(([k]) => k),
      String(year),
      now,
      lotExpiresOn(day, brand.points.expiryMonths),
      giftByTier.map(([, g]) => g),
    ],
  );
  let coupons = 0;
  for (const tier of brand.tiers) {
    const templateId = tier.benefits.birthdayCouponTemplateId;
    if (!templateId) continue;
    const { rows: due } = await tx.query<{ id: string }>(
      `select m.id from unnest($1::bigint[]) as m(id)
       where not exists (select 1 from coupons c where c.source = 'birthday' and c.source_id = m.id || ':' || $2::text)
       order by m.id`,
      [born.filter((m) => m.tier === tier.key).map((m) => m.id), String(year)],
    );
    for (const { id } of due) {
      const coupon = await issueCoupon(tx, brand, { templateId, memberId: id, source: 'birthday', sourceId: `${id}:${year}`, at: now, limitPerMember: false });
      if (coupon instanceof Failure) {
        console.warn(`[birthday] coupon ${templateId} not issued to ${id}: ${coupon.code}`);
        break;
      }
      coupons++;
    }
  }
  return {
    cursor: born.length < batchSize ? null : born[born.length - 1]!.id,
    rows: born.length,
    counts: { members: gifted.length, points: gifted.reduce((sum, r) => sum + r.gift, 0), coupons },
  };
}
