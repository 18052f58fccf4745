/**
 * 订单与履约 over HTTP, on the demo data: staff list shop orders by status a page at a time
 * (found by order id or member id), open one with its member, address and after-sales request,
 * and ship the mall goods and lottery prizes waiting for it — once. Bad params are a 400 naming
 * the field; the listings use the indexes of migration 0022.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminGift, AdminGiftsPage, AdminOrderDetail, AdminOrderListItem, AdminOrdersPage, MallItemView, OrderView } from '@cloud/contract';
import { devLogin, post, savedAddress } from '../support/http';
import { testProduct, type TestProduct } from '../support/products';
import { startTestServer, type TestServer } from '../support/server';

/** A Monday: no 会员日 prices whatever day the suite runs. */
const clock = { 'x-dev-now': '2026-11-23T10:00:00+08:00' };
const ADDRESS = { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号' };

describe('admin orders and fulfilment over HTTP', () => {
  let server: TestServer;
  let product: TestProduct;
  let admin: string;
  const fn = (name: string) => `${server.url}/api/fn/${name}`;
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer();
    product = await testProduct(server.db, { name: '运营测试风衣', skus: [{ color: '卡其', size: 'M', priceFen: 5900, stock: 60 }] });
    admin = await devLogin(server.url, 'api-orders-admin', 'admin');
  });
  afterAll(() => server?.close());

  const asAdmin = <T>(action: string, params: object = {}) => post<{ data: T; error: { code: string; message: string } }>(fn('admin'), { action, ...params }, { token: admin, headers: clock });
  const errorOf = (reply: { status: number; body: { error: { code: string; message: string } } }) => [reply.status, reply.body.error.code, reply.body.error.message];

  /** A member who agreed to the privacy guide, with a nickname and a saved address: their token, id and address id. */
  async function member(openid: string, nickname: string) {
    const token = await devLogin(server.url, openid);
    const addressId = await savedAddress(server.url, token);
    const updated = await post(fn('member'), { action: 'update', nickname }, { token });
    expect(updated.status).toBe(200);
    return { token, id: updated.body.data.id as string, addressId };
  }

  /** 提交订单, 去支付, 确认支付 in the sandbox. */
  async function paidOrder(m: { token: string; addressId: string }): Promise<OrderView> {
    const skuId = product.skus[0]!.id;
    const quote = await post(fn('order'), { action: 'quote', skuId, qty: 1 }, { token: m.token, headers: clock });
    const created = await post(
      fn('order'),
      { action: 'create', skuId, qty: 1, addressId: m.addressId, expectedTotalFen: quote.body.data.totalFen, requestId: `api-admin-orders-${++n}` },
      { token: m.token, headers: clock },
    );
    const pay = await post(fn('order'), { action: 'pay', orderId: created.body.data.id }, { token: m.token, headers: clock });
    const paid = await post(`${server.url}/api/pay/sandbox/confirm`, { token: pay.body.data.sandbox.token }, { token: m.token, headers: clock });
    expect(paid.body.data.status).toBe('paid');
    return paid.body.data;
  }

  it('lists shop orders by status newest first, 20 a page, found by member id or order id, with the member and the open request', async () => {
    const lin = await member('api-orders-lin', '接口小林');
    const orders: OrderView[] = [];
    for (let i = 0; i < 22; i++) orders.push(await paidOrder(lin));
    const asked = await post(fn('order'), { action: 'requestRefund', orderId: orders[0]!.id, reason: '拍错颜色了' }, { token: lin.token, headers: clock });
    expect(asked.body.data.status).toBe('refunding');

    const first = await asAdmin<AdminOrdersPage>('orders', { status: 'paid', query: lin.id });
    expect(first.status).toBe(200);
    const newest = [...orders].reverse();
    expect(first.body.data.items.map((o) => o.id)).toEqual(newest.slice(0, 20).map((o) => o.id));
    expect(first.body.data.items[0]).toEqual({
      id: orders[21]!.id,
      status: 'paid',
      member: { id: lin.id, nickname: '接口小林' },
      goods: { name: '运营测试风衣', skuLabel: orders[21]!.skuLabel, qty: 1, imageUrl: orders[21]!.product.imageUrl },
      totalFen: orders[21]!.totalFen,
      createdAt: orders[21]!.createdAt,
      paidAt: orders[21]!.paidAt,
      openAfterSales: null,
    } satisfies AdminOrderListItem);
    expect(first.body.data.nextCursor).toBe(orders[2]!.id);
    // The query is an order id or a member id: an order whose id is her member id is found too.
    const hers = (page: { body: { data: AdminOrdersPage } }) => {
      expect(page.body.data.items.every((o) => o.member.id === lin.id || o.id === lin.id)).toBe(true);
      return page.body.data.items.filter((o) => o.member.id === lin.id).map((o) => o.id);
    };
    const second = await asAdmin<AdminOrdersPage>('orders', { status: 'paid', query: lin.id, cursor: first.body.data.nextCursor });
    expect(hers(second)).toEqual([orders[1]!.id]);
    expect(second.body.data.nextCursor).toBeNull();

    // 售后: the refunding order, with the kind of its open request.
    const afterSales = await asAdmin<AdminOrdersPage>('orders', { status: 'refunding', query: lin.id });
    expect(hers(afterSales)).toEqual([orders[0]!.id]);
    expect(afterSales.body.data.items[0]).toMatchObject({ status: 'refunding', openAfterSales: 'refund' });
    // 全部 for her: every status, the same newest-first pages.
    const all = await asAdmin<AdminOrdersPage>('orders', { query: lin.id });
    expect(all.body.data.items).toHaveLength(20);
    const rest = await asAdmin<AdminOrdersPage>('orders', { query: lin.id, cursor: all.body.data.nextCursor });
    expect(hers(rest)).toEqual([orders[1]!.id, orders[0]!.id]);
    // An order id finds that order.
    const byId = await asAdmin<AdminOrdersPage>('orders', { query: orders[5]!.id });
    expect(byId.body.data.items.map((o) => o.id)).toEqual([orders[5]!.id]);
    // Without a query: the demo's paid orders too, all 待发货, newest first.
    const everyone = await asAdmin<AdminOrdersPage>('orders', { status: 'paid' });
    const ids = everyone.body.data.items.map((o) => Number(o.id));
    expect(everyone.body.data.items.every((o) => o.status === 'paid')).toBe(true);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ids[0]).toBe(Number(orders[21]!.id));
    // Someone with no orders: an empty page.
    expect((await asAdmin<AdminOrdersPage>('orders', { query: '999999999' })).body.data).toEqual({ items: [], nextCursor: null });
  });

  it('opens an order with its amounts, address, request, steps and member; after 发货 and a decision it says so', async () => {
    const qing = await member('api-orders-qing', '接口小青');
    const toShip = await paidOrder(qing);
    const toRefund = await paidOrder(qing);
    await post(fn('order'), { action: 'requestRefund', orderId: toRefund.id, reason: '不想要了' }, { token: qing.token, headers: clock });

    const detail = await asAdmin<AdminOrderDetail>('orderDetail', { orderId: toRefund.id });
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({
      id: toRefund.id,
      status: 'refunding',
      member: { id: qing.id, nickname: '接口小青', tier: 'normal', deleted: false },
      product: { name: '运营测试风衣' },
      qty: 1,
      shippingFen: 1000,
      totalFen: 6900,
      couponDiscountFen: 0,
      address: ADDRESS,
      shipment: null,
      afterSales: { kind: 'refund', status: 'pending', reason: '不想要了', photos: [], decidedAt: null, note: null },
    });
    expect(detail.body.data.timeline.map((s) => s.step)).toEqual(['created', 'paid', 'refund_requested']);

    const declined = await asAdmin<OrderView>('decideRefund', { orderId: toRefund.id, approve: false, note: '商品已打包' });
    expect(declined.body.data.status).toBe('paid');
    const afterDecline = (await asAdmin<AdminOrderDetail>('orderDetail', { orderId: toRefund.id })).body.data;
    expect(afterDecline.afterSales).toMatchObject({ status: 'declined', note: '商品已打包' });

    expect((await asAdmin<OrderView>('shipOrder', { orderId: toShip.id, carrier: '顺丰速运', trackingNo: 'SF1234567890' })).status).toBe(200);
    const shipped = (await asAdmin<AdminOrderDetail>('orderDetail', { orderId: toShip.id })).body.data;
    expect(shipped).toMatchObject({ status: 'shipped', shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890' } });
    expect((await asAdmin<AdminOrdersPage>('orders', { status: 'shipped', query: qing.id })).body.data.items.map((o) => o.id)).toEqual([toShip.id]);

    expect(errorOf(await asAdmin('orderDetail', { orderId: '999999999' }))).toEqual([404, 'NOT_FOUND', '订单不存在']);
  });

  it('lists the gifts waiting to ship and ships one once: a second attempt and one without an address are refused saying why', async () => {
    const an = await member('api-orders-an', '接口安安');
    const raised = await asAdmin('adjustPoints', { targetMemberId: an.id, delta: 5000, reason: '测试兑换', requestId: 'api-orders-points' });
    expect(raised.status).toBe(200);
    const items = (await post<{ data: MallItemView[] }>(fn('mall'), { action: 'list' }, { token: an.token })).body.data;
    const tote = items.find((i) => i.name === '品牌帆布袋')!;
    const redeemed = await post(fn('mall'), { action: 'redeem', itemId: tote.id, requestId: 'api-orders-tote' }, { token: an.token });
    expect(redeemed.body.data.needsAddress).toBe(true);
    const redemptionId = redeemed.body.data.redemptionId as string;

    const waiting = (await asAdmin<AdminGiftsPage>('fulfilment')).body.data;
    expect(waiting.items).toEqual([
      {
        kind: 'mall',
        id: redemptionId,
        name: '品牌帆布袋',
        imageUrl: tote.imageUrl,
        member: { id: an.id, nickname: '接口安安' },
        fulfilment: 'pending_address',
        address: null,
        shipment: null,
        createdAt: expect.any(String),
      } satisfies AdminGift,
    ]);
    const ship = { kind: 'mall', id: redemptionId, carrier: '中通快递', trackingNo: 'ZT1234567890' };
    expect(errorOf(await asAdmin('shipPrize', ship))).toEqual([409, 'GIFT_NOT_SHIPPABLE', '会员还没有填写收货地址，暂不能发货']);

    await post(fn('mall'), { action: 'setAddress', redemptionId, address: ADDRESS }, { token: an.token });
    expect((await asAdmin<AdminGiftsPage>('fulfilment', { kind: 'mall' })).body.data.items).toEqual([expect.objectContaining({ id: redemptionId, fulfilment: 'to_ship', address: ADDRESS })]);
    const shipped = await asAdmin<AdminGift>('shipPrize', ship);
    expect(shipped.status).toBe(200);
    expect(shipped.body.data).toMatchObject({ id: redemptionId, fulfilment: 'shipped', shipment: { carrier: '中通快递', trackingNo: 'ZT1234567890', shippedAt: '2026-11-23T10:00:00+08:00' } });
    expect(errorOf(await asAdmin('shipPrize', { ...ship, trackingNo: 'ZT0000000000' }))).toEqual([409, 'GIFT_NOT_SHIPPABLE', '这份礼品已经发货']);
    expect((await asAdmin<AdminGiftsPage>('fulfilment')).body.data).toEqual({ items: [], nextCursor: null });
    const mine = await post(fn('mall'), { action: 'redemptions' }, { token: an.token });
    expect(mine.body.data.find((r: { redemptionId: string }) => r.redemptionId === redemptionId).fulfilment).toBe('shipped');
    const { rows: audit } = await server.db.query<{ n: number }>(`select count(*)::int as n from audit_log where kind = 'prize.ship' and target_id = $1`, [redemptionId]);
    expect(audit[0]!.n).toBe(1);
    expect(errorOf(await asAdmin('shipPrize', { ...ship, id: '999999999' }))).toEqual([404, 'NOT_FOUND', '礼品记录不存在']);
  });

  it('a member who withdrew consent keeps the address of a gift until it ships, and loses it then', async () => {
    const yu = await member('api-orders-yu', '接口小雨');
    await asAdmin('adjustPoints', { targetMemberId: yu.id, delta: 1000, reason: '测试兑换', requestId: 'api-orders-points-yu' });
    const items = (await post<{ data: MallItemView[] }>(fn('mall'), { action: 'list' }, { token: yu.token })).body.data;
    const redeemed = await post(fn('mall'), { action: 'redeem', itemId: items.find((i) => i.name === '品牌帆布袋')!.id, requestId: 'api-orders-yu-tote' }, { token: yu.token });
    const redemptionId = redeemed.body.data.redemptionId as string;
    await post(fn('mall'), { action: 'setAddress', redemptionId, address: ADDRESS }, { token: yu.token });
    expect((await post(fn('member'), { action: 'withdrawConsent' }, { token: yu.token })).status).toBe(200);
    const waiting = (await asAdmin<AdminGiftsPage>('fulfilment', { kind: 'mall' })).body.data.items;
    expect(waiting.find((g) => g.id === redemptionId)).toMatchObject({ fulfilment: 'to_ship', address: ADDRESS });

    const shipped = await asAdmin<AdminGift>('shipPrize', { kind: 'mall', id: redemptionId, carrier: '中通快递', trackingNo: 'ZT5555666677' });
    expect(shipped.body.data).toMatchObject({ fulfilment: 'shipped', address: null });
  });

  it('pages the gifts oldest first, 20 a page, by kind', async () => {
    const muzi = await member('api-orders-muzi', '接口木子');
    const { rows: prizes } = await server.db.query<{ id: string; campaign_id: string }>(`select id, campaign_id from lottery_prizes where kind = 'goods' order by id limit 1`);
    const prize = prizes[0]!;
    // 21 prizes won a minute apart, waiting for the member's address.
    const { rows: awards } = await server.db.query<{ id: string }>(
      `with draws as (
         insert into lottery_draws (campaign_id, member_id, request_id, prize_id, created_at)
         select $1, $2, 'api-gift-' || g, $3, timestamptz '2026-11-20 10:00+08' + g * interval '1 minute' from generate_series(1, 21) g
         returning id, created_at)
       insert into lottery_awards (draw_id, member_id, prize_id, fulfilment, created_at)
       select id, $2, $3, 'pending_address', created_at from draws order by created_at returning id`,
      [prize.campaign_id, muzi.id, prize.id],
    );
    const first = (await asAdmin<AdminGiftsPage>('fulfilment', { kind: 'lottery' })).body.data;
    expect(first.items.map((g) => g.id)).toEqual(awards.slice(0, 20).map((a) => a.id));
    expect(first.items[0]).toMatchObject({ kind: 'lottery', member: { id: muzi.id, nickname: '接口木子' }, fulfilment: 'pending_address', createdAt: '2026-11-20T10:01:00+08:00' });
    expect(first.nextCursor).toBe(`lottery-${awards[19]!.id}`);
    const second = (await asAdmin<AdminGiftsPage>('fulfilment', { kind: 'lottery', cursor: first.nextCursor })).body.data;
    expect(second).toEqual({ items: [expect.objectContaining({ id: awards[20]!.id })], nextCursor: null });
    expect((await asAdmin<AdminGiftsPage>('fulfilment', { kind: 'mall' })).body.data.items).toEqual([]);
  });

  it('bad params are a 400 naming the field', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['orders', { status: 'waiting' }, 'status'],
      ['orders', { query: '小林' }, 'query'],
      ['orders', { cursor: 'next' }, 'cursor'],
      ['orderDetail', {}, 'orderId'],
      ['orderDetail', { orderId: '1 or 1=1' }, 'orderId'],
      ['fulfilment', { kind: 'shop' }, 'kind'],
      ['fulfilment', { cursor: 'mall-' }, 'cursor'],
      ['shipPrize', { kind: 'mall', id: '1', carrier: '中通快递', trackingNo: 'ZT 123' }, 'trackingNo'],
      ['shipPrize', { kind: 'mall', id: '1', carrier: '', trackingNo: 'ZT1234567890' }, 'carrier'],
      ['shipPrize', { kind: 'coupon', id: '1', carrier: '中通快递', trackingNo: 'ZT1234567890' }, 'kind'],
    ];
    for (const [action, params, field] of cases) {
      const reply = await asAdmin(action, params);
      expect([action, reply.status, reply.body.error.code]).toEqual([action, 400, 'INVALID_PARAMS']);
      expect(reply.body.error.message).toContain(field);
    }
  });

  it('a status page, and the gifts waiting, are read through their indexes (the plan names them)', async () => {
    const plans = await server.db.transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      const explain = async (sql: string) => (await tx.query<Record<string, string>>(`explain ${sql}`)).rows.map((r) => Object.values(r)[0]).join('\n');
      return {
        orders: await explain(`select id from orders o where o.mall_item_id is null and o.status = 'paid' order by o.id desc limit 21`),
        mall: await explain(`select id from mall_redemptions g where g.fulfilment in ('pending_address', 'to_ship')`),
        lottery: await explain(`select id from lottery_awards g where g.fulfilment in ('pending_address', 'to_ship')`),
      };
    });
    expect(plans.orders).toContain('orders_admin_status_idx');
    expect(plans.mall).toContain('mall_redemptions_waiting_idx');
    expect(plans.lottery).toContain('lottery_awards_waiting_idx');
  });
});
