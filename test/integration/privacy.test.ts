/**
 * PIPL: the member's copy of their data (art. 45), withdrawing consent (art. 15) and erasing
 * the account (art. 47), on a member with a real history.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '@cloud/db/port';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { adjustPoints } from '@cloud/services/admin/adjust-points';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import type { Actor } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { setAwardAddress } from '@cloud/services/lottery/awards';
import { drawOnce } from '@cloud/services/lottery/draw';
import { redeemItem, setRedemptionAddress } from '@cloud/services/mall/mall';
import { storeImage } from '@cloud/services/media/store-image';
import { productDetail } from '@cloud/services/catalog/product-detail';
import { getProfile } from '@cloud/services/member/get-profile';
import { toActor } from '@cloud/services/member/member-row';
import { resolveMember, upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { updateProfile } from '@cloud/services/member/update-profile';
import { createOrder } from '@cloud/services/orders/create-order';
import { recordPayment } from '@cloud/services/orders/record-payment';
import type { SandboxPayments } from '@cloud/adapters/payments/sandbox-payments';
import { startPayment } from '@cloud/services/orders/start-payment';
import { deleteAccount } from '@cloud/services/privacy/delete-account';
import { exportPersonalData } from '@cloud/services/privacy/export-data';
import { NOT_EXPORTED, PERSONAL_DATA_SECTIONS } from '@cloud/services/privacy/personal-data';
import { withdrawConsent } from '@cloud/services/privacy/withdraw-consent';
import { queueCheckinRemindersBatch } from '@cloud/services/reminders/queue-reminders';
import { subscribeReminder } from '@cloud/services/reminders/subscribe-reminder';
import { createShare } from '@cloud/services/sharing/create-share';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import { openShare } from '@cloud/services/sharing/open-share';
import { rememberSessionKey, sessionKeyOf } from '@cloud/adapters/wechat/session-keys';
import { campaign, couponTemplate, mallItem, prizeOf } from '../support/catalog';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at, brand, ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';
import { saveAddress } from '@cloud/services/address/save-address';
import { shipOrder } from '@cloud/services/orders/ship-order';
import { requestRefund } from '@cloud/services/orders/request-after-sales';
import { testProduct } from '../support/products';
import { PNG } from '../support/images';
import { runToEnd } from '../support/jobs';
import { memberFactsOf, segmentOf, tagMember } from '../support/profiling';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

const OPENID = 'oPrivacy7f3aQz9LmNb2';
const NICKNAME = '林深见鹿';
const PHONE = '13912345678';
const ADDRESS = { name: '鹿小姐', phone: PHONE, region: '上海市 徐汇区', detail: '漕溪北路 88 号 12 楼' };
const SESSION_KEY = 'c2Vzc2lvbi1rZXktb2YtdGhlLW1lbWJlcg==';
/** What must be found nowhere after the account is erased. */
const TRACES = [OPENID, NICKNAME, PHONE, ADDRESS.detail, ADDRESS.name, SESSION_KEY];
const sandbox = adapters.payments as SandboxPayments;

/** Every text, varchar, jsonb (and text array) column of every table that holds one of the needles. */
async function tracesOf(db: Db, needles: string[]): Promise<string[]> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
       and (c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json') or c.udt_name in ('_text', '_varchar'))
     order by 1, 2`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    for (const needle of needles) {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from "${table_name}" where "${column_name}"::text like '%' || $1 || '%'`,
        [needle],
      );
      if (rows[0]!.n > 0) found.push(`${table_name}.${column_name}: ${needle}`);
    }
  }
  return found;
}

/** Every row of every table, to see that a repeat changes nothing. */
async function snapshot(db: Db): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = current_schema() order by 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await db.query<{ rows: string | null }>(`select string_agg(t::text, '|' order by t::text) as rows from "${name}" t`);
    result[name] = rows[0]!.rows ?? '';
  }
  return result;
}

