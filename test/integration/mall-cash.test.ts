/** 加钱换购: points plus cash, the cash paid through an order that pays, cancels or refunds. */
import { describe, expect, it } from 'vitest';
import type { RedeemResult } from '@cloud/contract';
import { adjustPoints } from '@cloud/services/admin/adjust-points';
import type { Actor } from '@cloud/services/context';
import { myCoupons } from '@cloud/services/coupons/wallet';
import { Failure } from '@cloud/services/failure';
import { runDueJobs } from '@cloud/services/jobs/daily-jobs';
import { myRedemptions, redeemItem } from '@cloud/services/mall/mall';
import { createOrder } from '@cloud/services/orders/create-order';
import { recordPayment } from '@cloud/services/orders/record-payment';
import { refundOrder } from '@cloud/services/orders/refund-order';
import type { SandboxPayments } from '@cloud/adapters/payments/sandbox-payments';
import { startPayment } from '@cloud/services/orders/start-payment';
import { localSender } from '@cloud/adapters/messages/message-sender';
import { couponTemplate, mallItem } from '../support/catalog';
import { backends, useTestDatabase } from '../support/databases';
import { addressOf, adapters, at, ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';

const sandbox = adapters.payments as SandboxPayments;

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

describe.each(backends)('加钱换购 on %s', (backend) => {
  const t = useTestDatabase(backend);

  async function memberWith(openid: string, points: number): Promise<Actor> {
    const member = await memberJoinedAt(t.db, openid, '2026-11-01 08:00:00');
    const admin = { ...(await memberJoinedAt(t.db, `${openid}-admin`, '2026-11-01 08:00:00')), role: 'admin' as const };
    ok(await adjustPoints(ctxAt(t.db, '2026-11-20 09:00:00'), admin, { targetMemberId: member.memberId, delta: points, reason: '测试积分', requestId: `seed-${openid}` }));
    return member;
  }

  async function pay(member: Actor, result: RedeemResult, when: string) {
    const start = ok(await startPayment(ctxAt(t.db, when), member, { orderId: result.order!.id }));
    const posted = sandbox.confirm(start.sandbox!.token, at(when))!;
    return ok(await recordPayment(ctxAt(t.db, when), (await sandbox.verifyNotice(posted.headers, posted.body))!));
  }

  const balanceOf = async (member: Actor) =>
    (await t.db.query<{ b: number }>('select points_balance as b from members where id = $1', [member.memberId])).rows[0]!.b;
  const redeemedOf = async (itemId: string) =>
    (await t.db.query<{ redeemed: number }>('select redeemed from mall_items where id = $1', [itemId])).rows[0]!.redeemed;

  it('takes the points at once and opens an order for the cash; paying it redeems the item, once', async () => {
    const template = await couponTemplate(t.db, { name: '满200减50' });
    const item = await mallItem(t.db, { kind: 'coupon', name: '满200减50券', couponTemplateId: template.id, pointsPrice: 100, cashFen: 990, stock: 10 });
    const member = await memberWith('cash-buyer', 500);
    const params = { itemId: item.id, requestId: 'cash-redeem-1' };
    const first = ok(await redeemItem(ctxAt(t.db, '2026-11-23 10:00:00'), member, params));
    expect(first).toMatchObject({
      redemptionId: null,
      points: 100,
      balance: 400,
      coupon: null,
      order: { kind: 'mall', status: 'pending', totalFen: 990, pointsPrice: 100, product: { id: item.id, name: '满200减50券' }, expiresAt: '2026-11-23T10:15:00+08:00' },
    });
    expect(ok(await redeemItem(ctxAt(t.db, '2026-11-23 10:00:05'), member, params))).toEqual(first);
    expect(await redeemedOf(item.id)).toBe(1);

    const paid = await pay(member, first, '2026-11-23 10:03:00');
    expect(paid).toMatchObject({ status: 'paid', pointsEarned: 0 });
    const after = ok(await redeemItem(ctxAt(t.db, '2026-11-23 10:04:00'), member, params));
    expect(after).toMatchObject({ redemptionId: expect.any(String), balance: 400, coupon: { name: '满200减50', source: 'mall' }, order: { status: 'paid' } });
    expect(await myCoupons(ctxAt(t.db, '2026-11-23 10:05:00'), member, {})).toHaveLength(1);
    expect(await myRedemptions(ctxAt(t.db, '2026-11-23 10:05:00'), member)).toMatchObject([{ item: { name: '满200减50券' }, points: 100, fulfilment: 'done' }]);
    const { rows: growth } = await t.db.query<{ amount: number }>("select amount from growth_ledger where source = 'order'");
    expect(growth).toEqual([{ amount: 9 }]);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('unpaid after 15 minutes, the order is cancelled: points and the item come back, and it can be redeemed again', async () => {
    const item = await mallItem(t.db, { kind: 'goods', name: '袜子三双', pointsPrice: 100, cashFen: 1990, stock: 1, perMemberLimit: 1 });
    const member = await memberWith('cash-late', 300);
    const held = ok(await redeemItem(ctxAt(t.db, '2026-11-23 10:00:00'), member, { itemId: item.id, requestId: 'cash-late-1' }));
    expect([await balanceOf(member), await redeemedOf(item.id)]).toEqual([200, 1]);
    const other = await memberWith('cash-other', 300);
    expect(await redeemItem(ctxAt(t.db, '2026-11-23 10:05:00'), other, { itemId: item.id, requestId: 'cash-other-1' })).toMatchObject({ code: 'OUT_OF_STOCK' });

    await runDueJobs(t.db, { sender: localSender(), payments: adapters.payments }, at('2026-11-23 10:15:00'));
    expect([await balanceOf(member), await redeemedOf(item.id)]).toEqual([300, 0]);
    const { rows } = await t.db.query<{ note: string; delta: number }>("select note, delta from points_ledger where source = 'refund'");
    expect(rows).toEqual([{ note: '订单已取消，积分退回：袜子三双', delta: 100 }]);
    const again = ok(await redeemItem(ctxAt(t.db, '2026-11-23 10:20:00'), member, { itemId: item.id, requestId: 'cash-late-2' }));
    expect(again.order).toMatchObject({ status: 'pending' });
    expect(held.order!.id).not.toBe(again.order!.id);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('points given back keep the expiry they had: cancelling never renews them', async () => {
    const item = await mallItem(t.db, { kind: 'goods', name: '帆布袋', pointsPrice: 100, cashFen: 990, stock: 5 });
    const member = await memberWith('cash-expiry', 100);
    const { rows: before } = await t.db.query<{ expires_on: string }>('select expires_on from points_lots where member_id = $1', [member.memberId]);
    ok(await redeemItem(ctxAt(t.db, '2026-11-23 10:00:00'), member, { itemId: item.id, requestId: 'cash-expiry-1' }));
    await runDueJobs(t.db, { sender: localSender(), payments: adapters.payments }, at('2026-11-23 10:16:00'));
    const { rows: after } = await t.db.query<{ expires_on: string; remaining: number }>(
      'select expires_on, remaining from points_lots where member_id = $1 and remaining > 0',
      [member.memberId],
    );
    expect(after).toEqual([{ expires_on: before[0]!.expires_on, remaining: 100 }]);
  });

  it('a requestId used for a shop order and for a 加钱换购 makes two things, not an error', async () => {
    const item = await mallItem(t.db, { kind: 'goods', name: '帆布袋', pointsPrice: 100, cashFen: 990, stock: 5 });
    const member = await memberWith('cash-same-id', 300);
    const { rows } = await t.db.query<{ id: string }>("insert into categories (name) values ('配饰') returning id");
    const product = await t.db.query<{ id: string }>("insert into products (category_id, name) values ($1, '围巾') returning id", [rows[0]!.id]);
    const sku = await t.db.query<{ id: string }>('insert into product_skus (product_id, price_fen, stock) values ($1, 9900, 5) returning id', [product.rows[0]!.id]);
    ok(await createOrder(ctxAt(t.db, '2026-11-23 10:00:00'), member, { skuId: sku.rows[0]!.id, qty: 1, addressId: await addressOf(t.db, member), requestId: 'shared-id-0001' }));
    const mall = ok(await redeemItem(ctxAt(t.db, '2026-11-23 10:01:00'), member, { itemId: item.id, requestId: 'shared-id-0001' }));
    expect(mall.order).toMatchObject({ kind: 'mall', product: { name: '帆布袋' } });
  });

  it('a refunded coupon 加钱换购 voids the unused coupon; once the coupon is used, the refund is refused before any money moves', async () => {
    const template = await couponTemplate(t.db, { name: '满200减50' });
    const item = await mallItem(t.db, { kind: 'coupon', name: '满200减50券', couponTemplateId: template.id, pointsPrice: 100, cashFen: 990, stock: 10 });
    const member = await memberWith('cash-coupon-refund', 500);
    const admin = { ...(await memberJoinedAt(t.db, 'cash-coupon-ops', '2026-11-01 08:00:00')), role: 'admin' as const };
    const first = ok(await redeemItem(ctxAt(t.db, '2026-11-23 10:00:00'), member, { itemId: item.id, requestId: 'cash-coupon-1' }));
    await pay(member, first, '2026-11-23 10:01:00');
    ok(await refundOrder(ctxAt(t.db, '2026-11-24 09:00:00'), admin, { orderId: first.order!.id, reason: '不想要了' }));
    expect(await myCoupons(ctxAt(t.db, '2026-11-24 09:01:00'), member, { status: 'available' })).toEqual([]);
    expect(await myRedemptions(ctxAt(t.db, '2026-11-24 09:01:00'), member)).toMatchObject([{ fulfilment: 'cancelled' }]);

    const second = ok(await redeemItem(ctxAt(t.db, '2026-11-24 10:00:00'), member, { itemId: item.id, requestId: 'cash-coupon-2' }));
    await pay(member, second, '2026-11-24 10:01:00');
    const [coupon] = await myCoupons(ctxAt(t.db, '2026-11-24 10:02:00'), member, { status: 'available' });
    await t.db.query('update coupons set used_at = $2 where id = $1', [coupon!.id, at('2026-11-24 11:00:00')]);
    expect(await refundOrder(ctxAt(t.db, '2026-11-24 12:00:00'), admin, { orderId: second.order!.id, reason: '不想要了' })).toMatchObject({
      code: 'REFUND_NOT_ALLOWED',
      message: '换购的券已使用，无法退款',
    });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('a paid 加钱换购 refunded gives the points and the item back', async () => {
    const item = await mallItem(t.db, { kind: 'goods', name: '品牌帆布袋', pointsPrice: 200, cashFen: 2900, stock: 5 });
    const member = await memberWith('cash-refund', 300);
    const admin = { ...(await memberJoinedAt(t.db, 'cash-refund-ops', '2026-11-01 08:00:00')), role: 'admin' as const };
    const held = ok(await redeemItem(ctxAt(t.db, '2026-11-23 10:00:00'), member, { itemId: item.id, requestId: 'cash-refund-1' }));
    await pay(member, held, '2026-11-23 10:01:00');
    expect(await myRedemptions(ctxAt(t.db, '2026-11-23 10:02:00'), member)).toMatchObject([{ fulfilment: 'pending_address' }]);
    ok(await refundOrder(ctxAt(t.db, '2026-11-24 09:00:00'), admin, { orderId: held.order!.id, reason: '缺货' }));
    expect([await balanceOf(member), await redeemedOf(item.id)]).toEqual([300, 0]);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('without the points, nothing is held and no order is opened', async () => {
    const item = await mallItem(t.db, { kind: 'goods', name: '保温杯', pointsPrice: 800, cashFen: 4900, stock: 5 });
    const member = await memberWith('cash-poor', 300);
    expect(await redeemItem(ctxAt(t.db, '2026-11-23 10:00:00'), member, { itemId: item.id, requestId: 'cash-poor-1' })).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from orders');
    expect([rows[0]!.n, await redeemedOf(item.id), await balanceOf(member)]).toEqual([0, 0, 300]);
  });
});
