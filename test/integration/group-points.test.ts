/**
 * 社群积分 through the real use cases: presence earned once a day by the member who is in a group
 * (never by the sharer), the bonus for checking in from a group, the brand's rules, points.balance,
 * the mall's 社群积分 section, the 签到 group board, the ledger's invariants under any interleaving,
 * and (PostgreSQL) races.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import type { GroupBoard } from '@cloud/contract';
import { openPostgres } from '@cloud/db/postgres';
import type { Db } from '@cloud/db/port';
import type { BrandSettings } from '@cloud/domain/brand-settings';
import { groupBoard } from '@cloud/services/checkin/group-board';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import type { Actor, UseCaseContext } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { listMall, redeemItem } from '@cloud/services/mall/mall';
import { getBalance } from '@cloud/services/points/points-queries';
import { createShare } from '@cloud/services/sharing/create-share';
import { openShare } from '@cloud/services/sharing/open-share';
import { seedDemoData } from '@cloud/seed/demo-data';
import { toActor } from '@cloud/services/member/member-row';
import { resolveMember } from '@cloud/services/member/resolve-member';
import { loadBrandSettings } from '@cloud/services/settings/brand-settings-store';
import { couponTemplate, mallItem } from '../support/catalog';
import { backends, openTestDatabase, postgresUrl, resetData, useTestDatabase, type TestDatabase } from '../support/databases';
import { adapters, at, brand, ctxAt, memberJoinedAt } from '../support/fixtures';
import { testProduct } from '../support/products';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

const G1 = 'wx-group-moms';
const G2 = 'wx-group-office';
const inGroup = (groupId: string) => ({ scene: 1044, groupData: localGroupData(groupId) });
const groupPointsOf = async (db: Db, member: Actor) => (await getBalance(ctxAt(db, '2026-11-23 12:00:00'), member)).groupPoints;

/**
 * The group points invariants for every member: balance row = Σ ledger ≥ 0 (no row: Σ = 0), at
 * most one presence and one check-in bonus per member and day. Returns what breaks them.
 */
async function groupLedgerMismatches(db: Db): Promise<unknown[]> {
  const { rows } = await db.query(
    `select m.id, coalesce(b.balance, 0) as balance, coalesce(l.total, 0)::int as ledger
     from members m
     left join group_points_balances b on b.member_id = m.id
     left join (select member_id, sum(delta) as total from group_points_ledger group by member_id) l on l.member_id = m.id
     where coalesce(b.balance, 0) <> coalesce(l.total, 0) or coalesce(b.balance, 0) < 0
     union all
     select member_id, count(*)::int, null from group_points_ledger
     where source in ('presence', 'checkin') group by member_id, source, source_key having count(*) > 1`,
  );
  return rows;
}