describe.each(backends)('privacy rights on %s', (backend) => {
  const t = useTestDatabase(backend);

  /**
   * A member with everything: invited by a friend, consent, nickname, birthday, an avatar, a
   * WeChat session key, check-ins from a group, a guide's card opened there, points, a goods
   * redemption and a lottery prize with an address, an invite of their own opened by a friend,
   * an address in the book, a paid order (not shipped) to it with a note, an unpaid order holding
   * a coupon, a reminder waiting in the outbox, and what segmentation made of them: product views,
   * the nightly read model, a tag and a segment.
   */
  async function memberWithHistory() {
    const inviter = await memberJoinedAt(t.db, 'privacy-inviter', '2026-11-01 08:00:00');
    const invite = ok(await createShare(ctxAt(t.db, '2026-11-20 08:30:00'), inviter, {}));
    const guide = toActor(await upsertMemberWithRole(t.db, 'privacy-guide', 'guide', at('2026-11-01 08:00:00')));
    const { productId, skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 10 }] });
    const card = ok(await createShare(ctxAt(t.db, '2026-11-20 08:40:00'), guide, { productId }));

    const member = await memberJoinedAt(t.db, OPENID, '2026-11-20 09:00:00');
    const joinCtx = ctxAt(t.db, '2026-11-20 09:05:00');
    ok(await openShare(joinCtx, member, { shareId: invite.shareId, scene: 1007 }));
    ok(await openShare(joinCtx, member, { shareId: card.shareId, scene: 1044, groupData: localGroupData('g-privacy') }));
    ok(await updateProfile(joinCtx, member, { consentVersion: CONSENT_VERSION, nickname: NICKNAME, birthday: '1994-06-18' }));
    const avatar = ok(await storeImage(joinCtx, member, { bytes: PNG, kind: 'avatar' }));
    ok(await updateProfile(joinCtx, member, { avatarUrl: avatar.url }));
    await rememberSessionKey(t.db, OPENID, SESSION_KEY, at('2026-11-20 09:00:00'));

    ok(await doCheckin(ctxAt(t.db, '2026-11-20 10:00:00'), member, { scene: 1044, groupData: localGroupData('g-privacy') }));
    await doCheckin(ctxAt(t.db, '2026-11-21 10:00:00'), member, {});
    // Opening 我的 twice that day: one visit day.
    await getProfile(ctxAt(t.db, '2026-11-21 10:00:10'), member);
    await getProfile(ctxAt(t.db, '2026-11-21 18:00:00'), member);
    const admin = toActor(await upsertMemberWithRole(t.db, 'privacy-admin', 'admin', at('2026-11-01 08:00:00')));
    ok(await adjustPoints(ctxAt(t.db, '2026-11-21 10:01:00'), admin, { targetMemberId: member.memberId, delta: 1000, reason: '活动补偿', requestId: 'privacy-seed-1' }));

    const prizeCampaign = await campaign(t.db, { prizes: [prizeOf({ kind: 'goods', name: '帆布袋', odds: 10_000, valueFen: 5_000 }), prizeOf({ kind: 'none', name: '谢谢参与', odds: 0 })] });
    const draw = ok(await drawOnce(ctxAt(t.db, '2026-11-21 10:05:00'), member, { campaignId: prizeCampaign.id, requestId: 'privacy-draw-1' }));
    ok(await setAwardAddress(ctxAt(t.db, '2026-11-21 10:06:00'), member, { awardId: draw.award!.id, address: ADDRESS }));
    const bottle = await mallItem(t.db, { kind: 'goods', name: '保温杯', pointsPrice: 100, stock: 5 });
    const redeemed = ok(await redeemItem(ctxAt(t.db, '2026-11-21 10:10:00'), member, { itemId: bottle.id, requestId: 'privacy-redeem-1' }));
    ok(await setRedemptionAddress(ctxAt(t.db, '2026-11-21 10:11:00'), member, { redemptionId: redeemed.redemptionId!, address: ADDRESS }));

    const own = ok(await createShare(ctxAt(t.db, '2026-11-21 10:20:00'), member, {}));
    const friend = await memberJoinedAt(t.db, 'privacy-friend', '2026-11-21 10:30:00');
    ok(await openShare(ctxAt(t.db, '2026-11-21 10:31:00'), friend, { shareId: own.shareId, scene: 1007 }));

    // Looked at the product twice that day and again the next: two view days.
    ok(await productDetail(ctxAt(t.db, '2026-11-21 10:50:00'), member, { productId }));
    ok(await productDetail(ctxAt(t.db, '2026-11-21 10:55:00'), member, { productId }));
    ok(await productDetail(ctxAt(t.db, '2026-11-22 09:00:00'), member, { productId }));
    await memberFactsOf(t.db, member.memberId, '2026-11-22');
    await tagMember(t.db, member.memberId, { key: 'recent_buyer', name: '近期购买', addedAt: at('2026-11-22 02:00:00') });
    const segmentId = await segmentOf(t.db, [member.memberId, friend.memberId], at('2026-11-22 02:30:00'));

    const addressId = ok(await saveAddress(ctxAt(t.db, '2026-11-21 10:59:00'), member, { address: ADDRESS })).id;
    const paid = ok(
      await createOrder(ctxAt(t.db, '2026-11-21 11:00:00'), member, { skuId: skus[0]!.id, qty: 1, addressId, note: `${ADDRESS.name}不在时放门卫`, requestId: 'privacy-order-paid' }),
    );
    const start = ok(await startPayment(ctxAt(t.db, '2026-11-21 11:01:00'), member, { orderId: paid.id }));
    const posted = sandbox.confirm(start.sandbox!.token, at('2026-11-21 11:02:00'))!;
    const paidPoints = ok(await recordPayment(ctxAt(t.db, '2026-11-21 11:02:01'), (await sandbox.verifyNotice(posted.headers, posted.body))!)).pointsEarned;
    // The member's own words on an after-sales request are theirs too.
    ok(await requestRefund(ctxAt(t.db, '2026-11-21 12:00:00'), member, { orderId: paid.id, reason: `尺码不对，请打 ${PHONE} 联系我` }));

    await subscribeReminder(ctxAt(t.db, '2026-11-21 10:00:30'), member, { accepted: true });
    await subscribeReminder(ctxAt(t.db, '2026-11-21 10:00:40'), member, { accepted: true });
    expect(await runToEnd(t.db, queueCheckinRemindersBatch, brand, at('2026-11-22 20:00:00'))).toEqual({ queued: 1 });

    const template = await couponTemplate(t.db, { thresholdFen: 0 });
    const { rows: coupon } = await t.db.query<{ id: string }>(
      `insert into coupons (template_id, member_id, code, source, source_id, issued_at, valid_from, valid_until)
       values ($1, $2, 'PRIVACYCOUPON1', 'admin', 'privacy-1', $3, '2026-11-01', '2026-12-31') returning id`,
      [template.id, member.memberId, at('2026-11-22 09:00:00')],
    );
    const unpaid = ok(
      await createOrder(ctxAt(t.db, '2026-11-22 20:05:00'), member, { skuId: skus[0]!.id, qty: 2, couponId: coupon[0]!.id, addressId, requestId: 'privacy-order-open' }),
    );
    return {
      member,
      friend,
      avatar,
      productId,
      skuId: skus[0]!.id,
      paid,
      paidPoints,
      unpaid,
      couponId: coupon[0]!.id,
      own,
      redemptionId: redeemed.redemptionId!,
      segmentId,
    };
  }

  it('exports a complete copy: profile, consents, check-ins, points, lottery, coupons, orders and redemptions with addresses, shares, clicks, referrals, group visits, views, segmentation and tags', async () => {
    const h = await memberWithHistory();
    const copy = await exportPersonalData(ctxAt(t.db, '2026-11-22 20:06:00'), h.member);
    expect(copy.exportedAt).toBe('2026-11-22T20:06:00+08:00');
    expect(copy.profile).toMatchObject({
      id: h.member.memberId,
      openid: OPENID,
      nickname: NICKNAME,
      avatarUrl: h.avatar.url,
      birthday: '1994-06-18',
      consentVersion: CONSENT_VERSION,
      // The nickname given answered the ask for avatar and nickname.
      profileAskedAt: '2026-11-20T09:05:00+08:00',
      // The friend's invite, opened in the first session: a share.
      source: 'share',
      createdAt: '2026-11-20T09:00:00+08:00',
    });
    const s = copy.sections;
    expect(Object.keys(s)).toEqual(PERSONAL_DATA_SECTIONS.map((x) => x.name));
    expect(s.consents).toEqual([{ kind: 'given', version: CONSENT_VERSION, at: '2026-11-20T09:05:00+08:00' }]);
    expect(s.checkins!.map((c) => [c.day, c.groupId])).toEqual([
      ['2026-11-20', 'g-privacy'],
      ['2026-11-21', null],
    ]);
    expect(s.pointsLedger!.map((l) => l.source)).toEqual(expect.arrayContaining(['checkin', 'admin_adjust', 'redeem', 'order']));
    expect(s.pointsLedger!.find((l) => l.source === 'admin_adjust')).toMatchObject({ delta: 1000, note: '活动补偿', createdAt: '2026-11-21T10:01:00+08:00' });
    expect(s.pointsLots!.length).toBeGreaterThan(0);
    expect(s.lotteryChances).toHaveLength(2);
    expect(s.lotteryDraws).toEqual([expect.objectContaining({ campaign: '疯狂抽奖机', prize: '帆布袋' })]);
    expect(s.lotteryAwards).toEqual([expect.objectContaining({ prize: '帆布袋', fulfilment: 'to_ship', address: ADDRESS })]);
    expect(s.coupons).toEqual([expect.objectContaining({ code: 'PRIVACYCOUPON1', orderId: h.unpaid.id })]);
    expect(s.orders!.map((o) => [o.id, o.status, o.address, o.nightMarket])).toEqual([
      [h.paid.id, 'refunding', ADDRESS, false],
      [h.unpaid.id, 'pending', ADDRESS, false],
    ]);
    expect(s.addresses).toEqual([expect.objectContaining({ address: ADDRESS, isDefault: true })]);
    expect(s.afterSales).toEqual([expect.objectContaining({ kind: 'refund', reason: `尺码不对，请打 ${PHONE} 联系我` })]);
    expect(s.mallRedemptions).toEqual([expect.objectContaining({ item: '保温杯', fulfilment: 'to_ship', address: ADDRESS })]);
    expect(s.shares).toEqual([expect.objectContaining({ id: h.own.shareId, kind: 'invite' })]);
    expect(s.shareClicks!.map((c) => c.groupId)).toEqual([null, 'g-privacy']);
    expect(s.referrals!.map((r) => r.role).sort()).toEqual(['invited_by_me', 'invited_me']);
    expect(s.groupVisits!.map((v) => [v.groupId, v.day])).toEqual([
      ['g-privacy', '2026-11-20'],
    ]);
    expect(s.visits).toEqual([{ day: '2026-11-21' }]);
    expect(s.productViews).toEqual([
      { day: '2026-11-21', productId: h.productId, product: expect.stringMatching(/^测试商品/) },
      { day: '2026-11-22', productId: h.productId, product: expect.stringMatching(/^测试商品/) },
    ]);
    expect(s.segmentation).toEqual([
      expect.objectContaining({
        layer: 'potential',
        layerSince: '2026-11-22',
        rScore: 3,
        fScore: 2,
        mScore: 4,
        churnRisk: true,
        churnReason: '平时约 12 天来一次，已 30 天没来',
        day: '2026-11-22',
        orders90: 1,
        // bigint and numeric as the driver reads them: strings, exact.
        gmv90Fen: '29900',
        medianIntervalDays: '12.5',
        categoriesBought: ['外套'],
      }),
    ]);
    // Every fact the read model holds about the member, not a chosen few.
    const { rows: factColumns } = await t.db.query<{ name: string }>(
      `select column_name as name from information_schema.columns
       where table_schema = current_schema() and table_name = 'member_facts' and column_name <> 'member_id'`,
    );
    const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    // …and the day they hold for (one for all rows: facts_state).
    expect(Object.keys(s.segmentation![0]!).sort()).toEqual([...factColumns.map((c) => camel(c.name)), 'day'].sort());
    expect(s.tags).toEqual([
      { key: 'recent_buyer', name: '近期购买', source: 'rule', reason: { orders90: 1 }, addedAt: '2026-11-22T02:00:00+08:00' },
    ]);
    expect(s.reminders).toHaveLength(2);
    expect(s.messages).toEqual([expect.objectContaining({ kind: 'checkin_reminder', sentAt: null })]);
    expect(s.media).toEqual([expect.objectContaining({ url: h.avatar.url, contentType: 'image/png', bytes: PNG.length })]);
    // The copy is JSON as it is: nothing that JSON.stringify would lose or change.
    expect(JSON.parse(JSON.stringify(copy))).toEqual(copy);
  });

  it('every table that names a member is in the copy, or says why it is not', async () => {
    const { rows } = await t.db.query<{ table_name: string }>(
      `select distinct tc.table_name from information_schema.table_constraints tc
         join information_schema.constraint_column_usage cu on cu.constraint_name = tc.constraint_name and cu.table_schema = tc.table_schema
       where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema() and cu.table_name = 'members' and cu.column_name = 'id'
       union
       select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'openid'`,
    );
    const covered = new Set(['members', ...PERSONAL_DATA_SECTIONS.flatMap((s) => s.tables), ...Object.keys(NOT_EXPORTED)]);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.map((r) => r.table_name).filter((name) => !covered.has(name))).toEqual([]);
  });

  it('注销 erases every trace of the person: no openid, nickname, phone, address or session key in any text or jsonb column', async () => {
    const h = await memberWithHistory();
    const before = await tracesOf(t.db, TRACES);
    expect(before).toEqual(
      expect.arrayContaining([
        `members.openid: ${OPENID}`,
        `members.nickname: ${NICKNAME}`,
        `mall_redemptions.address: ${PHONE}`,
        `lottery_awards.address: ${ADDRESS.detail}`,
        `addresses.address: ${PHONE}`,
        `orders.address: ${ADDRESS.detail}`,
        `orders.note: ${ADDRESS.name}`,
        `wechat_sessions.session_key: ${SESSION_KEY}`,
        `refund_requests.reason: ${PHONE}`,
      ]),
    );

    const result = ok(await deleteAccount(ctxAt(t.db, '2026-11-22 20:10:00'), h.member));
    expect(result).toEqual({ deletedAt: '2026-11-22T20:10:00+08:00' });
    expect(await tracesOf(t.db, TRACES)).toEqual([]);

    const { rows: member } = await t.db.query('select openid, unionid, nickname, avatar_url, birthday, consent_version, guide_id, deleted_at from members where id = $1', [h.member.memberId]);
    expect(member[0]).toEqual({
      openid: `deleted:${h.member.memberId}`,
      unionid: null,
      nickname: null,
      avatar_url: null,
      birthday: null,
      consent_version: null,
      guide_id: null,
      deleted_at: at('2026-11-22 20:10:00'),
    });
    expect((await t.db.query('select 1 from media where member_id = $1', [h.member.memberId])).rows).toEqual([]);
    expect(await sessionKeyOf(t.db, OPENID)).toBeNull();
    // Behavioural profiling ends with the account; the tag, the segment and the friend's place in it stay.
    const { rows: profiling } = await t.db.query<{ views: number; facts: number; tags: number; segments: number }>(
      `select (select count(*)::int from product_views where member_id = $1) as views,
         (select count(*)::int from member_facts where member_id = $1) as facts,
         (select count(*)::int from member_tags where member_id = $1) as tags,
         (select count(*)::int from segment_members where member_id = $1) as segments`,
      [h.member.memberId],
    );
    expect(profiling[0]).toEqual({ views: 0, facts: 0, tags: 0, segments: 0 });
    const { rows: kept } = await t.db.query('select segment_id, member_id from segment_members');
    expect(kept).toEqual([{ segment_id: h.segmentId, member_id: h.friend.memberId }]);
    expect((await t.db.query('select key from tag_definitions')).rows).toEqual([{ key: 'recent_buyer' }]);
  });

  it('注销 cancels the unpaid order and refunds the one not yet shipped (stock and coupon back), voids coupons, chances and reminders, and keeps the financial rows', async () => {
    const h = await memberWithHistory();
    const ledgerBefore = (await t.db.query('select id, delta, source from points_ledger where member_id = $1 order by id', [h.member.memberId])).rows;
    ok(await deleteAccount(ctxAt(t.db, '2026-11-22 20:10:00'), h.member));

    const orders = await t.db.query<{ id: string; status: string; total_fen: number; refund_reason: string | null }>(
      'select id, status, total_fen, refund_reason from orders where member_id = $1 order by id',
      [h.member.memberId],
    );
    expect(orders.rows).toEqual([
      { id: h.paid.id, status: 'refunded', total_fen: h.paid.totalFen, refund_reason: '账号注销，未发货订单退款' },
      { id: h.unpaid.id, status: 'cancelled', total_fen: h.unpaid.totalFen, refund_reason: null },
    ]);
    expect((await t.db.query('select stock, sold from product_skus where id = $1', [h.skuId])).rows[0]).toEqual({ stock: 10, sold: 0 });
    const coupon = await t.db.query('select order_id, used_at, used_store from coupons where id = $1', [h.couponId]);
    expect(coupon.rows[0]).toEqual({ order_id: null, used_at: at('2026-11-22 20:10:00'), used_store: '账号注销作废' });
    expect((await t.db.query('select 1 from lottery_chances where member_id = $1 and used_at is null', [h.member.memberId])).rows).toEqual([]);
    expect((await t.db.query('select 1 from reminder_subscriptions where member_id = $1 and used_at is null', [h.member.memberId])).rows).toEqual([]);
    expect((await t.db.query('select 1 from outbox where member_id = $1', [h.member.memberId])).rows).toEqual([]);
    // The ledger keeps every row it had; the refund takes back what the paid order earned (the cancelled one took no points).
    expect((await t.db.query('select id, delta, source from points_ledger where member_id = $1 order by id', [h.member.memberId])).rows).toEqual([
      ...ledgerBefore,
      expect.objectContaining({ delta: -h.paidPoints, source: 'refund' }),
    ]);
    expect(await ledgerMismatches(t.db)).toEqual([]);
    // Deliveries not yet made will not be: there is nowhere to send them.
    const fulfilment = await t.db.query(
      `select (select fulfilment from mall_redemptions where member_id = $1) as redemption, (select fulfilment from lottery_awards where member_id = $1) as award`,
      [h.member.memberId],
    );
    expect(fulfilment.rows[0]).toEqual({ redemption: 'cancelled', award: 'cancelled' });
    // A consent withdrawn with the account, in the history.
    expect((await t.db.query('select kind from consent_events where member_id = $1 order by id', [h.member.memberId])).rows).toEqual([{ kind: 'given' }, { kind: 'withdrawn' }]);
  });

  it('repeating 注销 changes nothing; the same WeChat user signing in again is a new, empty member', async () => {
    const h = await memberWithHistory();
    const first = ok(await deleteAccount(ctxAt(t.db, '2026-11-22 20:10:00'), h.member));
    const after = await snapshot(t.db);
    expect(ok(await deleteAccount(ctxAt(t.db, '2026-11-22 20:30:00'), h.member))).toEqual(first);
    expect(await snapshot(t.db)).toEqual(after);

    const again = toActor(await resolveMember(t.db, OPENID, at('2026-11-23 09:00:00')));
    expect(again.memberId).not.toBe(h.member.memberId);
    const ctx = ctxAt(t.db, '2026-11-23 09:00:00');
    expect(await getProfile(ctx, again)).toMatchObject({ nickname: null, avatarUrl: null, birthday: null, pointsBalance: 0, consent: null });
    const copy = await exportPersonalData(ctx, again);
    // Nothing of the erased account: only the visit the new member just made.
    expect(Object.entries(copy.sections).filter(([, rows]) => rows.length > 0)).toEqual([['visits', [{ day: '2026-11-23' }]]]);
  });

  it("an erased member's invite no longer makes friends or counts clicks", async () => {
    const h = await memberWithHistory();
    ok(await deleteAccount(ctxAt(t.db, '2026-11-22 20:10:00'), h.member));
    const newcomer = await memberJoinedAt(t.db, 'privacy-newcomer', '2026-11-23 09:00:00');
    expect(await openShare(ctxAt(t.db, '2026-11-23 09:01:00'), newcomer, { shareId: h.own.shareId })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.db.query('select 1 from referrals where invitee_id = $1', [newcomer.memberId])).rows).toEqual([]);
  });

  it('注销 with an order whose payment is completing changes nothing and asks to try later', async () => {
    const h = await memberWithHistory();
    const busy = { ...adapters, payments: { ...adapters.payments!, close: async () => Promise.reject(new Error('USERPAYING')) } };
    const before = await snapshot(t.db);
    expect(await deleteAccount({ ...ctxAt(t.db, '2026-11-22 20:10:00'), adapters: busy }, h.member)).toMatchObject({ code: 'ORDER_BUSY' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  describe('withdrawing consent', () => {
    async function consenting(openid: string): Promise<Actor> {
      const member = await memberJoinedAt(t.db, openid, '2026-11-01 08:00:00');
      ok(await updateProfile(ctxAt(t.db, '2026-11-20 09:00:00'), member, { consentVersion: CONSENT_VERSION, nickname: NICKNAME }));
      return member;
    }

    it('an avatar cannot be uploaded before consent; withdrawn, the uploaded images are deleted', async () => {
      const member = await memberJoinedAt(t.db, 'avatar-before-consent', '2026-11-01 08:00:00');
      expect(await storeImage(ctxAt(t.db, '2026-11-20 09:00:00'), member, { bytes: PNG, kind: 'avatar' })).toMatchObject({ code: 'CONSENT_REQUIRED' });
      expect((await t.db.query('select 1 from media')).rows).toEqual([]);

      const agreed = await consenting('avatar-withdraws');
      const first = ok(await storeImage(ctxAt(t.db, '2026-11-20 09:01:00'), agreed, { bytes: PNG, kind: 'avatar' }));
      ok(await storeImage(ctxAt(t.db, '2026-11-20 09:02:00'), agreed, { bytes: PNG, kind: 'avatar' }));
      ok(await updateProfile(ctxAt(t.db, '2026-11-20 09:03:00'), agreed, { avatarUrl: first.url }));
      expect(await withdrawConsent(ctxAt(t.db, '2026-11-21 09:00:00'), agreed)).toMatchObject({ avatarUrl: null, nickname: null, consent: null });
      expect((await t.db.query('select 1 from media where member_id = $1', [agreed.memberId])).rows).toEqual([]);
      expect(await storeImage(ctxAt(t.db, '2026-11-21 09:01:00'), agreed, { bytes: PNG, kind: 'avatar' })).toMatchObject({ code: 'CONSENT_REQUIRED' });
    });

    it('erases the addresses of deliveries made; a delivery still to make keeps its address', async () => {
      const member = await consenting('address-withdraws');
      const admin = toActor(await upsertMemberWithRole(t.db, 'address-admin', 'admin', at('2026-11-01 08:00:00')));
      ok(await adjustPoints(ctxAt(t.db, '2026-11-20 09:00:00'), admin, { targetMemberId: member.memberId, delta: 500, reason: '测试', requestId: 'address-seed-1' }));
      const bag = await mallItem(t.db, { kind: 'goods', name: '帆布袋', pointsPrice: 100 });
      const ids: string[] = [];
      for (const n of [1, 2]) {
        const r = ok(await redeemItem(ctxAt(t.db, '2026-11-20 10:00:00'), member, { itemId: bag.id, requestId: `address-redeem-${n}` }));
        ok(await setRedemptionAddress(ctxAt(t.db, '2026-11-20 10:01:00'), member, { redemptionId: r.redemptionId!, address: ADDRESS }));
        ids.push(r.redemptionId!);
      }
      // The first has gone out (nothing in the app marks a delivery shipped yet: staff would).
      await t.db.query(`update mall_redemptions set fulfilment = 'shipped' where id = $1`, [ids[0]]);
      await withdrawConsent(ctxAt(t.db, '2026-11-21 09:00:00'), member);
      const { rows } = await t.db.query<{ id: string; fulfilment: string; address: unknown }>('select id, fulfilment, address from mall_redemptions order by id');
      expect(rows).toEqual([
        { id: ids[0], fulfilment: 'shipped', address: null },
        { id: ids[1], fulfilment: 'to_ship', address: ADDRESS },
      ]);
    });

    it('empties the address book; an order still to ship keeps its address and note, a delivered one loses them', async () => {
      const member = await consenting('orders-withdraw');
      const admin = toActor(await upsertMemberWithRole(t.db, 'orders-withdraw-admin', 'admin', at('2026-11-01 08:00:00')));
      const { skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 10 }] });
      const addressId = ok(await saveAddress(ctxAt(t.db, '2026-11-20 09:30:00'), member, { address: ADDRESS })).id;
      const orders: string[] = [];
      for (const n of [1, 2]) {
        const when = `2026-11-20 10:0${n}:00`;
        const order = ok(await createOrder(ctxAt(t.db, when), member, { skuId: skus[0]!.id, qty: 1, addressId, note: '请放门卫', requestId: `withdraw-order-${n}` }));
        const start = ok(await startPayment(ctxAt(t.db, when), member, { orderId: order.id }));
        const posted = sandbox.confirm(start.sandbox!.token, at(when))!;
        ok(await recordPayment(ctxAt(t.db, when), (await sandbox.verifyNotice(posted.headers, posted.body))!));
        orders.push(order.id);
      }
      ok(await shipOrder(ctxAt(t.db, '2026-11-20 15:00:00'), admin, { orderId: orders[0]!, carrier: '顺丰速运', trackingNo: 'SF1234567890' }));
      await withdrawConsent(ctxAt(t.db, '2026-11-21 09:00:00'), member);
      expect((await t.db.query('select 1 from addresses where member_id = $1', [member.memberId])).rows).toEqual([]);
      const { rows } = await t.db.query<{ id: string; status: string; address: unknown; note: string | null }>(
        'select id, status, address, note from orders where member_id = $1 order by id',
        [member.memberId],
      );
      expect(rows).toEqual([
        { id: orders[0], status: 'shipped', address: null, note: null },
        { id: orders[1], status: 'paid', address: ADDRESS, note: '请放门卫' },
      ]);
      expect(await saveAddress(ctxAt(t.db, '2026-11-21 09:01:00'), member, { address: ADDRESS })).toMatchObject({ code: 'CONSENT_REQUIRED' });
      // Once the kept delivery has gone out, its address and note go too.
      ok(await shipOrder(ctxAt(t.db, '2026-11-21 15:00:00'), admin, { orderId: orders[1]!, carrier: '顺丰速运', trackingNo: 'SF1234567891' }));
      const { rows: shipped } = await t.db.query('select address, note from orders where id = $1', [orders[1]]);
      expect(shipped).toEqual([{ address: null, note: null }]);
    });

    it('the consent history keeps each consent given and withdrawn, with its version and time', async () => {
      const member = await consenting('history');
      await withdrawConsent(ctxAt(t.db, '2026-11-21 09:00:00'), member);
      await withdrawConsent(ctxAt(t.db, '2026-11-21 09:05:00'), member);
      ok(await updateProfile(ctxAt(t.db, '2026-11-22 09:00:00'), member, { consentVersion: CONSENT_VERSION }));
      const copy = await exportPersonalData(ctxAt(t.db, '2026-11-22 10:00:00'), member);
      expect(copy.sections.consents).toEqual([
        { kind: 'given', version: CONSENT_VERSION, at: '2026-11-20T09:00:00+08:00' },
        { kind: 'withdrawn', version: CONSENT_VERSION, at: '2026-11-21T09:00:00+08:00' },
        { kind: 'given', version: CONSENT_VERSION, at: '2026-11-22T09:00:00+08:00' },
      ]);
    });
  });
});
