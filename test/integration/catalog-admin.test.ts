import { describe, expect, it } from 'vitest';
import type { ProductAdminView, ProductInput } from '@cloud/contract';
import { seedDemoData } from '@cloud/seed/demo-data';
import { listBanners, saveBanner } from '@cloud/services/admin/banners';
import { listCategories, saveCategory } from '@cloud/services/admin/categories';
import { listFlashSales, saveFlashSale } from '@cloud/services/admin/flash-sales';
import { getProduct, listProducts, saveProduct } from '@cloud/services/admin/products';
import { saveAddress } from '@cloud/services/address/save-address';
import { Failure } from '@cloud/services/failure';
import { updateProfile } from '@cloud/services/member/update-profile';
import { createOrder } from '@cloud/services/orders/create-order';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { loadBrandSettings } from '@cloud/services/settings/brand-settings-store';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at, ctxAt, memberJoinedAt } from '../support/fixtures';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

const NOW = '2026-11-23 10:00:00';

describe.each(backends)('catalogue administration on %s', (backend) => {
  const t = useTestDatabase(backend);
  const ctx = () => ctxAt(t.db, NOW);

  const category = async (name = '连衣裙') =>
    ok(await saveCategory(ctx(), null, { category: { name, imageUrl: null, position: 0, active: true } }));

  const productInput = (categoryId: string, over: Partial<ProductInput> = {}): ProductInput => ({
    categoryId,
    name: '法式碎花茶歇裙',
    subtitle: '收腰显瘦',
    description: '',
    images: ['/catalog-images/dress-floral-tea-1.svg'],
    launchStartsAt: null,
    launchEndsAt: null,
    active: true,
    position: 0,
    skus: [
      { size: 'S', color: '黑色', priceFen: 32_900, stock: 10, stockSeen: null },
      { size: 'M', color: '黑色', priceFen: 32_900, stock: 10, stockSeen: null },
    ],
    ...over,
  });

  const product = async (over: Partial<ProductInput> = {}) => ok(await saveProduct(ctx(), null, { product: productInput((await category()).id, over) }));

  const flashSale = (productId: string, over: { priceFen?: number; stock?: number; startsAt?: string; endsAt?: string; id?: string } = {}) =>
    saveFlashSale(ctx(), null, {
      flashSale: {
        productId,
        priceFen: 19_900,
        stock: 50,
        perMemberLimit: 1,
        startsAt: '2026-11-23T20:00:00+08:00',
        endsAt: '2026-11-23T22:00:00+08:00',
        ...over,
      },
    });

  const count = async (table: string) => (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

  it('saves a product with its SKUs and lists it with stock, sold counts and its category', async () => {
    const saved = await product({ launchStartsAt: '2026-11-20T00:00:00+08:00', launchEndsAt: '2026-12-20T00:00:00+08:00' });
    expect(saved).toMatchObject({
      name: '法式碎花茶歇裙',
      categoryName: '连衣裙',
      stock: 20,
      sold: 0,
      launchStartsAt: '2026-11-20T00:00:00+08:00',
      skus: [
        { size: 'S', color: '黑色', priceFen: 32_900, stock: 10, sold: 0 },
        { size: 'M', color: '黑色', priceFen: 32_900, stock: 10, sold: 0 },
      ],
    });
    const page = await listProducts(ctx(), {});
    expect(page).toEqual({ items: [saved], nextCursor: null });
    expect(await listCategories(ctx())).toMatchObject([{ name: '连衣裙', productCount: 1 }]);
  });

  it('pages products newest first, 20 a page, and filters by category', async () => {
    const dresses = await category('连衣裙');
    const shoes = await category('鞋履');
    for (let i = 0; i < 22; i++) ok(await saveProduct(ctx(), null, { product: productInput(dresses.id, { name: `连衣裙 ${i}` }) }));
    ok(await saveProduct(ctx(), null, { product: productInput(shoes.id, { name: '乐福鞋' }) }));
    const first = await listProducts(ctx(), {});
    expect(first.items).toHaveLength(20);
    expect(first.items[0]!.name).toBe('乐福鞋');
    const second = await listProducts(ctx(), { cursor: first.nextCursor! });
    expect(second.items.map((p) => p.name)).toEqual(['连衣裙 2', '连衣裙 1', '连衣裙 0']);
    expect(second.nextCursor).toBeNull();
    expect((await listProducts(ctx(), { categoryId: shoes.id })).items.map((p) => p.name)).toEqual(['乐福鞋']);
    expect((await listProducts(ctx(), { search: '裙 1' })).items.map((p) => p.name)).toEqual(['连衣裙 19', '连衣裙 18', '连衣裙 17', '连衣裙 16', '连衣裙 15', '连衣裙 14', '连衣裙 13', '连衣裙 12', '连衣裙 11', '连衣裙 10', '连衣裙 1']);
    // A % searched for is a percent sign, not a wildcard.
    expect((await listProducts(ctx(), { search: '%' })).items).toEqual([]);
  });

  it('refuses a bad product with a clear message and writes nothing', async () => {
    const { id: categoryId } = await category();
    const save = (over: Partial<ProductInput>) => saveProduct(ctx(), null, { product: productInput(categoryId, over) });
    const duplicate = [
      { size: 'M', color: '黑色', priceFen: 100, stock: 1, stockSeen: null },
      { size: 'M', color: '黑色', priceFen: 200, stock: 1, stockSeen: null },
    ];
    expect(await save({ skus: duplicate })).toMatchObject({
      code: 'CATALOG_INVALID',
      fields: [{ path: 'product.skus.1.size', message: '规格重复：同一尺码和颜色只能有一个规格' }],
    });
    expect(await save({ launchStartsAt: '2026-11-20T00:00:00+08:00' })).toMatchObject({
      code: 'CATALOG_INVALID',
      fields: [{ path: 'product.launchEndsAt', message: '新款首发请同时填写开始和结束时间，或都不填' }],
    });
    expect(await save({ launchStartsAt: '2026-11-20T00:00:00+08:00', launchEndsAt: '2026-11-19T00:00:00+08:00' })).toMatchObject({
      code: 'CATALOG_INVALID',
      fields: [{ path: 'product.launchEndsAt', message: '新款首发结束时间必须晚于开始时间' }],
    });
    expect(await saveProduct(ctx(), null, { product: productInput('999') })).toMatchObject({
      code: 'CATALOG_INVALID',
      fields: [{ path: 'product.categoryId', message: '所选分类不存在' }],
    });
    expect(await save({ id: '999' })).toMatchObject({ code: 'NOT_FOUND', message: '商品不存在' });
    expect([await count('products'), await count('product_skus')]).toEqual([0, 0]);
  });

  it('updates SKUs by size and colour: same rows keep their sales, new pairs are added, left-out pairs go off sale', async () => {
    const saved = await product();
    const [small, medium] = saved.skus;
    // Three of the medium ones were sold.
    await t.db.query('update product_skus set sold = 3, stock = stock - 3 where id = $1', [medium!.id]);
    const again = ok(
      await saveProduct(ctx(), null, {
        product: productInput(saved.categoryId, {
          id: saved.id,
          name: '法式碎花茶歇裙（加长款）',
          skus: [
            { size: 'M', color: '黑色', priceFen: 29_900, stock: 40, stockSeen: 7 },
            { size: 'L', color: '黑色', priceFen: 29_900, stock: 5, stockSeen: null },
          ],
        }),
      }),
    );
    expect(again.id).toBe(saved.id);
    expect(again.name).toBe('法式碎花茶歇裙（加长款）');
    expect(again.skus).toEqual([
      { id: medium!.id, size: 'M', color: '黑色', priceFen: 29_900, stock: 40, sold: 3, position: 0 },
      { id: expect.any(String), size: 'L', color: '黑色', priceFen: 29_900, stock: 5, sold: 0, position: 1 },
      { id: small!.id, size: 'S', color: '黑色', priceFen: 32_900, stock: 0, sold: 0, position: 2 },
    ]);
    expect(again).toMatchObject({ stock: 45, sold: 3 });
    expect(await count('products')).toBe(1);
  });

  it('refuses a form that saw a stock an order has since reserved, at that SKU, and loses no reservation', async () => {
    const saved = await product();
    const medium = saved.skus[1]!;
    // The admin opens the form (stock 10), then a member orders 2 of the medium ones.
    const member = await memberJoinedAt(t.db, 'stale-form-shopper', '2026-11-01 08:00:00');
    ok(await updateProfile(ctx(), member, { consentVersion: CONSENT_VERSION }));
    const address = ok(await saveAddress(ctx(), member, { address: { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号' } }));
    ok(await createOrder(ctx(), member, { skuId: medium.id, qty: 2, addressId: address.id, requestId: 'stale-form-order' }));
    const form = (mediumStock: number, mediumSeen: number) =>
      productInput(saved.categoryId, {
        id: saved.id,
        name: '法式碎花茶歇裙（改）',
        skus: [
          { size: 'S', color: '黑色', priceFen: 29_900, stock: 10, stockSeen: 10 },
          { size: 'M', color: '黑色', priceFen: 29_900, stock: mediumStock, stockSeen: mediumSeen },
        ],
      });
    const message = 'M / 黑色 的库存已变为 8（期间有订单或他人修改），请按现有库存重新填写';
    expect(await saveProduct(ctx(), null, { product: form(15, 10) })).toMatchObject({ code: 'STOCK_CHANGED', fields: [{ path: 'product.skus.1.stock', message }] });
    // Nothing of the stale save was written: not the name, the price, nor either SKU's stock.
    expect(ok(await getProduct(ctx(), { id: saved.id }))).toMatchObject({
      name: '法式碎花茶歇裙',
      skus: [
        { size: 'S', stock: 10, priceFen: 32_900 },
        { size: 'M', stock: 8, priceFen: 32_900 },
      ],
    });
    // Saved again from the stock it now shows, the adjustment lands and the 2 stay reserved.
    expect(ok(await saveProduct(ctx(), null, { product: form(13, 8) })).skus).toMatchObject([
      { size: 'S', stock: 10, priceFen: 29_900 },
      { size: 'M', stock: 13, priceFen: 29_900 },
    ]);
    // A pair someone added meanwhile is no new pair to this form either.
    const added = productInput(saved.categoryId, { id: saved.id, skus: [{ size: 'L', color: '黑色', priceFen: 29_900, stock: 3, stockSeen: null }] });
    ok(await saveProduct(ctx(), null, { product: added }));
    expect(await saveProduct(ctx(), null, { product: added })).toMatchObject({ code: 'STOCK_CHANGED', fields: [{ path: 'product.skus.0.stock' }] });
  });

  it('refuses a flash sale whose price is not below every SKU price, or that has ended, and writes nothing', async () => {
    const saved = await product({
      skus: [
        { size: 'S', color: '黑色', priceFen: 25_900, stock: 10, stockSeen: null },
        { size: 'M', color: '黑色', priceFen: 32_900, stock: 10, stockSeen: null },
      ],
    });
    expect(await flashSale(saved.id, { priceFen: 25_900 })).toMatchObject({
      code: 'CATALOG_INVALID',
      fields: [{ path: 'flashSale.priceFen', message: '秒杀价必须低于商品所有规格的最低售价' }],
    });
    expect(await flashSale(saved.id, { endsAt: '2026-11-23T19:00:00+08:00' })).toMatchObject({ fields: [{ path: 'flashSale.endsAt', message: '秒杀结束时间必须晚于开始时间' }] });
    expect(await flashSale(saved.id, { startsAt: '2026-11-22T20:00:00+08:00', endsAt: '2026-11-22T22:00:00+08:00' })).toMatchObject({
      fields: [{ path: 'flashSale.endsAt', message: '秒杀结束时间已过' }],
    });
    expect(await flashSale('999')).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: 'flashSale.productId', message: '商品不存在' }] });
    expect(await count('flash_sales')).toBe(0);
    expect(ok(await flashSale(saved.id, { priceFen: 25_899 }))).toMatchObject({ priceFen: 25_899, taken: 0, state: 'upcoming' });
  });

  it('refuses a flash sale overlapping another of the same product; back-to-back windows and other products are fine', async () => {
    const dress = await product();
    const other = await product({ name: '针织背心裙' });
    const evening = ok(await flashSale(dress.id));
    expect(await flashSale(dress.id, { startsAt: '2026-11-23T21:00:00+08:00', endsAt: '2026-11-23T23:00:00+08:00' })).toMatchObject({
      code: 'CATALOG_INVALID',
      fields: [{ path: 'flashSale.startsAt', message: '与该商品已有的秒杀时间重叠（2026-11-23 20:00 至 2026-11-23 22:00）' }],
    });
    expect(await flashSale(dress.id, { startsAt: '2026-11-23T19:00:00+08:00', endsAt: '2026-11-24T00:00:00+08:00' })).toMatchObject({
      code: 'CATALOG_INVALID',
    });
    expect(ok(await flashSale(dress.id, { startsAt: '2026-11-23T22:00:00+08:00', endsAt: '2026-11-23T23:00:00+08:00' })).state).toBe('upcoming');
    expect(ok(await flashSale(other.id, { startsAt: '2026-11-23T21:00:00+08:00', endsAt: '2026-11-23T23:00:00+08:00' })).productId).toBe(other.id);
    // Moving a flash sale within its own window is no overlap with itself.
    const moved = ok(await flashSale(dress.id, { id: evening.id, startsAt: '2026-11-23T19:30:00+08:00', endsAt: '2026-11-23T21:30:00+08:00' }));
    expect(moved).toMatchObject({ id: evening.id, startsAt: '2026-11-23T19:30:00+08:00' });
    expect(await count('flash_sales')).toBe(3);
    expect((await listFlashSales(ctx())).map((f) => [f.productName, f.startsAt])).toEqual([
      ['法式碎花茶歇裙', '2026-11-23T22:00:00+08:00'],
      ['针织背心裙', '2026-11-23T21:00:00+08:00'],
      ['法式碎花茶歇裙', '2026-11-23T19:30:00+08:00'],
    ]);
  });

  it('of overlapping flash sales of one product saved at once, exactly one is kept', async () => {
    const dress = await product();
    // Open the connections first, so that the saves below really run side by side.
    await Promise.all(Array.from({ length: 8 }, () => t.db.query('select pg_sleep(0.05)')));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => flashSale(dress.id, { startsAt: `2026-11-23T2${i % 2}:00:00+08:00`, endsAt: '2026-11-23T23:00:00+08:00' })),
    );
    expect(results.filter((r) => !(r instanceof Failure))).toHaveLength(1);
    expect(await count('flash_sales')).toBe(1);
  });

  it('keeps a flash sale’s stock at or above what members already took', async () => {
    const dress = await product();
    const sale = ok(await flashSale(dress.id));
    await t.db.query('update flash_sales set taken = 30 where id = $1', [sale.id]);
    expect(await flashSale(dress.id, { id: sale.id, stock: 20 })).toMatchObject({
      code: 'CATALOG_INVALID',
      fields: [{ path: 'flashSale.stock', message: '秒杀库存不能低于已抢数量' }],
    });
    expect(ok(await flashSale(dress.id, { id: sale.id, stock: 30 }))).toMatchObject({ stock: 30, taken: 30, state: 'sold_out' });
  });

  it('saves categories and banners, refusing a banner for a product that does not exist', async () => {
    const dresses = await category();
    const renamed = ok(await saveCategory(ctx(), null, { category: { id: dresses.id, name: '裙装', imageUrl: '/catalog-images/category-dress.svg', position: 2, active: true } }));
    expect(renamed).toEqual({ id: dresses.id, name: '裙装', imageUrl: '/catalog-images/category-dress.svg', position: 2, active: true, productCount: 0 });
    expect(await saveCategory(ctx(), null, { category: { id: '999', name: '鞋履', imageUrl: null, position: 0, active: true } })).toMatchObject({ code: 'NOT_FOUND' });

    const saved = ok(await saveProduct(ctx(), null, { product: productInput(dresses.id) }));
    const banner = { title: '新款首发', imageUrl: '/catalog-images/banner-new.svg', position: 0, active: true };
    expect(await saveBanner(ctx(), null, { banner: { ...banner, productId: '999' } })).toMatchObject({
      code: 'CATALOG_INVALID',
      fields: [{ path: 'banner.productId', message: '横幅关联的商品不存在' }],
    });
    ok(await saveBanner(ctx(), null, { banner: { ...banner, productId: saved.id } }));
    ok(await saveBanner(ctx(), null, { banner: { ...banner, title: '晚10点夜市', productId: null, position: 1 } }));
    expect(await listBanners(ctx())).toMatchObject([
      { title: '新款首发', productId: saved.id, productName: '法式碎花茶歇裙' },
      { title: '晚10点夜市', productId: null, productName: null },
    ]);
  });

  it('seeds the demo brand once: categories, products, flash sales, banners, night market and welcome coupon', async () => {
    const seededAt = at(NOW);
    expect(await seedDemoData(t.db, seededAt, adapters)).toBe(true);
    expect(await seedDemoData(t.db, seededAt, adapters)).toBe(false);
    expect(await count('categories')).toBe(7);
    expect(await count('products')).toBe(42);
    expect(await count('flash_sales')).toBe(2);
    expect(await count('banners')).toBe(3);

    const { rows: products } = await t.db.query<{ images: number; min: number; max: number; stock: number }>(
      `select cardinality(p.images) as images, min(s.price_fen)::int as min, max(s.price_fen)::int as max, sum(s.stock)::int as stock
       from products p join product_skus s on s.product_id = p.id group by p.id`,
    );
    expect(products.every((p) => p.images >= 2 && p.images <= 3)).toBe(true);
    expect(Math.min(...products.map((p) => p.min))).toBe(5_900);
    expect(Math.max(...products.map((p) => p.max))).toBe(89_900);
    expect(products.filter((p) => p.stock === 0).length).toBeGreaterThanOrEqual(2);

    const ctxNow = { ...ctx(), brand: await loadBrandSettings(t.db) };
    const everyProduct: ProductAdminView[] = [];
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = await listProducts(ctxNow, cursor ? { cursor } : {});
      everyProduct.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(everyProduct).toHaveLength(42);
    const sales = everyProduct.flatMap((p) => p.flashSales.map((f) => ({ product: p.name, ...f })));
    expect(sales).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ product: '羊毛混纺开衫', state: 'live', stock: 50, perMemberLimit: 1, endsAt: '2026-11-23T12:00:00+08:00' }),
        expect.objectContaining({ product: '直筒牛仔裤', state: 'upcoming', startsAt: '2026-11-23T14:00:00+08:00' }),
      ]),
    );
    const { rows: launches } = await t.db.query<{ n: number }>(
      'select count(*)::int as n from products where launch_starts_at < $1 and $1 < launch_ends_at',
      [seededAt],
    );
    expect(launches[0]!.n).toBe(6);

    const categories = await listCategories(ctxNow);
    const nameOf = new Map(categories.map((c) => [c.id, c.name]));
    expect(categories.map((c) => [c.name, c.productCount])).toEqual([
      ['连衣裙', 6],
      ['上衣', 6],
      ['裤装', 6],
      ['外套', 6],
      ['鞋履', 6],
      ['童装', 6],
      ['配饰', 6],
    ]);
    expect(ctxNow.brand.nightMarket.categoryByWeekday.map((id) => nameOf.get(id!))).toEqual(['鞋履', '上衣', '童装', '配饰', '连衣裙', '外套', '裤装']);
    const { rows: welcome } = await t.db.query<{ name: string; threshold_fen: number; amount_off_fen: number; valid_days: number }>(
      'select name, threshold_fen, amount_off_fen, valid_days from coupon_templates where id = $1',
      [ctxNow.brand.referral.welcomeCouponTemplateId],
    );
    expect(welcome).toEqual([{ name: '新人礼 满99减15', threshold_fen: 9900, amount_off_fen: 1500, valid_days: 30 }]);
    expect((await listBanners(ctxNow)).map((b) => b.productName)).toEqual(['法式碎花茶歇裙', '羊毛混纺开衫', null]);
  });
});
