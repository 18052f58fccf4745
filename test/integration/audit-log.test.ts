/**
 * The audit log: every admin write, through the admin function as the 运营 tab calls it, leaves
 * one entry with who, when, what and the state before and after — in the write's transaction,
 * so a refused write leaves none and a retried request one. Then admin.auditLog reads them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SandboxPayments } from '@cloud/adapters/payments/sandbox-payments';
import { AUDIT_KINDS, type OrderView } from '@cloud/contract';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { functions } from '@cloud/functions';
import { invoke } from '@cloud/functions/runtime';
import { saveAddress } from '@cloud/services/address/save-address';
import type { Actor } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { updateProfile } from '@cloud/services/member/update-profile';
import { createOrder } from '@cloud/services/orders/create-order';
import { recordPayment } from '@cloud/services/orders/record-payment';
import { refundOrder } from '@cloud/services/orders/refund-order';
import { requestRefund } from '@cloud/services/orders/request-after-sales';
import { startPayment } from '@cloud/services/orders/start-payment';
import { deleteAccount } from '@cloud/services/privacy/delete-account';
import { saveBrandSettings } from '@cloud/services/settings/brand-settings-store';
import { campaign, couponTemplate, mallItem, prizeOf } from '../support/catalog';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at, brand, ctxAt, memberJoinedAt } from '../support/fixtures';
import { testProduct } from '../support/products';

const sandbox = adapters.payments as SandboxPayments;
const NOW = '2026-11-20 10:00:00';
const ADMIN = 'audit-admin';
const NICKNAME = '林深见鹿';
const ADDRESS = { name: '鹿小姐', phone: '13912345678', region: '上海市 徐汇区', detail: '漕溪北路 88 号 12 楼' };
const REASON = `尺码不对，请打 ${ADDRESS.phone} 联系我`;

interface EntryRow {
  id: string;
  actor_id: string;
  at: Date;
  kind: string;
  target_type: string;
  target_id: string | null;
  before: any;
  after: any;
  request_id: string | null;
}

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

describe.each(backends)('the audit log on %s', (backend) => {
  const t = useTestDatabase(backend);
  let admin: Actor;
  let n = 0;

  beforeEach(async () => {
    admin = toActor(await upsertMemberWithRole(t.db, ADMIN, 'admin', at('2026-11-01 08:00:00')));
    await t.db.query(`update members set nickname = '运营小陈' where id = $1`, [admin.memberId]);
  });

  /** An action of the admin function, as the 运营 tab calls it; the envelope. */
  const call = (action: string, params: object, openid = ADMIN, fn: 'admin' | 'guide' | 'coupon' | 'segment' = 'admin') =>
    invoke(fn, functions[fn] as never, { event: { action, ...params }, identity: { openid }, now: at(NOW), db: t.db, adapters });

  async function asAdmin(action: string, params: object): Promise<any> {
    const envelope = await call(action, params);
    if (!envelope.ok) throw new Error(`admin.${action}: ${JSON.stringify(envelope.error)}`);
    return envelope.data;
  }

  const entries = async (kind?: string) =>
    (await t.db.query<EntryRow>('select * from audit_log where ($1::text is null or kind = $1) order by id', [kind ?? null])).rows;

  /** A member who agreed to the privacy guide, with a nickname and an address (personal data no entry may hold). */
  async function member(openid = `audit-member-${++n}`): Promise<Actor> {
    const m = await memberJoinedAt(t.db, openid, '2026-11-01 08:00:00');
    ok(await updateProfile(ctxAt(t.db, '2026-11-01 08:01:00'), m, { consentVersion: CONSENT_VERSION, nickname: NICKNAME }));
    return m;
  }

  /** A paid shop order to the member's address. */
  async function paidOrder(m: Actor): Promise<OrderView> {
    const { skus } = await testProduct(t.db);
    const addressId = ok(await saveAddress(ctxAt(t.db, NOW), m, { address: ADDRESS })).id;
    const order = ok(await createOrder(ctxAt(t.db, NOW), m, { skuId: skus[0]!.id, qty: 1, addressId, note: `${ADDRESS.name}不在时放门卫`, requestId: `audit-order-${++n}` }));
    const start = ok(await startPayment(ctxAt(t.db, NOW), m, { orderId: order.id }));
    const posted = sandbox.confirm(start.sandbox!.token, at(NOW))!;
    return ok(await recordPayment(ctxAt(t.db, NOW), (await sandbox.verifyNotice(posted.headers, posted.body))!));
  }

  /** Who and when, the same for every entry. */
  const byAdmin = { actor_id: expect.any(String), at: at(NOW) };
  const noPersonalData = (rows: EntryRow[]) => {
    const text = JSON.stringify(rows.map((r) => [r.before, r.after]));
    for (const trace of [NICKNAME, ADDRESS.phone, ADDRESS.detail, ADDRESS.name]) expect(text).not.toContain(trace);
  };

  const rule = { all: [{ field: 'checkins', window: 30, op: 'gte', value: 1 }] };
  const futureCampaign = (name: string, id?: string) => ({
    campaign: {
      ...(id ? { id } : {}),
      name,
      startsAt: '2027-01-01T00:00:00+08:00',
      endsAt: '2027-02-01T00:00:00+08:00',
      drawsPerDay: 1,
      winsPerDay: 1,
      winsPerCampaign: 10,
      prizes: [prizeOf({ kind: 'points', name: '10 积分', odds: 5000, points: 10 }), prizeOf({ kind: 'none', name: '谢谢参与', odds: 5000 })],
    },
  });

  /** One test per audited kind: the write through the admin function, then its entry. */
  const CASES: Array<[kind: string, title: string, run: () => Promise<void>]> = [
    [
      'config.set',
      'the settings before and after',
      async () => {
        await saveBrandSettings(t.db, brand, null);
        const settings = { ...brand, memberDay: { ...brand.memberDay, weekday: 5 } };
        await asAdmin('configSet', { settings });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'config.set', target_type: 'settings', target_id: null, before: JSON.parse(JSON.stringify(brand)), after: JSON.parse(JSON.stringify(settings)) }),
        ]);
        // Refused by the settings schema: nothing saved, nothing recorded.
        expect(await call('configSet', { settings: { ...settings, memberDay: { weekday: 9 } } })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
        expect(await entries()).toHaveLength(1);
        await saveBrandSettings(t.db, brand, null);
      },
    ],
    [
      'points.adjust',
      'the balance before and after with the reason; a retry is one entry, a refused deduction none',
      async () => {
        const m = await member();
        const params = { targetMemberId: m.memberId, delta: 100, reason: '活动补偿', requestId: 'audit-adjust-1' };
        await asAdmin('adjustPoints', params);
        await asAdmin('adjustPoints', params);
        expect(await call('adjustPoints', { ...params, delta: -1000, requestId: 'audit-adjust-2' })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } });
        expect(await entries()).toEqual([
          expect.objectContaining({
            ...byAdmin,
            actor_id: admin.memberId,
            kind: 'points.adjust',
            target_type: 'member',
            target_id: m.memberId,
            before: { pointsBalance: 0 },
            after: { pointsBalance: 100, delta: 100, reason: '活动补偿' },
            request_id: 'audit-adjust-1',
          }),
        ]);
      },
    ],
    [
      'coupon.issue',
      'the coupon put in the wallet; a retry is one entry; set-up by the system (a template saved by a test) none',
      async () => {
        const m = await member();
        const template = await couponTemplate(t.db);
        const params = { templateId: template.id, targetMemberId: m.memberId, requestId: 'audit-coupon-1' };
        const coupon = await asAdmin('issueCoupon', params);
        await asAdmin('issueCoupon', params);
        expect(await entries()).toEqual([
          expect.objectContaining({
            ...byAdmin,
            kind: 'coupon.issue',
            target_type: 'member',
            target_id: m.memberId,
            before: null,
            after: { couponId: coupon.id, templateId: template.id, name: template.name, validFrom: coupon.validFrom, validUntil: coupon.validUntil },
            request_id: 'audit-coupon-1',
          }),
        ]);
      },
    ],
    [
      'coupon.verify',
      'an admin’s 核销 of a member’s coupon; a guide’s is kept on the coupon, not in the log; a used code none',
      async () => {
        const m = await member();
        const template = await couponTemplate(t.db);
        const first = await asAdmin('issueCoupon', { templateId: template.id, targetMemberId: m.memberId, requestId: 'audit-verify-1' });
        const second = await asAdmin('issueCoupon', { templateId: template.id, targetMemberId: m.memberId, requestId: 'audit-verify-2' });
        await t.db.query('delete from audit_log');
        expect(await call('verify', { code: first.code, store: '静安店' }, ADMIN, 'coupon')).toMatchObject({ ok: true });
        expect(await call('verify', { code: first.code }, ADMIN, 'coupon')).toMatchObject({ ok: false, error: { code: 'COUPON_USED' } });
        await upsertMemberWithRole(t.db, 'audit-guide', 'guide', at('2026-11-01 08:00:00'));
        expect(await call('verify', { code: second.code }, 'audit-guide', 'coupon')).toMatchObject({ ok: true });
        expect(await entries()).toEqual([
          expect.objectContaining({
            ...byAdmin,
            kind: 'coupon.verify',
            target_type: 'coupon',
            target_id: first.id,
            before: { used: false },
            after: { used: true, name: template.name, memberId: m.memberId, store: '静安店' },
          }),
        ]);
      },
    ],
    [
      'segment.recompute',
      'an admin computing one segment, then the whole run, again',
      async () => {
        const segment = await asAdmin('saveSegment', { segment: { name: '签到会员', rule } });
        await t.db.query('delete from audit_log');
        expect(await call('recompute', { segmentId: segment.id }, ADMIN, 'segment')).toMatchObject({ ok: true });
        expect(await call('recompute', { segmentId: '999999' }, ADMIN, 'segment')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        expect(await call('recompute', {}, ADMIN, 'segment')).toMatchObject({ ok: true });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'segment.recompute', target_type: 'segment', target_id: segment.id, before: null, after: { scope: 'segment', day: '2026-11-20' } }),
          expect.objectContaining({ ...byAdmin, kind: 'segment.recompute', target_type: 'segment', target_id: null, before: null, after: { scope: 'all', day: '2026-11-20' } }),
        ]);
      },
    ],
    [
      'member.setRole',
      'the role before and after; a guide made a member again lets their members go; the same role again none',
      async () => {
        const staff = await member();
        const bound = await member();
        await asAdmin('setRole', { targetMemberId: staff.memberId, newRole: 'guide' });
        await asAdmin('assignGuide', { targetMemberId: bound.memberId, guideId: staff.memberId });
        await asAdmin('setRole', { targetMemberId: staff.memberId, newRole: 'guide' });
        await asAdmin('setRole', { targetMemberId: staff.memberId, newRole: 'member' });
        expect(await call('setRole', { targetMemberId: admin.memberId, newRole: 'member' })).toMatchObject({ ok: false, error: { code: 'OWN_ADMIN_ROLE' } });
        // The same id spelled with a leading zero is still the admin's own.
        expect(await call('setRole', { targetMemberId: `0${admin.memberId}`, newRole: 'member' })).toMatchObject({ ok: false, error: { code: 'OWN_ADMIN_ROLE' } });
        expect(await entries('member.setRole')).toEqual([
          expect.objectContaining({ ...byAdmin, target_type: 'member', target_id: staff.memberId, before: { role: 'member', guideId: null }, after: { role: 'guide', guideId: null, releasedMembers: 0 } }),
          expect.objectContaining({ target_id: staff.memberId, before: { role: 'guide', guideId: null }, after: { role: 'member', guideId: null, releasedMembers: 1 } }),
        ]);
      },
    ],
    [
      'member.assignGuide',
      'the guide before and after; a refused target none',
      async () => {
        const guide = toActor(await upsertMemberWithRole(t.db, 'audit-guide-2', 'guide', at('2026-11-01 08:00:00')));
        const m = await member();
        await asAdmin('assignGuide', { targetMemberId: m.memberId, guideId: guide.memberId });
        await asAdmin('assignGuide', { targetMemberId: m.memberId, guideId: null });
        expect(await call('assignGuide', { targetMemberId: m.memberId, guideId: m.memberId })).toMatchObject({ ok: false, error: { code: 'NOT_A_GUIDE' } });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'member.assignGuide', target_type: 'member', target_id: m.memberId, before: expect.objectContaining({ guideId: null }), after: expect.objectContaining({ guideId: guide.memberId }) }),
          expect.objectContaining({ kind: 'member.assignGuide', before: expect.objectContaining({ guideId: guide.memberId }), after: expect.objectContaining({ guideId: null }) }),
        ]);
      },
    ],
    [
      'segment.save',
      'a new segment (before null), then its rule renamed (before the old)',
      async () => {
        const created = await asAdmin('saveSegment', { segment: { name: '签到会员', rule } });
        await asAdmin('saveSegment', { segment: { id: created.id, name: '活跃签到会员', rule } });
        expect(await call('saveSegment', { segment: { id: '999999', name: '不存在', rule } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'segment.save', target_type: 'segment', target_id: created.id, before: null, after: { name: '签到会员', rule: created.rule } }),
          expect.objectContaining({
            kind: 'segment.save',
            target_id: created.id,
            before: { name: '签到会员', rule: created.rule },
            after: { name: '活跃签到会员', rule: created.rule },
          }),
        ]);
      },
    ],
    [
      'segment.issueCoupon',
      'the action asked for, against the segment version; a retry is one entry',
      async () => {
        const segment = await asAdmin('saveSegment', { segment: { name: '签到会员', rule } });
        const template = await couponTemplate(t.db);
        const params = { segmentId: segment.id, templateId: template.id, requestId: 'audit-segment-coupon-1' };
        const action = await asAdmin('segmentIssueCoupon', params);
        await asAdmin('segmentIssueCoupon', params);
        expect(await entries('segment.issueCoupon')).toEqual([
          expect.objectContaining({
            ...byAdmin,
            target_type: 'segment',
            target_id: segment.id,
            before: null,
            after: { actionId: action.id, version: 1, templateId: template.id, total: 0 },
            request_id: 'audit-segment-coupon-1',
          }),
        ]);
      },
    ],
    [
      'segment.assignGuide',
      'the guide the segment’s members get',
      async () => {
        const guide = toActor(await upsertMemberWithRole(t.db, 'audit-guide', 'guide', at('2026-11-01 08:00:00')));
        const segment = await asAdmin('saveSegment', { segment: { name: '签到会员', rule } });
        const action = await asAdmin('segmentAssignGuide', { segmentId: segment.id, guideId: guide.memberId, requestId: 'audit-segment-guide-1' });
        expect(await entries('segment.assignGuide')).toEqual([
          expect.objectContaining({ ...byAdmin, target_id: segment.id, before: null, after: { actionId: action.id, version: 1, guideId: guide.memberId, total: 0 } }),
        ]);
      },
    ],
    [
      'member.tag',
      'the manual tag added; tagging again, or a guide tagging their own member, records nothing',
      async () => {
        const m = await member();
        const [tag] = await asAdmin('tagMember', { targetMemberId: m.memberId, name: '高净值' });
        await asAdmin('tagMember', { targetMemberId: m.memberId, name: '高净值' });
        const guide = toActor(await upsertMemberWithRole(t.db, 'audit-guide', 'guide', at('2026-11-01 08:00:00')));
        await t.db.query('update members set guide_id = $2 where id = $1', [m.memberId, guide.memberId]);
        expect(await call('tagMember', { targetMemberId: m.memberId, name: '爱穿搭' }, 'audit-guide', 'guide')).toMatchObject({ ok: true });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'member.tag', target_type: 'member', target_id: m.memberId, before: null, after: { tagKey: tag.key, name: '高净值', source: 'manual' } }),
        ]);
      },
    ],
    [
      'member.untag',
      'the manual tag removed, with who had added it',
      async () => {
        const m = await member();
        const [tag] = await asAdmin('tagMember', { targetMemberId: m.memberId, name: '高净值' });
        await asAdmin('untagMember', { targetMemberId: m.memberId, tagKey: tag.key });
        expect(await call('untagMember', { targetMemberId: m.memberId, tagKey: tag.key })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        expect(await entries('member.untag')).toEqual([
          expect.objectContaining({
            ...byAdmin,
            target_id: m.memberId,
            before: { tagKey: tag.key, name: '高净值', source: 'manual', addedBy: admin.memberId, addedAt: at(NOW).toISOString() },
            after: null,
          }),
        ]);
      },
    ],
    [
      'order.ship',
      'the order’s fulfilment before and after, without its address or note; shipping it again records nothing',
      async () => {
        const order = await paidOrder(await member());
        const params = { orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF1234567890' };
        await asAdmin('shipOrder', params);
        await asAdmin('shipOrder', params);
        const rows = await entries();
        expect(rows).toEqual([
          expect.objectContaining({
            ...byAdmin,
            kind: 'order.ship',
            target_type: 'order',
            target_id: order.id,
            before: expect.objectContaining({ status: 'paid', carrier: null, trackingNo: null, shippedAt: null }),
            after: expect.objectContaining({ status: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: expect.any(String) }),
          }),
        ]);
        noPersonalData(rows);
      },
    ],
    [
      'prize.ship',
      'the gift’s shipment before and after, without its address; shipping it again is refused and records nothing',
      async () => {
        const m = await member();
        const item = await mallItem(t.db, { kind: 'goods', name: '品牌帆布袋', pointsPrice: 800 });
        const { rows } = await t.db.query<{ id: string }>(
          `insert into mall_redemptions (item_id, member_id, request_id, points, fulfilment, address, created_at)
           values ($1, $2, 'audit-gift', 800, 'to_ship', $3, $4) returning id`,
          [item.id, m.memberId, JSON.stringify(ADDRESS), at(NOW)],
        );
        const params = { kind: 'mall', id: rows[0]!.id, carrier: '中通快递', trackingNo: 'ZT1234567890' };
        await asAdmin('shipPrize', params);
        expect(await call('shipPrize', params)).toMatchObject({ ok: false, error: { code: 'GIFT_NOT_SHIPPABLE', message: '这份礼品已经发货' } });
        const entriesNow = await entries();
        expect(entriesNow).toEqual([
          expect.objectContaining({
            ...byAdmin,
            kind: 'prize.ship',
            target_type: 'mallRedemption',
            target_id: rows[0]!.id,
            before: { fulfilment: 'to_ship', carrier: null, trackingNo: null, shippedAt: null },
            after: { fulfilment: 'shipped', carrier: '中通快递', trackingNo: 'ZT1234567890', shippedAt: expect.any(String) },
          }),
        ]);
        noPersonalData(entriesNow);
      },
    ],
    [
      'refund.decide',
      'a declined request (the order back to 待发货) and an approved one, without the member’s words',
      async () => {
        const m = await member();
        const order = await paidOrder(m);
        ok(await requestRefund(ctxAt(t.db, NOW), m, { orderId: order.id, reason: REASON }));
        await asAdmin('decideRefund', { orderId: order.id, approve: false, note: '已打包待发' });
        ok(await requestRefund(ctxAt(t.db, NOW), m, { orderId: order.id, reason: REASON }));
        await asAdmin('decideRefund', { orderId: order.id, approve: true });
        const rows = await entries('refund.decide');
        expect(rows).toEqual([
          expect.objectContaining({
            ...byAdmin,
            target_type: 'order',
            target_id: order.id,
            before: { orderStatus: 'refunding', request: expect.objectContaining({ kind: 'refund', status: 'pending', decisionNote: null }) },
            after: { orderStatus: 'paid', request: expect.objectContaining({ status: 'declined', decisionNote: '已打包待发' }) },
          }),
          expect.objectContaining({
            before: { orderStatus: 'refunding', request: expect.objectContaining({ status: 'pending' }) },
            after: { orderStatus: 'refunding', request: expect.objectContaining({ status: 'approved', decisionNote: null }) },
          }),
        ]);
        // The approval's refund is an entry of its own.
        expect((await entries()).map((e) => e.kind)).toEqual(['refund.decide', 'refund.decide', 'order.refund']);
        noPersonalData(await entries());
      },
    ],
    [
      'order.refund',
      'a refund by staff (not one a member’s 注销 makes); refunded twice, one entry',
      async () => {
        const m = await member();
        const order = await paidOrder(m);
        await asAdmin('refundOrder', { orderId: order.id, reason: '商品缺货' });
        expect(await call('refundOrder', { orderId: order.id, reason: '商品缺货' })).toMatchObject({ ok: false, error: { code: 'REFUND_NOT_ALLOWED' } });
        // The same use case for a member (注销 refunds their unshipped order) is not an admin write.
        const other = await paidOrder(m);
        ok(await refundOrder(ctxAt(t.db, NOW), m, { orderId: other.id, reason: '账号注销，未发货订单退款' }));
        const rows = await entries();
        expect(rows).toEqual([
          expect.objectContaining({
            ...byAdmin,
            kind: 'order.refund',
            target_id: order.id,
            before: expect.objectContaining({ status: 'paid', refundedAt: null, refundReason: null }),
            after: expect.objectContaining({ status: 'refunded', refundedAt: expect.any(String), refundReason: '商品缺货' }),
          }),
        ]);
        noPersonalData(rows);
      },
    ],
    [
      'campaign.save',
      'the campaign with its prizes; a started one refused inside the write records nothing',
      async () => {
        const created = await asAdmin('saveCampaign', futureCampaign('双十二抽奖'));
        await asAdmin('saveCampaign', futureCampaign('双十二疯狂抽奖', created.id));
        const started = await campaign(t.db, { prizes: [prizeOf({ kind: 'none', name: '谢谢参与', odds: 10_000 }), prizeOf({ kind: 'points', name: '1 积分', odds: 0, points: 1 })] });
        expect(await call('saveCampaign', futureCampaign('改开始了的', started.id))).toMatchObject({ ok: false, error: { code: 'CAMPAIGN_INVALID' } });
        expect(await entries()).toEqual([
          expect.objectContaining({
            ...byAdmin,
            kind: 'campaign.save',
            target_type: 'campaign',
            target_id: created.id,
            before: null,
            after: expect.objectContaining({ name: '双十二抽奖', prizes: [expect.objectContaining({ name: '10 积分', odds: 5000 }), expect.objectContaining({ name: '谢谢参与' })] }),
          }),
          expect.objectContaining({
            target_id: created.id,
            before: expect.objectContaining({ name: '双十二抽奖', prizes: expect.any(Array) }),
            after: expect.objectContaining({ name: '双十二疯狂抽奖' }),
          }),
        ]);
      },
    ],
    [
      'mallItem.save',
      'the item before and after; a stock below what was redeemed, refused in the write, records nothing',
      async () => {
        const item = { name: '帆布袋', kind: 'goods', pointsPrice: 500, stock: 10 };
        const created = await asAdmin('saveMallItem', { item });
        await asAdmin('saveMallItem', { item: { ...item, id: created.id, pointsPrice: 600 } });
        await t.db.query('update mall_items set redeemed = 5 where id = $1', [created.id]);
        expect(await call('saveMallItem', { item: { ...item, id: created.id, stock: 2 } })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'mallItem.save', target_type: 'mallItem', target_id: created.id, before: null, after: expect.objectContaining({ name: '帆布袋', points_price: 500 }) }),
          expect.objectContaining({ before: expect.objectContaining({ points_price: 500 }), after: expect.objectContaining({ points_price: 600 }) }),
        ]);
      },
    ],
    [
      'couponTemplate.save',
      'the template before and after',
      async () => {
        const template = { name: '满100减20', kind: 'amount_off', amountOffFen: 2000, thresholdFen: 10_000, validDays: 30 };
        const created = await asAdmin('saveCouponTemplate', { template });
        await asAdmin('saveCouponTemplate', { template: { ...template, id: created.id, amountOffFen: 3000 } });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'couponTemplate.save', target_type: 'couponTemplate', target_id: created.id, before: null, after: expect.objectContaining({ amount_off_fen: 2000 }) }),
          expect.objectContaining({ before: expect.objectContaining({ amount_off_fen: 2000 }), after: expect.objectContaining({ amount_off_fen: 3000 }) }),
        ]);
      },
    ],
    [
      'sop.plan',
      'the plan before and after, each save a version; a stale save records nothing',
      async () => {
        const step = { key: 'welcome', name: '欢迎', trigger: { kind: 'bound', days: 0 }, dueTime: '21:00', expiresAfterDays: 1, script: '{昵称}您好', couponTemplateId: null, product: null };
        const created = await asAdmin('saveSopPlan', { name: '新客 1v1', enabled: true, steps: [step] });
        await asAdmin('saveSopPlan', { planId: created.id, version: 1, name: '新客 1v1', enabled: false, steps: [step] });
        expect(await call('saveSopPlan', { planId: created.id, version: 1, name: '新客', enabled: true, steps: [step] })).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' } });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'sop.plan', target_type: 'sopPlan', target_id: created.id, before: null, after: expect.objectContaining({ version: 1, enabled: true }) }),
          expect.objectContaining({ before: expect.objectContaining({ version: 1, enabled: true }), after: expect.objectContaining({ version: 2, enabled: false }) }),
        ]);
      },
    ],
    [
      'category.save',
      'the category before and after; an unknown one records nothing',
      async () => {
        const created = await asAdmin('saveCategory', { category: { name: '连衣裙' } });
        await asAdmin('saveCategory', { category: { id: created.id, name: '裙装' } });
        expect(await call('saveCategory', { category: { id: '999999', name: '鞋履' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'category.save', target_type: 'category', target_id: created.id, before: null, after: expect.objectContaining({ name: '连衣裙' }) }),
          expect.objectContaining({ before: expect.objectContaining({ name: '连衣裙' }), after: expect.objectContaining({ name: '裙装' }) }),
        ]);
      },
    ],
    [
      'product.save',
      'the product with its SKUs before and after',
      async () => {
        const category = await asAdmin('saveCategory', { category: { name: '连衣裙' } });
        const product = { categoryId: category.id, name: '碎花茶歇裙', skus: [{ size: 'M', color: '雾霾蓝', priceFen: 29_900, stock: 10 }] };
        const created = await asAdmin('saveProduct', { product });
        await asAdmin('saveProduct', { product: { ...product, id: created.id, skus: [{ ...product.skus[0], priceFen: 25_900, stockSeen: 10 }] } });
        const rows = await entries('product.save');
        expect(rows).toEqual([
          expect.objectContaining({ ...byAdmin, target_type: 'product', target_id: created.id, before: null, after: expect.objectContaining({ name: '碎花茶歇裙', skus: [expect.objectContaining({ price_fen: 29_900, stock: 10 })] }) }),
          expect.objectContaining({
            before: expect.objectContaining({ skus: [expect.objectContaining({ price_fen: 29_900 })] }),
            after: expect.objectContaining({ skus: [expect.objectContaining({ price_fen: 25_900 })] }),
          }),
        ]);
      },
    ],
    [
      'flashSale.save',
      'the flash sale before and after',
      async () => {
        const { productId } = await testProduct(t.db);
        const sale = { productId, priceFen: 19_900, stock: 10, startsAt: '2026-12-01T10:00:00+08:00', endsAt: '2026-12-01T12:00:00+08:00' };
        const created = await asAdmin('saveFlashSale', { flashSale: sale });
        await asAdmin('saveFlashSale', { flashSale: { ...sale, id: created.id, stock: 20 } });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'flashSale.save', target_type: 'flashSale', target_id: created.id, before: null, after: expect.objectContaining({ price_fen: 19_900, stock: 10 }) }),
          expect.objectContaining({ before: expect.objectContaining({ stock: 10 }), after: expect.objectContaining({ stock: 20 }) }),
        ]);
      },
    ],
    [
      'banner.save',
      'the banner before and after',
      async () => {
        const banner = { title: '新款首发', imageUrl: '/catalog-images/banner-new.svg' };
        const created = await asAdmin('saveBanner', { banner });
        await asAdmin('saveBanner', { banner: { ...banner, id: created.id, active: false } });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'banner.save', target_type: 'banner', target_id: created.id, before: null, after: expect.objectContaining({ title: '新款首发', active: true }) }),
          expect.objectContaining({ before: expect.objectContaining({ active: true }), after: expect.objectContaining({ active: false }) }),
        ]);
      },
    ],
    [
      'data.export',
      'the export asked for; a retry is one entry',
      async () => {
        const params = { kind: 'members', requestId: 'audit-export-1' };
        const asked = await asAdmin('export', params);
        await asAdmin('export', params);
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'data.export', target_type: 'export', target_id: asked.exportId, before: null, request_id: 'audit-export-1' }),
        ]);
      },
    ],
    [
      'script.save',
      'the script before and after, without the guides’ copy count',
      async () => {
        const script = { category: 'product', question: '偏码吗？', answer: '标准码' };
        const created = await asAdmin('saveScript', { script });
        await asAdmin('saveScript', { script: { ...script, id: created.id, active: false } });
        const rows = await entries();
        expect(rows).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'script.save', target_type: 'script', target_id: created.id, before: null, after: expect.objectContaining({ question: '偏码吗？', active: true }) }),
          expect.objectContaining({ before: expect.objectContaining({ active: true }), after: expect.objectContaining({ active: false }) }),
        ]);
        expect(rows[1]!.after).not.toHaveProperty('copies');
      },
    ],
    [
      'groupPlanPost.save',
      'the plan post before and after',
      async () => {
        const post = { repeat: 'daily', atTime: '10:00', title: '日签提醒', body: '{日期}签到啦', card: 'checkin' };
        const created = await asAdmin('saveGroupPlanPost', { post });
        await asAdmin('saveGroupPlanPost', { post: { ...post, id: created.id, atTime: '09:30' } });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'groupPlanPost.save', target_type: 'groupPlanPost', target_id: created.id, before: null, after: expect.objectContaining({ at_time: '10:00' }) }),
          expect.objectContaining({ before: expect.objectContaining({ at_time: '10:00' }), after: expect.objectContaining({ at_time: '09:30' }) }),
        ]);
      },
    ],
    [
      'momentsPost.save',
      'the 朋友圈 post before and after',
      async () => {
        const post = { day: '2026-11-21', kind: 'brand', body: '品牌故事' };
        const created = await asAdmin('saveMomentsPost', { post });
        await asAdmin('saveMomentsPost', { post: { ...post, id: created.id, kind: 'welfare' } });
        expect(await entries()).toEqual([
          expect.objectContaining({ ...byAdmin, kind: 'momentsPost.save', target_type: 'momentsPost', target_id: created.id, before: null, after: expect.objectContaining({ kind: 'brand' }) }),
          expect.objectContaining({ before: expect.objectContaining({ kind: 'brand' }), after: expect.objectContaining({ kind: 'welfare' }) }),
        ]);
      },
    ],
  ];

  it('has a test below for every kind of admin write', () => {
    expect(CASES.map(([kind]) => kind).sort()).toEqual([...AUDIT_KINDS].sort());
  });

  for (const [kind, title, run] of CASES) it(`${kind}: ${title}`, run);

  it('an erased member leaves no personal data in the entries staff made about them', async () => {
    const m = await member('audit-erased');
    const order = await paidOrder(m);
    await asAdmin('adjustPoints', { targetMemberId: m.memberId, delta: 50, reason: '活动补偿', requestId: 'audit-points-9' });
    await asAdmin('tagMember', { targetMemberId: m.memberId, name: '高净值' });
    ok(await requestRefund(ctxAt(t.db, NOW), m, { orderId: order.id, reason: REASON }));
    await asAdmin('decideRefund', { orderId: order.id, approve: false, note: '已打包待发' });
    await asAdmin('shipOrder', { orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    ok(await deleteAccount(ctxAt(t.db, '2026-11-21 10:00:00'), m));
    const { rows } = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log a
       where exists (select 1 from unnest($1::text[]) trace where concat(a.before::text, a.after::text, a.target_id, a.request_id) like '%' || trace || '%')`,
      [[NICKNAME, ADDRESS.phone, ADDRESS.detail, ADDRESS.name, 'audit-erased']],
    );
    expect((await entries()).length).toBe(4);
    expect(rows[0]!.n).toBe(0);
  });

  describe('admin.auditLog', () => {
    it('newest first, 50 a page with a cursor, each with the admin’s nickname; by admin and by kind', async () => {
      const other = toActor(await upsertMemberWithRole(t.db, 'audit-admin-2', 'admin', at('2026-11-01 08:00:00')));
      for (let i = 0; i < 52; i++) await asAdmin('saveCategory', { category: { name: `分类${i}` } });
      const template = await asAdmin('saveCouponTemplate', { template: { name: '满100减20', kind: 'amount_off', amountOffFen: 2000, thresholdFen: 10_000, validDays: 30 } });
      expect(await call('saveCategory', { category: { name: '别人的分类' } }, 'audit-admin-2')).toMatchObject({ ok: true });

      const first = await asAdmin('auditLog', {});
      expect(first.items).toHaveLength(50);
      expect(first.items[0]).toEqual({
        id: expect.any(String),
        at: '2026-11-20T10:00:00+08:00',
        kind: 'category.save',
        kindName: '保存分类',
        actor: { id: other.memberId, nickname: null },
        targetType: 'category',
        targetId: expect.any(String),
        before: null,
        after: expect.objectContaining({ name: '别人的分类' }),
        requestId: null,
      });
      expect(first.items[1]).toMatchObject({ kind: 'couponTemplate.save', kindName: '保存券模板', actor: { id: admin.memberId, nickname: '运营小陈' }, targetId: template.id });
      const second = await asAdmin('auditLog', { cursor: first.nextCursor });
      expect(second).toMatchObject({ nextCursor: null });
      expect(second.items).toHaveLength(4);
      const ids = [...first.items, ...second.items].map((e: { id: string }) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(54);

      const mine = await asAdmin('auditLog', { actorId: admin.memberId, kind: 'category.save' });
      expect(mine.items).toHaveLength(50);
      expect(mine.items.every((e: { actor: { id: string }; kind: string }) => e.actor.id === admin.memberId && e.kind === 'category.save')).toBe(true);
      expect((await asAdmin('auditLog', { actorId: admin.memberId, kind: 'category.save', cursor: mine.nextCursor })).items).toHaveLength(2);
      expect((await asAdmin('auditLog', { kind: 'couponTemplate.save' })).items.map((e: { targetId: string }) => e.targetId)).toEqual([template.id]);
      expect((await asAdmin('auditLog', { actorId: other.memberId })).items).toHaveLength(1);
      expect(await call('auditLog', { kind: 'nonsense' })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
    });
  });
});
