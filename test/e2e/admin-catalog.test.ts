/**
 * 商品管理 in Chromium against the real Node server with the demo data: the demo admin 小陈 opens
 * it from 配置, finds a product by name, sets every SKU's price in yuan and saves; a new member
 * (no tier discount) opens the product and sees the new price. Screenshots in test-results/
 * (e2e-admin-products*.png, e2e-admin-product*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductAdminView } from '@cloud/contract';
import { startTestServer } from '../support/server';
import { answerOf, newPage, openBrowser, RESULTS_DIR, shotAtRest, tab } from './browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof openBrowser>>;

beforeAll(async () => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  server = await startTestServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (page: Parameters<typeof shotAtRest>[0], name: string) => shotAtRest(page, path.join(RESULTS_DIR, `e2e-admin-${name}.png`));

describe('H5: 商品管理', () => {
  it('an admin sets a product’s price in yuan and the member’s product page shows it', async () => {
    // A demo product on sale, outside any flash sale (whose price the page would show instead).
    const { rows } = await server.db.query<{ id: string; name: string }>(
      `select p.id, p.name from products p
       where p.active and not exists (select 1 from flash_sales f where f.product_id = p.id)
       order by p.id limit 1`,
    );
    const product = rows[0]!;

    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });
    await page.goto(`${server.url}/#/packages/admin/settings/index`);
    await page.locator('.admin-settings__products:visible').click();
    await page.locator('.admin-products__item:visible').first().waitFor({ timeout: 20_000 });
    await shot(page, 'products');

    await page.locator('input.admin-products__input:visible, .admin-products__input:visible input').first().fill(product.name);
    await page.locator('.admin-products__go:visible').click();
    await expect.poll(() => page.locator('.admin-products__item:visible .admin-editor__name').allInnerTexts(), { timeout: 20_000 }).toEqual([product.name]);
    await page.locator(`.admin-products__item[data-product="${product.id}"]:visible`).click();
    await page.locator('.admin-product__sku:visible').first().waitFor({ timeout: 20_000 });
    const skus = await page.locator('.admin-product__sku:visible').count();
    for (let i = 0; i < skus; i++) await page.locator(`.admin-field[data-path="skus.${i}.priceFen"]:visible input`).fill('123.45');
    await shot(page, 'product');
    const saved = answerOf<ProductAdminView>(page, 'admin', 'saveProduct');
    await page.locator('.admin-editor__save:visible').click();
    expect((await saved).skus.map((s) => s.priceFen)).toEqual(Array.from({ length: skus }, () => 12_345));
    expect(page.errors).toEqual([]);

    await page.goto(`${server.url}/?as=e2e-catalog-shopper&role=member#/packages/shop/product/index?id=${product.id}`);
    await page.locator('.product-page__name').waitFor({ timeout: 20_000 });
    expect(await page.locator('.product-page__card .price-tag__now').first().innerText()).toBe('¥123.45');
    await shot(page, 'product-member');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('秒杀活动, 首页横幅 and 商品分类 from the settings: each list from the demo data and its editor', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });
    for (const [link, item, name] of [
      ['flash-sales', 'admin-flash__item', 'flash-sales'],
      ['banners', 'admin-banners__item', 'banners'],
      ['categories', 'admin-categories__item', 'categories'],
    ] as const) {
      await page.goto(`${server.url}/#/packages/admin/settings/index`);
      await page.locator(`.admin-settings__${link}:visible`).click();
      await page.locator(`.${item}:visible`).first().waitFor({ timeout: 20_000 });
      expect(await page.locator(`.${item}:visible`).count()).toBeGreaterThan(0);
      await shot(page, name);
      await page.locator(`.${item}:visible`).first().click();
      await page.locator('.admin-editor__save:visible').waitFor({ timeout: 20_000 });
      await shot(page, `${name}-editor`);
    }
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
