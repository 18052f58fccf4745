/**
 * Issue 9's order journey in Chromium against the real Node server, on a 390 px phone: a member
 * with a coupon buys a product — the address given at checkout, the best coupon applied by
 * default — and pays in the sandbox; staff ship it over the API; the member follows it on the
 * order's page and confirms receipt (已完成). A second order is refunded before shipment: the
 * member asks (退款中), staff approve over the API, and it shows 已退款. A screenshot of each
 * screen is kept in test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderView } from '@cloud/contract';
import { devLogin, post } from '../support/http';
import { startTestServer } from '../support/server';
import { addAddressAtCheckout, answerOf, newPage, openBrowser, RESULTS_DIR, type WatchedPage } from './browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof openBrowser>>;

const OPENID = 'e2e-order-buyer';
const shot = (name: string) => path.join(RESULTS_DIR, `e2e-order-${name}.png`);

beforeAll(async () => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  server = await startTestServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A demo product over ¥100 (the coupon's threshold) with stock, outside any flash sale: its id. */
async function productToBuy(): Promise<string> {
  const { rows } = await server.db.query<{ id: string }>(
    `select p.id from products p
     where p.active and not exists (select 1 from flash_sales f where f.product_id = p.id and f.ends_at > now())
       and (select min(price_fen) from product_skus s where s.product_id = p.id) >= 15000
       and (select bool_and(stock >= 10) from product_skus s where s.product_id = p.id)
     order by p.id limit 1`,
  );
  return rows[0]!.id;
}

/** Picks the first size in stock of each dimension, then 立即购买: resolves on 确认订单. `shotAs`: a screenshot of the product page. */
async function buy(page: WatchedPage, productId: string, shotAs?: string) {
  await page.goto(`${server.url}/?as=${OPENID}&role=member#/packages/shop/product/index?id=${productId}`);
  await page.locator('.product-page__name').waitFor({ timeout: 20_000 });
  for (const dim of await page.locator('.sku-picker__dim').all()) {
    await dim.locator('.sku-picker__option:not(.sku-picker__option--disabled)').first().click();
  }
  if (shotAs) {
    // A member without a tier discount: the page says what shipping costs and never 「暂无会员折扣」.
    expect(await page.locator('.product-page__shipping').innerText()).toBe('满 ¥99 包邮，不满运费 ¥10');
    expect(await page.locator('.product-page').innerText()).not.toContain('暂无会员折扣');
    await page.screenshot({ path: shot(shotAs), fullPage: true });
  }
  await page.locator('.product-page__buy').click();
  await page.locator('.confirm-page__breakdown').waitFor({ timeout: 20_000 });
}

/** 提交订单, then 确认支付 in the sandbox: resolves on 支付成功 with the order. */
async function submitAndPay(page: WatchedPage): Promise<OrderView> {
  const created = answerOf<OrderView>(page, 'order', 'create');
  await page.locator('.confirm-page__submit').click();
  const order = await created;
  await page.getByText('确认支付', { exact: true }).click();
  await page.locator('.confirm-page__paid-title').waitFor({ timeout: 20_000 });
  return order;
}

const statusOf = (page: WatchedPage) => page.locator('.order-page__status-title').innerText();

