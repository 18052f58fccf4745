/** Buying over HTTP with the sandbox provider: price, order, 去支付, 确认支付, the notice route, refund. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPayments } from '@cloud/adapters/payments/sandbox-payments';
import { adapters } from '../support/fixtures';
import { devLogin, post, savedAddress } from '../support/http';
import { testProduct, type TestProduct } from '../support/products';
import { startTestServer, type TestServer } from '../support/server';

const sandbox = adapters.payments as SandboxPayments;
/** A Monday: no 会员日 prices or points, whatever day the suite runs (development clock). */
const MONDAY = '2026-11-23T10:00:00+08:00';
const clock = { 'x-dev-now': MONDAY };

describe('orders and payments over HTTP', () => {
  let server: TestServer;
  let product: TestProduct;
  const fn = (name: string) => `${server.url}/api/fn/${name}`;
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer();
    product = await testProduct(server.db, { name: '接口测试开衫', skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 20 }] });
  });
  afterAll(() => server?.close());

  async function pendingOrder(token: string) {
    const quote = await post(fn('order'), { action: 'quote', skuId: product.skus[0]!.id, qty: 1 }, { token, headers: clock });
    expect(quote.status).toBe(200);
    const created = await post(
      fn('order'),
      {
        action: 'create',
        skuId: product.skus[0]!.id,
        qty: 1,
        addressId: await savedAddress(server.url, token),
        expectedTotalFen: quote.body.data.totalFen,
        requestId: `api-order-${++n}`,
      },
      { token, headers: clock },
    );
    expect(created.status).toBe(200);
    return created.body.data as { id: string; totalFen: number };
  }

  it('a member buys: 去支付 gives a sandbox token, 确认支付 books the order, points arrive once', async () => {
    const token = await devLogin(server.url, 'api-buyer');
    const order = await pendingOrder(token);
    const pay = await post(fn('order'), { action: 'pay', orderId: order.id }, { token, headers: clock });
    expect(pay.body.data).toMatchObject({ provider: 'sandbox', totalFen: 29_900, sandbox: { token: expect.any(String) } });
    const confirmed = await post(`${server.url}/api/pay/sandbox/confirm`, { token: pay.body.data.sandbox.token }, { token, headers: clock });
    expect([confirmed.status, confirmed.body.data.status, confirmed.body.data.pointsEarned]).toEqual([200, 'paid', 299]);
    // WeChat Pay may post the same notice again: acknowledged, nothing booked twice.
    const again = sandbox.confirm(pay.body.data.sandbox.token, new Date(MONDAY))!;
    const repeated = await post(`${server.url}/api/pay/notify/sandbox`, null, { raw: again.body, headers: again.headers });
    expect(repeated.status).toBe(204);
    const balance = await post(fn('points'), { action: 'balance' }, { token, headers: clock });
    expect(balance.body.data.balance).toBe(299);
    const mine = await post(fn('order'), { action: 'mine' }, { token, headers: clock });
    expect(mine.body.data.items[0]).toMatchObject({ id: order.id, status: 'paid' });
  });

  it('a repeated 确认支付 (a retry after a timeout) answers with the paid order and books nothing twice', async () => {
    const token = await devLogin(server.url, 'api-retrier');
    const order = await pendingOrder(token);
    const pay = await post(fn('order'), { action: 'pay', orderId: order.id }, { token, headers: clock });
    const confirm = () => post(`${server.url}/api/pay/sandbox/confirm`, { token: pay.body.data.sandbox.token }, { token, headers: clock });
    const first = await confirm();
    const retry = await confirm();
    expect([first.status, first.body.data.status]).toEqual([200, 'paid']);
    expect([retry.status, retry.body.ok, retry.body.data]).toEqual([200, true, first.body.data]);
    const balance = await post(fn('points'), { action: 'balance' }, { token, headers: clock });
    expect(balance.body.data.balance).toBe(299);
  });

  it('refuses a notice that the provider did not sign, and a confirmation of someone else\'s order', async () => {
    const token = await devLogin(server.url, 'api-victim');
    const order = await pendingOrder(token);
    const pay = await post(fn('order'), { action: 'pay', orderId: order.id }, { token, headers: clock });
    const real = sandbox.confirm(pay.body.data.sandbox.token, new Date(MONDAY))!;
    const forged = await post(`${server.url}/api/pay/notify/sandbox`, null, {
      raw: real.body,
      headers: { ...real.headers, 'x-sandbox-signature': 'forged' },
    });
    expect(forged.status).toBe(401);
    const thief = await devLogin(server.url, 'api-thief');
    const stolen = await post(`${server.url}/api/pay/sandbox/confirm`, { token: pay.body.data.sandbox.token }, { token: thief, headers: clock });
    expect([stolen.status, stolen.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const detail = await post(fn('order'), { action: 'detail', orderId: order.id }, { token, headers: clock });
    expect(detail.body.data.status).toBe('pending');
    expect((await post(fn('order'), { action: 'detail', orderId: order.id }, { token: thief, headers: clock })).status).toBe(404);
  });

  it('bad input is a 400 with a code and a Chinese message; a price that changed is a 409', async () => {
    const token = await devLogin(server.url, 'api-careless');
    const bad = await post(fn('order'), { action: 'create', skuId: 'x', qty: 0, requestId: 'short' }, { token, headers: clock });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    expect(bad.body.error.message).toMatch(/请求参数有误/);
    const changed = await post(
      fn('order'),
      { action: 'create', skuId: product.skus[0]!.id, qty: 1, addressId: await savedAddress(server.url, token), expectedTotalFen: 100, requestId: 'api-price-changed-1' },
      { token, headers: clock },
    );
    expect([changed.status, changed.body.error.code, changed.body.error.message]).toEqual([409, 'PRICE_CHANGED', '价格有变化，请确认新价格后再提交']);
  });

  it('only operations staff refund, and a refund takes the points back', async () => {
    const token = await devLogin(server.url, 'api-returner');
    const order = await pendingOrder(token);
    const pay = await post(fn('order'), { action: 'pay', orderId: order.id }, { token, headers: clock });
    await post(`${server.url}/api/pay/sandbox/confirm`, { token: pay.body.data.sandbox.token }, { token, headers: clock });
    const asMember = await post(fn('admin'), { action: 'refundOrder', orderId: order.id, reason: '我想退款' }, { token, headers: clock });
    expect(asMember.status).toBe(403);
    const admin = await devLogin(server.url, 'api-refund-admin', 'admin');
    const refunded = await post(fn('admin'), { action: 'refundOrder', orderId: order.id, reason: '质量问题' }, { token: admin, headers: clock });
    expect([refunded.status, refunded.body.data.status]).toEqual([200, 'refunded']);
    expect((await post(fn('points'), { action: 'balance' }, { token, headers: clock })).body.data.balance).toBe(0);
  });
});
