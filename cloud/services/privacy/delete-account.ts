import { toBrandIso } from '../../domain/business-day';
import { COUPON_VOID_NOTES } from '../../domain/coupons';
import { tombstoneOpenid } from '../../domain/privacy';
import type { Actor, UseCaseContext } from '../context';
import { fail, Failure, transactionOrFailure } from '../failure';
import { eraseMediaOf } from '../media/erase-media';
import { cancelOrder } from '../orders/cancel-order';
import { forgetSessionKey } from '../../adapters/wechat/session-keys';
import { recordConsent } from './consent-history';
import { eraseAllAddresses } from './erase-addresses';

/**
 * 注销账号 (PIPL art. 47). Unpaid orders are cancelled first through the cancel use case (stock,
 * coupon and points come back). Then, in one transaction: unused coupons, lottery chances and
 * reminders are voided, the member's messages dropped, every address erased (deliveries not yet
 * made are cancelled), the uploaded images and the WeChat session key deleted, and the member's
 * row loses nickname, avatar, birthday, consent, guide and identifiers — the openid becomes a
 * tombstone, so the same WeChat user signing in again is a new member. Orders, the points and
 * growth ledgers, check-ins and draws stay for accounting, naming nobody. Repeating it changes
 * nothing.
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

    const id = actor.memberId;
    await tx.query('update coupons set used_at = $2, used_store = $3 where member_id = $1 and used_at is null', [id, ctx.now, COUPON_VOID_NOTES.accountDeleted]);
    await tx.query('update lottery_chances set used_at = $2 where member_id = $1 and used_at is null', [id, ctx.now]);
    await tx.query('update reminder_subscriptions set used_at = $2 where member_id = $1 and used_at is null', [id, ctx.now]);
    // Sent or not: a delivery log, and its last error is WeChat's free text.
    await tx.query('delete from outbox where member_id = $1', [id]);
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