describe.each(backends)('社群积分 on %s', (backend) => {
  const t = useTestDatabase(backend);

  async function guideShare(when: string) {
    const guide = await memberJoinedAt(t.db, 'gp-guide', '2026-10-01 08:00:00');
    await t.db.query("update members set role = 'guide' where id = $1", [guide.memberId]);
    const { productId } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 19_900, stock: 50 }] });
    const share = ok(await createShare(ctxAt(t.db, when), { ...guide, role: 'guide' }, { productId }));
    return { guide, shareId: share.shareId };
  }

  it('opening a card in a group earns the member 50 once a day, whichever group first; the sharer earns nothing', async () => {
    const { guide, shareId } = await guideShare('2026-11-22 09:00:00');
    const member = await memberJoinedAt(t.db, 'gp-present', '2026-11-01 08:00:00');
    ok(await openShare(ctxAt(t.db, '2026-11-23 09:00:00'), member, { shareId, ...inGroup(G1) }));
    ok(await openShare(ctxAt(t.db, '2026-11-23 10:00:00'), member, { shareId, ...inGroup(G2) }));
    ok(await openShare(ctxAt(t.db, '2026-11-23 11:00:00'), member, { shareId, ...inGroup(G1) }));
    // Outside a group: no presence.
    const loner = await memberJoinedAt(t.db, 'gp-loner', '2026-11-01 08:00:00');
    ok(await openShare(ctxAt(t.db, '2026-11-23 11:00:00'), loner, { shareId, scene: 1007 }));
    expect(await groupPointsOf(t.db, member)).toBe(50);
    expect(await groupPointsOf(t.db, guide)).toBe(0);
    expect(await groupPointsOf(t.db, loner)).toBe(0);
    const { rows } = await t.db.query('select member_id, source, source_key, group_id, delta from group_points_ledger order by id');
    expect(rows).toEqual([{ member_id: member.memberId, source: 'presence', source_key: '2026-11-23', group_id: G1, delta: 50 }]);
    // The next brand day (00:00 Beijing time) is another day.
    ok(await openShare(ctxAt(t.db, '2026-11-24 00:00:00'), member, { shareId, ...inGroup(G2) }));
    expect(await groupPointsOf(t.db, member)).toBe(100);
    expect(await groupLedgerMismatches(t.db)).toEqual([]);
  });

  it('checking in from a group earns presence and the bonus (60); a repeat or a check-in without a group adds nothing', async () => {
    const member = await memberJoinedAt(t.db, 'gp-checker', '2026-11-01 08:00:00');
    const other = await memberJoinedAt(t.db, 'gp-plain', '2026-11-01 08:00:00');
    expect(ok(await doCheckin(ctxAt(t.db, '2026-11-23 08:00:00'), member, inGroup(G1))).groupPointsGained).toBe(60);
    // A repeat answers what the check-in gave, and changes nothing.
    expect(ok(await doCheckin(ctxAt(t.db, '2026-11-23 08:01:00'), member, inGroup(G2)))).toMatchObject({ alreadyCheckedIn: true, groupPointsGained: 60 });
    expect((await doCheckin(ctxAt(t.db, '2026-11-23 08:00:00'), other, {})).groupPointsGained).toBe(0);
    expect(await groupPointsOf(t.db, member)).toBe(60);
    expect(await groupPointsOf(t.db, other)).toBe(0);

    // Present first (a card), then a check-in from the group: the bonus only.
    const early = await memberJoinedAt(t.db, 'gp-early', '2026-11-01 08:00:00');
    ok(await groupBoard(ctxAt(t.db, '2026-11-23 07:00:00'), early, inGroup(G1)));
    expect(await groupPointsOf(t.db, early)).toBe(50);
    expect(ok(await doCheckin(ctxAt(t.db, '2026-11-23 07:30:00'), early, inGroup(G1))).groupPointsGained).toBe(10);
    expect(await groupPointsOf(t.db, early)).toBe(60);

    // Checked in elsewhere first, then opened the group: presence, but no bonus (the check-in was not from it).
    await doCheckin(ctxAt(t.db, '2026-11-23 09:00:00'), other, {});
    ok(await doCheckin(ctxAt(t.db, '2026-11-23 09:05:00'), other, inGroup(G1)));
    expect(await groupPointsOf(t.db, other)).toBe(50);
    expect(await groupLedgerMismatches(t.db)).toEqual([]);
  });

  it("follows the brand's rules: other amounts, and nothing while switched off", async () => {
    const at = (groupPoints: BrandSettings['groupPoints'], when: string): UseCaseContext => ({
      ...ctxAt(t.db, when),
      brand: { ...brand, groupPoints },
    });
    const member = await memberJoinedAt(t.db, 'gp-rules', '2026-11-01 08:00:00');
    ok(await doCheckin(at({ enabled: false, presencePoints: 50, checkinBonus: 10 }, '2026-11-22 08:00:00'), member, inGroup(G1)));
    expect(await groupPointsOf(t.db, member)).toBe(0);
    ok(await doCheckin(at({ enabled: true, presencePoints: 30, checkinBonus: 5 }, '2026-11-23 08:00:00'), member, inGroup(G1)));
    expect(await groupPointsOf(t.db, member)).toBe(35);
  });

  it('points.balance answers the group points beside the points, which they never change', async () => {
    const member = await memberJoinedAt(t.db, 'gp-balance', '2026-11-01 08:00:00');
    const result = ok(await doCheckin(ctxAt(t.db, '2026-11-23 08:00:00'), member, inGroup(G1)));
    expect(await getBalance(ctxAt(t.db, '2026-11-23 08:01:00'), member)).toEqual({
      balance: result.balance,
      expiring: { points: result.balance, on: '2027-11-30' },
      groupPoints: 60,
    });
  });

  it('the 社群积分 section: redeemed from the group ledger, once per requestId, refused beyond the balance; points untouched', async () => {
    const template = await couponTemplate(t.db);
    const item = await mallItem(t.db, { kind: 'coupon', couponTemplateId: template.id, currency: 'group_points', pointsPrice: 50, name: '群友专享券' });
    const pointsItem = await mallItem(t.db, { kind: 'coupon', couponTemplateId: template.id, pointsPrice: 5 });
    const member = await memberJoinedAt(t.db, 'gp-redeemer', '2026-11-01 08:00:00');
    ok(await doCheckin(ctxAt(t.db, '2026-11-22 08:00:00'), member, inGroup(G1)));
    ok(await doCheckin(ctxAt(t.db, '2026-11-23 08:00:00'), member, inGroup(G1)));
    const pointsBefore = (await getBalance(ctxAt(t.db, '2026-11-23 09:00:00'), member)).balance;

    const listed = await listMall(ctxAt(t.db, '2026-11-23 09:00:00'), member);
    expect(listed.map((i) => [i.id, i.currency, i.blockedBy])).toEqual([
      [pointsItem.id, 'points', null],
      [item.id, 'group_points', null],
    ]);
    const first = ok(await redeemItem(ctxAt(t.db, '2026-11-23 09:00:00'), member, { itemId: item.id, requestId: 'gp-r1' }));
    expect(first).toMatchObject({ currency: 'group_points', points: 50, balance: 70, coupon: { source: 'mall' } });
    const again = ok(await redeemItem(ctxAt(t.db, '2026-11-23 09:00:05'), member, { itemId: item.id, requestId: 'gp-r1' }));
    expect(again).toMatchObject({ redemptionId: first.redemptionId, balance: 70 });
    ok(await redeemItem(ctxAt(t.db, '2026-11-23 09:01:00'), member, { itemId: item.id, requestId: 'gp-r2' }));
    const refused = await redeemItem(ctxAt(t.db, '2026-11-23 09:02:00'), member, { itemId: item.id, requestId: 'gp-r3' });
    expect(refused).toBeInstanceOf(Failure);
    expect((refused as Failure).code).toBe('INSUFFICIENT_GROUP_POINTS');

    const after = await getBalance(ctxAt(t.db, '2026-11-23 09:03:00'), member);
    expect(after).toMatchObject({ balance: pointsBefore, groupPoints: 20 });
    const blocked = (await listMall(ctxAt(t.db, '2026-11-23 09:03:00'), member)).find((i) => i.id === item.id)!;
    expect(blocked.blockedBy).toBe('INSUFFICIENT_GROUP_POINTS');
    const { rows } = await t.db.query<{ n: number }>("select count(*)::int as n from coupons where member_id = $1 and source = 'mall'", [member.memberId]);
    expect(rows[0]!.n).toBe(2);
    expect(await groupLedgerMismatches(t.db)).toEqual([]);
  });

  it("the group board: 第 N 位 by check-in time among the members present today, today's count, streak leaders", async () => {
    const names = ['阿青', '木子', '小唐', '安安', '路人'];
    const people: Actor[] = [];
    for (const [i, name] of names.entries()) {
      const m = await memberJoinedAt(t.db, `gp-board-${i}`, '2026-11-01 08:00:00');
      await t.db.query('update members set nickname = $2 where id = $1', [m.memberId, name]);
      people.push(m);
    }
    const [qing, muzi, tang, an, stranger] = people;
    // Streaks: 阿青 checked in the two days before, 小唐 the day before, 安安 in the group four days ago.
    for (const day of ['2026-11-21', '2026-11-22']) ok(await doCheckin(ctxAt(t.db, `${day} 08:00:00`), qing!, inGroup(G1)));
    ok(await doCheckin(ctxAt(t.db, '2026-11-22 08:00:00'), tang!, inGroup(G1)));
    ok(await doCheckin(ctxAt(t.db, '2026-11-20 08:00:00'), an!, inGroup(G1)));

    // Today: 木子 checks in at 07:00 outside the group and opens the group at noon; 阿青 from the group at 08:00;
    // a stranger checks in at 06:00 but is never in this group.
    await doCheckin(ctxAt(t.db, '2026-11-23 07:00:00'), muzi!, {});
    ok(await doCheckin(ctxAt(t.db, '2026-11-23 08:00:00'), qing!, inGroup(G1)));
    await doCheckin(ctxAt(t.db, '2026-11-23 06:00:00'), stranger!, {});
    ok(await doCheckin(ctxAt(t.db, '2026-11-23 06:00:00'), an!, inGroup(G2)));
    const seenByMuzi = ok(await groupBoard(ctxAt(t.db, '2026-11-23 12:00:00'), muzi!, inGroup(G1)));
    const seenByTang = ok(await groupBoard(ctxAt(t.db, '2026-11-23 12:01:00'), tang!, inGroup(G1)));

    expect(seenByMuzi).toEqual<GroupBoard>({
      groupName: null,
      checkedInToday: 2,
      myRank: 1,
      // 安安 checked in today from another group: still one of this group's (seen in it lately), streak 1 again.
      leaders: [
        { nickname: '阿青', avatarUrl: null, streak: 3, me: false },
        { nickname: '木子', avatarUrl: null, streak: 1, me: true },
        { nickname: '小唐', avatarUrl: null, streak: 1, me: false },
        { nickname: '安安', avatarUrl: null, streak: 1, me: false },
      ],
    });
    // 小唐 has not checked in today: no place yet; opening the board made them present (50), not ranked.
    expect(seenByTang).toMatchObject({ checkedInToday: 2, myRank: null });
    ok(await doCheckin(ctxAt(t.db, '2026-11-23 12:05:00'), tang!, inGroup(G1)));
    expect(ok(await groupBoard(ctxAt(t.db, '2026-11-23 12:06:00'), tang!, inGroup(G1)))).toMatchObject({ checkedInToday: 3, myRank: 3 });
  });

  it('the demo data: 小林 has 社群积分 from a week of check-ins in the moms\' group, and the mall a 社群积分 section', async () => {
    const now = at('2026-11-23 20:00:00');
    expect(await seedDemoData(t.db, now, adapters)).toBe(true);
    const ctx = { db: t.db, now, brand: await loadBrandSettings(t.db), adapters };
    const lin = toActor(await resolveMember(t.db, 'demo-member', now));
    // Five group check-ins in the last six days (the day three days ago was missed): 60 each.
    expect((await getBalance(ctx, lin)).groupPoints).toBe(300);
    const groupItems = (await listMall(ctx, lin)).filter((i) => i.currency === 'group_points');
    expect(groupItems.length).toBeGreaterThanOrEqual(3);
    expect(groupItems.some((i) => i.blockedBy === null)).toBe(true);
    expect(await groupLedgerMismatches(t.db)).toEqual([]);
  });

  it('keeps balance = Σ ledger ≥ 0 and one presence and one bonus a day, whatever the interleaving of opens, check-ins and redemptions (property)', async () => {
    const command = fc.oneof(
      fc.record({ kind: fc.constant('board' as const), member: fc.nat(2), group: fc.constantFrom(G1, G2) }),
      fc.record({ kind: fc.constant('checkin' as const), member: fc.nat(2), group: fc.option(fc.constantFrom(G1, G2), { nil: null }) }),
      fc.record({ kind: fc.constant('redeem' as const), member: fc.nat(2), item: fc.nat(1), request: fc.nat(3) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(command, { maxLength: 8 }), { minLength: 1, maxLength: 3 }), async (days) => {
        await resetData(t.db);
        const tpl = await couponTemplate(t.db);
        const items = [
          await mallItem(t.db, { kind: 'coupon', couponTemplateId: tpl.id, currency: 'group_points', pointsPrice: 40 }),
          await mallItem(t.db, { kind: 'coupon', couponTemplateId: tpl.id, currency: 'group_points', pointsPrice: 70 }),
        ];
        const members = await Promise.all([0, 1, 2].map((i) => memberJoinedAt(t.db, `gp-prop-${i}`, '2026-11-01 08:00:00')));
        for (const [d, commands] of days.entries()) {
          const ctx = ctxAt(t.db, `2026-11-${String(20 + d).padStart(2, '0')} 10:00:00`);
          // One day's commands all at once: their order is the database's to decide.
          await Promise.all(
            commands.map(async (c) => {
              const member = members[c.member]!;
              if (c.kind === 'board') return ok(await groupBoard(ctx, member, inGroup(c.group)));
              if (c.kind === 'checkin') return doCheckin(ctx, member, c.group ? inGroup(c.group) : {});
              const r = await redeemItem(ctx, member, { itemId: items[c.item]!.id, requestId: `d${d}-m${c.member}-${c.request}` });
              if (r instanceof Failure && r.code !== 'INSUFFICIENT_GROUP_POINTS') throw new Error(r.code);
              return r;
            }),
          );
        }
        expect(await groupLedgerMismatches(t.db)).toEqual([]);
        // Every presence is a day the member was in a group; every bonus a check-in made from one.
        const { rows } = await t.db.query(
          `select l.member_id, l.source, l.source_key from group_points_ledger l
           where (l.source = 'presence' and not exists (
                   select 1 from group_visits v where v.member_id = l.member_id and v.day = l.source_key::date))
              or (l.source = 'checkin' and not exists (
                   select 1 from checkins c where c.member_id = l.member_id and c.day = l.source_key::date and c.group_id is not null))
              or (l.source = 'redeem' and not exists (
                   select 1 from mall_redemptions r where r.id::text = l.source_key and r.points = -l.delta))`,
        );
        expect(rows).toEqual([]);
      }),
      { numRuns: backend === 'pglite' ? 15 : 8 },
    );
  });
});

