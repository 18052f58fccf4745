/**
 * Issue 9's orders: the address book, an address and a note on every order, the shipping fee,
 * the lifecycle a member follows (待支付 → 待发货 → 已发货 → 已完成, by 确认收货 or by itself),
 * the tabs of 我的订单, and after-sales (退款 before shipment, 退货 after) decided by staff.
 */
import { describe, expect, it } from 'vitest';
import type { SandboxPayments } from '@cloud/adapters/payments/sandbox-payments';
import type { OrderView } from '@cloud/contract';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { ORDER_TABS, orderTab } from '@cloud/domain/order-lifecycle';
import { listAddresses } from '@cloud/services/address/list-addresses';
import { removeAddress } from '@cloud/services/address/remove-address';
import { ADDRESS_BOOK_LIMIT, saveAddress } from '@cloud/services/address/save-address';
import type { Actor } from '@cloud/services/context';
import { issueCoupon } from '@cloud/services/coupons/issue-coupon';
import { Failure } from '@cloud/services/failure';
import { redeemItem } from '@cloud/services/mall/mall';
import { storeImage } from '@cloud/services/media/store-image';
import { updateProfile } from '@cloud/services/member/update-profile';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { cancelOrder } from '@cloud/services/orders/cancel-order';
import { completeShippedOrdersBatch, confirmReceipt } from '@cloud/services/orders/complete-order';
import { createOrder } from '@cloud/services/orders/create-order';
import { decideRefund } from '@cloud/services/orders/decide-refund';
import { myOrders, orderDetail } from '@cloud/services/orders/my-orders';
import { quoteOrder } from '@cloud/services/orders/quote-order';
import { recordPayment } from '@cloud/services/orders/record-payment';
import { requestRefund, requestReturn } from '@cloud/services/orders/request-after-sales';
import { shipOrder } from '@cloud/services/orders/ship-order';
import { startPayment } from '@cloud/services/orders/start-payment';
import { couponTemplate, mallItem } from '../support/catalog';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at, brand, ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';
import { PNG } from '../support/images';
import { runToEnd } from '../support/jobs';
import { testProduct } from '../support/products';

