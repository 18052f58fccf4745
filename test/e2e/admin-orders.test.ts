/**
 * 运营 → 订单 in Chromium against the real Node server with the demo data, on a 390 px phone.
 * The member's side is prepared through the member's API (the demo has no order of theirs with
 * an address, no refund request and no gift waiting): a member 周小雨 pays two orders, asks for a
 * refund of the second, and redeems a 品牌帆布袋 with her address. Signed in as the demo admin
 * 小陈, staff open 订单 from the workbench, ship the paid order, approve the refund, and ship the
 * bag from 礼品待发; then 周小雨 sees her order 已发货 with the tracking number and the other
 * 已退款. A screenshot of every admin screen is kept in test-results/ (e2e-admin-orders-*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminGift, AdminOrdersPage, MallItemView, OrderView } from '@cloud/contract';
import { devLogin, post, savedAddress } from '../support/http';
import { startTestServer } from '../support/server';
import { answerOf, newPage, openBrowser, RESULTS_DIR, shotAtRest, tab, type WatchedPage } from './browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof openBrowser>>;

const BUYER = 'e2e-orders-buyer';

beforeAll(async () => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  server = await startTestServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (page: WatchedPage, name: string) => shotAtRest(page, path.join(RESULTS_DIR, `e2e-admin-orders-${name}.png`));

const field = (page: WatchedPage, cls: string) => page.locator(`input.${cls}:visible, .${cls}:visible input`).first();

/** The buyer's side, through the member's API: two paid orders (a refund asked for the second) and a bag to ship. */
async function prepareBuyer() {
  const token = await devLogin(server.url, BUYER);
  const fn = (name: string) => `${server.url}/api/fn/${name}`;
  const addressId = await savedAddress(server.url, token);
  const profile = await post(fn('member'), { action: 'update', nickname: '周小雨' }, { token });
  const memberId = profile.body.data.id as string;
  const { rows } = await server.db.query<{ id: string }>(
    `select s.id from product_skus s join products p on p.id = s.product_id
     where p.active and s.stock >= 5 and not exists (select 1 from flash_sales f where f.product_id = p.id and f.ends_at > now())
     order by p.id, s.id limit 1`,
  );
  const skuId = rows[0]!.id;
  const paid: OrderView[] = [];
  for (const i of [1, 2]) {
    const quote = await post(fn('order'), { action: 'quote', skuId, qty: 1, couponId: null }, { token });
    const created = await post(fn('order'), { action: 'create', skuId, qty: 1, addressId, expectedTotalFen: quote.body.data.totalFen, requestId: `e2e-admin-orders-${i}` }, { token });
    const pay = await post(fn('order'), { action: 'pay', orderId: created.body.data.id }, { token });
    const confirmed = await post(`${server.url}/api/pay/sandbox/confirm`, { token: pay.body.data.sandbox.token }, { token });
    expect(confirmed.body.data.status).toBe('paid');
    paid.push(confirmed.body.data);
  }
  const asked = await post(fn('order'), { action: 'requestRefund', orderId: paid[1]!.id, reason: '尺码买大了，不想要了' }, { token });
  expect(asked.body.data.status).toBe('refunding');

  const admin = await devLogin(server.url, 'e2e-orders-points', 'admin');
  await post(fn('admin'), { action: 'adjustPoints', targetMemberId: memberId, delta: 1000, reason: '兑换礼品测试', requestId: 'e2e-admin-orders-points' }, { token: admin });
  const items = (await post<{ data: MallItemView[] }>(fn('mall'), { action: 'list' }, { token })).body.data;
  const bag = await post(fn('mall'), { action: 'redeem', itemId: items.find((i) => i.name === '品牌帆布袋')!.id, requestId: 'e2e-admin-orders-bag' }, { token });
  const redemptionId = bag.body.data.redemptionId as string;
  const address = { name: '周小姐', phone: '13900001111', region: '杭州市 西湖区', detail: '文三路 90 号' };
  expect((await post(fn('mall'), { action: 'setAddress', redemptionId, address }, { token })).status).toBe(200);
  return { toShip: paid[0]!, toRefund: paid[1]!, redemptionId };
}

