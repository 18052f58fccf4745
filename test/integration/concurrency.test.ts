/** Races that only a real PostgreSQL server can show (PGlite is one connection). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres } from '@cloud/db/postgres';
import type { Db } from '@cloud/db/port';
import { adjustPoints } from '@cloud/services/admin/adjust-points';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import { makeupCheckin } from '@cloud/services/checkin/makeup-checkin';
import { ERRORS } from '@cloud/contract';
import { verifyCoupon } from '@cloud/services/coupons/verify-coupon';
import { Failure } from '@cloud/services/failure';
import { drawOnce } from '@cloud/services/lottery/draw';
import { redeemItem } from '@cloud/services/mall/mall';
import { MEMBER_COLUMNS, type MemberRow } from '@cloud/services/member/member-row';
import { campaign, couponTemplate, mallItem, prizeOf } from '../support/catalog';
import { toActor } from '@cloud/services/member/member-row';
import { resolveMember } from '@cloud/services/member/resolve-member';
import { openTestDatabase, postgresUrl, resetData, type TestDatabase } from '../support/databases';
import { adapters, addressOf, at, brand, ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';

const sandbox = adapters.payments as SandboxPayments;
import { testProduct } from '../support/products';
import { createOrder } from '@cloud/services/orders/create-order';
import type { SandboxPayments } from '@cloud/adapters/payments/sandbox-payments';
import type { OrderView, PaymentStart } from '@cloud/contract';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { saveAddress } from '@cloud/services/address/save-address';
import { issueCoupon } from '@cloud/services/coupons/issue-coupon';
import { DAILY_JOBS } from '@cloud/services/jobs/daily-jobs';
import { runJob } from '@cloud/services/jobs/run-job';
import { updateProfile } from '@cloud/services/member/update-profile';
import { confirmReceipt } from '@cloud/services/orders/complete-order';
import { decideRefund } from '@cloud/services/orders/decide-refund';
import { recordPayment } from '@cloud/services/orders/record-payment';
import { requestRefund } from '@cloud/services/orders/request-after-sales';
import { shipOrder } from '@cloud/services/orders/ship-order';
import { startPayment } from '@cloud/services/orders/start-payment';

describe.skipIf(!postgresUrl)('concurrency on PostgreSQL', () => {
  let t: TestDatabase;
  let pool: Db;
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    pool = openPostgres(t.url!, { max: 50 });
  });
  afterAll(async () => {
    await pool?.close();
    await t?.drop();
  });
  beforeEach(() => resetData(t.db));

  it('50 concurrent check-ins by one member credit exactly once', async () => {
    const actor = await memberJoinedAt(pool, 'racer', '2026-11-01 08:00:00');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => doCheckin(ctxAt(pool, '2026-11-23 00:05:00'), actor, {})),
    );
    expect(results.filter((r) => !r.alreadyCheckedIn)).toHaveLength(1);
    expect(new Set(results.map((r) => r.balance))).toEqual(new Set([10]));
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from points_ledger');
    expect(rows[0]!.n).toBe(1);
    expect(await ledgerMismatches(pool)).toEqual([]);
  });

  it('100 concurrent spends that together exceed the balance: no negative balance, ledger and lots consistent', async () => {
    const member = await memberJoinedAt(pool, 'spender', '2026-11-01 08:00:00');
    const admin = { ...(await memberJoinedAt(pool, 'spend-admin', '2026-11-01 08:00:00')), role: 'admin' as const };
    const ctx = ctxAt(pool, '2026-11-20 10:00:00');
    await adjustPoints(ctx, admin, { targetMemberId: member.memberId, delta: 500, reason: '初始积分', requestId: 'spend-seed' });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        adjustPoints(ctx, admin, { targetMemberId: member.memberId, delta: -30, reason: '并发扣减', requestId: `spend-${i}` }),
      ),
    );
    const refused = results.filter((r) => r instanceof Failure);
    expect(results.length - refused.length).toBe(16);
    expect(refused.every((r) => (r as Failure).code === 'INSUFFICIENT_POINTS')).toBe(true);
    const { rows } = await pool.query<{ points_balance: number }>('select points_balance from members where id = $1', [member.memberId]);
    expect(rows[0]!.points_balance).toBe(500 - 16 * 30);
    expect(await ledgerMismatches(pool)).toEqual([]);
  });

  it('1,000 concurrent draws against a prize with stock 10 and a daily cap of 8 award 8, never more', async () => {
    const c = await campaign(pool, {
      startsAt: '2026-01-01T00:00:00+08:00',
      endsAt: '2026-11-23T10:00:01+08:00',
      prizes: [
        prizeOf({ kind: 'goods', name: '限量T恤', odds: 9000, stock: 10, dailyCap: 8, valueFen: 19_900 }),
        prizeOf({ kind: 'none', name: '谢谢参与', odds: 1000 }),
      ],
    });
    await pool.query(
      `insert into members (openid, created_at) select 'drawer-' || g, now() from generate_series(1, 1000) g`,
    );
    await pool.query(
      `insert into lottery_chances (member_id, source, source_id, granted_at) select id, 'checkin', 'race-' || id, now() from members where openid like 'drawer-%'`,
    );
    const members = await pool.query<MemberRow>(`select ${MEMBER_COLUMNS} from members where openid like 'drawer-%'`);
    const results = await Promise.all(
      members.rows.map((m, i) => drawOnce(ctxAt(pool, '2026-11-23 10:00:00'), toActor(m), { campaignId: c.id, requestId: `race-draw-${i}` })),
    );
    const failures = results.filter((r) => r instanceof Failure);
    expect(failures).toEqual([]);
    const won = results.filter((r) => !(r instanceof Failure) && r.won).length;
    expect(won).toBe(8);
    const { rows } = await pool.query<{ awarded: number; day_awarded: number; awards: number }>(
      `select p.awarded, (select awarded from lottery_prize_days d where d.prize_id = p.id) as day_awarded,
         (select count(*)::int from lottery_awards a where a.prize_id = p.id) as awards
       from lottery_prizes p where p.campaign_id = $1 and p.kind = 'goods'`,
      [c.id],
    );
    expect(rows[0]).toEqual({ awarded: 8, day_awarded: 8, awards: 8 });
    const used = await pool.query<{ n: number }>('select count(*)::int as n from lottery_chances where used_at is not null');
    expect(used.rows[0]!.n).toBe(1000);
  });

  it('200 concurrent redemptions of an item with stock 5: exactly 5 succeed, the rest get 409 OUT_OF_STOCK', async () => {
    const template = await couponTemplate(pool);
    const item = await mallItem(pool, { kind: 'coupon', couponTemplateId: template.id, pointsPrice: 100, stock: 5 });
    const admin = { ...(await memberJoinedAt(pool, 'mall-admin', '2026-11-01 08:00:00')), role: 'admin' as const };
    const members = await Promise.all(Array.from({ length: 200 }, (_, i) => memberJoinedAt(pool, `buyer-${i}`, '2026-11-01 08:00:00')));
    for (const m of members) {
      await adjustPoints(ctxAt(pool, '2026-11-20 09:00:00'), admin, { targetMemberId: m.memberId, delta: 500, reason: '并发测试', requestId: `mall-seed-${m.memberId}` });
    }
    const results = await Promise.all(
      members.map((m, i) => redeemItem(ctxAt(pool, '2026-11-23 10:00:00'), m, { itemId: item.id, requestId: `race-redeem-${i}` })),
    );
    const refused = results.filter((r): r is Failure => r instanceof Failure);
    expect(results.length - refused.length).toBe(5);
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['OUT_OF_STOCK']));
    expect(refused.every((r) => ERRORS[r.code].status === 409)).toBe(true);
    const { rows } = await pool.query<{ redeemed: number; coupons: number }>(
      `select redeemed, (select count(*)::int from coupons where source = 'mall') as coupons from mall_items where id = $1`,
      [item.id],
    );
    expect(rows[0]).toEqual({ redeemed: 5, coupons: 5 });
    expect(await ledgerMismatches(pool)).toEqual([]);
  });

  it('500 concurrent flash-sale orders against a stock of 50 (one each) sell 50, never more; one member racing 20 orders gets one', async () => {
    const { skus, flashSaleId } = await testProduct(pool, {
      skus: [{ color: '黑色', size: 'M', priceFen: 39_900, stock: 1000 }],
      flash: { priceFen: 9900, stock: 50, perMemberLimit: 1, startsAt: at('2026-11-23 10:00:00'), endsAt: at('2026-11-23 12:00:00') },
    });
    const buyers = [];
    for (let i = 0; i < 500; i += 50) {
      buyers.push(...(await Promise.all(Array.from({ length: 50 }, (_, j) => memberJoinedAt(pool, `flash-${i + j}`, '2026-11-01 08:00:00')))));
    }
    const addresses = await Promise.all(buyers.map((b) => addressOf(pool, b)));
    const ctx = ctxAt(pool, '2026-11-23 10:00:01');
    const results = await Promise.all(
      buyers.map((b, i) => createOrder(ctx, b, { skuId: skus[0]!.id, qty: 1, addressId: addresses[i], expectedTotalFen: 9900, requestId: `flash-order-${i}` })),
    );
    const sold = results.filter((r): r is Exclude<typeof r, Failure> => !(r instanceof Failure));
    expect(sold).toHaveLength(50);
    expect(sold.every((o) => o.totalFen === 9900)).toBe(true);
    // Losers either lost the last unit's race or find the flash price gone: none pays full price unasked.
    const refusals = new Set(results.filter((r) => r instanceof Failure).map((r) => r.code));
    expect([...refusals].every((code) => code === 'FLASH_SALE_OVER' || code === 'PRICE_CHANGED')).toBe(true);
    const { rows } = await pool.query<{ taken: number; stock: number; orders: number }>(
      `select f.taken, s.stock, (select count(*)::int from orders) as orders
       from flash_sales f, product_skus s where f.id = $1 and s.id = $2`,
      [flashSaleId, skus[0]!.id],
    );
    expect(rows[0]).toEqual({ taken: 50, stock: 950, orders: 50 });

    const greedy = await memberJoinedAt(pool, 'flash-greedy', '2026-11-01 08:00:00');
    const other = await testProduct(pool, {
      skus: [{ color: '白色', size: 'S', priceFen: 19_900, stock: 100 }],
      flash: { priceFen: 4900, stock: 30, perMemberLimit: 1, startsAt: at('2026-11-23 10:00:00'), endsAt: at('2026-11-23 12:00:00') },
    });
    const greedyAddress = await addressOf(pool, greedy);
    // Each sent with the flash total the confirm page quoted (¥49 + ¥10 shipping): once the allowance is
    // used, the member price is offered instead (flash-allowance), which these orders did not agree to.
    const raced = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createOrder(ctx, greedy, { skuId: other.skus[0]!.id, qty: 1, addressId: greedyAddress, expectedTotalFen: 5900, requestId: `greedy-order-${i}` }),
      ),
    );
    expect(raced.filter((r) => !(r instanceof Failure))).toHaveLength(1);
  });

  it('20 concurrent 补签 of last month’s and this month’s missed days take exactly the month’s 2', async () => {
    const member = await memberJoinedAt(pool, 'makeup-racer', '2026-11-01 08:00:00');
    const admin = { ...(await memberJoinedAt(pool, 'makeup-admin', '2026-11-01 08:00:00')), role: 'admin' as const };
    await adjustPoints(ctxAt(pool, '2026-11-20 10:00:00'), admin, { targetMemberId: member.memberId, delta: 500, reason: '测试', requestId: 'makeup-seed' });
    // Checked in on 27 November and 2 December: 26, 28, 29, 30 November and 1 December are missed.
    await doCheckin(ctxAt(pool, '2026-11-27 09:00:00'), member, {});
    await doCheckin(ctxAt(pool, '2026-12-02 09:00:00'), member, {});
    const missed = ['2026-11-26', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => makeupCheckin(ctxAt(pool, '2026-12-02 10:00:00'), member, { date: missed[i % missed.length]! })),
    );
    const made = results.filter((r) => !(r instanceof Failure));
    expect(made).toHaveLength(2);
    // A day made up by one of the two answers ALREADY_CHECKED to its twins; the rest meet the cap.
    const codes = results.filter((r) => r instanceof Failure).map((r) => (r as Failure).code);
    expect(codes).toContain('MAKEUP_LIMIT');
    expect(new Set([...codes, 'MAKEUP_LIMIT', 'MAKEUP_ALREADY_CHECKED'])).toEqual(new Set(['MAKEUP_LIMIT', 'MAKEUP_ALREADY_CHECKED']));
    const { rows } = await pool.query<{ used: number; makeups: number; spent: number }>(
      `select (select used from makeup_member_months where member_id = $1 and month = '2026-12-01') as used,
        (select count(*)::int from checkins where member_id = $1 and kind = 'makeup') as makeups,
        (select -sum(delta)::int from points_ledger where member_id = $1 and source = 'makeup') as spent`,
      [member.memberId],
    );
    expect(rows[0]).toEqual({ used: 2, makeups: 2, spent: 40 });
    expect(await ledgerMismatches(pool)).toEqual([]);
  });

  it('one coupon verified at once by two guides is used once', async () => {
    const template = await couponTemplate(pool);
    const item = await mallItem(pool, { kind: 'coupon', couponTemplateId: template.id, pointsPrice: 10 });
    const admin = { ...(await memberJoinedAt(pool, 'verify-admin', '2026-11-01 08:00:00')), role: 'admin' as const };
    const member = await memberJoinedAt(pool, 'verify-holder', '2026-11-01 08:00:00');
    await adjustPoints(ctxAt(pool, '2026-11-20 09:00:00'), admin, { targetMemberId: member.memberId, delta: 10, reason: '测试', requestId: 'verify-seed' });
    const redeemed = (await redeemItem(ctxAt(pool, '2026-11-23 10:00:00'), member, { itemId: item.id, requestId: 'verify-redeem' })) as { coupon: { code: string } };
    const guides = await Promise.all(['a', 'b'].map(async (g) => ({ ...(await memberJoinedAt(pool, `guide-${g}`, '2026-11-01 08:00:00')), role: 'guide' as const })));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => verifyCoupon(ctxAt(pool, '2026-11-23 11:00:00'), guides[i % 2]!, { code: redeemed.coupon.code })),
    );
    expect(results.filter((r) => !(r instanceof Failure))).toHaveLength(1);
    expect(new Set(results.filter((r) => r instanceof Failure).map((r) => (r as Failure).code))).toEqual(new Set(['COUPON_USED']));
  });

  /** A member's order, paid in the sandbox. */
  async function paidOrder(openid: string, when: string) {
    const { skus } = await testProduct(pool, { skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 5 }] });
    const member = await memberJoinedAt(pool, openid, '2026-11-01 08:00:00');
    const template = await couponTemplate(pool);
    const coupon = (await issueCoupon(pool, brand, { templateId: template.id, memberId: member.memberId, source: 'admin', sourceId: `${openid}-coupon`, at: at(when), limitPerMember: false })) as { id: string };
    const order = (await createOrder(ctxAt(pool, when), member, { skuId: skus[0]!.id, qty: 1, couponId: coupon.id, addressId: await addressOf(pool, member), requestId: `${openid}-order` })) as OrderView;
    const start = (await startPayment(ctxAt(pool, when), member, { orderId: order.id })) as PaymentStart;
    const posted = sandbox.confirm(start.sandbox!.token, at(when))!;
    await recordPayment(ctxAt(pool, when), (await sandbox.verifyNotice(posted.headers, posted.body))!);
    return { member, order, skuId: skus[0]!.id, couponId: coupon.id };
  }

  const admin = async (openid: string) => ({ ...(await memberJoinedAt(pool, openid, '2026-11-01 08:00:00')), role: 'admin' as const });

  it('确认收货 from 20 places while four instances run the auto-completion: the order completes once and books nothing', async () => {
    const { member, order } = await paidOrder('completes-once', '2026-11-20 10:00:00');
    await shipOrder(ctxAt(pool, '2026-11-21 09:00:00'), await admin('ship-admin'), { orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    const ledger = (await pool.query('select id, delta, source from points_ledger where member_id = $1 order by id', [member.memberId])).rows;
    const job = DAILY_JOBS.find((j) => j.name === 'complete-shipped-orders')!;
    const now = at('2026-12-01 00:40:00');
    const [confirmed, runs] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, () => confirmReceipt(ctxAt(pool, '2026-12-01 00:40:00'), member, { orderId: order.id }))),
      Promise.all(['A', 'B', 'C', 'D'].map((instance) => runJob(pool, job, { brand, day: '2026-12-01', now }, { instance }))),
    ]);
    expect(new Set(confirmed.map((c) => (c as OrderView).status))).toEqual(new Set(['completed']));
    const { rows } = await pool.query<{ status: string; completed_by: string }>('select status, completed_by from orders where id = $1', [order.id]);
    const byJob = runs.reduce((sum, r) => sum + ((r?.result as { completed?: number } | undefined)?.completed ?? 0), 0);
    expect(byJob).toBe(rows[0]!.completed_by === 'auto' ? 1 : 0);
    expect(rows[0]!.status).toBe('completed');
    expect((await pool.query('select id, delta, source from points_ledger where member_id = $1 order by id', [member.memberId])).rows).toEqual(ledger);
  });

  it('a refund approved by five staff at once is refunded once: stock, coupon, points and growth come back once', async () => {
    const { member, order, skuId, couponId } = await paidOrder('refunds-once', '2026-11-20 10:00:00');
    await requestRefund(ctxAt(pool, '2026-11-20 11:00:00'), member, { orderId: order.id, reason: '拍错了' });
    const staff = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((x) => admin(`refund-staff-${x}`)));
    const results = await Promise.all(staff.map((s) => decideRefund(ctxAt(pool, '2026-11-20 12:00:00'), s, { orderId: order.id, approve: true })));
    expect(results.filter((r) => !(r instanceof Failure))).toHaveLength(1);
    // The others found the decision taken, or the order refunded already.
    expect(results.filter((r) => r instanceof Failure).every((r) => ['NO_REFUND_REQUEST', 'REFUND_NOT_ALLOWED'].includes((r as Failure).code))).toBe(true);
    const { rows } = await pool.query(
      `select (select stock from product_skus where id = $2) as stock,
         (select count(*)::int from points_ledger where member_id = $1 and source = 'refund') as refunds,
         (select coalesce(sum(amount), 0)::int from growth_ledger where member_id = $1) as growth,
         (select used_at is null and order_id is null from coupons where id = $3) as coupon_back`,
      [member.memberId, skuId, couponId],
    );
    expect(rows[0]).toEqual({ stock: 5, refunds: 1, growth: 0, coupon_back: true });
    expect(await ledgerMismatches(pool)).toEqual([]);
  });

  it('staff approving and declining one request at once decide it once: refunded and approved, or back to 待发货 and declined', async () => {
    for (let round = 0; round < 5; round++) {
      const { member, order } = await paidOrder(`decides-once-${round}`, '2026-11-20 10:00:00');
      await requestRefund(ctxAt(pool, '2026-11-20 11:00:00'), member, { orderId: order.id, reason: '拍错了' });
      const [yes, no] = [await admin(`approver-${round}`), await admin(`decliner-${round}`)];
      const ctx = ctxAt(pool, '2026-11-20 12:00:00');
      const results = await Promise.all([
        decideRefund(ctx, yes, { orderId: order.id, approve: true }),
        decideRefund(ctx, no, { orderId: order.id, approve: false, note: '已发出，请收到后申请退货' }),
      ]);
      const { rows } = await pool.query<{ status: string; requests: string[] }>(
        `select o.status, array(select r.status from refund_requests r where r.order_id = o.id order by r.id) as requests from orders o where o.id = $1`,
        [order.id],
      );
      expect([['refunded', ['approved']], ['paid', ['declined']]]).toContainEqual([rows[0]!.status, rows[0]!.requests]);
      expect(results.filter((r) => !(r instanceof Failure))).toHaveLength(1);
    }
    expect(await ledgerMismatches(pool)).toEqual([]);
  });

  it('ten addresses saved at once, each as the default: all kept, exactly one default', async () => {
    const member = await memberJoinedAt(pool, 'address-racer', '2026-11-01 08:00:00');
    await updateProfile(ctxAt(pool, '2026-11-01 08:01:00'), member, { consentVersion: CONSENT_VERSION });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        saveAddress(ctxAt(pool, '2026-11-20 10:00:00'), member, {
          address: { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: `南京西路 ${i + 1} 号` },
          isDefault: true,
        }),
      ),
    );
    expect(results.filter((r) => r instanceof Failure)).toEqual([]);
    const { rows } = await pool.query<{ saved: number; defaults: number }>(
      'select count(*)::int as saved, count(*) filter (where is_default)::int as defaults from addresses where member_id = $1',
      [member.memberId],
    );
    expect(rows[0]).toEqual({ saved: 10, defaults: 1 });
  });

  it('a new member calling from 20 places at once is created once', async () => {
    const rows = await Promise.all(Array.from({ length: 20 }, () => resolveMember(pool, 'newcomer', new Date())));
    expect(new Set(rows.map((r) => toActor(r).memberId)).size).toBe(1);
    const { rows: count } = await pool.query<{ n: number }>("select count(*)::int as n from members where openid = 'newcomer'");
    expect(count[0]!.n).toBe(1);
  });
});
