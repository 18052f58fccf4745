import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import type { UseCaseContext } from '../context';

/**
 * The member opened the app on this brand day: one row per member and day, the key decides. A
 * repeat the same day finds the key and writes nothing, so the screens that record it (首页, the
 * profile the tab pages load) pay one index probe.
 */
export async function recordVisit(db: Queryable, ctx: Pick<UseCaseContext, 'now' | 'brand'>, memberId: string): Promise<void> {
  await db.query('insert into member_visits (member_id, day) values ($1, $2) on conflict do nothing', [
    memberId,
    businessDay(ctx.now, ctx.brand.timeZone),
  ]);
}
