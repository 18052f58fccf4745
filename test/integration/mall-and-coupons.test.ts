import { describe, expect, it } from 'vitest';
import { adjustPoints } from '@cloud/services/admin/adjust-points';
import { myCoupons } from '@cloud/services/coupons/wallet';
import { previewCoupon } from '@cloud/services/coupons/preview-coupon';
import { verifyCoupon } from '@cloud/services/coupons/verify-coupon';
import type { Actor } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { listMall, myRedemptions as listRedemptions, redeemItem, setRedemptionAddress } from '@cloud/services/mall/mall';
import { couponTemplate, mallItem } from '../support/catalog';
import { backends, useTestDatabase } from '../support/databases';
import { ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';

describe.each(backends)('points mall and coupons on %s', (backend) => {
  const t = useTestDatabase(backend);
  let n = 0;
  const richMember = async (openid: string, points: number) => {
    const member = await memberJoinedAt(t.db, openid, '2026-11-01 08:00:00');
    const admin = { ...(await memberJoinedAt(t.db, `${openid}-admin`, '2026-11-01 08:00:00')), role: 'admin' as const };
    await adjustPoints(ctxAt(t.db, '2026-11-20 09:00:00'), admin, { targetMemberId: member.memberId, delta: points, reason: '测试积分', requestId: `seed-${openid}` });
    return member;
  };
  const redeem = (actor: Actor, itemId: string, at = '2026-11-23 10:00:00') =>
    redeemItem(ctxAt(t.db, at), actor, { itemId, requestId: `redeem-request-${++n}` });

  it('redeems points for a coupon in one go: points through the ledger, stock, and the coupon in the wallet', async () => {
    const template = await couponTemplate(t.db);
    const item = await mallItem(t.db, { kind: 'coupon', name: '满100减20券', couponTemplateId: template.id, pointsPrice: 200, stock: 10 });
    const member = await richMember('redeemer', 500);
    const result = await redeem(member, item.id);
    expect(result).toMatchObject({ points: 200, balance: 300, needsAddress: false, coupon: { name: '满100减20', state: 'available', source: 'mall' } });
    const wallet = await myCoupons(ctxAt(t.db, '2026-11-23 11:00:00'), member, { status: 'available' });
    expect(wallet).toHaveLength(1);
    const [listed] = await listMall(ctxAt(t.db, '2026-11-23 11:00:00'), member);
    expect(listed).toMatchObject({ remaining: 9, myRedeemed: 1, blockedBy: null });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('refuses above the balance, beyond the per-member limit, below the tier, outside the window — writing nothing', async () => {
    const member = await richMember('refused', 300);
    const pricey = await mallItem(t.db, { kind: 'goods', name: '保温杯', pointsPrice: 400 });
    const limited = await mallItem(t.db, { kind: 'goods', name: '帆布袋', pointsPrice: 100, perMemberLimit: 1 });
    const gold = await mallItem(t.db, { kind: 'goods', name: '金卡专享', pointsPrice: 10, minTier: 'gold' });
    const later = await mallItem(t.db, { kind: 'goods', name: '双十二', pointsPrice: 10, startsAt: '2026-12-12T00:00:00+08:00' });
    expect(await redeem(member, pricey.id)).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    expect(await redeem(member, limited.id)).toMatchObject({ needsAddress: true, balance: 200 });
    expect(await redeem(member, limited.id)).toMatchObject({ code: 'REDEEM_LIMIT' });
    expect(await redeem(member, gold.id)).toMatchObject({ code: 'TIER_REQUIRED' });
    expect(await redeem(member, later.id)).toMatchObject({ code: 'NOT_IN_WINDOW' });
    const { rows } = await t.db.query<{ name: string; redeemed: number }>('select name, redeemed from mall_items order by id');
    expect(rows.map((r) => r.redeemed)).toEqual([0, 1, 0, 0]);
    const listed = await listMall(ctxAt(t.db, '2026-11-23 11:00:00'), member);
    expect(Object.fromEntries(listed.map((i) => [i.name, i.blockedBy]))).toEqual({
      保温杯: 'INSUFFICIENT_POINTS',
      帆布袋: 'REDEEM_LIMIT',
      金卡专享: 'TIER_REQUIRED',
      双十二: 'NOT_IN_WINDOW',
    });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('lists my redemptions, where goods wait for an address until one is given', async () => {
    const member = await richMember('goods-buyer', 300);
    const item = await mallItem(t.db, { kind: 'goods', name: '帆布袋', pointsPrice: 100 });
    const redeemed = (await redeem(member, item.id)) as { redemptionId: string };
    const ctx = ctxAt(t.db, '2026-11-23 12:00:00');
    expect(await listRedemptions(ctx, member)).toMatchObject([{ redemptionId: redeemed.redemptionId, item: { name: '帆布袋', kind: 'goods' }, fulfilment: 'pending_address', address: null }]);
    const address = { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1 号' };
    expect(await setRedemptionAddress(ctx, member, { redemptionId: redeemed.redemptionId, address })).toEqual({ redemptionId: redeemed.redemptionId, fulfilment: 'to_ship' });
    expect(await listRedemptions(ctx, member)).toMatchObject([{ fulfilment: 'to_ship', address }]);
    const stranger = await memberJoinedAt(t.db, 'stranger', '2026-11-01 08:00:00');
    expect(await setRedemptionAddress(ctx, stranger, { redemptionId: redeemed.redemptionId, address })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a repeated requestId redeems once', async () => {
    const member = await richMember('twice', 300);
    const item = await mallItem(t.db, { kind: 'goods', name: '帆布袋', pointsPrice: 100 });
    const params = { itemId: item.id, requestId: 'redeem-same-1' };
    const first = await redeemItem(ctxAt(t.db, '2026-11-23 10:00:00'), member, params);
    const again = await redeemItem(ctxAt(t.db, '2026-11-23 10:00:03'), member, params);
    expect(again).toEqual(first);
    expect((again as { balance: number }).balance).toBe(200);
  });

  it('核销 preview: coupon, condition, member and validity before; when, where and by whom after; a wrong format says the format', async () => {
    const template = await couponTemplate(t.db, { validDays: 7 });
    const item = await mallItem(t.db, { kind: 'coupon', couponTemplateId: template.id, pointsPrice: 10 });
    const member = await richMember('previewed', 100);
    const guide = { ...(await memberJoinedAt(t.db, 'guide-preview', '2026-11-01 08:00:00')), role: 'guide' as const };
    await t.db.query(`update members set nickname = case id when $1 then '小林' when $2 then '王姐' end where id in ($1, $2)`, [member.memberId, guide.memberId]);
    const { coupon } = (await redeem(member, item.id)) as { coupon: { code: string } };
    const typed = `${coupon.code.slice(0, 4).toLowerCase()} ${coupon.code.slice(4, 8)}-${coupon.code.slice(8)}`;

    const before = await previewCoupon(ctxAt(t.db, '2026-11-24 14:59:00'), guide, { code: typed });
    expect(before).toMatchObject({
      coupon: { code: coupon.code, name: '满100减20', kind: 'amount_off', amountOffFen: 2000, thresholdFen: 10_000, validFrom: '2026-11-23', validUntil: '2026-11-29', state: 'available' },
      status: 'usable',
      member: { nickname: '小林' },
      used: null,
    });

    expect(await verifyCoupon(ctxAt(t.db, '2026-11-24 15:00:00'), guide, { code: typed, store: '静安嘉里店' })).toMatchObject({ code: coupon.code, memberNickname: '小林' });
    const message = '这张券已于 2026-11-24 15:00 在 静安嘉里店 由 王姐 核销';
    expect(await previewCoupon(ctxAt(t.db, '2026-11-24 15:05:00'), guide, { code: coupon.code })).toMatchObject({
      status: 'used',
      used: { at: '2026-11-24T15:00:00+08:00', store: '静安嘉里店', by: '王姐', message },
    });
    const again = await verifyCoupon(ctxAt(t.db, '2026-11-24 15:06:00'), guide, { code: coupon.code });
    expect(again).toEqual(new Failure('COUPON_USED', message));

    for (const wrong of ['ABC', 'O0O0O0O0O0O0', `${coupon.code}X`]) {
      expect(await previewCoupon(ctxAt(t.db, '2026-11-24 15:07:00'), guide, { code: wrong })).toEqual(
        new Failure('COUPON_CODE_FORMAT', '券码为 12 位字母或数字（不含 0、1、I、L、O）'),
      );
      expect(await verifyCoupon(ctxAt(t.db, '2026-11-24 15:07:00'), guide, { code: wrong })).toMatchObject({ code: 'COUPON_CODE_FORMAT' });
    }
    expect(await previewCoupon(ctxAt(t.db, '2026-11-24 15:07:00'), guide, { code: '23456789ABCD' })).toMatchObject({ code: 'COUPON_NOT_FOUND' });
    expect(await previewCoupon(ctxAt(t.db, '2026-11-30 10:00:00'), guide, { code: ((await redeem(member, item.id)) as { coupon: { code: string } }).coupon.code })).toMatchObject({
      status: 'expired',
    });
  });

  it('a used code a staff member without a nickname verified names their role', async () => {
    const template = await couponTemplate(t.db, { validDays: 7 });
    const item = await mallItem(t.db, { kind: 'coupon', couponTemplateId: template.id, pointsPrice: 10 });
    const member = await richMember('nameless', 100);
    const admin = { ...(await memberJoinedAt(t.db, 'admin-nameless', '2026-11-01 08:00:00')), role: 'admin' as const };
    await t.db.query(`update members set role = 'admin' where id = $1`, [admin.memberId]);
    const { coupon } = (await redeem(member, item.id)) as { coupon: { code: string } };
    await verifyCoupon(ctxAt(t.db, '2026-11-24 15:00:00'), admin, { code: coupon.code });
    expect(await verifyCoupon(ctxAt(t.db, '2026-11-24 16:00:00'), admin, { code: coupon.code })).toEqual(
      new Failure('COUPON_USED', '这张券已于 2026-11-24 15:00 由 管理员 核销'),
    );
  });

  it('a guide verifies a coupon once, recording who and where; expired and unknown codes are refused', async () => {
    const template = await couponTemplate(t.db, { validDays: 7 });
    const item = await mallItem(t.db, { kind: 'coupon', couponTemplateId: template.id, pointsPrice: 10 });
    const member = await richMember('holder', 100);
    const guide = { ...(await memberJoinedAt(t.db, 'guide-1', '2026-11-01 08:00:00')), role: 'guide' as const };
    const first = (await redeem(member, item.id)) as { coupon: { code: string } };
    const second = (await redeem(member, item.id)) as { coupon: { code: string } };
    const verified = await verifyCoupon(ctxAt(t.db, '2026-11-24 15:00:00'), guide, { code: first.coupon.code, store: '南京西路店' });
    expect(verified).toMatchObject({ code: first.coupon.code, name: '满100减20', store: '南京西路店', verifiedAt: '2026-11-24T15:00:00+08:00' });
    expect(await verifyCoupon(ctxAt(t.db, '2026-11-24 15:01:00'), guide, { code: first.coupon.code })).toMatchObject({ code: 'COUPON_USED' });
    expect(await verifyCoupon(ctxAt(t.db, '2026-11-30 10:00:00'), guide, { code: second.coupon.code })).toMatchObject({ code: 'COUPON_EXPIRED' });
    expect(await verifyCoupon(ctxAt(t.db, '2026-11-24 10:00:00'), guide, { code: '23456789ABCD' })).toMatchObject({ code: 'COUPON_NOT_FOUND' });
    const { rows } = await t.db.query<{ used_by: string; used_store: string }>('select used_by, used_store from coupons where used_at is not null');
    expect(rows).toEqual([{ used_by: guide.memberId, used_store: '南京西路店' }]);
    const wallet = await myCoupons(ctxAt(t.db, '2026-11-30 10:00:00'), member, {});
    expect(wallet.map((c) => c.state).sort()).toEqual(['expired', 'used']);
  });

  it('keeps a template per-member limit on coupons claimed in the mall', async () => {
    const template = await couponTemplate(t.db, { perMemberLimit: 1 });
    const item = await mallItem(t.db, { kind: 'coupon', couponTemplateId: template.id, pointsPrice: 10 });
    const member = await richMember('one-only', 100);
    expect(await redeem(member, item.id)).not.toBeInstanceOf(Failure);
    expect(await redeem(member, item.id)).toMatchObject({ code: 'COUPON_LIMIT' });
    const { rows } = await t.db.query<{ points_balance: number }>('select points_balance from members where id = $1', [member.memberId]);
    expect(rows[0]!.points_balance).toBe(90);
  });
});
