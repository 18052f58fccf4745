/**
 * 退款 (operations staff, directly or by approving the member's request): an order paid for is
 * refunded in full through the payment provider, then in one transaction the order is marked
 * refunded (once: a conditional update from the statuses the lifecycle allows), its open
 * after-sales request is approved, the stock goes back, the coupon returns to the wallet, and
 * the points and growth value it earned are reversed through their ledgers. Points the member
 * already spent cannot be taken back below zero: the reversal takes what is left and says so in
 * its note. A 加钱换购 gives its points and the item back and cancels its redemption (voids the
 * unused coupon); once the coupon is used or the goods have shipped it is refused before any
 * money moves.
 */
import type { OrderView } from '../../contract';
import { businessDay } from '../../domain/business-day';
import { COUPON_VOID_NOTES } from '../../domain/coupons';
import type { Queryable } from '../../db/port';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { bookPoints } from '../points/book-points';
import { bookGrowth } from '../tiers/growth-ledger';
import { returnMallPoints } from './cancel-order';
import { movableFrom, nextStatus } from '../../domain/order-lifecycle';
import { loadOrderRow, toOrderView } from './order-row';
import { eraseOrderAddressIfWithdrawn } from '../privacy/erase-addresses';
import { returnOrderStock } from './stock-reservations';
import { asAdmin, recordAudit, rowState } from '../audit/record-audit';

/** Why a paid 加钱换购 cannot be refunded any more: its coupon was used, or its goods shipped. */
async function mallRefundRefusal(db: Queryable, orderId: string): Promise<Failure | null> {
  const { rows } = await db.query<{ fulfilment: string; coupon_used: boolean }>(
    `select r.fulfilment, coalesce(c.used_at is not null, false) as coupon_used
     from mall_redemptions r left join coupons c on c.id = r.coupon_id where r.order_id = $1`,
    [orderId],
  );
  const r = rows[0];
  if (r?.coupon_used) return fail('REFUND_NOT_ALLOWED', '换购的券已使用，无法退款');
  if (r?.fulfilment === 'shipped') return fail('REFUND_NOT_ALLOWED', '换购的商品已发货，请先办理退货');
  return null;
}

/**
 * The redemption of a refunded 加钱换购 ends: its coupon, still unused, is voided (recorded as used
 * by the staff member, "退款作废"), and goods not shipped are no longer owed.
 */
async function cancelRedemption(tx: Queryable, orderId: string, staffId: string, at: Date): Promise<void> {
  await tx.query(
    `update coupons c set used_at = $3, used_by = $2, used_store = $4
     from mall_redemptions r where r.order_id = $1 and c.id = r.coupon_id and c.used_at is null`,
    [orderId, staffId, at, COUPON_VOID_NOTES.refund],
  );
  await tx.query(`update mall_redemptions set fulfilment = 'cancelled' where order_id = $1 and fulfilment <> 'shipped'`, [orderId]);
}

export async function refundOrder(
  ctx: UseCaseContext,
  actor: Actor,
  params: { orderId: string; reason: string },
): Promise<OrderView | Failure> {
  const order = await loadOrderRow(ctx.db, params.orderId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  if (!nextStatus(order.status, 'refund')) return fail('REFUND_NOT_ALLOWED', order.status === 'refunded' ? '这笔订单已经退款' : '只有已支付的订单可以退款');
  if (!ctx.adapters.payments) return fail('PAYMENT_NOT_CONFIGURED');
  if (order.mall_item_id) {
    const refusal = await mallRefundRefusal(ctx.db, order.id);
    if (refusal) return refusal;
  }
  await ctx.adapters.payments.refund({ orderId: order.id, transactionId: order.pay_txn_id!, totalFen: order.total_fen, reason: params.reason });
  const done = await transactionOrFailure(ctx.db, async (tx) => {
    const before = await rowState(tx, 'orders', order.id);
    const { rowCount } = await tx.query(
      `update orders set status = 'refunded', refunded_at = $2, refund_reason = $3 where id = $1 and status = any($4::text[])`,
      [order.id, ctx.now, params.reason, movableFrom('refund')],
    );
    if (rowCount === 0) return fail('REFUND_NOT_ALLOWED', '这笔订单已经退款');
    await recordAudit(tx, { actor: asAdmin(actor), at: ctx.now, kind: 'order.refund', targetType: 'order', targetId: order.id, before, after: await rowState(tx, 'orders', order.id) });
    await eraseOrderAddressIfWithdrawn(tx, order.id);
    // Refunded without a decision (admin.refundOrder): the request still open is approved with the reason.
    await tx.query(
      `update refund_requests set status = 'approved', decided_at = $2, decided_by = $3, decision_note = $4
       where order_id = $1 and status = 'pending'`,
      [order.id, ctx.now, actor.memberId, params.reason],
    );
    // The coupon the order used is the member's again (its dates unchanged).
    if (order.coupon_id) await tx.query('update coupons set used_at = null, order_id = null where id = $1 and order_id = $2', [order.coupon_id, order.id]);
    await returnOrderStock(tx, order);
    // 加钱换购: the cash goes back through the provider, the points and the item here.
    if (order.mall_item_id) {
      await returnMallPoints(tx, {
        orderId: order.id,
        memberId: order.member_id,
        points: order.points_price,
        expiresOn: order.points_expire_on,
        name: order.product_name,
        at: ctx.now,
        why: '已退款',
      });
      await cancelRedemption(tx, order.id, actor.memberId, ctx.now);
    }
    if (order.points_earned > 0) {
      // Locks the member's balance for this transaction; book_points writes under the same lock.
      const { rows: member } = await tx.query<{ points_balance: number }>('select points_balance from members where id = $1 for update', [order.member_id]);
      const take = Math.min(order.points_earned, member[0]!.points_balance);
      if (take > 0) {
        await bookPoints(tx, {
          memberId: order.member_id,
          delta: -take,
          source: 'refund',
          sourceId: order.id,
          note: take < order.points_earned ? `退款扣回（已用 ${order.points_earned - take} 积分无法扣回）` : `退款扣回：${order.product_name}`,
          at: ctx.now,
          actorId: actor.memberId,
        });
      }
    }
    if (order.growth_earned > 0) {
      await bookGrowth(tx, ctx.brand.growth.windowMonths, {
        memberId: order.member_id,
        amount: -order.growth_earned,
        source: 'refund',
        sourceId: order.id,
        day: businessDay(ctx.now, ctx.brand.timeZone),
        at: ctx.now,
      });
    }
    return true;
  });
  if (done !== true) return done;
  return toOrderView((await loadOrderRow(ctx.db, order.id))!, ctx);
}
