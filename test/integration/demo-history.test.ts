/**
 * The demo data a first start loads: the guide 王姐 and the admin open screens that are not all
 * zero, and every demo identity has a name.
 */
import { describe, expect, it } from 'vitest';
import { guideDashboard } from '@cloud/services/guide/dashboard';
import { guideGroups } from '@cloud/services/guide/groups';
import { guideMemberDetail } from '@cloud/services/guide/member-detail';
import { guideMembers } from '@cloud/services/guide/members';
import { getProfile } from '@cloud/services/member/get-profile';
import { toActor } from '@cloud/services/member/member-row';
import { resolveMember } from '@cloud/services/member/resolve-member';
import { loadBrandSettings } from '@cloud/services/settings/brand-settings-store';
import { DEMO_IDENTITIES, seedDemoData } from '@cloud/seed/demo-data';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at, ledgerMismatches } from '../support/fixtures';

describe.each(backends)('demo history on %s', (backend) => {
  const t = useTestDatabase(backend);

  it.each(['2026-11-23 20:00:00', '2026-11-24 00:30:00'])('gives 王姐 and the admin a week of history when started at %s', async (startedAt) => {
    const now = at(startedAt);
    expect(await seedDemoData(t.db, now, adapters)).toBe(true);
    const ctx = { db: t.db, now, brand: await loadBrandSettings(t.db), adapters };
    const actor = async (openid: string) => toActor(await resolveMember(t.db, openid, now));
    const [guide, admin, zhou] = await Promise.all(['demo-guide', 'demo-admin', 'demo-member-2'].map(actor));

    const board = await guideDashboard(ctx, guide!, { days: 7 });
    expect(board.totals).toMatchObject({ shares: 4, clicks: 6, orders: 5 });
    // Her members: the six the week's cards brought, and the demo crowd (demo-segments.ts) bound to her before it.
    expect(board.totals.members).toBeGreaterThanOrEqual(6);
    expect(board.totals.gmvFen).toBeGreaterThan(0);
    expect(board.groups.map((g) => g.name)).toContain('森屿宝妈群');
    expect((await guideDashboard(ctx, admin!, { days: 7 })).totals).toMatchObject({ shares: 1, clicks: 2, orders: 1 });

    const members = await guideMembers(ctx, guide!, {});
    expect(members.total).toBe(board.totals.members);
    expect(members.items.every((m) => m.nickname)).toBe(true);
    const zhouRow = members.items.find((m) => m.id === zhou!.memberId)!;
    expect(zhouRow).toMatchObject({ nickname: '小周', paidOrders: 2 });
    expect(zhouRow.lastVisitOn).not.toBeNull();
    expect(await guideMemberDetail(ctx, guide!, { targetMemberId: zhou!.memberId })).toMatchObject({ orderCount: 2, checkin: { days: 3 } });

    expect((await guideGroups(ctx, admin!, {})).items.map((g) => g.name)).toEqual(expect.arrayContaining(['森屿宝妈群', null]));
    expect((await guideGroups(ctx, admin!, {})).items).toHaveLength(3);

    for (const identity of DEMO_IDENTITIES) {
      expect((await getProfile(ctx, await actor(identity.openid))).nickname).toBe(identity.nickname);
    }
    expect(DEMO_IDENTITIES.filter((i) => i.role === 'member')).toHaveLength(2);
    // Nothing dated after the start, and the points ledger holds.
    const { rows } = await t.db.query<{ n: number }>(
      `select (select count(*) from orders where paid_at > $1) + (select count(*) from share_clicks where last_clicked_at > $1)
         + (select count(*) from member_visits where day > $2::date) as n`,
      [now, startedAt.slice(0, 10)],
    );
    expect(Number(rows[0]!.n)).toBe(0);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });
});