describe('H5: buy with an address and a default coupon, follow the order, and a refund', () => {
  it('buys, pays, is shipped, confirms receipt (已完成); a second order is refunded before shipment (退款中 → 已退款)', async () => {
    const admin = await devLogin(server.url, 'e2e-order-admin', 'admin');
    const asAdmin = (action: string, params: Record<string, unknown>) => post(`${server.url}/api/fn/admin`, { action, ...params }, { token: admin });
    const member = await devLogin(server.url, OPENID);
    const memberId = (await post(`${server.url}/api/fn/member`, { action: 'profile' }, { token: member })).body.data.id as string;
    const template = await asAdmin('saveCouponTemplate', { template: { name: '满100减20', kind: 'amount_off', amountOffFen: 2000, thresholdFen: 10_000, validDays: 30 } });
    expect(template.status).toBe(200);
    expect((await asAdmin('issueCoupon', { templateId: template.body.data.id, targetMemberId: memberId, requestId: 'e2e-order-coupon' })).status).toBe(200);
    const productId = await productToBuy();

    const page = await newPage(browser.context);
    await buy(page, productId, 'product');
    await page.screenshot({ path: shot('checkout-new'), fullPage: true });
    // The best coupon is priced in without asking; there is no address yet.
    expect(await page.locator('.confirm-page__row--coupon').innerText()).toContain('满100减20');
    expect(await page.locator('.confirm-page__row--coupon').innerText()).toContain('-¥20');
    await addAddressAtCheckout(page, shot('address-form'));
    expect(await page.locator('.confirm-page__address').innerText()).toContain('南京西路 1266 号 12 楼');
    await page.locator('.confirm-page__note-input input, input.confirm-page__note-input').first().fill('工作日白天送到公司前台');
    await page.screenshot({ path: shot('checkout'), fullPage: true });
    const total = await page.locator('.confirm-page__bar-amount').innerText();

    const first = await submitAndPay(page);
    expect(first).toMatchObject({ status: 'pending', coupon: { name: '满100减20' }, couponDiscountFen: 2000, note: '工作日白天送到公司前台' });
    expect(first.address).toMatchObject({ name: '林小姐', detail: '南京西路 1266 号 12 楼' });
    await page.screenshot({ path: shot('paid'), fullPage: true });

    // 查看订单: the order's page, waiting to ship.
    await page.locator('.confirm-page__orders-link').click();
    await expect.poll(() => statusOf(page), { timeout: 20_000 }).toBe('待发货');
    expect(await page.locator('.order-page__amount--total').innerText()).toContain(total);
    expect(await page.locator('.order-page__amount--coupon').innerText()).toContain('满100减20');
    await page.screenshot({ path: shot('to-ship'), fullPage: true });

    const shipped = await asAdmin('shipOrder', { orderId: first.id, carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    expect([shipped.status, shipped.body.data.status]).toEqual([200, 'shipped']);
    await page.reload();
    await expect.poll(() => statusOf(page), { timeout: 20_000 }).toBe('已发货');
    expect(await page.locator('.order-page__tracking').innerText()).toBe('顺丰速运 SF1234567890');
    await page.screenshot({ path: shot('shipped'), fullPage: true });

    await page.locator('.order-page__confirm').click();
    await page.locator('.dialog__button--confirm').click();
    await expect.poll(() => statusOf(page), { timeout: 20_000 }).toBe('已完成');
    expect(await page.locator('.order-page__step--latest').innerText()).toContain('确认收货');
    await page.screenshot({ path: shot('completed'), fullPage: true });

    // A second order: the address is remembered; the coupon is spent.
    await buy(page, productId);
    expect(await page.locator('.confirm-page__address').innerText()).toContain('南京西路 1266 号 12 楼');
    const second = await submitAndPay(page);
    expect(second.coupon).toBeNull();
    await page.locator('.confirm-page__orders-link').click();
    await expect.poll(() => statusOf(page), { timeout: 20_000 }).toBe('待发货');
    await page.locator('.order-page__refund').click();
    await page.locator('.after-sales__reason', { hasText: '不想要了' }).click();
    await page.screenshot({ path: shot('refund-form'), fullPage: true });
    await page.locator('.dialog__button--confirm').click();
    await expect.poll(() => statusOf(page), { timeout: 20_000 }).toBe('退款中');
    expect(await page.locator('.order-page__after-sales').innerText()).toContain('退款申请 · 处理中');
    await page.screenshot({ path: shot('refunding'), fullPage: true });

    const decided = await asAdmin('decideRefund', { orderId: second.id, approve: true });
    expect([decided.status, decided.body.data.status]).toEqual([200, 'refunded']);
    await page.reload();
    await expect.poll(() => statusOf(page), { timeout: 20_000 }).toBe('已退款');
    expect(await page.locator('.order-page__status-note').innerText()).toContain('已原路退回');
    await page.screenshot({ path: shot('refunded'), fullPage: true });

    // 我的订单: 已完成 and 售后 each list their order.
    await page.goto(`${server.url}/?as=${OPENID}&role=member#/packages/shop/orders/index`);
    await page.locator('.order-card').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.order-card__status').allInnerTexts()).toEqual(['已退款', '已完成']);
    await page.screenshot({ path: shot('list'), fullPage: true });
    await page.locator('.orders-page__tab[data-tab="after_sales"]').click();
    await expect.poll(() => page.locator('.order-card').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.order-card').getAttribute('data-order')).toBe(second.id);
    await page.screenshot({ path: shot('list-after-sales'), fullPage: true });

    // 收货地址 in the address book.
    await page.goto(`${server.url}/?as=${OPENID}&role=member#/packages/address/index`);
    await page.locator('.address-page__card[data-address]').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.address-page__card[data-address]').innerText()).toContain('默认');
    await page.screenshot({ path: shot('address-book'), fullPage: true });

    expect(page.errors).toEqual([]);
    await page.close();
  });
});
