import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Role } from '@cloud/contract';
import type { Db } from '@cloud/db/port';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import type { Actor } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { guideDashboard } from '@cloud/services/guide/dashboard';
import { guideMembers } from '@cloud/services/guide/members';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { createShare } from '@cloud/services/sharing/create-share';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import { openShare } from '@cloud/services/sharing/open-share';
import { backends, useTestDatabase } from '../support/databases';
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
  createdAt: string;
  paidAt?: string;
  refundedAt?: string;
}

/** An order as the order use cases leave it, written directly: the numbers are what is under test. */
async function order(db: Db, sku: Sku, o: OrderFact): Promise<void> {
  await db.query(
    `insert into orders (member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, category_id,
       list_price_fen, unit_price_fen, total_fen, share_id, guide_id, group_id, created_at, expires_at, paid_at, refunded_at)
     values ($1, $2, $3, $4, $5, 1, '羊毛大衣', '驼色 / M', $6, $7, $7, $7, $8, $9, $10, $11, $11::timestamptz + interval '15 minutes', $12, $13)`,
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
    await order(db, oldSku, { ...fact, member: v4!, shareId: oldCard, groupId: 'g-old', totalFen: 7_000, ...paid('2026-11-12 10:00:00') });
    return { wang, li, sku, card, invite, oldCard, members: { v1: v1!, v2: v2!, v3: v3!, v4: v4!, v7 } };
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
        { groupId: 'g-moms', activeMembers: 4, clicks: 2, orders: 2, gmvFen: 29_900, conversion: 0.5 },
        { groupId: 'g-run', activeMembers: 1, clicks: 1, orders: 0, gmvFen: 0, conversion: 0 },
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
    expect(today.groups).toEqual([{ groupId: 'g-moms', activeMembers: 1, clicks: 0, orders: 1, gmvFen: 10_000, conversion: 0 }]);
  });

  it("shows another guide only their own numbers", async () => {
    const { li } = await scene();
    const dashboard = await guideDashboard(ctxAt(t.db, '2026-11-23 20:00:00'), li, {});
    expect(dashboard.totals).toEqual({ shares: 1, clicks: 1, orders: 1, gmvFen: 50_000, members: 1, newMembersToday: 0 });
    expect(dashboard.groups).toEqual([{ groupId: 'g-moms', activeMembers: 4, clicks: 1, orders: 1, gmvFen: 50_000, conversion: 1 }]);
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
});
