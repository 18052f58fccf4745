import type { Queryable } from '../../db/port';
import type { BrandSettings, TierKey } from '../../domain/brand-settings';
import { upgradeFor, type Tier } from '../../domain/tiers';

/**
 * Moves a member up at once when their growth value reaches a higher tier. The update is
 * conditional on the tier being unchanged, so two concurrent growth events upgrade once.
 */
export async function upgradeIfReached(
  db: Queryable,
  brand: BrandSettings,
  member: { memberId: string; tier: TierKey },
  growth: number,
  today: string,
): Promise<Tier | null> {
  const target = upgradeFor(member.tier, growth, brand.tiers);
  if (!target) return null;
  const { rowCount } = await db.query(
    `update members set tier = $2, tier_since = $3, tier_raised_on = $3 where id = $1 and tier = $4`,
    [member.memberId, target.key, today, member.tier],
  );
  return rowCount > 0 ? target : null;
}
