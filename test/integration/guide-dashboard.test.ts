import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Role } from '@cloud/contract';
import type { Db } from '@cloud/db/port';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import type { Actor } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { catalogHome } from '@cloud/services/catalog/home';
import { guideDashboard } from '@cloud/services/guide/dashboard';
import { guideGroups, nameGroup } from '@cloud/services/guide/groups';
import { guideMemberDetail } from '@cloud/services/guide/member-detail';
import { guideMembers } from '@cloud/services/guide/members';
import { getProfile } from '@cloud/services/member/get-profile';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { createShare } from '@cloud/services/sharing/create-share';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import { openShare } from '@cloud/services/sharing/open-share';
import { backends, useTestDatabase } from '../support/databases';
import { couponTemplate } from '../support/catalog';
import { at, ctxAt, memberJoinedAt } from '../support/fixtures';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

async function staffJoinedAt(db: Db, openid: string, role: Role, beijing: string): Promise<Actor> {
  return toActor(await upsertMemberWithRole(db, openid, role, at(beijing)));
}

interface Sku {
  productId: string;
  skuId: string;
  categoryId: string;
}

async function productWithSku(db: Db): Promise<Sku> {
  const category = await db.query<{ id: string }>(`insert into categories (name) values ('外套') returning id`);
  const categoryId = category.rows[0]!.id;
  const product = await db.query<{ id: string }>(
    `insert into products (category_id, name, images) values ($1, '羊毛大衣', '{/catalog-images/coat.svg}') returning id`,
    [categoryId],
  );
  const productId = product.rows[0]!.id;
  const sku = await db.query<{ id: string }>(
    `insert into product_skus (product_id, size, color, price_fen, stock) values ($1, 'M', '驼色', 59900, 100) returning id`,
    [productId],
  );
  return { productId, skuId: sku.rows[0]!.id, categoryId };
}

interface OrderFact {
  member: Actor;
  shareId: string | null;
  guide: Actor | null;
  groupId: string | null;
  status: 'pending' | 'paid' | 'refunded';
  totalFen: number;
  /** Of the total, what shipping cost (GMV counts the goods). */
  shippingFen?: number;
  createdAt: string;
  paidAt?: string;
  refundedAt?: string;
}

/** An order as the order use cases leave it, written directly: the numbers are what is under test. */
async function order(db: Db, sku: Sku, o: OrderFact): Promise<void> {
  await db.query(
    `insert into orders (member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, category_id,
       list_price_fen, unit_price_fen, total_fen, shipping_fen, share_id, guide_id, group_id, created_at, expires_at, paid_at, refunded_at)
     values ($1, $2, $3, $4, $5, 1, '羊毛大衣', '驼色 / M', $6, $7::int - $14::int, $7::int - $14::int, $7, $14, $8, $9, $10, $11, $11::timestamptz + interval '15 minutes', $12, $13)`,
    [
      o.member.memberId,
      crypto.randomUUID(),
      o.status,
      sku.productId,
      sku.skuId,
      sku.categoryId,
      o.totalFen,
      o.shareId,
      o.guide?.memberId ?? null,
      o.groupId,
      at(o.createdAt),
      o.paidAt ? at(o.paidAt) : null,
      o.refundedAt ? at(o.refundedAt) : null,
      o.shippingFen ?? 0,
    ],
  );
}

