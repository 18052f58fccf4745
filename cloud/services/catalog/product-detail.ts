import type { ProductDetail, SkuView } from '../../contract';
import { businessDay, toBrandIso } from '../../domain/business-day';
import { betterTier } from '../../domain/pricing';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { cardColumns, CARD_JOINS, myUnitPrice, pricingFor, toCard, type CardRow } from './product-card';

export interface SkuRow {
  id: string;
  size: string;
  color: string;
  price_fen: number;
  stock: number;
}

/** "黑色 / M": the parts a SKU has. */
export function skuLabel(sku: { color: string; size: string }): string {
  return [sku.color, sku.size].filter(Boolean).join(' / ') || '默认';
}

/**
 * The member looked at the product on this brand day (interest tags read it): one row per member,
 * product and day, the key decides. One statement beside the page's reads, so the page waits for
 * no extra round. It records only what the page shows: a product missing, taken down or without
 * SKUs (NOT_FOUND) records nothing, and an unknown id breaks no foreign key.
 */
function recordView(ctx: UseCaseContext, memberId: string, productId: string) {
  return ctx.db.query(
    `insert into product_views (member_id, product_id, day)
     select $1, p.id, $3 from products p
     where p.id = $2 and p.active and exists (select 1 from product_skus s where s.product_id = p.id)
     on conflict do nothing`,
    [memberId, productId, businessDay(ctx.now, ctx.brand.timeZone)],
  );
}

export async function productDetail(ctx: UseCaseContext, actor: Actor, params: { productId: string }): Promise<ProductDetail | Failure> {
  const [product, skus] = await Promise.all([
    ctx.db.query<
      CardRow & { images: string[]; description: string; category_name: string; launch_starts_at: Date | null; launch_ends_at: Date | null }
    >(
      `select ${cardColumns('$3')}, p.images, p.description, c.name as category_name, p.launch_starts_at, p.launch_ends_at
       from products p ${CARD_JOINS} join categories c on c.id = p.category_id
       where p.id = $2 and p.active`,
      [ctx.now, params.productId, actor.memberId],
    ),
    ctx.db.query<SkuRow>('select id, size, color, price_fen, stock from product_skus where product_id = $1 order by position, id', [params.productId]),
    recordView(ctx, actor.memberId, params.productId),
  ]);
  const row = product.rows[0];
  if (!row) return fail('NOT_FOUND', '商品不存在或已下架');
  const rates = pricingFor(ctx, actor);
  const card = toCard(row, ctx, rates);
  const flashSale = card.flashSale;
  const tz = ctx.brand.timeZone;
  // Priced as checkout prices (price-order.ts): my allowance used up, my member price.
  const skuPrice = (listFen: number) => {
    const unit = myUnitPrice(listFen, flashSale, rates, flashSale?.mine ?? null);
    return { memberPriceFen: unit.unitFen, flash: unit.flash };
  };
  return {
    ...card,
    memberPriceFen: skuPrice(row.price_fen).memberPriceFen,
    flashSale,
    images: row.images,
    description: row.description,
    category: { id: row.category_id, name: row.category_name },
    skus: skus.rows.map(
      (s): SkuView => ({
        id: s.id,
        size: s.size,
        color: s.color,
        label: skuLabel(s),
        priceFen: s.price_fen,
        ...skuPrice(s.price_fen),
        stock: s.stock,
      }),
    ),
    launch:
      row.launch_starts_at && row.launch_ends_at
        ? { startsAt: toBrandIso(row.launch_starts_at, tz), endsAt: toBrandIso(row.launch_ends_at, tz) }
        : null,
    pricing: {
      tier: { key: rates.tier.key, name: rates.tier.name },
      memberPriceRate: rates.tierRate,
      memberDay: rates.memberDay,
      memberDayRate: rates.memberDayRate,
      betterTier: betterTier(ctx.brand.tiers, rates.tier),
      shipping: { feeFen: ctx.brand.shipping.feeFen, freeFromFen: ctx.brand.shipping.freeFromFen, tierShipsFree: rates.tier.benefits.freeShipping },
    },
  };
}