describe('H5: 运营 → 订单', () => {
  it('an admin ships a paid order, approves a refund and ships a gift; the member sees 已发货 with the tracking number', async () => {
    const { toShip, toRefund, redemptionId } = await prepareBuyer();
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });
    await tab(page, '运营').click();

    // 订单 from the workbench: 待发货 first, the newest paid order on top.
    const firstPage = answerOf<AdminOrdersPage>(page, 'admin', 'orders');
    await page.locator('.ops-page__entry--orders').click();
    const listed = await firstPage;
    expect(listed.items[0]).toMatchObject({ id: toShip.id, status: 'paid', member: { nickname: '周小雨' } });
    expect(listed.items.every((o) => o.status === 'paid')).toBe(true);
    const row = page.locator(`.admin-order-row[data-order="${toShip.id}"]:visible`);
    await row.waitFor({ timeout: 20_000 });
    expect(await page.locator('.admin-orders__tab--on:visible').innerText()).toBe('待发货');
    await shot(page, 'list');

    // 发货: the order's page, the form checked at its field, then shipped with its tracking number.
    await row.click();
    await expect.poll(() => page.locator('.admin-order__status-name:visible').innerText(), { timeout: 20_000 }).toBe('待发货');
    expect(await page.locator('.admin-order__member-name:visible').innerText()).toBe('周小雨');
    expect(await page.locator('.admin-order__who:visible').innerText()).toBe('林小姐 13800138000');
    await shot(page, 'order');
    await page.locator('.admin-order__ship:visible').click();
    await field(page, 'ship-dialog__tracking').fill('SF 123');
    expect(await page.locator('.ship-dialog__hint--tracking:visible').innerText()).toBe('快递单号为 6–40 位字母、数字或 -');
    await page.locator('.ship-dialog__carrier[data-carrier="中通快递"]:visible').click();
    await field(page, 'ship-dialog__tracking').fill('ZT4455667788');
    await shot(page, 'ship-form');
    const shipped = answerOf<OrderView>(page, 'admin', 'shipOrder');
    await page.locator('.dialog__button--confirm:visible').click();
    expect(await shipped).toMatchObject({ id: toShip.id, status: 'shipped', shipment: { carrier: '中通快递', trackingNo: 'ZT4455667788' } });
    await expect.poll(() => page.locator('.admin-order__tracking:visible').innerText(), { timeout: 20_000 }).toBe('中通快递 ZT4455667788');
    expect(await page.locator('.admin-order__status-name:visible').innerText()).toBe('已发货');
    await shot(page, 'order-shipped');

    // 售后: the refund request with the member's reason, approved.
    await page.goto(`${server.url}/#/packages/admin/orders/index?tab=refunding`);
    const request = page.locator(`.admin-order-row[data-order="${toRefund.id}"]:visible`);
    await request.waitFor({ timeout: 20_000 });
    expect(await request.locator('.admin-order-row__status').innerText()).toBe('退款申请');
    await shot(page, 'after-sales');
    await request.click();
    await expect.poll(() => page.locator('.admin-order__status-name:visible').innerText(), { timeout: 20_000 }).toBe('退款申请待处理');
    expect(await page.locator('.admin-order__reason:visible').innerText()).toBe('会员说明：尺码买大了，不想要了');
    await shot(page, 'refund-request');
    await page.locator('.admin-order__approve:visible').click();
    await shot(page, 'refund-approve');
    const decided = answerOf<OrderView>(page, 'admin', 'decideRefund');
    await page.locator('.dialog__button--confirm:visible').click();
    expect(await decided).toMatchObject({ id: toRefund.id, status: 'refunded' });
    await expect.poll(() => page.locator('.admin-order__status-name:visible').innerText(), { timeout: 20_000 }).toBe('已退款');
    expect(await page.locator('.admin-order__after-sales:visible .admin-order__title').innerText()).toContain('退款申请 · 已同意');
    await shot(page, 'refunded');

    // 礼品待发: the bag with its address, shipped from the list.
    await page.goBack();
    await page.locator('.admin-orders__tab--gifts:visible').click();
    const gift = page.locator(`.admin-gift-row[data-gift="mall-${redemptionId}"]:visible`);
    await gift.waitFor({ timeout: 20_000 });
    expect(await gift.locator('.admin-gift-row__address').innerText()).toContain('周小姐 13900001111');
    await shot(page, 'gifts');
    await gift.locator('.admin-gift-row__ship').click();
    await field(page, 'ship-dialog__tracking').fill('SF9988776655');
    const sent = answerOf<AdminGift>(page, 'admin', 'shipPrize');
    await page.locator('.dialog__button--confirm:visible').click();
    expect(await sent).toMatchObject({ kind: 'mall', id: redemptionId, fulfilment: 'shipped', shipment: { carrier: '顺丰速运', trackingNo: 'SF9988776655' } });
    await expect.poll(() => gift.count(), { timeout: 10_000 }).toBe(0);
    await shot(page, 'gifts-shipped');
    expect(page.errors).toEqual([]);

    // The member: her order 已发货 with the tracking number, the other 已退款.
    await page.goto(`${server.url}/?as=${BUYER}&role=member#/packages/shop/order/index?id=${toShip.id}`);
    await expect.poll(() => page.locator('.order-page__status-title:visible').innerText(), { timeout: 20_000 }).toBe('已发货');
    expect(await page.locator('.order-page__tracking:visible').innerText()).toBe('中通快递 ZT4455667788');
    await shot(page, 'member-shipped');
    await page.goto(`${server.url}/?as=${BUYER}&role=member#/packages/shop/order/index?id=${toRefund.id}`);
    await expect.poll(() => page.locator('.order-page__status-title:visible').innerText(), { timeout: 20_000 }).toBe('已退款');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
