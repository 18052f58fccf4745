import type { TierCard } from '../../contract';
import { businessDay } from '../../domain/business-day';
import { tierProgress } from '../../domain/tiers';
import type { Actor, UseCaseContext } from '../context';
import { growthInWindow } from './growth-ledger';

export async function getTierCard(ctx: UseCaseContext, actor: Actor): Promise<TierCard> {
  const { brand } = ctx;
  const today = businessDay(ctx.now, brand.timeZone);
  const [growth, member] = await Promise.all([
    growthInWindow(ctx.db, actor.memberId, today, brand.growth.windowMonths),
    ctx.db.query<{ tier: TierCard['tier']['key']; tier_since: string | null }>('select tier, tier_since from members where id = $1', [
      actor.memberId,
    ]),
  ]);
  const { tier, tier_since } = member.rows[0]!;
  const current = brand.tiers.find((t) => t.key === tier)!;
  return {
    tier: { key: current.key, name: current.name },
    growth,
    windowMonths: brand.growth.windowMonths,
    ...tierProgress(tier, growth, tier_since ?? today, brand.tiers),
    tiers: brand.tiers.map(({ key, name, threshold, keep, benefits: b }) => ({
      key,
      name,
      threshold,
      keep,
      benefits: {
        pointsMultiplier: b.pointsMultiplier,
        memberDayMultiplier: b.memberDayMultiplier,
        birthdayPoints: b.birthdayPoints,
        memberPriceRate: b.memberPriceRate,
        freeShipping: b.freeShipping,
      },
    })),
  };
}
