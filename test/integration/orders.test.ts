import { describe, expect, it } from 'vitest';
import type { OrderView } from '@cloud/contract';
import { adjustPoints } from '@cloud/services/admin/adjust-points';
import type { Actor, UseCaseContext } from '@cloud/services/context';
import { issueCoupon } from '@cloud/services/coupons/issue-coupon';
import { Failure } from '@cloud/services/failure';
import { runDueJobs } from '@cloud/services/jobs/daily-jobs';
import { cancelOrder } from '@cloud/services/orders/cancel-order';
import { createOrder, type OrderRequest } from '@cloud/services/orders/create-order';
import { myOrders } from '@cloud/services/orders/my-orders';
import { quoteOrder } from '@cloud/services/orders/quote-order';
import { recordPayment } from '@cloud/services/orders/record-payment';
import { refundOrder } from '@cloud/services/orders/refund-order';
import type { SandboxPayments } from '@cloud/adapters/payments/sandbox-payments';
import { startPayment } from '@cloud/services/orders/start-payment';
import { localSender } from '@cloud/adapters/messages/message-sender';
import { createShare } from '@cloud/services/sharing/create-share';
import { openShare } from '@cloud/services/sharing/open-share';
import { couponTemplate } from '../support/catalog';
import { backends, useTestDatabase } from '../support/databases';
import { addressOf, adapters, at, brand, ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';
import { testProduct } from '../support/products';

const sandbox = adapters.payments as SandboxPayments;

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

describe.each(backends)('orders on %s', (backend) => {
  const t = useTestDatabase(backend);
  let n = 0;
  const requestId = () => `order-request-${++n}`;

  async function memberOfTier(openid: string, tier: 'normal' | 'gold' = 'normal'): Promise<Actor> {
    const member = await memberJoinedAt(t.db, openid, '2026-11-01 08:00:00');
    if (tier === 'normal') return member;
    await t.db.query("update members set tier = $2, tier_since = '2026-11-01' where id = $1", [member.memberId, tier]);
    return { ...member, tier };
  }

  async function couponFor(member: Actor, name = '满100减20', amountOffFen = 2000) {
    const template = await couponTemplate(t.db, { name, amountOffFen });
    return ok(await issueCoupon(t.db, brand, { templateId: template.id, memberId: member.memberId, source: 'admin', sourceId: `c-${++n}`, at: at('2026-11-20 09:00:00'), limitPerMember: false }));
  }

  /** 去支付 then 确认支付 in the sandbox: the notice the provider would post. */
  async function paidNotice(member: Actor, order: OrderView, when: string) {
    const start = ok(await startPayment(ctxAt(t.db, when), member, { orderId: order.id }));
    expect(start).toMatchObject({ provider: 'sandbox', totalFen: order.totalFen, wechat: null });
    const posted = sandbox.confirm(start.sandbox!.token, at(when))!;
    return (await sandbox.verifyNotice(posted.headers, posted.body))!;
  }

  /** 提交订单 to the member's address (each order a fresh copy in their book). */
  const place = async (ctx: UseCaseContext, member: Actor, params: Omit<OrderRequest, 'addressId'>) =>
    createOrder(ctx, member, { addressId: await addressOf(t.db, member), ...params });

  const stockOf = async (skuId: string) =>
    (await t.db.query<{ stock: number; sold: number }>('select stock, sold from product_skus where id = $1', [skuId])).rows[0]!;

  it('prices on the server: my tier price, member day on Wednesday, and my coupons best first, the best one priced in unless I ask for none', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 10 }] });
    const gold = await memberOfTier('gold-buyer', 'gold');
    const coupon = await couponFor(gold);
    const small = await couponFor(gold, '满100减5', 500);
    // Monday: 95折 for gold; points 1.5 per yuan; gold ships free.
    const monday = ok(await quoteOrder(ctxAt(t.db, '2026-11-23 10:00:00'), gold, { skuId: skus[0]!.id, qty: 1, couponId: null }));
    expect(monday).toMatchObject({ listPriceFen: 29_900, unitPriceFen: 28_405, memberDiscountFen: 1495, memberDayDiscountFen: 0, shippingFen: 0, totalFen: 28_405, pointsToEarn: 426, coupon: null });
    expect(monday.usableCoupons).toEqual([
      { id: coupon.id, name: '满100减20', discountFen: 2000 },
      { id: small.id, name: '满100减5', discountFen: 500 },
    ]);
    const best = ok(await quoteOrder(ctxAt(t.db, '2026-11-23 10:00:00'), gold, { skuId: skus[0]!.id, qty: 1 }));
    expect(best).toMatchObject({ couponDiscountFen: 2000, totalFen: 26_405, coupon: { id: coupon.id }, pointsToEarn: 396 });
    const chosen = ok(await quoteOrder(ctxAt(t.db, '2026-11-23 10:00:00'), gold, { skuId: skus[0]!.id, qty: 1, couponId: small.id }));
    expect(chosen).toMatchObject({ couponDiscountFen: 500, totalFen: 27_905, coupon: { id: small.id } });
    // Wednesday (周三会员日): another 95折 and the member-day points multiplier.
    const wednesday = ok(await quoteOrder(ctxAt(t.db, '2026-11-25 10:00:00'), gold, { skuId: skus[0]!.id, qty: 2, couponId: null }));
    expect(wednesday).toMatchObject({ unitPriceFen: 26_985, memberDayDiscountFen: 2840, totalFen: 53_970, pointsToEarn: 1617 });
  });

  it('reserves stock and holds the coupon; a retry returns the same order; a refusal writes nothing', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '白色', size: 'L', priceFen: 15_900, stock: 2 }] });
    const member = await memberOfTier('stock-buyer');
    const coupon = await couponFor(member);
    const params = { skuId: skus[0]!.id, qty: 2, couponId: coupon.id, requestId: requestId() };
    const first = ok(await place(ctxAt(t.db, '2026-11-23 10:00:00'), member, params));
    const retry = ok(await place(ctxAt(t.db, '2026-11-23 10:00:05'), member, params));
    expect(retry).toEqual(first);
    expect(first).toMatchObject({ status: 'pending', qty: 2, totalFen: 29_800, couponDiscountFen: 2000, expiresAt: '2026-11-23T10:15:00+08:00' });
    expect(await stockOf(skus[0]!.id)).toEqual({ stock: 0, sold: 0 });
    const soldOut = await place(ctxAt(t.db, '2026-11-23 10:01:00'), member, { skuId: skus[0]!.id, qty: 1, requestId: requestId() });
    expect(soldOut).toMatchObject({ code: 'OUT_OF_STOCK' });
    const other = await testProduct(t.db, { skus: [{ color: '白色', size: 'S', priceFen: 19_900, stock: 5 }] });
    const held = await place(ctxAt(t.db, '2026-11-23 10:02:00'), member, { skuId: other.skus[0]!.id, qty: 1, couponId: coupon.id, requestId: requestId() });
    expect(held).toMatchObject({ code: 'COUPON_NOT_APPLICABLE' });
    expect(await stockOf(other.skus[0]!.id)).toEqual({ stock: 5, sold: 0 });
    expect((await myOrders(ctxAt(t.db, '2026-11-23 10:03:00'), member, {})).items).toHaveLength(1);
  });

  it('a payment notice books points, growth, the coupon and the stock once, however often it comes', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 10 }] });
    const member = await memberOfTier('payer');
    const coupon = await couponFor(member);
    const order = ok(await place(ctxAt(t.db, '2026-11-23 10:00:00'), member, { skuId: skus[0]!.id, qty: 1, couponId: coupon.id, requestId: requestId() }));
    const notice = await paidNotice(member, order, '2026-11-23 10:03:00');
    const ctx = ctxAt(t.db, '2026-11-23 10:03:01');
    const paid = ok(await recordPayment(ctx, notice));
    expect(paid).toMatchObject({ status: 'paid', totalFen: 27_900, pointsEarned: 279, paidAt: '2026-11-23T10:03:00+08:00' });
    expect(ok(await recordPayment(ctx, notice))).toEqual(paid);
    expect(ok(await recordPayment(ctxAt(t.db, '2026-11-23 10:30:00'), notice))).toEqual(paid);
    const ledger = await t.db.query<{ delta: number }>("select delta from points_ledger where source = 'order' and member_id = $1", [member.memberId]);
    expect(ledger.rows).toEqual([{ delta: 279 }]);
    const growth = await t.db.query<{ amount: number }>("select amount from growth_ledger where source = 'order'", []);
    expect(growth.rows).toEqual([{ amount: 279 }]);
    expect((await t.db.query<{ used: boolean }>('select used_at is not null as used from coupons where id = $1', [coupon.id])).rows[0]).toEqual({ used: true });
    expect(await stockOf(skus[0]!.id)).toEqual({ stock: 9, sold: 1 });
    expect(await ledgerMismatches(t.db)).toEqual([]);
    // A notice with another amount, or not signed by the provider, books nothing.
    const second = ok(await place(ctxAt(t.db, '2026-11-23 11:00:00'), member, { skuId: skus[0]!.id, qty: 1, requestId: requestId() }));
    const cheap = { ...(await paidNotice(member, second, '2026-11-23 11:01:00')), amountFen: 1 };
    expect(await recordPayment(ctx, cheap)).toMatchObject({ code: 'PAYMENT_INVALID' });
    const forged = sandbox.confirm(ok(await startPayment(ctxAt(t.db, '2026-11-23 11:02:00'), member, { orderId: second.id })).sandbox!.token, at('2026-11-23 11:02:00'))!;
    expect(await sandbox.verifyNotice(forged.headers, forged.body.replace('"amountFen":', '"amountFen":1'))).toBeNull();
    expect((await myOrders(ctx, member, {})).items[0]).toMatchObject({ id: second.id, status: 'pending' });
  });

  it('an unpaid order is cancelled after 15 minutes: stock and coupon come back, and it can no longer be paid', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 3 }] });
    const member = await memberOfTier('late-payer');
    const coupon = await couponFor(member);
    const order = ok(await place(ctxAt(t.db, '2026-11-23 10:00:00'), member, { skuId: skus[0]!.id, qty: 2, couponId: coupon.id, requestId: requestId() }));
    const start = ok(await startPayment(ctxAt(t.db, '2026-11-23 10:01:00'), member, { orderId: order.id }));
    const ports = { sender: localSender(), payments: adapters.payments };
    expect(await runDueJobs(t.db, ports, at('2026-11-23 10:14:59'))).not.toContainEqual(expect.objectContaining({ job: 'cancel-unpaid-orders' }));
    expect(await runDueJobs(t.db, ports, at('2026-11-23 10:15:00'))).toContainEqual({ job: 'cancel-unpaid-orders', result: { cancelled: 1, failed: 0 } });
    expect(await stockOf(skus[0]!.id)).toEqual({ stock: 3, sold: 0 });
    expect((await t.db.query('select 1 from coupons where id = $1 and order_id is null and used_at is null', [coupon.id])).rowCount).toBe(1);
    expect(sandbox.confirm(start.sandbox!.token, at('2026-11-23 10:16:00'))).toBeNull();
    expect(await startPayment(ctxAt(t.db, '2026-11-23 10:16:00'), member, { orderId: order.id })).toMatchObject({ code: 'ORDER_NOT_PENDING' });
    // The coupon is free again for a new order.
    expect(await place(ctxAt(t.db, '2026-11-23 10:20:00'), member, { skuId: skus[0]!.id, qty: 1, couponId: coupon.id, requestId: requestId() })).toMatchObject({ status: 'pending' });
  });

  it('a payment the provider will not close holds up neither the sweep nor other orders, and the member is told to wait', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 9900, stock: 5 }] });
    const member = await memberOfTier('stuck');
    const stuck = ok(await place(ctxAt(t.db, '2026-11-23 10:00:00'), member, { skuId: skus[0]!.id, qty: 1, requestId: requestId() }));
    const other = ok(await place(ctxAt(t.db, '2026-11-23 10:01:00'), member, { skuId: skus[0]!.id, qty: 1, requestId: requestId() }));
    const flaky = {
      ...sandbox,
      async close(orderId: string) {
        if (orderId === stuck.id) throw new Error('WeChat Pay: HTTP 503');
      },
    };
    const report = await runDueJobs(t.db, { sender: localSender(), payments: flaky }, at('2026-11-23 10:20:00'));
    expect(report).toContainEqual({ job: 'cancel-unpaid-orders', result: { cancelled: 1, failed: 1 } });
    const statuses = await t.db.query<{ id: string; status: string }>('select id, status from orders order by id');
    expect(statuses.rows).toEqual([
      { id: stuck.id, status: 'pending' },
      { id: other.id, status: 'cancelled' },
    ]);
    const busy = { ...ctxAt(t.db, '2026-11-23 10:21:00'), adapters: { ...adapters, payments: flaky } };
    expect(await cancelOrder(busy, member, { orderId: stuck.id })).toMatchObject({ code: 'ORDER_BUSY' });
  });

  it('finds my usable coupon behind a hundred expired ones', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 5 }] });
    const member = await memberOfTier('collector');
    const template = await couponTemplate(t.db, { name: '满100减20' });
    await t.db.query(
      `insert into coupons (template_id, member_id, code, source, source_id, issued_at, valid_from, valid_until)
       select $1, $2, 'OLD' || lpad(g::text, 5, '0'), 'admin', 'old-' || g, '2026-01-01', '2026-01-01', '2026-01-31' from generate_series(1, 120) g`,
      [template.id, member.memberId],
    );
    const fresh = await couponFor(member);
    const quote = ok(await quoteOrder(ctxAt(t.db, '2026-11-23 10:00:00'), member, { skuId: skus[0]!.id, qty: 1 }));
    expect(quote.usableCoupons.map((c) => c.id)).toEqual([fresh.id]);
  });

  it('a member cancels their own pending order, never another member\'s', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '灰色', size: 'M', priceFen: 9900, stock: 1 }] });
    const member = await memberOfTier('canceller');
    const stranger = await memberOfTier('stranger');
    const order = ok(await place(ctxAt(t.db, '2026-11-23 10:00:00'), member, { skuId: skus[0]!.id, qty: 1, requestId: requestId() }));
    expect(await cancelOrder(ctxAt(t.db, '2026-11-23 10:01:00'), stranger, { orderId: order.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await cancelOrder(ctxAt(t.db, '2026-11-23 10:02:00'), member, { orderId: order.id })).toMatchObject({ status: 'cancelled' });
    expect(await cancelOrder(ctxAt(t.db, '2026-11-23 10:03:00'), member, { orderId: order.id })).toMatchObject({ code: 'ORDER_NOT_PENDING' });
    expect(await stockOf(skus[0]!.id)).toEqual({ stock: 1, sold: 0 });
  });

  it('a refund reverses points and growth through the ledgers, once, and never takes the balance below zero', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 50_000, stock: 5 }] });
    const member = await memberOfTier('refunded');
    const admin = { ...(await memberJoinedAt(t.db, 'refund-admin', '2026-11-01 08:00:00')), role: 'admin' as const };
    const order = ok(await place(ctxAt(t.db, '2026-11-23 10:00:00'), member, { skuId: skus[0]!.id, qty: 1, requestId: requestId() }));
    ok(await recordPayment(ctxAt(t.db, '2026-11-23 10:01:00'), await paidNotice(member, order, '2026-11-23 10:01:00')));
    // The member spends most of the 500 points before the refund.
    ok(await adjustPoints(ctxAt(t.db, '2026-11-24 09:00:00'), admin, { targetMemberId: member.memberId, delta: -450, reason: '兑换礼品', requestId: 'spend-before-refund' }));
    const refunded = ok(await refundOrder(ctxAt(t.db, '2026-11-25 09:00:00'), admin, { orderId: order.id, reason: '尺码不合适' }));
    expect(refunded).toMatchObject({ status: 'refunded', refundedAt: '2026-11-25T09:00:00+08:00' });
    expect(await refundOrder(ctxAt(t.db, '2026-11-25 09:01:00'), admin, { orderId: order.id, reason: '尺码不合适' })).toMatchObject({ code: 'REFUND_NOT_ALLOWED' });
    const { rows } = await t.db.query<{ points_balance: number; growth: number; notes: string[] }>(
      `select m.points_balance,
         (select sum(amount)::int from growth_ledger g where g.member_id = m.id and g.source in ('order', 'refund')) as growth,
         (select array_agg(note) from points_ledger l where l.member_id = m.id and l.source = 'refund') as notes
       from members m where m.id = $1`,
      [member.memberId],
    );
    expect(rows[0]).toEqual({ points_balance: 0, growth: 0, notes: ['退款扣回（已用 450 积分无法扣回）'] });
    expect(await stockOf(skus[0]!.id)).toEqual({ stock: 5, sold: 0 });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('with rewards on the first order, the inviter is rewarded when the friend\'s first order is paid — once', async () => {
    const firstOrder = { ...brand, referral: { ...brand.referral, rewardOn: 'first_order' as const } };
    const ctx = (when: string) => ({ db: t.db, brand: firstOrder, adapters, now: at(when) });
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 9900, stock: 10 }] });
    const inviter = await memberOfTier('inviter');
    const friend = await memberJoinedAt(t.db, 'new-friend', '2026-11-23 09:00:00');
    const invite = ok(await createShare(ctx('2026-11-23 08:00:00'), inviter, {}));
    ok(await openShare(ctx('2026-11-23 09:00:10'), friend, { shareId: invite.shareId }));
    const rewards = async () =>
      (await t.db.query<{ delta: number }>("select delta from points_ledger where source = 'referral' and member_id = $1", [inviter.memberId])).rows;
    for (const [i, when] of ['2026-11-23 09:10:00', '2026-11-24 09:10:00'].entries()) {
      const order = ok(await place(ctx(when), friend, { skuId: skus[0]!.id, qty: 1, requestId: `friend-order-${i}` }));
      const start = ok(await startPayment(ctx(when), friend, { orderId: order.id }));
      const posted = sandbox.confirm(start.sandbox!.token, at(when))!;
      ok(await recordPayment(ctx(when), (await sandbox.verifyNotice(posted.headers, posted.body))!));
      expect(await rewards()).toEqual([{ delta: 100 }]);
    }
  });

  it("an order of tonight's category while the night market is open is a night-market order; other categories and daytime are not", async () => {
    const shoes = await testProduct(t.db, { categoryName: '鞋履' });
    const coat = await testProduct(t.db, { categoryName: '外套' });
    // Monday's night (Mon 22:00 – Tue 10:00) is 鞋履; Tuesday's is 外套.
    const withMarket = { ...brand, nightMarket: { ...brand.nightMarket, categoryByWeekday: [shoes.categoryId, coat.categoryId, null, null, null, null, null] } };
    const ctx = (beijing: string): UseCaseContext => ({ db: t.db, brand: withMarket, adapters, now: at(beijing) });
    const member = await memberOfTier('night-owl');
    const buy = async (product: typeof shoes, beijing: string) =>
      ok(await place(ctx(beijing), member, { skuId: product.skus[0]!.id, qty: 1, requestId: requestId() })).id;
    const expected = [
      [await buy(shoes, '2026-11-23 22:00:00'), true],
      [await buy(shoes, '2026-11-24 09:59:00'), true],
      [await buy(coat, '2026-11-23 23:00:00'), false],
      [await buy(shoes, '2026-11-24 10:00:00'), false],
      [await buy(shoes, '2026-11-23 21:59:00'), false],
      [await buy(coat, '2026-11-24 22:30:00'), true],
    ];
    const { rows } = await t.db.query<{ id: string; night_market: boolean }>('select id, night_market from orders where member_id = $1 order by id', [
      member.memberId,
    ]);
    expect(rows.map((r) => [r.id, r.night_market])).toEqual(expected);
  });

  it('a flash sale sells at its price, one per member, without coupons, and falls back to the member price once sold out', async () => {
    const { skus } = await testProduct(t.db, {
      skus: [{ color: '黑色', size: 'M', priceFen: 39_900, stock: 10 }],
      flash: { priceFen: 9900, stock: 1, perMemberLimit: 1, startsAt: at('2026-11-23 10:00:00'), endsAt: at('2026-11-23 12:00:00') },
    });
    const first = await memberOfTier('flash-first');
    const second = await memberOfTier('flash-second', 'gold');
    const coupon = await couponFor(first);
    const ctx = ctxAt(t.db, '2026-11-23 10:00:05');
    expect(await quoteOrder(ctx, first, { skuId: skus[0]!.id, qty: 1 })).toMatchObject({ flashSale: true, unitPriceFen: 9900, usableCoupons: [] });
    expect(await place(ctx, first, { skuId: skus[0]!.id, qty: 2, requestId: requestId() })).toMatchObject({ code: 'FLASH_SALE_LIMIT' });
    expect(await place(ctx, first, { skuId: skus[0]!.id, qty: 1, couponId: coupon.id, requestId: requestId() })).toMatchObject({ code: 'COUPON_NOT_APPLICABLE' });
    expect(await place(ctx, first, { skuId: skus[0]!.id, qty: 1, requestId: requestId() })).toMatchObject({ flashSale: true, totalFen: 9900 });
    expect(await quoteOrder(ctx, second, { skuId: skus[0]!.id, qty: 1 })).toMatchObject({ flashSale: false, unitPriceFen: 37_905 });
    // Quoted at the flash price a moment ago: the order is refused rather than charged at full price.
    expect(await place(ctx, second, { skuId: skus[0]!.id, qty: 1, expectedTotalFen: 9900, requestId: requestId() })).toMatchObject({ code: 'PRICE_CHANGED' });
    expect(await quoteOrder(ctxAt(t.db, '2026-11-23 09:59:59'), second, { skuId: skus[0]!.id, qty: 1 })).toMatchObject({ flashSale: false });
  });
});
