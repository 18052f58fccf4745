/**
 * Issue 13's flash-sale allowance in Chromium against the real Node server, on a 390 px phone: a
 * 金卡 member buys their allowance (每人限购 1 件) at the flash price, goes back to the product
 * page and sees it used (已抢购 1/1 件), with their member price and 按会员价购买 instead of the
 * flash price; checkout then charges the member price and says why. A checkout the goods cannot
 * meet (more than the stock) shows the reason and a way back, never 点击重试. Screenshots
 * e2e-flash-allowance-* in test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderQuote, OrderView, ProductDetail } from '@cloud/contract';
import { devLogin, post } from '../support/http';
import { startTestServer } from '../support/server';
import { addAddressAtCheckout, answerOf, newPage, openBrowser, RESULTS_DIR, type WatchedPage } from './browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof openBrowser>>;

const OPENID = 'e2e-flash-buyer';
const shot = (name: string) => path.join(RESULTS_DIR, `e2e-flash-allowance-${name}.png`);

beforeAll(async () => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  server = await startTestServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A demo product with one price, stock in every SKU and no flash sale of its own: its id and price. */
async function productOnSale(): Promise<{ id: string; priceFen: number; stock: number }> {
  const { rows } = await server.db.query<{ id: string; price_fen: number; stock: number }>(
    `select p.id, min(s.price_fen)::int as price_fen, min(s.stock)::int as stock
     from products p join product_skus s on s.product_id = p.id
     where p.active and not exists (select 1 from flash_sales f where f.product_id = p.id and f.ends_at > now())
     group by p.id
     having min(s.stock) >= 10 and min(s.price_fen) >= 10000
     order by p.id limit 1`,
  );
  return { id: rows[0]!.id, priceFen: rows[0]!.price_fen, stock: rows[0]!.stock };
}

const productUrl = (productId: string) => `${server.url}/?as=${OPENID}&role=member#/packages/shop/product/index?id=${productId}`;

/** The product page with the first option in stock of each dimension picked. */
async function openProduct(page: WatchedPage, productId: string) {
  await page.goto(productUrl(productId));
  await page.locator('.product-page__name').waitFor({ timeout: 20_000 });
  for (const dim of await page.locator('.sku-picker__dim').all()) {
    await dim.locator('.sku-picker__option:not(.sku-picker__option--disabled)').first().click();
  }
}

describe('H5: a flash-sale allowance used shows on the product page', () => {
  it('buys the allowance at the flash price, then sees 已抢购 1/1 件 and buys at the member price; a refusal offers a way back', async () => {
    const admin = await devLogin(server.url, 'e2e-flash-admin', 'admin');
    const member = await devLogin(server.url, OPENID);
    const memberId = (await post(`${server.url}/api/fn/member`, { action: 'profile' }, { token: member })).body.data.id as string;
    // A 金卡 member, so that the price outside the sale is a member price.
    await server.db.query("update members set tier = 'gold', tier_since = current_date where id = $1", [memberId]);
    const product = await productOnSale();
    const now = Date.now();
    const sale = await post(
      `${server.url}/api/fn/admin`,
      {
        action: 'saveFlashSale',
        flashSale: {
          productId: product.id,
          priceFen: 5000,
          stock: 20,
          perMemberLimit: 1,
          startsAt: new Date(now - 60_000).toISOString(),
          endsAt: new Date(now + 2 * 3600_000).toISOString(),
        },
      },
      { token: admin },
    );
    expect(sale.status).toBe(200);

    const page = await newPage(browser.context);
    await openProduct(page, product.id);
    expect(await page.locator('.product-page__card .price-tag').first().innerText()).toContain('秒杀价');
    expect(await page.locator('.product-page__buy').innerText()).toBe('立即购买');
    expect(await page.locator('.product-flash__mine').count()).toBe(0);
    await page.screenshot({ path: shot('before'), fullPage: true });

    await page.locator('.product-page__buy').click();
    await page.locator('.confirm-page__breakdown').waitFor({ timeout: 20_000 });
    expect(await page.locator('.confirm-page__row--flash').innerText()).toContain('¥50');
    await addAddressAtCheckout(page);
    const created = answerOf<OrderView>(page, 'order', 'create');
    await page.locator('.confirm-page__submit').click();
    expect(await created).toMatchObject({ flashSale: true, unitPriceFen: 5000 });
    await page.getByText('确认支付', { exact: true }).click();
    await page.locator('.confirm-page__paid-title').waitFor({ timeout: 20_000 });

    // Back on the product page (as a member goes back after paying): the allowance is used, the flash price not offered.
    await page.goBack();
    await page.locator('.product-page__name').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.product-flash__mine').innerText(), { timeout: 20_000 }).toBe('已抢购 1/1 件 · 秒杀限购已用完');
    const price = await page.locator('.product-page__card .price-tag').first().innerText();
    expect(price).toContain('会员价');
    expect(price).not.toContain('秒杀价');
    expect(await page.locator('.product-page__buy').innerText()).toBe('按会员价购买');
    await page.screenshot({ path: shot('used'), fullPage: true });

    // Checkout agrees: the member price, and why.
    const quoted = answerOf<OrderQuote>(page, 'order', 'quote');
    await page.locator('.product-page__buy').click();
    await page.locator('.confirm-page__breakdown').waitFor({ timeout: 20_000 });
    // The price the page showed for the SKU is the one checkout charges.
    const q = await quoted;
    const shown = (await post(`${server.url}/api/fn/catalog`, { action: 'detail', productId: product.id }, { token: member })).body.data as ProductDetail;
    expect(shown.flashSale!.mine).toEqual({ limit: 1, used: 1, left: 0 });
    const pickedSku = shown.skus.find((s) => s.id === q.sku.id)!;
    expect(q).toMatchObject({ flashSale: false, unitPriceFen: pickedSku.memberPriceFen, flashAllowance: { limit: 1, used: 1, left: 0 } });
    expect(pickedSku).toMatchObject({ flash: false });
    expect(pickedSku.memberPriceFen).toBeGreaterThan(5000);
    expect(await page.locator('.confirm-page__allowance').innerText()).toBe('秒杀每人限购 1 件，你已抢购 1 件，本单按会员价计');
    expect(await page.locator('.confirm-page__row--flash').count()).toBe(0);
    await page.screenshot({ path: shot('checkout-member-price'), fullPage: true });

    expect(page.errors).toEqual([]);
    await page.close();

    // More than the stock, in a checkout opened on its own: the reason and 返回商品, nothing to retry.
    const { rows } = await server.db.query<{ id: string }>('select id from product_skus where product_id = $1 and stock > 0 order by id limit 1', [product.id]);
    const alone = await newPage(browser.context);
    await alone.goto(`${server.url}/?as=${OPENID}&role=member#/packages/shop/confirm/index?skuId=${rows[0]!.id}&qty=99`);
    await alone.locator('.confirm-page__refusal-reason').waitFor({ timeout: 20_000 });
    expect(await alone.locator('.confirm-page__refusal-reason').innerText()).toMatch(/^这个规格仅剩 \d+ 件$/);
    expect(await alone.locator('.confirm-page').innerText()).not.toContain('重试');
    await alone.screenshot({ path: shot('refusal'), fullPage: true });
    // No product page behind it: the way back is the shop's home.
    expect(await alone.locator('.confirm-page__back').innerText()).toBe('去首页逛逛');
    await alone.locator('.confirm-page__back').click();
    await alone.locator('.home-page').first().waitFor({ timeout: 20_000 });
    expect(alone.errors).toEqual([]);
    await alone.close();
  });
});
