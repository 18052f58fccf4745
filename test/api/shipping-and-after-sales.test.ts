/**
 * Issue 9's actions over HTTP: the address book, an order's address and note, 发货 and
 * 确认收货, after-sales and the staff decision, the photo upload — who may call comes before
 * what they send, and bad input is a 400 with the field's name, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail, OrderView } from '@cloud/contract';
import { devLogin, post, savedAddress } from '../support/http';
import { PNG } from '../support/images';
import { testProduct, type TestProduct } from '../support/products';
import { startTestServer, type TestServer } from '../support/server';

/** A Monday: no 会员日 prices whatever day the suite runs. */
const clock = { 'x-dev-now': '2026-11-23T10:00:00+08:00' };
const ADDRESS = { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号' };

describe('shipping and after-sales over HTTP', () => {
  let server: TestServer;
  let product: TestProduct;
  const fn = (name: string) => `${server.url}/api/fn/${name}`;
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer();
    product = await testProduct(server.db, { name: '接口测试风衣', skus: [{ color: '卡其', size: 'M', priceFen: 5900, stock: 20 }] });
  });
  afterAll(() => server?.close());

  const errorOf = (reply: { status: number; body: { error: { code: string; message: string } } }) => [reply.status, reply.body.error.code, reply.body.error.message];

  /** 提交订单 with the member's saved address, then 去支付 and 确认支付 in the sandbox. */
  async function paidOrder(token: string): Promise<OrderView> {
    const quote = await post(fn('order'), { action: 'quote', skuId: product.skus[0]!.id, qty: 1 }, { token, headers: clock });
    const created = await post(
      fn('order'),
      { action: 'create', skuId: product.skus[0]!.id, qty: 1, addressId: await savedAddress(server.url, token), expectedTotalFen: quote.body.data.totalFen, requestId: `api-ship-${++n}` },
      { token, headers: clock },
    );
    const pay = await post(fn('order'), { action: 'pay', orderId: created.body.data.id }, { token, headers: clock });
    const paid = await post(`${server.url}/api/pay/sandbox/confirm`, { token: pay.body.data.sandbox.token }, { token, headers: clock });
    expect(paid.body.data.status).toBe('paid');
    return paid.body.data;
  }

  it('who may call comes first: staff actions answer 403 to members and guides whatever they send, 401 to nobody', async () => {
    const member = await devLogin(server.url, 'api-ship-member');
    const guide = await devLogin(server.url, 'api-ship-guide', 'guide');
    for (const token of [member, guide]) {
      for (const body of [{ action: 'shipOrder' }, { action: 'decideRefund', orderId: 'x', approve: 'yes', extra: 1 }]) {
        const reply = await post(fn('admin'), body, { token });
        expect([reply.status, reply.body.error.code]).toEqual([403, 'FORBIDDEN']);
      }
    }
    for (const [name, body] of [
      ['address', { action: 'list' }],
      ['order', { action: 'confirmReceipt', orderId: '1' }],
    ] as const) {
      expect((await post(fn(name), body)).status).toBe(401);
    }
  });

  it('bad input is a 400 naming the field', async () => {
    const token = await devLogin(server.url, 'api-ship-careless');
    const admin = await devLogin(server.url, 'api-ship-admin', 'admin');
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['address', token, { action: 'save', address: { ...ADDRESS, phone: '12345' } }, 'address.phone'],
      ['address', token, { action: 'save', address: { ...ADDRESS, detail: '南京西路\n1266 号' } }, 'address.detail'],
      ['address', token, { action: 'save', address: ADDRESS, isDefault: 'yes' }, 'isDefault'],
      ['address', token, { action: 'remove', id: 'home' }, 'id'],
      ['order', token, { action: 'create', skuId: product.skus[0]!.id, qty: 1, addressId: '1', note: '请'.repeat(101), requestId: 'api-note-long' }, 'note'],
      ['order', token, { action: 'create', skuId: product.skus[0]!.id, qty: 1, addressId: '1', note: '放门卫\u0007', requestId: 'api-note-ctrl' }, 'note'],
      ['order', token, { action: 'mine', status: 'shipped' }, 'status'],
      ['order', token, { action: 'requestRefund', orderId: '1', reason: '退' }, 'reason'],
      ['order', token, { action: 'requestReturn', orderId: '1', reason: '有破损', photos: ['https://example.com/a.png'] }, 'photos.0'],
      ['order', token, { action: 'requestReturn', orderId: '1', reason: '有破损', photos: Array(7).fill('/media/AAAAAAAAAAAAAAAAAAAAAA') }, 'photos'],
      ['order', token, { action: 'quote', skuId: product.skus[0]!.id, qty: 1, couponId: 'best' }, 'couponId'],
      ['admin', admin, { action: 'shipOrder', orderId: '1', carrier: '顺丰速运', trackingNo: 'SF 123' }, 'trackingNo'],
      ['admin', admin, { action: 'shipOrder', orderId: '1', carrier: '顺丰速运顺丰速运顺丰速运顺丰速运顺丰速运顺', trackingNo: 'SF1234567890' }, 'carrier'],
      ['admin', admin, { action: 'decideRefund', orderId: '1', approve: false }, 'note'],
    ];
    for (const [name, who, body, field] of cases) {
      const reply = await post(fn(name), body, { token: who, headers: clock });
      expect([name, body.action, reply.status, reply.body.error.code]).toEqual([name, body.action, 400, 'INVALID_PARAMS']);
      expect(reply.body.error.message).toContain(field);
    }
  });

  it('an order needs an address (400 ADDRESS_REQUIRED); the address book needs consent', async () => {
    const token = await devLogin(server.url, 'api-ship-no-address');
    const saved = await post(fn('address'), { action: 'save', address: ADDRESS }, { token });
    expect(errorOf(saved)).toEqual([403, 'CONSENT_REQUIRED', '请先阅读并同意隐私保护指引']);
    const created = await post(fn('order'), { action: 'create', skuId: product.skus[0]!.id, qty: 1, requestId: 'api-no-address' }, { token, headers: clock });
    expect(errorOf(created)).toEqual([400, 'ADDRESS_REQUIRED', '请选择收货地址']);
    const addressId = await savedAddress(server.url, token);
    const list = await post(fn('address'), { action: 'list' }, { token });
    expect(list.body.data).toEqual([{ id: addressId, ...ADDRESS, isDefault: true }]);
  });

  it('follows an order over HTTP: staff ship it, the member confirms it, the detail has the timeline, the fee and the tracking number', async () => {
    const token = await devLogin(server.url, 'api-ship-follower');
    const admin = await devLogin(server.url, 'api-ship-shipper', 'admin');
    const order = await paidOrder(token);
    expect(order).toMatchObject({ totalFen: 6900, shippingFen: 1000, address: ADDRESS, status: 'paid' });
    const notYet = await post(fn('order'), { action: 'confirmReceipt', orderId: order.id }, { token, headers: clock });
    expect(errorOf(notYet)).toEqual([409, 'ORDER_NOT_SHIPPED', '订单尚未发货，暂不能确认收货']);
    const shipped = await post(fn('admin'), { action: 'shipOrder', orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, { token: admin, headers: clock });
    expect([shipped.status, shipped.body.data.status]).toEqual([200, 'shipped']);
    const confirmed = await post(fn('order'), { action: 'confirmReceipt', orderId: order.id }, { token, headers: { 'x-dev-now': '2026-11-25T20:00:00+08:00' } });
    expect([confirmed.status, confirmed.body.data.status]).toEqual([200, 'completed']);
    const detail = (await post(fn('order'), { action: 'detail', orderId: order.id }, { token, headers: clock })).body.data as OrderDetail;
    expect(detail.timeline.map((s) => s.step)).toEqual(['created', 'paid', 'shipped', 'completed']);
    expect(detail.shipment).toMatchObject({ carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    const tab = await post(fn('order'), { action: 'mine', status: 'completed' }, { token, headers: clock });
    expect(tab.body.data.items.map((o: OrderView) => o.id)).toEqual([order.id]);
  });

  it('a refund asked before shipment shows 退款中 until staff approve it; a photo uploads for a return', async () => {
    const token = await devLogin(server.url, 'api-ship-refunder');
    const admin = await devLogin(server.url, 'api-ship-decider', 'admin');
    const order = await paidOrder(token);
    const asked = await post(fn('order'), { action: 'requestRefund', orderId: order.id, reason: '拍错颜色了' }, { token, headers: clock });
    expect([asked.status, asked.body.data.status, asked.body.data.afterSales.status]).toEqual([200, 'refunding', 'pending']);
    const approved = await post(fn('admin'), { action: 'decideRefund', orderId: order.id, approve: true }, { token: admin, headers: clock });
    expect([approved.status, approved.body.data.status]).toEqual([200, 'refunded']);

    const photo = await fetch(`${server.url}/api/media/photo`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` }, body: new Uint8Array(PNG) });
    expect(photo.status).toBe(200);
    expect(((await photo.json()) as { data: { url: string } }).data.url).toMatch(/^\/media\/[A-Za-z0-9_-]{22}$/);
    const unknown = await fetch(`${server.url}/api/media/document`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` }, body: new Uint8Array(PNG) });
    expect(unknown.status).toBe(404);
  });
});
