import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BannerAdminView, CampaignAdminView, CategoryAdminView, MallItemAdminView, ProductAdminPage } from '@cloud/contract';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('the demo catalogue over HTTP', () => {
  let server: TestServer;
  let admin: string;
  const fn = (name: string) => `${server.url}/api/fn/${name}`;
  const asAdmin = async <T>(body: Record<string, unknown>): Promise<T> => {
    const reply = await post(fn('admin'), body, { token: admin });
    expect(reply.status).toBe(200);
    return reply.body.data as T;
  };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await devLogin(server.url, 'demo-admin', 'admin');
  });
  afterAll(() => server?.close());

  const allProducts = async () => {
    const products: ProductAdminPage['items'] = [];
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = await asAdmin<ProductAdminPage>({ action: 'products', ...(cursor ? { cursor } : {}) });
      products.push(...page.items);
      cursor = page.nextCursor;
    }
    return products;
  };
  const svgOf = async (url: string) => (await fetch(`${server.url}${url}`)).text();

  it('serves every seeded product, category, banner, prize and mall-item image as SVG with a long cache', async () => {
    const urls = new Set<string>();
    for (const p of await allProducts()) p.images.forEach((u) => urls.add(u));
    for (const c of await asAdmin<CategoryAdminView[]>({ action: 'categories' })) urls.add(c.imageUrl!);
    for (const b of await asAdmin<BannerAdminView[]>({ action: 'banners' })) urls.add(b.imageUrl);
    for (const c of await asAdmin<CampaignAdminView[]>({ action: 'campaigns' })) c.prizes.forEach((p) => urls.add(p.imageUrl!));
    for (const i of await asAdmin<MallItemAdminView[]>({ action: 'mallItems' })) urls.add(i.imageUrl!);
    expect(urls.size).toBeGreaterThan(100);
    for (const url of urls) {
      expect(url).toMatch(/^\/catalog-images\/[\w-]+\.svg$/);
      const response = await fetch(`${server.url}${url}`);
      expect([url, response.status]).toEqual([url, 200]);
      expect(response.headers.get('content-type')).toContain('image/svg+xml');
      expect(response.headers.get('cache-control')).toContain('max-age=2592000');
      const body = await response.text();
      expect(body.startsWith('<svg')).toBe(true);
      expect(body.length).toBeLessThan(8 * 1024);
    }
  });

  it('every lottery prize and mall item has a picture', async () => {
    const [campaign] = await asAdmin<CampaignAdminView[]>({ action: 'campaigns' });
    const items = await asAdmin<MallItemAdminView[]>({ action: 'mallItems' });
    expect(campaign!.prizes.length).toBe(8);
    expect(items.length).toBeGreaterThan(3);
    for (const thing of [...campaign!.prizes, ...items]) expect([thing.name, thing.imageUrl]).toEqual([thing.name, expect.stringMatching(/^\/catalog-images\//)]);
  });

  it('draws no product’s or category’s name into its picture (the app prints it beneath)', async () => {
    for (const p of await allProducts()) {
      for (const url of p.images) expect([url, (await svgOf(url)).includes(p.name)]).toEqual([url, false]);
    }
    for (const c of await asAdmin<CategoryAdminView[]>({ action: 'categories' })) {
      expect([c.imageUrl, (await svgOf(c.imageUrl!)).includes(c.name)]).toEqual([c.imageUrl, false]);
    }
    for (const i of await asAdmin<MallItemAdminView[]>({ action: 'mallItems' })) {
      expect([i.imageUrl, (await svgOf(i.imageUrl!)).includes(i.name)]).toEqual([i.imageUrl, false]);
    }
  });

  it('answers an image that does not exist with 404', async () => {
    const response = await fetch(`${server.url}/catalog-images/no-such-dress.svg`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('NOT_FOUND');
  });

  it('refuses catalogue administration to members and guides with 403, changing nothing', async () => {
    const categories = await asAdmin<CategoryAdminView[]>({ action: 'categories' });
    const product = {
      categoryId: categories[0]!.id,
      name: '会员私自上架的裙子',
      skus: [{ size: 'M', color: '黑色', priceFen: 100, stock: 1 }],
    };
    for (const role of ['member', 'guide']) {
      const token = await devLogin(server.url, `catalog-${role}`, role);
      const save = await post(fn('admin'), { action: 'saveProduct', product }, { token });
      expect([save.status, save.body.error.code, save.body.error.message]).toEqual([403, 'FORBIDDEN', '没有权限进行此操作']);
      const list = await post(fn('admin'), { action: 'products' }, { token });
      expect(list.status).toBe(403);
    }
    const { rows } = await server.db.query<{ n: number }>("select count(*)::int as n from products where name = '会员私自上架的裙子'");
    expect(rows[0]!.n).toBe(0);
  });

  it('answers an admin’s bad flash sale with 400 and a Chinese reason', async () => {
    const page = await asAdmin<ProductAdminPage>({ action: 'products' });
    const product = page.items.find((p) => p.skus.some((s) => s.stock > 0))!;
    const lowest = Math.min(...product.skus.map((s) => s.priceFen));
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const flashSale = {
      productId: product.id,
      priceFen: lowest,
      stock: 10,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    };
    const reply = await post(fn('admin'), { action: 'saveFlashSale', flashSale }, { token: admin });
    expect([reply.status, reply.body.error.code, reply.body.error.message]).toEqual([400, 'CATALOG_INVALID', '秒杀价必须低于商品所有规格的最低售价']);
    const typo = await post(fn('admin'), { action: 'saveFlashSale', flashSale: { ...flashSale, priceFen: lowest - 1, perMember: 2 } }, { token: admin });
    expect([typo.status, typo.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    const saved = await post(fn('admin'), { action: 'saveFlashSale', flashSale: { ...flashSale, priceFen: lowest - 1 } }, { token: admin });
    expect(saved.body.data).toMatchObject({ productId: product.id, priceFen: lowest - 1, state: 'upcoming', perMemberLimit: 1 });
  });
});
