import type { HomeView } from '../../contract';
import { toBrandIso } from '../../domain/business-day';
import { nightMarketAt } from '../../domain/night-market';
import type { Actor, UseCaseContext } from '../context';
import { recordVisit } from '../member/record-visit';
import { cardColumns, CARD_JOINS, FLASH_PREVIEW_HOURS, pricingFor, toCard, type CardRow } from './product-card';

const ROW_LIMIT = 10;
const NIGHT_MARKET_LIMIT = 20;

/**
 * 首页: everything in one round of parallel reads; the night market only while it is open. Opening
 * it is a visit, recorded in the same round.
 */
export async function catalogHome(ctx: UseCaseContext, actor: Actor): Promise<HomeView> {
  const rates = pricingFor(ctx, actor);
  const market = nightMarketAt(ctx.now, ctx.brand.timeZone, ctx.brand.nightMarket);
  const cards = (where: string, order: string, limit: number, extra: unknown[] = []) =>
    ctx.db.query<CardRow>(`select ${cardColumns('$2')} from products p ${CARD_JOINS} where p.active and ${where} order by ${order} limit ${limit}`, [
      ctx.now,
      actor.memberId,
      ...extra,
    ]);
  const [banners, launches, flash, night, categories] = await Promise.all([
    ctx.db.query<{ id: string; title: string; image_url: string; product_id: string | null }>(
      'select id, title, image_url, product_id from banners where active order by position, id limit 10',
    ),
    cards('p.launch_ends_at > $1 and p.launch_starts_at <= $1', 'p.launch_starts_at desc, p.id', ROW_LIMIT),
    // Driven from the few flash sales of the next day, not from every product.
    cards(
      `f.id is not null and p.id in (select product_id from flash_sales where ends_at > $1 and starts_at < $1 + interval '${FLASH_PREVIEW_HOURS} hours')`,
      'f.starts_at, p.id',
      ROW_LIMIT,
    ),
    market
      ? Promise.all([
          cards('p.category_id = $3', 'p.position, p.id', NIGHT_MARKET_LIMIT, [market.categoryId]),
          ctx.db.query<{ name: string }>('select name from categories where id = $1 and active', [market.categoryId]),
        ])
      : null,
    ctx.db.query<{ id: string; name: string; image_url: string | null }>(
      'select id, name, image_url from categories where active order by position, id',
    ),
    recordVisit(ctx.db, ctx, actor.memberId),
  ]);
  const tz = ctx.brand.timeZone;
  const nightCategory = night?.[1].rows[0];
  return {
    banners: banners.rows.map((b) => ({ id: b.id, title: b.title, imageUrl: b.image_url, productId: b.product_id })),
    newLaunches: launches.rows.map((r) => toCard(r, ctx, rates)),
    flashSales: flash.rows.map((r) => toCard(r, ctx, rates)),
    nightMarket:
      market && night && nightCategory
        ? {
            category: { id: market.categoryId, name: nightCategory.name },
            opensAt: toBrandIso(market.opensAt, tz),
            closesAt: toBrandIso(market.closesAt, tz),
            products: night[0].rows.map((r) => toCard(r, ctx, rates)),
          }
        : null,
    categories: categories.rows.map((c) => ({ id: c.id, name: c.name, imageUrl: c.image_url })),
    memberDay: rates.memberDay,
  };
}
