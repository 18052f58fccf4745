import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@cloud/db/port';
import { openPostgres } from '@cloud/db/postgres';
import type { BrandSettings } from '@cloud/domain/brand-settings';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import { makeupCheckin } from '@cloud/services/checkin/makeup-checkin';
import type { Actor, UseCaseContext } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { leaderboard } from '@cloud/services/referral/leaderboard';
import { referralSummary } from '@cloud/services/referral/referral-summary';
import { rewardInviter } from '@cloud/services/referral/reward-inviter';
import { createShare } from '@cloud/services/sharing/create-share';
import { openShare } from '@cloud/services/sharing/open-share';
import { couponTemplate } from '../support/catalog';
import { backends, openTestDatabase, postgresUrl, resetData, useTestDatabase, type TestDatabase } from '../support/databases';
import { at, brand, ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

const withReferral = (ctx: UseCaseContext, referral: Partial<BrandSettings['referral']>): UseCaseContext => ({
  ...ctx,
  brand: { ...brand, referral: { ...brand.referral, ...referral } },
});

async function inviterState(db: Db, inviter: Actor) {
  const { rows } = await db.query<{ balance: number; ledger: string[]; coupons: string[] }>(
    `select m.points_balance as balance,
       array(select source || ':' || delta from points_ledger where member_id = m.id order by id) as ledger,
       array(select source from coupons where member_id = m.id order by id) as coupons
     from members m where m.id = $1`,
    [inviter.memberId],
  );
  return rows[0]!;
}

/** An invite by `inviter`, opened by a member who joined minutes before. */
async function invited(db: Db, inviter: Actor, inviteeOpenid: string, ctx: (time: string) => UseCaseContext = (time) => ctxAt(db, time)) {
  const share = ok(await createShare(ctx('2026-11-23 09:00:00'), inviter, {}));
  const invitee = await memberJoinedAt(db, inviteeOpenid, '2026-11-23 10:00:00');
  const opened = ok(await openShare(ctx('2026-11-23 10:05:00'), invitee, { shareId: share.shareId }));
  return { share, invitee, opened };
}

describe.each(backends)('referrals on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('gives the welcome coupon to a new member once, not to an old member, the sharer, or a friend of another invite', async () => {
    const welcome = await couponTemplate(t.db, { name: '新人礼券' });
    const ctx = (time: string) => withReferral(ctxAt(t.db, time), { welcomeCouponTemplateId: welcome.id });
    const inviter = await memberJoinedAt(t.db, 'inviter', '2026-10-01 09:00:00');
    const { share, invitee, opened } = await invited(t.db, inviter, 'newbie', ctx);
    expect(opened.welcome).toEqual({ coupon: expect.objectContaining({ name: '新人礼券', source: 'welcome', state: 'available' }) });

    const again = ok(await openShare(ctx('2026-11-23 11:00:00'), invitee, { shareId: share.shareId }));
    expect(again.welcome).toBeNull();
    const old = await memberJoinedAt(t.db, 'old-friend', '2026-11-21 10:00:00');
    expect(ok(await openShare(ctx('2026-11-23 11:00:00'), old, { shareId: share.shareId })).welcome).toBeNull();
    expect(ok(await openShare(ctx('2026-11-23 11:00:00'), inviter, { shareId: share.shareId })).welcome).toBeNull();
    const rival = await memberJoinedAt(t.db, 'rival', '2026-10-01 09:00:00');
    const rivalInvite = ok(await createShare(ctx('2026-11-23 11:00:00'), rival, {}));
    expect(ok(await openShare(ctx('2026-11-23 11:01:00'), invitee, { shareId: rivalInvite.shareId })).welcome).toBeNull();

    const referrals = await t.db.query('select invitee_id, inviter_id, share_id from referrals');
    expect(referrals.rows).toEqual([{ invitee_id: invitee.memberId, inviter_id: inviter.memberId, share_id: share.shareId }]);
    const coupons = await t.db.query('select member_id, source from coupons');
    expect(coupons.rows).toEqual([{ member_id: invitee.memberId, source: 'welcome' }]);
  });

  it.each([
    ['exactly newMemberHours (24 h) after joining', '2026-11-22 10:00:00', true],
    ['one second later', '2026-11-22 09:59:59', false],
  ])('counts a friend who opens the invite %s: %s', async (_case, joined, friend) => {
    const inviter = await memberJoinedAt(t.db, 'inviter', '2026-10-01 09:00:00');
    const share = ok(await createShare(ctxAt(t.db, '2026-11-20 09:00:00'), inviter, {}));
    const member = await memberJoinedAt(t.db, 'member', joined);
    const opened = ok(await openShare(ctxAt(t.db, '2026-11-23 10:00:00'), member, { shareId: share.shareId }));
    // The default brand gives no welcome coupon: a friendship shows as a welcome without one.
    expect(opened.welcome).toEqual(friend ? { coupon: null } : null);
  });

  it('never makes a friend the inviter of the member who invited them', async () => {
    const first = await memberJoinedAt(t.db, 'first', '2026-11-23 08:00:00');
    const { invitee } = await invited(t.db, first, 'second');
    const back = ok(await createShare(ctxAt(t.db, '2026-11-23 10:10:00'), invitee, {}));
    expect(ok(await openShare(ctxAt(t.db, '2026-11-23 10:11:00'), first, { shareId: back.shareId })).welcome).toBeNull();
    expect((await t.db.query('select inviter_id from referrals')).rows).toEqual([{ inviter_id: first.memberId }]);
  });

  it("rewards the inviter once, on the friend's first check-in, never when sharing or opening", async () => {
    const gift = await couponTemplate(t.db, { name: '推荐有礼券' });
    const ctx = (time: string) => withReferral(ctxAt(t.db, time), { inviterCouponTemplateId: gift.id });
    const inviter = await memberJoinedAt(t.db, 'inviter', '2026-10-01 09:00:00');
    const { invitee } = await invited(t.db, inviter, 'newbie', ctx);
    expect(await inviterState(t.db, inviter)).toEqual({ balance: 0, ledger: [], coupons: [] });

    ok(await doCheckin(ctx('2026-11-23 10:10:00'), invitee, {}));
    ok(await doCheckin(ctx('2026-11-24 08:00:00'), { ...invitee, latestCheckin: { day: '2026-11-23', streak: 1 } }, {}));
    expect(await inviterState(t.db, inviter)).toEqual({ balance: 100, ledger: ['referral:100'], coupons: ['referral'] });
    const { rows } = await t.db.query('select rewarded_at, reward_trigger, reward_source_id from referrals');
    expect(rows).toEqual([
      { rewarded_at: at('2026-11-23 10:10:00'), reward_trigger: 'first_checkin', reward_source_id: `${invitee.memberId}:2026-11-23` },
    ]);

    const mine = await referralSummary(ctx('2026-11-24 09:00:00'), inviter);
    expect(mine).toEqual({
      invited: 1,
      rewarded: 1,
      rewardOn: 'first_checkin',
      inviterPoints: 100,
      title: null,
      nextTitle: { name: '推荐达人', count: 3, needed: 2 },
      friends: [{ nickname: null, joinedAt: '2026-11-23T10:00:00+08:00', rewarded: true }],
    });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('a friend whose first check-in is a 补签 rewards the inviter with it, once', async () => {
    const ctx = (time: string) => {
      const base = withReferral(ctxAt(t.db, time), {});
      return { ...base, brand: { ...base.brand, checkin: { ...base.brand.checkin, makeupCostPoints: 0 } } };
    };
    const inviter = await memberJoinedAt(t.db, 'inviter', '2026-10-01 09:00:00');
    const { invitee } = await invited(t.db, inviter, 'newbie', ctx);
    ok(await makeupCheckin(ctx('2026-11-25 09:00:00'), invitee, { date: '2026-11-24' }));
    ok(await doCheckin(ctx('2026-11-25 09:01:00'), { ...invitee, latestCheckin: { day: '2026-11-24', streak: 1 } }, {}));
    expect(await inviterState(t.db, inviter)).toEqual({ balance: 100, ledger: ['referral:100'], coupons: [] });
    const { rows } = await t.db.query('select reward_source_id from referrals');
    expect(rows).toEqual([{ reward_source_id: `${invitee.memberId}:2026-11-24` }]);
  });

  it("with rewardOn 'first_order', a check-in rewards nobody and the first paid order rewards once", async () => {
    const ctx = (time: string) => withReferral(ctxAt(t.db, time), { rewardOn: 'first_order', inviterPoints: 300 });
    const inviter = await memberJoinedAt(t.db, 'inviter', '2026-10-01 09:00:00');
    const { invitee } = await invited(t.db, inviter, 'newbie', ctx);
    ok(await doCheckin(ctx('2026-11-23 10:10:00'), invitee, {}));
    expect((await inviterState(t.db, inviter)).balance).toBe(0);

    for (const orderId of ['41', '42']) {
      await t.db.transaction((tx) => rewardInviter(tx, ctx('2026-11-23 12:00:00'), invitee.memberId, 'first_order', orderId));
    }
    expect(await inviterState(t.db, inviter)).toEqual({ balance: 300, ledger: ['referral:300'], coupons: [] });
    const { rows } = await t.db.query('select reward_trigger, reward_source_id from referrals');
    expect(rows).toEqual([{ reward_trigger: 'first_order', reward_source_id: '41' }]);
    // A check-in trigger under a first-order brand changes nothing either.
    await t.db.transaction((tx) => rewardInviter(tx, ctx('2026-11-23 12:00:00'), invitee.memberId, 'first_checkin', 'x'));
    expect((await inviterState(t.db, inviter)).balance).toBe(300);
  });

  describe('leaderboard', () => {
    let batch = 0;
    /** `count` friends of `inviter`, rewarded at `rewarded` (Beijing), or not rewarded (null). */
    async function friends(inviter: Actor, count: number, rewarded: string | null) {
      const share = ok(await createShare(ctxAt(t.db, '2026-09-01 09:00:00'), inviter, {}));
      await t.db.query(
        `with friends as (
           insert into members (openid, created_at)
           select $1 || '-' || $6 || '-' || g, $3 from generate_series(1, $2::int) g returning id
         )
         insert into referrals (invitee_id, inviter_id, share_id, created_at, rewarded_at, reward_trigger)
         select id, $5, $1, $3, $4::timestamptz, case when $4::timestamptz is not null then 'first_checkin' end from friends`,
        [share.shareId, count, at('2026-09-01 09:00:00'), rewarded && at(rewarded), inviter.memberId, ++batch],
      );
    }

    it('ranks inviters by friends rewarded in the brand-time month, first to get there first, with all-time titles', async () => {
      const [ann, bob, cat, dan, eve] = await Promise.all(
        ['ann', 'bob', 'cat', 'dan', 'eve'].map((name) => memberJoinedAt(t.db, name, '2026-08-01 09:00:00')),
      );
      await t.db.query(`update members set nickname = openid where openid in ('ann', 'bob', 'cat', 'dan', 'eve')`);
      await friends(ann!, 12, '2026-10-15 12:00:00');
      await friends(ann!, 2, '2026-11-10 12:00:00');
      await friends(bob!, 3, '2026-11-05 12:00:00');
      await friends(cat!, 2, '2026-11-20 12:00:00');
      await friends(dan!, 4, null);
      await friends(eve!, 1, '2026-11-01 00:00:00');
      await friends(eve!, 1, '2026-12-01 00:00:00');

      const november = await leaderboard(ctxAt(t.db, '2026-12-01 08:00:00'), cat!, { month: '2026-11' });
      expect(november).toEqual({
        month: '2026-11',
        items: [
          { rank: 1, nickname: 'bob', avatarUrl: null, count: 3, title: '推荐达人' },
          { rank: 2, nickname: 'ann', avatarUrl: null, count: 2, title: '金牌推荐官' },
          { rank: 3, nickname: 'cat', avatarUrl: null, count: 2, title: null },
          { rank: 4, nickname: 'eve', avatarUrl: null, count: 1, title: null },
        ],
        me: { rank: 3, count: 2 },
      });
      const thisMonth = await leaderboard(ctxAt(t.db, '2026-12-01 08:00:00'), dan!, {});
      expect(thisMonth).toEqual({
        month: '2026-12',
        items: [{ rank: 1, nickname: 'eve', avatarUrl: null, count: 1, title: null }],
        me: { rank: null, count: 0 },
      });
      const october = await leaderboard(ctxAt(t.db, '2026-12-01 08:00:00'), ann!, { month: '2026-10' });
      expect([october.items.map((i) => [i.nickname, i.count]), october.me]).toEqual([[['ann', 12]], { rank: 1, count: 12 }]);
    });

    it('lists the top 50 and still tells me my place below them', async () => {
      const inviters: Actor[] = [];
      for (let i = 0; i < 55; i++) inviters.push(await memberJoinedAt(t.db, `inviter-${String(i).padStart(2, '0')}`, '2026-08-01 09:00:00'));
      for (const [i, inviter] of inviters.entries()) await friends(inviter, 1, `2026-11-10 12:${String(i).padStart(2, '0')}:00`);
      const board = await leaderboard(ctxAt(t.db, '2026-11-30 12:00:00'), inviters[54]!, {});
      expect(board.items).toHaveLength(50);
      expect(board.items.map((i) => i.rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(board.me).toEqual({ rank: 55, count: 1 });
    });
  });
});

describe.skipIf(!postgresUrl)('referral rewards under concurrency on PostgreSQL', () => {
  let t: TestDatabase;
  let pool: Db;
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    pool = openPostgres(t.url!, { max: 20 });
  });
  afterAll(async () => {
    await pool?.close();
    await t?.drop();
  });
  beforeEach(() => resetData(t.db));

  it("20 racing first check-ins of the friend reward the inviter once", async () => {
    const inviter = await memberJoinedAt(pool, 'inviter', '2026-10-01 09:00:00');
    const { invitee } = await invited(pool, inviter, 'newbie');
    const results = await Promise.all(Array.from({ length: 20 }, () => doCheckin(ctxAt(pool, '2026-11-23 10:10:00'), invitee, {})));
    expect(results.filter((r) => !r.alreadyCheckedIn)).toHaveLength(1);
    expect(await inviterState(pool, inviter)).toEqual({ balance: 100, ledger: ['referral:100'], coupons: [] });
    expect(await ledgerMismatches(pool)).toEqual([]);
  });

  it('20 racing first paid orders of the friend reward the inviter once', async () => {
    const ctx = withReferral(ctxAt(pool, '2026-11-23 12:00:00'), { rewardOn: 'first_order' });
    const inviter = await memberJoinedAt(pool, 'inviter', '2026-10-01 09:00:00');
    const { invitee } = await invited(pool, inviter, 'newbie');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => pool.transaction((tx) => rewardInviter(tx, ctx, invitee.memberId, 'first_order', String(i + 1)))),
    );
    expect(await inviterState(pool, inviter)).toEqual({ balance: 100, ledger: ['referral:100'], coupons: [] });
  });
});
