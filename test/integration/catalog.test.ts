import { describe, expect, it } from 'vitest';
import type { Actor } from '@cloud/services/context';
import { catalogHome } from '@cloud/services/catalog/home';
import { listProducts } from '@cloud/services/catalog/list-products';
import { productDetail } from '@cloud/services/catalog/product-detail';
import { Failure } from '@cloud/services/failure';
import { createOrder } from '@cloud/services/orders/create-order';
import { backends, useTestDatabase } from '../support/databases';
import { addressOf, adapters, at, brand, memberJoinedAt } from '../support/fixtures';
import { testProduct } from '../support/products';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

describe.each(backends)('catalog on %s', (backend) => {
  const t = useTestDatabase(backend);

  async function goldMember(): Promise<Actor> {
    const member = await memberJoinedAt(t.db, 'browser', '2026-11-01 08:00:00');
    await t.db.query("update members set tier = 'gold' where id = $1", [member.memberId]);
    return { ...member, tier: 'gold' };
  }

  it('首页: new launches, flash sales live and upcoming, and tonight\'s night market only while it is open', async () => {
    const shoes = await testProduct(t.db, { name: '轻跑鞋', categoryName: '鞋履', skus: [{ color: '白色', size: '38', priceFen: 39_900, stock: 5 }] });
    const dress = await testProduct(t.db, {
      name: '新款连衣裙',
      categoryName: '连衣裙',
      launch: { startsAt: at('2026-11-20 10:00:00'), endsAt: at('2026-12-20 10:00:00') },
    });
    await testProduct(t.db, {
      name: '秒杀卫衣',
      flash: { priceFen: 9900, stock: 2, startsAt: at('2026-11-23 20:00:00'), endsAt: at('2026-11-23 23:00:00') },
    });
    await testProduct(t.db, { name: '明天的秒杀', flash: { priceFen: 9900, stock: 2, startsAt: at('2026-11-25 20:00:00'), endsAt: at('2026-11-25 21:00:00') } });
    // Monday's night is 鞋履; no market on other nights.
    const withMarket = { ...brand, nightMarket: { ...brand.nightMarket, categoryByWeekday: [shoes.categoryId, null, null, null, null, null, null] } };
    const ctx = (beijing: string) => ({ db: t.db, brand: withMarket, adapters, now: at(beijing) });
    const member = await goldMember();

    const afternoon = await catalogHome(ctx('2026-11-23 15:00:00'), member);
    expect(afternoon.nightMarket).toBeNull();
    expect(afternoon.newLaunches.map((p) => p.id)).toEqual([dress.productId]);
    expect(afternoon.flashSales).toHaveLength(1);
    expect(afternoon.flashSales[0]).toMatchObject({ name: '秒杀卫衣', memberPriceFen: 28_405, flashSale: { state: 'upcoming', priceFen: 9900, remaining: 2 } });
    expect(afternoon.categories.map((c) => c.name)).toEqual(expect.arrayContaining(['鞋履', '连衣裙']));

    const night = await catalogHome(ctx('2026-11-23 22:00:00'), member);
    expect(night.nightMarket).toMatchObject({
      category: { id: shoes.categoryId, name: '鞋履' },
      opensAt: '2026-11-23T22:00:00+08:00',
      closesAt: '2026-11-24T10:00:00+08:00',
      products: [{ name: '轻跑鞋', priceFen: 39_900, memberPriceFen: 37_905 }],
    });
    expect(night.flashSales[0]).toMatchObject({ memberPriceFen: 9900, flashSale: { state: 'live' } });
    expect((await catalogHome(ctx('2026-11-24 09:59:00'), member)).nightMarket).not.toBeNull();
    expect((await catalogHome(ctx('2026-11-24 10:00:00'), member)).nightMarket).toBeNull();
  });

  it('a flash sale shows 已抢光 once its stock is taken', async () => {
    const hoodie = await testProduct(t.db, { flash: { priceFen: 9900, stock: 1, startsAt: at('2026-11-23 20:00:00'), endsAt: at('2026-11-23 23:00:00') } });
    const member = await goldMember();
    const ctx = { db: t.db, brand, adapters, now: at('2026-11-23 20:30:00') };
    ok(await createOrder(ctx, member, { skuId: hoodie.skus[0]!.id, qty: 1, addressId: await addressOf(t.db, member), requestId: 'catalog-flash-1' }));
    const detail = ok(await productDetail(ctx, member, { productId: hoodie.productId }));
    expect(detail.flashSale).toMatchObject({ state: 'sold_out', remaining: 0 });
    expect(detail.memberPriceFen).toBe(28_405);
  });

  it('a product page: SKUs with stock, my member price on member day, and 404 for a product taken down', async () => {
    const jacket = await testProduct(t.db, {
      name: '羊毛外套',
      skus: [
        { color: '驼色', size: 'M', priceFen: 89_900, stock: 3 },
        { color: '驼色', size: 'L', priceFen: 89_900, stock: 0 },
      ],
    });
    const member = await goldMember();
    const wednesday = { db: t.db, brand, adapters, now: at('2026-11-25 12:00:00') };
    const detail = ok(await productDetail(wednesday, member, { productId: jacket.productId }));
    expect(detail).toMatchObject({
      name: '羊毛外套',
      soldOut: false,
      pricing: { tier: { key: 'gold', name: '金卡会员' }, memberPriceRate: 0.95, memberDay: true, memberDayRate: 0.95 },
      skus: [
        { label: '驼色 / M', priceFen: 89_900, memberPriceFen: 81_135, stock: 3 },
        { label: '驼色 / L', stock: 0 },
      ],
    });
    await t.db.query('update products set active = false where id = $1', [jacket.productId]);
    expect(await productDetail(wednesday, member, { productId: jacket.productId })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a product page records one view per member, product and brand day; a product taken down or unknown records nothing', async () => {
    const coat = await testProduct(t.db, { name: '羊毛大衣' });
    const scarf = await testProduct(t.db, { name: '围巾' });
    const member = await goldMember();
    const other = await memberJoinedAt(t.db, 'browser-2', '2026-11-01 08:00:00');
    const ctx = (beijing: string) => ({ db: t.db, brand, adapters, now: at(beijing) });
    ok(await productDetail(ctx('2026-11-23 09:00:00'), member, { productId: coat.productId }));
    ok(await productDetail(ctx('2026-11-23 23:59:59'), member, { productId: coat.productId }));
    ok(await productDetail(ctx('2026-11-23 12:00:00'), member, { productId: scarf.productId }));
    ok(await productDetail(ctx('2026-11-23 12:00:00'), other, { productId: coat.productId }));
    // 00:30 Beijing is still the 23rd in UTC: the day is the brand's.
    ok(await productDetail(ctx('2026-11-24 00:30:00'), member, { productId: coat.productId }));
    await t.db.query('update products set active = false where id = $1', [scarf.productId]);
    expect(await productDetail(ctx('2026-11-24 09:00:00'), member, { productId: scarf.productId })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await productDetail(ctx('2026-11-24 09:00:00'), member, { productId: '999999' })).toMatchObject({ code: 'NOT_FOUND' });
    const { rows: bare } = await t.db.query<{ id: string }>(`insert into products (category_id, name) values ($1, '无规格') returning id`, [coat.categoryId]);
    expect(await productDetail(ctx('2026-11-24 09:00:00'), member, { productId: bare[0]!.id })).toMatchObject({ code: 'NOT_FOUND' });
    const { rows } = await t.db.query<{ member_id: string; product_id: string; day: string }>(
      `select member_id, product_id, to_char(day, 'YYYY-MM-DD') as day from product_views order by member_id, day, product_id`,
    );
    expect(rows).toEqual([
      { member_id: member.memberId, product_id: coat.productId, day: '2026-11-23' },
      { member_id: member.memberId, product_id: scarf.productId, day: '2026-11-23' },
      { member_id: member.memberId, product_id: coat.productId, day: '2026-11-24' },
      { member_id: other.memberId, product_id: coat.productId, day: '2026-11-23' },
    ]);
  });

  it('lists a category page by page', async () => {
    const first = await testProduct(t.db, { categoryName: '上衣' });
    for (let i = 0; i < 24; i++) {
      const { rows } = await t.db.query<{ id: string }>(
        "insert into products (category_id, name, position) values ($1, $2, $3) returning id",
        [first.categoryId, `上衣${i}`, 100 + i],
      );
      await t.db.query("insert into product_skus (product_id, price_fen, stock) values ($1, 9900, 10)", [rows[0]!.id]);
    }
    const member = await goldMember();
    const ctx = { db: t.db, brand, adapters, now: at('2026-11-23 12:00:00') };
    const page1 = await listProducts(ctx, member, { categoryId: first.categoryId });
    const page2 = await listProducts(ctx, member, { categoryId: first.categoryId, cursor: page1.nextCursor! });
    expect([page1.items.length, page2.items.length, page2.nextCursor]).toEqual([20, 5, null]);
    expect(new Set([...page1.items, ...page2.items].map((p) => p.id)).size).toBe(25);
  });
});