describe.skipIf(!postgresUrl)('社群积分 races on PostgreSQL', () => {
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

  it('50 parallel opens of the group by one member, in two groups: exactly 50, once', async () => {
    const member = await memberJoinedAt(pool, 'gp-race-open', '2026-11-01 08:00:00');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => groupBoard(ctxAt(pool, '2026-11-23 09:00:00'), member, inGroup(i % 2 ? G1 : G2))),
    );
    expect(await groupPointsOf(pool, member)).toBe(50);
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from group_points_ledger');
    expect(rows[0]!.n).toBe(1);
    expect(await groupLedgerMismatches(pool)).toEqual([]);
  });

  it('30 parallel check-ins and opens from the group: presence and bonus once each (60)', async () => {
    const member = await memberJoinedAt(pool, 'gp-race-checkin', '2026-11-01 08:00:00');
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 ? doCheckin(ctxAt(pool, '2026-11-23 09:00:00'), member, inGroup(G1)) : groupBoard(ctxAt(pool, '2026-11-23 09:00:00'), member, inGroup(G1)),
      ),
    );
    expect(await groupPointsOf(pool, member)).toBe(60);
    expect(await groupLedgerMismatches(pool)).toEqual([]);
  });

  it('a new member opening a guide\'s card in the group while checking in from it, many times at once: 60, once, no deadlock', async () => {
    const guide = await memberJoinedAt(pool, 'gp-race-guide', '2026-10-01 08:00:00');
    await pool.query("update members set role = 'guide' where id = $1", [guide.memberId]);
    const { productId } = await testProduct(pool, { skus: [{ color: '黑色', size: 'M', priceFen: 19_900, stock: 50 }] });
    const share = ok(await createShare(ctxAt(pool, '2026-11-23 08:00:00'), { ...guide, role: 'guide' }, { productId }));
    for (let round = 0; round < 5; round++) {
      // Joined a minute before: the first open binds the guide and records where they came from.
      const member = await memberJoinedAt(pool, `gp-race-both-${round}`, '2026-11-23 08:59:00');
      const when = ctxAt(pool, '2026-11-23 09:00:00');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 ? openShare(when, member, { shareId: share.shareId, ...inGroup(G1) }) : doCheckin(when, member, inGroup(G1)),
        ),
      );
      expect(results.filter((r) => r instanceof Failure)).toEqual([]);
      expect(await groupPointsOf(pool, member)).toBe(60);
    }
    expect(await groupPointsOf(pool, guide)).toBe(0);
    expect(await groupLedgerMismatches(pool)).toEqual([]);
  });

  it('40 parallel redemptions of a 50 社群积分 item with 260 to spend: five succeed, the balance never goes below 0', async () => {
    const template = await couponTemplate(pool);
    const item = await mallItem(pool, { kind: 'coupon', couponTemplateId: template.id, currency: 'group_points', pointsPrice: 50 });
    const member = await memberJoinedAt(pool, 'gp-race-spend', '2026-11-01 08:00:00');
    await pool.query(
      `select book_group_points($1, 130, 'presence', d, 'g', null, now()), book_group_points($1, 130, 'checkin', d, 'g', null, now())
       from (values ('2026-11-22')) days (d)`,
      [member.memberId],
    );
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => redeemItem(ctxAt(pool, '2026-11-23 09:00:00'), member, { itemId: item.id, requestId: `gp-spend-${i}` })),
    );
    const refused = results.filter((r) => r instanceof Failure) as Failure[];
    expect(results.length - refused.length).toBe(5);
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['INSUFFICIENT_GROUP_POINTS']));
    expect(await groupPointsOf(pool, member)).toBe(10);
    const { rows } = await pool.query<{ n: number }>("select count(*)::int as n from coupons where source = 'mall'");
    expect(rows[0]!.n).toBe(5);
    expect(await groupLedgerMismatches(pool)).toEqual([]);
  });
});
