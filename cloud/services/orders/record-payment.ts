/**
 * A payment notice, verified by the provider's adapter, books the order once: the first notice
 * moves it from pending to paid (a conditional update), and only that transaction commits the
 * stock, uses the coupon, books the points through the ledger, adds growth value, may move the
 * member up a tier and rewards an inviter on a first order. Repeated notices change nothing.
 */
import type { OrderView } from '../../contract';
import type { Queryable } from '../../db/port';
import type { TierKey } from '../../domain/brand-settings';
import { businessDay } from '../../domain/business-day';
import { lotExpiresOn } from '../../domain/points-expiry';
import { pointsMultipliers } from '../../domain/member-day';
import { orderGrowth, orderPoints } from '../../domain/pricing';
import type { UseCaseContext } from '../context';
import { Failure, fail } from '../failure';
import { completeRedemption, redeemRequestIdOf } from '../mall/mall';
import { mallItemColumns, type MallItemRow } from '../mall/mall-item-row';
import { bookPoints } from '../points/book-points';
import { rewardInviter } from '../referral/reward-inviter';
import { bookGrowth } from '../tiers/growth-ledger';
import { upgradeIfReached } from '../tiers/upgrade-tier';
import type { PaymentNotice } from '../../adapters/payments/payment-provider';
import { ORDER_COLUMNS, toOrderView, type OrderRow } from './order-row';
import { commitOrderStock } from './stock-reservations';

export async function recordPayment(ctx: UseCaseContext, notice: PaymentNotice): Promise<OrderView | Failure> {
  const booked = await ctx.db.transaction((tx) => bookPaid(tx, ctx, notice));
  const { rows } = await ctx.db.query<OrderRow>(`select ${ORDER_COLUMNS} from orders o where o.id = $1`, [notice.orderId]);
  const order = rows[0];
  if (!order) return fail('PAYMENT_INVALID', '支付通知中的订单不存在');
  if (booked || (order.status !== 'pending' && order.pay_txn_id === notice.transactionId)) return toOrderView(order, ctx);
  if (order.status === 'pending') return fail('PAYMENT_INVALID', '支付金额与订单不符');
  if (order.status === 'cancelled') {
    // Paid after the order was cancelled (a notice racing the cancel): the money goes back.
    console.error(`[payments] order ${order.id} was paid after it was cancelled; refunding ${notice.transactionId}`);
    await ctx.adapters.payments?.refund({ orderId: order.id, transactionId: notice.transactionId, totalFen: notice.amountFen, reason: '订单已超时取消' });
    return fail('ORDER_EXPIRED');
  }
  return fail('ORDER_NOT_PENDING');
}

async function bookPaid(tx: Queryable, ctx: UseCaseContext, notice: PaymentNotice): Promise<boolean> {
  const { rows } = await tx.query<OrderRow & { tier: TierKey; request_id: string }>(
    `update orders o set status = 'paid', paid_at = $2, pay_txn_id = $3, pay_provider = $5
     from members m
     where o.id = $1 and o.status = 'pending' and o.total_fen = $4 and m.id = o.member_id
     returning o.id, o.member_id, o.sku_id, o.flash_sale_id, o.mall_item_id, o.points_price, o.request_id, o.qty, o.coupon_id, o.total_fen,
       o.shipping_fen, o.member_day, o.product_name, m.tier`,
    [notice.orderId, notice.paidAt, notice.transactionId, notice.amountFen, ctx.adapters.payments?.name ?? null],
  );
  const order = rows[0];
  if (!order) return false;
  const brand = ctx.brand;
  const today = businessDay(notice.paidAt, brand.timeZone);
  const tier = brand.tiers.find((t) => t.key === order.tier)!;
  // Points and growth go by the goods, not the shipping. A 加钱换购 is paid partly in points: it earns growth, not points.
  const goodsFen = order.total_fen - order.shipping_fen;
  const points = order.mall_item_id
    ? 0
    : orderPoints(goodsFen, brand.orders.pointsPerYuan, pointsMultipliers(tier.benefits, order.member_day));
  const growth = orderGrowth(goodsFen, brand.growth.perYuan);
  await commitOrderStock(tx, order);
  if (order.mall_item_id) {
    const { rows: items } = await tx.query<MallItemRow>(`select ${mallItemColumns()} from mall_items where id = $1`, [order.mall_item_id]);
    // What the member paid when they redeemed, whatever the item's price is now.
    const item = { ...items[0]!, points_price: order.points_price };
    const requestId = redeemRequestIdOf(order.request_id);
    const done = await completeRedemption(tx, ctx, { memberId: order.member_id, item, requestId, orderId: order.id, at: notice.paidAt });
    if (done instanceof Failure) throw new Error(`paid 加钱换购 order ${order.id} could not be redeemed: ${done.code}`);
  }
  if (order.coupon_id) await tx.query('update coupons set used_at = $2 where id = $1 and order_id = $3', [order.coupon_id, notice.paidAt, order.id]);
  if (points > 0) {
    await bookPoints(tx, {
      memberId: order.member_id,
      delta: points,
      source: 'order',
      sourceId: order.id,
      note: order.product_name,
      at: notice.paidAt,
      expiresOn: lotExpiresOn(today, brand.points.expiryMonths),
    });
  }
  if (growth > 0) {
    const window = await bookGrowth(tx, brand.growth.windowMonths, {
      memberId: order.member_id,
      amount: growth,
      source: 'order',
      sourceId: order.id,
      day: today,
      at: notice.paidAt,
    });
    await upgradeIfReached(tx, brand, { memberId: order.member_id, tier: order.tier }, window, today);
  }
  await tx.query('update orders set points_earned = $2, growth_earned = $3 where id = $1', [order.id, points, growth]);
  if (brand.referral.rewardOn === 'first_order') {
    const { rows: earlier } = await tx.query('select 1 from orders where member_id = $1 and id <> $2 and paid_at is not null limit 1', [
      order.member_id,
      order.id,
    ]);
    if (!earlier[0]) await rewardInviter(tx, { ...ctx, now: notice.paidAt }, order.member_id, 'first_order', order.id);
  }
  return true;
}
