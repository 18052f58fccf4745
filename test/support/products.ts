/** A product with SKUs (and optionally a flash sale) written straight into the catalogue tables. */
import type { Db } from '@cloud/db/port';

export interface TestProduct {
  productId: string;
  categoryId: string;
  skus: Array<{ id: string; color: string; size: string; priceFen: number; stock: number }>;
  flashSaleId: string | null;
}

let n = 0;

export async function testProduct(
  db: Db,
  options: {
    name?: string;
    categoryName?: string;
    skus?: Array<{ color: string; size: string; priceFen: number; stock: number }>;
    flash?: { priceFen: number; stock: number; perMemberLimit?: number; startsAt: Date; endsAt: Date };
    launch?: { startsAt: Date; endsAt: Date };
  } = {},
): Promise<TestProduct> {
  n++;
  const { rows: category } = await db.query<{ id: string }>('insert into categories (name, position) values ($1, $2) returning id', [
    options.categoryName ?? `分类${n}`,
    n,
  ]);
  const categoryId = category[0]!.id;
  const { rows: product } = await db.query<{ id: string }>(
    `insert into products (category_id, name, subtitle, images, launch_starts_at, launch_ends_at, position)
     values ($1, $2, '测试商品', $3, $4, $5, $6) returning id`,
    [categoryId, options.name ?? `测试商品${n}`, ['/catalog-images/test.svg'], options.launch?.startsAt ?? null, options.launch?.endsAt ?? null, n],
  );
  const productId = product[0]!.id;
  const skus: TestProduct['skus'] = [];
  for (const [i, s] of (options.skus ?? [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 100 }]).entries()) {
    const { rows } = await db.query<{ id: string }>(
      'insert into product_skus (product_id, size, color, price_fen, stock, position) values ($1, $2, $3, $4, $5, $6) returning id',
      [productId, s.size, s.color, s.priceFen, s.stock, i],
    );
    skus.push({ id: rows[0]!.id, ...s });
  }
  let flashSaleId: string | null = null;
  if (options.flash) {
    const f = options.flash;
    const { rows } = await db.query<{ id: string }>(
      'insert into flash_sales (product_id, price_fen, stock, per_member_limit, starts_at, ends_at) values ($1, $2, $3, $4, $5, $6) returning id',
      [productId, f.priceFen, f.stock, f.perMemberLimit ?? 1, f.startsAt, f.endsAt],
    );
    flashSaleId = rows[0]!.id;
  }
  return { productId, categoryId, skus, flashSaleId };
}