describe.each(backends)('guide workspace on %s', (backend) => {
  const t = useTestDatabase(backend);

  /**
   * Guide 王 shares a coat card (20 Nov), an invite (22 Nov) and an old card (1 Nov); guide 李 one
   * card. Members open them in groups, check in from a group, and order; "now" is 23 Nov 20:00.
   */
  async function scene() {
    const db = t.db;
    const wang = await staffJoinedAt(db, 'wang', 'guide', '2026-10-01 09:00:00');
    const li = await staffJoinedAt(db, 'li', 'guide', '2026-10-01 09:00:00');
    const [v1, v2, v3, v4, v5, v6] = await Promise.all(
      ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'].map((name) => memberJoinedAt(db, name, '2026-11-01 09:00:00')),
    );
    const v7 = await memberJoinedAt(db, 'v7', '2026-11-23 09:30:00');
    const sku = await productWithSku(db);
    const oldSku = await productWithSku(db);
    const share = async (sharer: Actor, time: string, product: Sku | null) =>
      ok(await createShare(ctxAt(db, time), sharer, product ? { productId: product.productId } : {})).shareId;
    const card = await share(wang, '2026-11-20 10:00:00', sku);
    const invite = await share(wang, '2026-11-22 09:00:00', null);
    const oldCard = await share(wang, '2026-11-01 10:00:00', oldSku);
    const liCard = await share(li, '2026-11-20 10:00:00', sku);
    const open = async (viewer: Actor, shareId: string, time: string, group?: string) =>
      ok(await openShare(ctxAt(db, time), viewer, { shareId, ...(group ? { scene: 1044, groupData: localGroupData(group) } : {}) }));
    await open(v1!, card, '2026-11-20 10:05:00', 'g-moms');
    await open(v2!, card, '2026-11-21 11:00:00', 'g-moms');
    await open(v3!, card, '2026-11-22 12:00:00', 'g-run');
    await open(v1!, invite, '2026-11-22 13:00:00');
    await open(v4!, oldCard, '2026-11-10 10:00:00', 'g-old');
    await open(v5!, liCard, '2026-11-21 10:00:00', 'g-moms');
    await open(v7, invite, '2026-11-23 10:00:00');
    ok(await doCheckin(ctxAt(db, '2026-11-23 08:00:00'), v6!, { scene: 1044, groupData: localGroupData('g-moms') }));

    const fact = { guide: wang, shareId: card, createdAt: '2026-11-21 11:50:00' };
    const paid = (paidAt: string) => ({ status: 'paid' as const, paidAt });
    await order(db, sku, { ...fact, member: v1!, groupId: 'g-moms', totalFen: 19_900, ...paid('2026-11-21 12:00:00') });
    await order(db, sku, {
      ...fact,
      member: v2!,
      groupId: 'g-moms',
      status: 'refunded',
      totalFen: 29_900,
      paidAt: '2026-11-21 12:00:00',
      refundedAt: '2026-11-22 09:00:00',
    });
    await order(db, sku, { ...fact, member: v3!, groupId: 'g-run', status: 'pending', totalFen: 9_900 });
    await order(db, sku, { ...fact, member: v1!, groupId: 'g-moms', totalFen: 10_000, ...paid('2026-11-23 09:00:00') });
    await order(db, sku, { ...fact, guide: li, member: v5!, shareId: liCard, groupId: 'g-moms', totalFen: 50_000, ...paid('2026-11-22 10:00:00') });
    await order(db, oldSku, { ...fact, member: v4!, shareId: oldCard, groupId: 'g-old', totalFen: 8_000, shippingFen: 1_000, ...paid('2026-11-12 10:00:00') });
    return { wang, li, sku, card, invite, oldCard, liCard, members: { v1: v1!, v2: v2!, v3: v3!, v4: v4!, v5: v5!, v6: v6!, v7 } };
  }

  it('shows the last 7 days: totals, each share newest first, each group with activity, clicks, orders and conversion', async () => {
    const { wang, sku, card, invite } = await scene();
    const dashboard = await guideDashboard(ctxAt(t.db, '2026-11-23 20:00:00'), wang, {});
    const coat = { id: sku.productId, name: '羊毛大衣', imageUrl: '/catalog-images/coat.svg' };
    expect(dashboard).toEqual({
      days: 7,
      since: '2026-11-17',
      // Refunded and unpaid orders do not count; 李's order in the same group is not mine.
      totals: { shares: 2, clicks: 4, orders: 2, gmvFen: 29_900, members: 5, newMembersToday: 1 },
      shares: [
        { shareId: invite, product: null, createdAt: '2026-11-22T09:00:00+08:00', clicks: 2, orders: 0, gmvFen: 0 },
        { shareId: card, product: coat, createdAt: '2026-11-20T10:00:00+08:00', clicks: 3, orders: 2, gmvFen: 29_900 },
      ],
      groups: [
        // Active: v1, v2 (my card), v5 (李's card), v6 (a check-in from the group).
        { groupId: 'g-moms', name: null, activeMembers: 4, clicks: 2, orders: 2, gmvFen: 29_900, conversion: 0.5 },
        { groupId: 'g-run', name: null, activeMembers: 1, clicks: 1, orders: 0, gmvFen: 0, conversion: 0 },
      ],
    });
  });

  it('widens to 30 days and narrows to today', async () => {
    const { wang, oldCard } = await scene();
    const month = await guideDashboard(ctxAt(t.db, '2026-11-23 20:00:00'), wang, { days: 30 });
    expect(month.since).toBe('2026-10-25');
    expect(month.totals).toEqual({ shares: 3, clicks: 5, orders: 3, gmvFen: 36_900, members: 5, newMembersToday: 1 });
    expect(month.shares.map((s) => s.shareId).at(-1)).toBe(oldCard);
    expect(month.groups.find((g) => g.groupId === 'g-old')).toEqual({
      groupId: 'g-old',
      name: null,
      activeMembers: 1,
      clicks: 1,
      orders: 1,
      gmvFen: 7_000,
      conversion: 1,
    });

    const today = await guideDashboard(ctxAt(t.db, '2026-11-23 20:00:00'), wang, { days: 1 });
    expect(today.totals).toEqual({ shares: 0, clicks: 1, orders: 1, gmvFen: 10_000, members: 5, newMembersToday: 1 });
    expect(today.shares.map((s) => [s.clicks, s.orders])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    // Today's order came from g-moms, where nobody opened my card today.
    expect(today.groups).toEqual([{ groupId: 'g-moms', name: null, activeMembers: 1, clicks: 0, orders: 1, gmvFen: 10_000, conversion: 0 }]);
  });

  it("shows another guide only their own numbers", async () => {
    const { li } = await scene();
    const dashboard = await guideDashboard(ctxAt(t.db, '2026-11-23 20:00:00'), li, {});
    expect(dashboard.totals).toEqual({ shares: 1, clicks: 1, orders: 1, gmvFen: 50_000, members: 1, newMembersToday: 0 });
    expect(dashboard.groups).toEqual([{ groupId: 'g-moms', name: null, activeMembers: 4, clicks: 1, orders: 1, gmvFen: 50_000, conversion: 1 }]);
  });

  it('lists my members, newest binding first, with their paid orders and GMV', async () => {
    const { wang, members } = await scene();
    const page = await guideMembers(ctxAt(t.db, '2026-11-23 20:00:00'), wang, {});
    expect(page).toMatchObject({ total: 5, newToday: 1, nextCursor: null });
    expect(page.items.map((m) => [m.id, m.boundAt, m.paidOrders, m.gmvFen])).toEqual([
      [members.v7.memberId, '2026-11-23T10:00:00+08:00', 0, 0],
      [members.v3.memberId, '2026-11-22T12:00:00+08:00', 0, 0],
      [members.v2.memberId, '2026-11-21T11:00:00+08:00', 0, 0],
      [members.v1.memberId, '2026-11-20T10:05:00+08:00', 2, 29_900],
      [members.v4.memberId, '2026-11-10T10:00:00+08:00', 1, 7_000],
    ]);
    expect(page.items[0]).toMatchObject({ nickname: null, avatarUrl: null, tier: { key: 'normal', name: '普通会员' } });
  });

  it('pages through many members without repeats or gaps, members bound at the same moment included', async () => {
    const wang = await staffJoinedAt(t.db, 'wang', 'guide', '2026-10-01 09:00:00');
    await t.db.query(
      `insert into members (openid, created_at, guide_id, guide_bound_at)
       select 'm-' || g, $2, $1, $2::timestamptz + (g / 3) * interval '1 hour' from generate_series(1, 45) g`,
      [wang.memberId, at('2026-11-22 12:00:00')],
    );
    const ctx = ctxAt(t.db, '2026-11-23 20:00:00');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await guideMembers(ctx, wang, cursor ? { cursor } : {});
      expect(page.total).toBe(45);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(45);
    // Three an hour from 22 Nov 12:00: the ten from g = 36 on were bound on 23 Nov, today.
    expect((await guideMembers(ctx, wang, {})).newToday).toBe(10);
  });

  const NOW = '2026-11-23 20:00:00';

  it("lists the groups a guide's cards were opened in, newest first, with members seen and the latest activity", async () => {
    const { wang, li } = await scene();
    const mine = await guideGroups(ctxAt(t.db, NOW), wang, {});
    expect(mine).toEqual({
      items: [
        { groupId: 'g-run', name: null, firstSeenOn: '2026-11-22', membersSeen: 1, lastActiveOn: '2026-11-22' },
        // v1, v2 opened my card; v5 李's; v6 checked in from the group today.
        { groupId: 'g-moms', name: null, firstSeenOn: '2026-11-20', membersSeen: 4, lastActiveOn: '2026-11-23' },
        { groupId: 'g-old', name: null, firstSeenOn: '2026-11-10', membersSeen: 1, lastActiveOn: '2026-11-10' },
      ],
      nextCursor: null,
    });
    // 李's card reached only g-moms, a day after 王's.
    expect((await guideGroups(ctxAt(t.db, NOW), li, {})).items).toEqual([
      { groupId: 'g-moms', name: null, firstSeenOn: '2026-11-21', membersSeen: 4, lastActiveOn: '2026-11-23' },
    ]);
  });

  it('lets a guide name the groups their cards were opened in, and rename them; the name shows on every dashboard that lists the group', async () => {
    const { wang, li } = await scene();
    const named = await nameGroup(ctxAt(t.db, '2026-11-23 10:00:00'), wang, { groupId: 'g-moms', name: '森屿宝妈群' });
    expect(named).toEqual({ groupId: 'g-moms', name: '森屿宝妈群', firstSeenOn: '2026-11-20', membersSeen: 4, lastActiveOn: '2026-11-23' });
    expect((await guideGroups(ctxAt(t.db, NOW), wang, {})).items.map((g) => [g.groupId, g.name])).toEqual([
      ['g-run', null],
      ['g-moms', '森屿宝妈群'],
      ['g-old', null],
    ]);
    const wangBoard = await guideDashboard(ctxAt(t.db, NOW), wang, {});
    expect(wangBoard.groups.map((g) => [g.groupId, g.name])).toEqual([
      ['g-moms', '森屿宝妈群'],
      ['g-run', null],
    ]);
    // One name per group: 李, whose card was opened there too, sees it and may rename it.
    expect((await guideDashboard(ctxAt(t.db, NOW), li, {})).groups[0]).toMatchObject({ groupId: 'g-moms', name: '森屿宝妈群' });
    expect(await nameGroup(ctxAt(t.db, '2026-11-23 11:00:00'), li, { groupId: 'g-moms', name: '宝妈交流群' })).toMatchObject({ name: '宝妈交流群' });
    expect((await guideGroups(ctxAt(t.db, NOW), wang, {})).items[1]).toMatchObject({ groupId: 'g-moms', name: '宝妈交流群' });
    const { rows } = await t.db.query<{ named_by: string; named_at: Date }>('select named_by, named_at from wechat_groups where group_id = $1', ['g-moms']);
    expect(rows).toEqual([{ named_by: li.memberId, named_at: at('2026-11-23 11:00:00') }]);
  });

  it("refuses a guide a group their cards were not opened in (403, known or not); an admin names any group seen, an unknown one is 404", async () => {
    const { li } = await scene();
    const admin = await staffJoinedAt(t.db, 'boss', 'admin', '2026-10-01 09:00:00');
    const ctx = ctxAt(t.db, NOW);
    for (const groupId of ['g-run', 'g-nowhere']) {
      expect(await nameGroup(ctx, li, { groupId, name: '别人的群' })).toMatchObject({ code: 'FORBIDDEN', message: '只能给打开过你分享卡片的群命名' });
    }
    expect(await nameGroup(ctx, admin, { groupId: 'g-nowhere', name: '不存在' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await nameGroup(ctx, admin, { groupId: 'g-run', name: '跑步群' })).toMatchObject({ groupId: 'g-run', name: '跑步群', firstSeenOn: '2026-11-22' });
    const { rows } = await t.db.query('select group_id, name from wechat_groups where name is not null');
    expect(rows).toEqual([{ group_id: 'g-run', name: '跑步群' }]);
    // An admin lists every group seen, whoever's card reached it.
    expect((await guideGroups(ctx, admin, {})).items.map((g) => [g.groupId, g.name, g.firstSeenOn, g.membersSeen])).toEqual([
      ['g-run', '跑步群', '2026-11-22', 1],
      ['g-moms', null, '2026-11-20', 4],
      ['g-old', null, '2026-11-10', 1],
    ]);
  });

  it('pages through many groups without repeats or gaps, groups first seen on the same day included', async () => {
    const wang = await staffJoinedAt(t.db, 'wang', 'guide', '2026-10-01 09:00:00');
    const admin = await staffJoinedAt(t.db, 'boss', 'admin', '2026-10-01 09:00:00');
    const invite = ok(await createShare(ctxAt(t.db, '2026-11-01 09:00:00'), wang, {})).shareId;
    await t.db.query(`insert into members (openid, created_at) select 'viewer-' || g, $1 from generate_series(1, 45) g`, [at('2026-10-01 09:00:00')]);
    // Each viewer opened the card in a group of their own, three groups a day from 1 Nov.
    await t.db.query(
      `insert into share_clicks (share_id, viewer_id, group_id, first_clicked_at, last_clicked_at)
       select $1, m.id, 'grp-' || g, $2::timestamptz + (g / 3) * interval '1 day', $2::timestamptz + (g / 3) * interval '1 day'
       from generate_series(1, 45) g join members m on m.openid = 'viewer-' || g`,
      [invite, at('2026-11-01 12:00:00')],
    );
    await t.db.query(
      `insert into wechat_groups (group_id, first_seen_on) select 'grp-' || g, date '2026-11-01' + g / 3 from generate_series(1, 45) g`,
    );
    for (const actor of [wang, admin]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await guideGroups(ctxAt(t.db, NOW), actor, cursor ? { cursor } : {});
        seen.push(...page.items.map((g) => g.groupId));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(45);
      expect(seen.slice(0, 3)).toEqual(['grp-45', 'grp-44', 'grp-43']);
    }
  });

  it("shows each member's last visit, and orders and GMV through me only (another guide's and refunded orders are not mine)", async () => {
    const { wang, li, sku, liCard, members } = await scene();
    await getProfile(ctxAt(t.db, '2026-11-21 09:00:00'), members.v3);
    await getProfile(ctxAt(t.db, '2026-11-22 09:00:00'), members.v1);
    await catalogHome(ctxAt(t.db, '2026-11-23 19:00:00'), members.v1);
    await order(t.db, sku, {
      member: members.v1,
      guide: li,
      shareId: liCard,
      groupId: 'g-moms',
      status: 'paid',
      totalFen: 88_800,
      createdAt: '2026-11-23 18:00:00',
      paidAt: '2026-11-23 18:01:00',
    });
    const page = await guideMembers(ctxAt(t.db, NOW), wang, {});
    expect(page.items.map((m) => [m.id, m.lastVisitOn, m.paidOrders, m.gmvFen])).toEqual([
      [members.v7.memberId, null, 0, 0],
      [members.v3.memberId, '2026-11-21', 0, 0],
      [members.v2.memberId, null, 0, 0],
      [members.v1.memberId, '2026-11-23', 2, 29_900],
      [members.v4.memberId, null, 1, 7_000],
    ]);
  });

  it("opens a member of mine: orders through me, coupons without their codes, the check-in streak; another guide's member is 404", async () => {
    const { wang, li, sku, liCard, members } = await scene();
    const { v1, v5, v6 } = members;
    await order(t.db, sku, { member: v1, guide: li, shareId: liCard, groupId: null, status: 'paid', totalFen: 88_800, createdAt: '2026-11-23 18:00:00', paidAt: '2026-11-23 18:01:00' });
    await doCheckin(ctxAt(t.db, '2026-11-22 08:00:00'), v1, {});
    await doCheckin(ctxAt(t.db, '2026-11-23 08:00:00'), v1, {});
    const template = await couponTemplate(t.db, { name: '满100减20' });
    await t.db.query(
      `insert into coupons (template_id, member_id, code, source, source_id, issued_at, valid_from, valid_until, used_at)
       values ($1, $2, 'USEDCODE0001', 'admin', 'c-1', $3, '2026-11-01', '2026-12-31', $4),
              ($1, $2, 'OPENCODE0002', 'admin', 'c-2', $3, '2026-11-01', '2026-12-31', null)`,
      [template.id, v1.memberId, at('2026-11-02 09:00:00'), at('2026-11-10 09:00:00')],
    );

    const detail = await guideMemberDetail(ctxAt(t.db, NOW), wang, { targetMemberId: v1.memberId });
    if (detail instanceof Failure) throw new Error(detail.code);
    expect(detail.member).toMatchObject({ id: v1.memberId, joinedOn: '2026-11-01', boundAt: '2026-11-20T10:05:00+08:00', paidOrders: 2, gmvFen: 29_900 });
    expect(detail.guide).toEqual({ id: wang.memberId, nickname: null, me: true });
    expect(detail.checkin).toEqual({ streak: 2, lastDay: '2026-11-23', days: 2 });
    // Mine only, newest first: 李's ¥888 order is not.
    expect(detail.orderCount).toBe(2);
    expect(detail.orders.map((o) => [o.totalFen, o.status, o.paidAt])).toEqual([
      [10_000, 'paid', '2026-11-23T09:00:00+08:00'],
      [19_900, 'paid', '2026-11-21T12:00:00+08:00'],
    ]);
    expect(detail.coupons.map((c) => [c.name, c.state])).toEqual([
      ['满100减20', 'available'],
      ['满100减20', 'used'],
    ]);
    expect(JSON.stringify(detail)).not.toMatch(/CODE000/);

    for (const other of [v5, v6]) {
      expect(await guideMemberDetail(ctxAt(t.db, NOW), wang, { targetMemberId: other.memberId })).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await guideMemberDetail(ctxAt(t.db, NOW), wang, { targetMemberId: '999999' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("lets an admin open any member, with the orders through the member's own guide", async () => {
    const { li, members } = await scene();
    const admin = await staffJoinedAt(t.db, 'boss', 'admin', '2026-10-01 09:00:00');
    const ofLi = await guideMemberDetail(ctxAt(t.db, NOW), admin, { targetMemberId: members.v5.memberId });
    expect(ofLi).toMatchObject({ guide: { id: li.memberId, me: false }, orderCount: 1, orders: [{ totalFen: 50_000 }], member: { paidOrders: 1, gmvFen: 50_000 } });
    // v6 only checked in from a group: no guide, no orders through one.
    const unbound = await guideMemberDetail(ctxAt(t.db, NOW), admin, { targetMemberId: members.v6.memberId });
    expect(unbound).toMatchObject({ guide: null, orderCount: 0, orders: [], member: { boundAt: null }, checkin: { streak: 1, lastDay: '2026-11-23', days: 1 } });
  });
});
