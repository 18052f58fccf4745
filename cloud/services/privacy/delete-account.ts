import { toBrandIso } from '../../domain/business-day';
import { COUPON_VOID_NOTES } from '../../domain/coupons';
import { tombstoneOpenid } from '../../domain/privacy';
import type { Actor, UseCaseContext } from '../context';
import { fail, Failure, transactionOrFailure } from '../failure';
import { eraseMediaOf } from '../media/erase-media';
import { cancelOrder } from '../orders/cancel-order';
import { refundOrder } from '../orders/refund-order';
import { forgetSessionKey } from '../../adapters/wechat/session-keys';
import { recordConsent } from './consent-history';
import { eraseAllAddresses } from './erase-addresses';

/**
 * Paid shop orders not yet shipped (or waiting for a refund asked before shipment, decided or not —
 * an approved refund whose payment did not go through is retried here): with the address gone,
 * they never will be.
 */
const TO_SHIP = `o.member_id = $1 and o.mall_item_id is null and (o.status = 'paid' or (o.status = 'refunding' and exists (
  select 1 from refund_requests r where r.order_id = o.id and r.status in ('pending', 'approved') and r.order_status = 'paid')))`;

/** What stands in an erased account's after-sales reason. */
const ERASED_REASON = '（账号已注销）';

const REFUND_REASON = '账号注销，未发货订单退款';

/** The member's rows that describe their behaviour for segmentation: erased, not kept. */
const PROFILING_TABLES = ['product_views', 'member_facts', 'member_tags', 'segment_members'] as const;

/**
 * 注销账号 (PIPL art. 47). Unpaid orders are cancelled first through the cancel use case (stock,
 * coupon and points come back), and paid orders that have not shipped are refunded through the
 * refund use case (the money, stock and coupon come back). Then, in one transaction: unused
 * coupons, lottery chances and reminders are voided, the member's messages dropped, their product
 * views, read model, tags and segment memberships deleted, every address erased (deliveries not
 * yet made are cancelled), the uploaded images and the WeChat session key deleted, and the
 * member's row loses nickname, avatar, birthday, consent, guide and identifiers — the openid
 * becomes a tombstone, so the same WeChat user signing in again is a new member. Orders, the
 * points and growth ledgers, check-ins and draws stay for accounting, naming nobody. Repeating it
 * changes nothing.
 */
export async function deleteAccount(ctx: UseCaseContext, actor: Actor): Promise<{ deletedAt: string } | Failure> {
  const { rows: unpaid } = await ctx.db.query<{ id: string }>(
    `select id from orders where member_id = $1 and status = 'pending' order by id`,
    [actor.memberId],
  );
  for (const order of unpaid) {
    const cancelled = await cancelOrder(ctx, actor, { orderId: order.id });
    // ORDER_NOT_PENDING: paid or cancelled meanwhile, either way no longer unpaid.
    if (cancelled instanceof Failure && cancelled.code !== 'ORDER_NOT_PENDING') return cancelled;
  }
  const { rows: toShip } = await ctx.db.query<{ id: string }>(`select o.id from orders o where ${TO_SHIP} order by o.id`, [actor.memberId]);
  for (const order of toShip) {
    let refunded: unknown;
    try {
      refunded = await refundOrder(ctx, actor, { orderId: order.id, reason: REFUND_REASON });
    } catch (err) {
      // The provider would not refund now (a network error): nothing is erased, the member tries again.
      console.warn(`[privacy] order ${order.id} not refunded: ${(err as Error).message}`);
      return fail('ORDER_BUSY');
    }
    // REFUND_NOT_ALLOWED: shipped or refunded meanwhile, either way no longer waiting to ship.
    if (refunded instanceof Failure && refunded.code !== 'REFUND_NOT_ALLOWED') return refunded;
  }
  return transactionOrFailure(ctx.db, async (tx) => {
    const { rows } = await tx.query<{ openid: string; consent_version: string | null; deleted_at: Date | null }>(
      'select openid, consent_version, deleted_at from members where id = $1 for update',
      [actor.memberId],
    );
    const member = rows[0]!;
    if (member.deleted_at) return { deletedAt: toBrandIso(member.deleted_at, ctx.brand.timeZone) };
    // An order made while the others were being cancelled: the member tries again.
    const placed = await tx.query(`select 1 from orders where member_id = $1 and status = 'pending' limit 1`, [actor.memberId]);
    if (placed.rows.length) return fail('ORDER_BUSY');
    const paid = await tx.query(`select 1 from orders o where ${TO_SHIP} limit 1`, [actor.memberId]);
    if (paid.rows.length) return fail('ORDER_BUSY');

    const id = actor.memberId;
    await tx.query('update coupons set used_at = $2, used_store = $3 where member_id = $1 and used_at is null', [id, ctx.now, COUPON_VOID_NOTES.accountDeleted]);
    await tx.query('update lottery_chances set used_at = $2 where member_id = $1 and used_at is null', [id, ctx.now]);
    await tx.query('update reminder_subscriptions set used_at = $2 where member_id = $1 and used_at is null', [id, ctx.now]);
    // Sent or not: a delivery log, and its last error is WeChat's free text.
    await tx.query('delete from outbox where member_id = $1', [id]);
    // What the member wrote to ask for a refund or return; staff's decisions stay as written.
    await tx.query(`update refund_requests set reason = $2 where member_id = $1`, [id, ERASED_REASON]);
    // Behavioural profiling ends with the account: what they looked at, what the nightly run made
    // of them, their tags and segment memberships.
    for (const table of PROFILING_TABLES) await tx.query(`delete from ${table} where member_id = $1`, [id]);
    // Nobody follows up a closed account; a guide's reason for skipping one was about the member.
    await tx.query(`delete from sop_tasks where member_id = $1 and status = 'open'`, [id]);
    await tx.query('update sop_tasks set skip_reason = null where member_id = $1 and skip_reason is not null', [id]);
    await eraseAllAddresses(tx, id);
    await eraseMediaOf(tx, id);
    await forgetSessionKey(tx, member.openid);
    if (member.consent_version) await recordConsent(tx, { memberId: id, kind: 'withdrawn', version: member.consent_version, at: ctx.now });
    await tx.query(
      `update members set openid = $2, unionid = null, nickname = null, avatar_url = null, birthday = null,
         consent_version = null, consent_at = null, guide_id = null, guide_bound_at = null, deleted_at = $3
       where id = $1`,
      [id, tombstoneOpenid(id), ctx.now],
    );
    return { deletedAt: toBrandIso(ctx.now, ctx.brand.timeZone) };
  });
}