const sandbox = adapters.payments as SandboxPayments;
const HOME = { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号' };
const WORK = { name: '林小姐', phone: '13800138000', region: '上海市 浦东新区', detail: '世纪大道 100 号 8 楼' };

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

describe.each(backends)('address book, shipping and after-sales on %s', (backend) => {
  const t = useTestDatabase(backend);
  let n = 0;

  /** A member who agreed to the privacy guide (addresses are personal data), of a tier. */
  async function shopper(openid: string, tier: 'normal' | 'gold' = 'normal'): Promise<Actor> {
    const member = await memberJoinedAt(t.db, openid, '2026-11-01 08:00:00');
    ok(await updateProfile(ctxAt(t.db, '2026-11-01 08:01:00'), member, { consentVersion: CONSENT_VERSION }));
    if (tier === 'normal') return member;
    await t.db.query("update members set tier = $2, tier_since = '2026-11-01' where id = $1", [member.memberId, tier]);
    return { ...member, tier };
  }

  const staff = async () => toActor(await upsertMemberWithRole(t.db, `staff-${++n}`, 'admin', at('2026-11-01 08:00:00')));

  /** 提交订单 to the member's default address and pay in the sandbox. */
  async function bought(member: Actor, skuId: string, when: string, extra: { couponId?: string; qty?: number } = {}): Promise<OrderView> {
    const [address] = await listAddresses(ctxAt(t.db, when), member);
    const addressId = address?.id ?? ok(await saveAddress(ctxAt(t.db, when), member, { address: HOME })).id;
    const order = ok(await createOrder(ctxAt(t.db, when), member, { skuId, qty: extra.qty ?? 1, couponId: extra.couponId, addressId, requestId: `order-${++n}` }));
    const start = ok(await startPayment(ctxAt(t.db, when), member, { orderId: order.id }));
    const posted = sandbox.confirm(start.sandbox!.token, at(when))!;
    return ok(await recordPayment(ctxAt(t.db, when), (await sandbox.verifyNotice(posted.headers, posted.body))!));
  }

  const ledgerOf = async (member: Actor) =>
    (await t.db.query<{ delta: number; source: string }>('select delta, source from points_ledger where member_id = $1 order by id', [member.memberId])).rows;
  const stockOf = async (skuId: string) =>
    (await t.db.query<{ stock: number; sold: number }>('select stock, sold from product_skus where id = $1', [skuId])).rows[0]!;

  it('the address book: the first address is the default, one default at a time, edits, removal hands the default on, a limit, consent first, nobody else’s', async () => {
    const ctx = ctxAt(t.db, '2026-11-20 10:00:00');
    const stranger = await memberJoinedAt(t.db, 'no-consent', '2026-11-01 08:00:00');
    expect(await saveAddress(ctx, stranger, { address: HOME })).toMatchObject({ code: 'CONSENT_REQUIRED' });

    const member = await shopper('address-keeper');
    const home = ok(await saveAddress(ctx, member, { address: HOME }));
    const work = ok(await saveAddress(ctx, member, { address: WORK }));
    expect(await listAddresses(ctx, member)).toEqual([
      { id: home.id, ...HOME, isDefault: true },
      { id: work.id, ...WORK, isDefault: false },
    ]);
    ok(await saveAddress(ctx, member, { id: work.id, address: { ...WORK, detail: '世纪大道 100 号 9 楼' }, isDefault: true }));
    expect((await listAddresses(ctx, member)).map((a) => [a.id, a.detail, a.isDefault])).toEqual([
      [work.id, '世纪大道 100 号 9 楼', true],
      [home.id, HOME.detail, false],
    ]);
    const other = await shopper('address-other');
    expect(await saveAddress(ctx, other, { id: work.id, address: HOME })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await removeAddress(ctx, other, { id: work.id })).toMatchObject({ code: 'NOT_FOUND' });

    ok(await removeAddress(ctx, member, { id: work.id }));
    expect(await listAddresses(ctx, member)).toEqual([{ id: home.id, ...HOME, isDefault: true }]);
    for (let i = 1; i < ADDRESS_BOOK_LIMIT; i++) ok(await saveAddress(ctx, member, { address: { ...HOME, detail: `南京西路 ${i} 号` } }));
    expect(await saveAddress(ctx, member, { address: WORK })).toMatchObject({ code: 'ADDRESS_LIMIT' });
    expect(await listAddresses(ctx, member)).toHaveLength(ADDRESS_BOOK_LIMIT);
    expect((await listAddresses(ctx, member)).filter((a) => a.isDefault)).toHaveLength(1);
  });

  it('an order goes to one of my addresses and keeps a copy of it, with my note', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 5 }] });
    const member = await shopper('addressed');
    const other = await shopper('someone-else');
    const ctx = ctxAt(t.db, '2026-11-23 10:00:00');
    const mine = ok(await saveAddress(ctx, member, { address: HOME }));
    const theirs = ok(await saveAddress(ctx, other, { address: WORK }));
    const params = { skuId: skus[0]!.id, qty: 1, requestId: `order-${++n}` };
    expect(await createOrder(ctx, member, params)).toMatchObject({ code: 'ADDRESS_REQUIRED' });
    expect(await createOrder(ctx, member, { ...params, addressId: theirs.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await stockOf(skus[0]!.id)).toEqual({ stock: 5, sold: 0 });
    const order = ok(await createOrder(ctx, member, { ...params, addressId: mine.id, note: '工作日白天送到公司' }));
    expect(order).toMatchObject({ address: HOME, note: '工作日白天送到公司', status: 'pending', actions: ['pay', 'cancel'] });
    // The book changes later; the order keeps where it was sent.
    ok(await saveAddress(ctx, member, { id: mine.id, address: WORK }));
    expect(ok(await orderDetail(ctx, member, { orderId: order.id })).address).toEqual(HOME);
  });

  it('shipping: ¥10 below ¥99 of goods after the coupon, free from ¥99 and for gold; in the total the member confirms, and earning no points', async () => {
    const cheap = await testProduct(t.db, { skus: [{ color: '白色', size: 'S', priceFen: 5900, stock: 10 }] });
    const dear = await testProduct(t.db, { skus: [{ color: '白色', size: 'S', priceFen: 10_900, stock: 10 }] });
    const normal = await shopper('normal-shipping');
    const gold = await shopper('gold-shipping', 'gold');
    const ctx = ctxAt(t.db, '2026-11-23 10:00:00');
    expect(ok(await quoteOrder(ctx, normal, { skuId: cheap.skus[0]!.id, qty: 1 }))).toMatchObject({
      totalFen: 6900,
      shippingFen: 1000,
      pointsToEarn: 59,
      shipping: { feeFen: 1000, freeFromFen: 9900, tierShipsFree: false },
    });
    expect(ok(await quoteOrder(ctx, normal, { skuId: cheap.skus[0]!.id, qty: 2 }))).toMatchObject({ totalFen: 11_800, shippingFen: 0 });
    expect(ok(await quoteOrder(ctx, gold, { skuId: cheap.skus[0]!.id, qty: 1 }))).toMatchObject({ totalFen: 5605, shippingFen: 0, shipping: { tierShipsFree: true } });
    // ¥109 less the best coupon (满100减20, priced in by default) is ¥89: under ¥99, so it ships for ¥10.
    const template = await couponTemplate(t.db, { name: '满100减20' });
    ok(await issueCoupon(t.db, brand, { templateId: template.id, memberId: normal.memberId, source: 'admin', sourceId: `c-${++n}`, at: at('2026-11-20 09:00:00'), limitPerMember: false }));
    expect(ok(await quoteOrder(ctx, normal, { skuId: dear.skus[0]!.id, qty: 1 }))).toMatchObject({ couponDiscountFen: 2000, shippingFen: 1000, totalFen: 9900 });
    expect(ok(await quoteOrder(ctx, normal, { skuId: dear.skus[0]!.id, qty: 1, couponId: null }))).toMatchObject({ couponDiscountFen: 0, shippingFen: 0, totalFen: 10_900 });

    // The total confirmed must include the fee; paid, the points and growth go by the goods.
    const addressId = ok(await saveAddress(ctx, normal, { address: HOME })).id;
    const order = { skuId: cheap.skus[0]!.id, qty: 1, addressId };
    expect(await createOrder(ctx, normal, { ...order, expectedTotalFen: 5900, requestId: `order-${++n}` })).toMatchObject({ code: 'PRICE_CHANGED' });
    const created = ok(await createOrder(ctx, normal, { ...order, expectedTotalFen: 6900, requestId: `order-${++n}` }));
    expect(created).toMatchObject({ shippingFen: 1000, totalFen: 6900 });
    const start = ok(await startPayment(ctx, normal, { orderId: created.id }));
    expect(start.totalFen).toBe(6900);
    const posted = sandbox.confirm(start.sandbox!.token, at('2026-11-23 10:01:00'))!;
    const paid = ok(await recordPayment(ctx, (await sandbox.verifyNotice(posted.headers, posted.body))!));
    expect(paid).toMatchObject({ status: 'paid', pointsEarned: 59 });
    const growth = await t.db.query<{ amount: number }>("select amount from growth_ledger where member_id = $1 and source = 'order'", [normal.memberId]);
    expect(growth.rows).toEqual([{ amount: 59 }]);
  });

  it('follows an order: shipped with its tracking number, 确认收货 completes it once and books nothing; the detail shows each step with its time', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 5 }] });
    const member = await shopper('follower');
    const admin = await staff();
    const paid = await bought(member, skus[0]!.id, '2026-11-23 10:00:00');
    expect(paid.actions).toEqual(['requestRefund']);
    const ledger = await ledgerOf(member);
    expect(await confirmReceipt(ctxAt(t.db, '2026-11-23 11:00:00'), member, { orderId: paid.id })).toMatchObject({ code: 'ORDER_NOT_SHIPPED' });

    const ship = { orderId: paid.id, carrier: '顺丰速运', trackingNo: 'SF1234567890' };
    const shipped = ok(await shipOrder(ctxAt(t.db, '2026-11-24 09:00:00'), admin, ship));
    expect(shipped).toMatchObject({ status: 'shipped', shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: '2026-11-24T09:00:00+08:00' }, actions: ['confirmReceipt', 'requestReturn'] });
    // A retried shipment answers the same; another tracking number is refused.
    expect(ok(await shipOrder(ctxAt(t.db, '2026-11-24 09:01:00'), admin, ship))).toEqual(shipped);
    expect(await shipOrder(ctxAt(t.db, '2026-11-24 09:02:00'), admin, { ...ship, trackingNo: 'YT9876543210' })).toMatchObject({ code: 'ORDER_NOT_SHIPPABLE' });
    expect(await requestRefund(ctxAt(t.db, '2026-11-24 10:00:00'), member, { orderId: paid.id, reason: '不想要了' })).toMatchObject({
      code: 'AFTER_SALES_NOT_ALLOWED',
      message: '订单已发货，请申请退货',
    });

    const stranger = await shopper('not-the-buyer');
    expect(await confirmReceipt(ctxAt(t.db, '2026-11-25 20:00:00'), stranger, { orderId: paid.id })).toMatchObject({ code: 'NOT_FOUND' });
    const completed = ok(await confirmReceipt(ctxAt(t.db, '2026-11-25 20:00:00'), member, { orderId: paid.id }));
    expect(completed).toMatchObject({ status: 'completed', completedAt: '2026-11-25T20:00:00+08:00', actions: ['requestReturn'] });
    expect(ok(await confirmReceipt(ctxAt(t.db, '2026-11-25 20:05:00'), member, { orderId: paid.id }))).toEqual(completed);
    expect(await ledgerOf(member)).toEqual(ledger);

    const detail = ok(await orderDetail(ctxAt(t.db, '2026-11-26 09:00:00'), member, { orderId: paid.id }));
    expect(detail.timeline).toEqual([
      { step: 'created', at: '2026-11-23T10:00:00+08:00' },
      { step: 'paid', at: '2026-11-23T10:00:00+08:00' },
      { step: 'shipped', at: '2026-11-24T09:00:00+08:00' },
      { step: 'completed', at: '2026-11-25T20:00:00+08:00' },
    ]);
    expect(detail).toMatchObject({ address: HOME, pointsEarned: 299, totalFen: 29_900, shippingFen: 0 });
    // Seven days after completion the return window has closed.
    expect(ok(await orderDetail(ctxAt(t.db, '2026-12-02 20:00:00'), member, { orderId: paid.id })).actions).toEqual([]);
    expect(await requestReturn(ctxAt(t.db, '2026-12-02 20:00:00'), member, { orderId: paid.id, reason: '尺码不合适', photos: [] })).toMatchObject({
      code: 'AFTER_SALES_NOT_ALLOWED',
      message: '已超过收货后 7 天的退货期限',
    });
  });

  it('completes by itself on the 10th day after the day it shipped, once, however often the job runs, and never an order already confirmed', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 10 }] });
    const member = await shopper('waits');
    const admin = await staff();
    const ship = async (when: string) => {
      const order = await bought(member, skus[0]!.id, '2026-11-20 10:00:00');
      ok(await shipOrder(ctxAt(t.db, when), admin, { orderId: order.id, carrier: '中通快递', trackingNo: `ZT${++n}0000000` }));
      return order.id;
    };
    const late = await ship('2026-11-24 23:59:00');
    const confirmed = await ship('2026-11-24 10:00:00');
    const next = await ship('2026-11-25 00:00:00');
    ok(await confirmReceipt(ctxAt(t.db, '2026-11-26 10:00:00'), member, { orderId: confirmed }));
    const ledger = await ledgerOf(member);

    expect(await runToEnd(t.db, completeShippedOrdersBatch, brand, at('2026-12-03 23:59:00'))).toEqual({ completed: 0 });
    expect(await runToEnd(t.db, completeShippedOrdersBatch, brand, at('2026-12-04 00:40:00'), 1)).toEqual({ completed: 1 });
    expect(await runToEnd(t.db, completeShippedOrdersBatch, brand, at('2026-12-04 00:41:00'))).toEqual({ completed: 0 });
    const { rows } = await t.db.query<{ id: string; status: string; completed_by: string | null; completed_at: Date | null }>(
      'select id, status, completed_by, completed_at from orders order by id',
    );
    expect(rows).toEqual([
      { id: late, status: 'completed', completed_by: 'auto', completed_at: at('2026-12-04 00:40:00') },
      { id: confirmed, status: 'completed', completed_by: 'member', completed_at: at('2026-11-26 10:00:00') },
      { id: next, status: 'shipped', completed_by: null, completed_at: null },
    ]);
    expect(await ledgerOf(member)).toEqual(ledger);
    const timeline = ok(await orderDetail(ctxAt(t.db, '2026-12-04 09:00:00'), member, { orderId: late })).timeline;
    expect(timeline.at(-1)).toEqual({ step: 'auto_completed', at: '2026-12-04T00:40:00+08:00' });
  });

  it('a refund asked before shipment: 退款中 (it cannot ship), declined back to 待发货, asked again and approved — the money, stock, coupon, points and growth come back', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 5 }] });
    const member = await shopper('changes-mind');
    const admin = await staff();
    const template = await couponTemplate(t.db, { name: '满100减20' });
    const coupon = ok(await issueCoupon(t.db, brand, { templateId: template.id, memberId: member.memberId, source: 'admin', sourceId: `c-${++n}`, at: at('2026-11-20 09:00:00'), limitPerMember: false }));
    const paid = await bought(member, skus[0]!.id, '2026-11-23 10:00:00', { couponId: coupon.id });
    expect(paid).toMatchObject({ totalFen: 27_900, pointsEarned: 279, coupon: { id: coupon.id } });
    expect(await decideRefund(ctxAt(t.db, '2026-11-23 10:30:00'), admin, { orderId: paid.id, approve: true })).toMatchObject({ code: 'NO_REFUND_REQUEST' });

    const asked = ok(await requestRefund(ctxAt(t.db, '2026-11-23 11:00:00'), member, { orderId: paid.id, reason: '拍错尺码了' }));
    expect(asked).toMatchObject({ status: 'refunding', actions: [], afterSales: { kind: 'refund', status: 'pending', reason: '拍错尺码了', requestedAt: '2026-11-23T11:00:00+08:00' } });
    expect(await requestRefund(ctxAt(t.db, '2026-11-23 11:01:00'), member, { orderId: paid.id, reason: '拍错尺码了' })).toMatchObject({ code: 'AFTER_SALES_OPEN' });
    expect(await shipOrder(ctxAt(t.db, '2026-11-23 12:00:00'), admin, { orderId: paid.id, carrier: '顺丰速运', trackingNo: 'SF1111111111' })).toMatchObject({ code: 'ORDER_NOT_SHIPPABLE' });

    const declined = ok(await decideRefund(ctxAt(t.db, '2026-11-23 13:00:00'), admin, { orderId: paid.id, approve: false, note: '已联系您换码，今天发出' }));
    expect(declined).toMatchObject({ status: 'paid', afterSales: { status: 'declined', note: '已联系您换码，今天发出' }, actions: ['requestRefund'] });

    ok(await requestRefund(ctxAt(t.db, '2026-11-23 14:00:00'), member, { orderId: paid.id, reason: '还是不要了' }));
    // Approved, but the provider fails: the decision stands (it cannot be declined now) and asking again refunds.
    const down = { ...ctxAt(t.db, '2026-11-23 14:30:00'), adapters: { ...adapters, payments: { ...adapters.payments!, refund: () => Promise.reject(new Error('WeChat Pay: HTTP 503')) } } };
    await expect(decideRefund(down, admin, { orderId: paid.id, approve: true })).rejects.toThrow('HTTP 503');
    expect(ok(await orderDetail(ctxAt(t.db, '2026-11-23 14:31:00'), member, { orderId: paid.id }))).toMatchObject({ status: 'refunding', afterSales: { status: 'approved' } });
    expect(await decideRefund(ctxAt(t.db, '2026-11-23 14:32:00'), admin, { orderId: paid.id, approve: false, note: '改主意了' })).toMatchObject({ code: 'NO_REFUND_REQUEST' });
    const refunded = ok(await decideRefund(ctxAt(t.db, '2026-11-23 15:00:00'), admin, { orderId: paid.id, approve: true }));
    expect(refunded).toMatchObject({ status: 'refunded', refundedAt: '2026-11-23T15:00:00+08:00', afterSales: { status: 'approved', reason: '还是不要了' } });
    expect(await decideRefund(ctxAt(t.db, '2026-11-23 15:01:00'), admin, { orderId: paid.id, approve: true })).toMatchObject({ code: 'NO_REFUND_REQUEST' });

    expect(await stockOf(skus[0]!.id)).toEqual({ stock: 5, sold: 0 });
    const wallet = await t.db.query('select used_at, order_id from coupons where id = $1', [coupon.id]);
    expect(wallet.rows[0]).toEqual({ used_at: null, order_id: null });
    expect(await ledgerOf(member)).toEqual([
      { delta: 279, source: 'order' },
      { delta: -279, source: 'refund' },
    ]);
    const growth = await t.db.query<{ total: number }>('select coalesce(sum(amount), 0)::int as total from growth_ledger where member_id = $1', [member.memberId]);
    expect(growth.rows[0]).toEqual({ total: 0 });
    expect(await ledgerMismatches(t.db)).toEqual([]);
    expect(ok(await orderDetail(ctxAt(t.db, '2026-11-23 16:00:00'), member, { orderId: paid.id })).timeline.map((s) => s.step)).toEqual([
      'created',
      'paid',
      'refund_requested',
      'refund_declined',
      'refund_requested',
      'refunded',
    ]);
    // The coupon is the member's again, for the next order.
    expect(ok(await quoteOrder(ctxAt(t.db, '2026-11-23 16:00:00'), member, { skuId: skus[0]!.id, qty: 1 })).coupon).toEqual({ id: coupon.id, name: '满100减20' });
  });

  it('a return once shipped, with my own photos only; declined it is back on its way, approved after completion it is refunded', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '米色', size: 'L', priceFen: 19_900, stock: 5 }] });
    const member = await shopper('returns');
    const other = await shopper('photo-owner');
    const admin = await staff();
    const paid = await bought(member, skus[0]!.id, '2026-11-23 10:00:00');
    expect(await requestReturn(ctxAt(t.db, '2026-11-23 11:00:00'), member, { orderId: paid.id, reason: '有破损', photos: [] })).toMatchObject({
      code: 'AFTER_SALES_NOT_ALLOWED',
      message: '订单尚未发货，请申请退款',
    });
    ok(await shipOrder(ctxAt(t.db, '2026-11-24 09:00:00'), admin, { orderId: paid.id, carrier: '顺丰速运', trackingNo: 'SF2222222222' }));
    const photo = ok(await storeImage(ctxAt(t.db, '2026-11-25 09:00:00'), member, { bytes: PNG, kind: 'photo' }));
    const theirs = ok(await storeImage(ctxAt(t.db, '2026-11-25 09:00:00'), other, { bytes: PNG, kind: 'photo' }));
    expect(await requestReturn(ctxAt(t.db, '2026-11-25 09:01:00'), member, { orderId: paid.id, reason: '有破损', photos: [photo.url, theirs.url] })).toMatchObject({
      code: 'INVALID_PARAMS',
    });
    const asked = ok(await requestReturn(ctxAt(t.db, '2026-11-25 09:02:00'), member, { orderId: paid.id, reason: '袖口有破损', photos: [photo.url] }));
    expect(asked).toMatchObject({ status: 'refunding', afterSales: { kind: 'return', status: 'pending', photos: [photo.url] } });
    ok(await decideRefund(ctxAt(t.db, '2026-11-25 10:00:00'), admin, { orderId: paid.id, approve: false, note: '请先寄回商品' }));
    expect(ok(await orderDetail(ctxAt(t.db, '2026-11-25 10:01:00'), member, { orderId: paid.id }))).toMatchObject({ status: 'shipped', actions: ['confirmReceipt', 'requestReturn'] });
    ok(await confirmReceipt(ctxAt(t.db, '2026-11-26 10:00:00'), member, { orderId: paid.id }));
    ok(await requestReturn(ctxAt(t.db, '2026-12-01 10:00:00'), member, { orderId: paid.id, reason: '已寄回，单号 SF3333333333', photos: [] }));
    const refunded = ok(await decideRefund(ctxAt(t.db, '2026-12-03 10:00:00'), admin, { orderId: paid.id, approve: true, note: '已收到退货' }));
    expect(refunded).toMatchObject({ status: 'refunded', afterSales: { kind: 'return', status: 'approved', note: '已收到退货' } });
    expect(await stockOf(skus[0]!.id)).toEqual({ stock: 5, sold: 0 });
  });

  it('我的订单 tabs: each order under the tab the lifecycle gives it; a paid 加钱换购 is done, never 待发货', async () => {
    const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 50 }] });
    const member = await shopper('tabs');
    const admin = await staff();
    const ctx = ctxAt(t.db, '2026-11-23 12:00:00');
    const addressId = ok(await saveAddress(ctx, member, { address: HOME })).id;
    const pending = ok(await createOrder(ctx, member, { skuId: skus[0]!.id, qty: 1, addressId, requestId: `order-${++n}` }));
    const cancelled = ok(await createOrder(ctx, member, { skuId: skus[0]!.id, qty: 1, addressId, requestId: `order-${++n}` }));
    ok(await cancelOrder(ctx, member, { orderId: cancelled.id }));
    const toShip = await bought(member, skus[0]!.id, '2026-11-23 12:00:00');
    const onTheWay = await bought(member, skus[0]!.id, '2026-11-23 12:00:00');
    ok(await shipOrder(ctx, admin, { orderId: onTheWay.id, carrier: '顺丰速运', trackingNo: 'SF4444444444' }));
    const done = await bought(member, skus[0]!.id, '2026-11-23 12:00:00');
    ok(await shipOrder(ctx, admin, { orderId: done.id, carrier: '顺丰速运', trackingNo: 'SF5555555555' }));
    ok(await confirmReceipt(ctx, member, { orderId: done.id }));
    const refunding = await bought(member, skus[0]!.id, '2026-11-23 12:00:00');
    ok(await requestRefund(ctx, member, { orderId: refunding.id, reason: '不想要了' }));
    const refunded = await bought(member, skus[0]!.id, '2026-11-23 12:00:00');
    ok(await requestRefund(ctx, member, { orderId: refunded.id, reason: '不想要了' }));
    ok(await decideRefund(ctx, admin, { orderId: refunded.id, approve: true }));
    // The points the paid orders earned pay for the 加钱换购's points.
    const bag = await mallItem(t.db, { kind: 'goods', name: '帆布袋', pointsPrice: 100, cashFen: 990 });
    const redeemed = ok(await redeemItem(ctx, member, { itemId: bag.id, requestId: `redeem-${++n}` }));
    const start = ok(await startPayment(ctx, member, { orderId: redeemed.order!.id }));
    const posted = sandbox.confirm(start.sandbox!.token, at('2026-11-23 12:00:00'))!;
    const mallPaid = ok(await recordPayment(ctx, (await sandbox.verifyNotice(posted.headers, posted.body))!));
    expect(mallPaid).toMatchObject({ kind: 'mall', status: 'paid', actions: [] });

    const all = (await myOrders(ctx, member, {})).items;
    expect(all).toHaveLength(8);
    for (const tab of ORDER_TABS) {
      const listed = (await myOrders(ctx, member, { status: tab })).items.map((o) => o.id);
      expect([tab, listed]).toEqual([tab, all.filter((o) => orderTab(o.status, o.kind) === tab).map((o) => o.id)]);
    }
    const ids = (tab: (typeof ORDER_TABS)[number]) => myOrders(ctx, member, { status: tab }).then((p) => p.items.map((o) => o.id));
    expect(await ids('pending')).toEqual([pending.id]);
    expect(await ids('to_ship')).toEqual([toShip.id]);
    expect(await ids('to_receive')).toEqual([onTheWay.id]);
    expect(await ids('completed')).toEqual([mallPaid.id, done.id]);
    expect(await ids('after_sales')).toEqual([refunded.id, refunding.id]);
  });
});
