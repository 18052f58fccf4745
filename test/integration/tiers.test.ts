import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import { bookGrowth, growthInWindow } from '@cloud/services/tiers/growth-ledger';
import { getTierCard } from '@cloud/services/tiers/tier-card';
import { evaluateTierAnniversariesBatch } from '@cloud/services/tiers/evaluate-tiers';
import { toActor, type MemberRow } from '@cloud/services/member/member-row';
import { MEMBER_COLUMNS } from '@cloud/services/member/member-row';
import { backends, useTestDatabase } from '../support/databases';
import { runToEnd } from '../support/jobs';
import { at, brand, ctxAt, memberJoinedAt } from '../support/fixtures';

describe.each(backends)('tiers on %s', (backend) => {
  const t = useTestDatabase(backend);

  const reload = async (memberId: string) =>
    toActor((await t.db.query<MemberRow>(`select ${MEMBER_COLUMNS} from members where id = $1`, [memberId])).rows[0]!);
  const giveGrowth = (memberId: string, amount: number, day: string) =>
    t.db.query(
      `insert into growth_ledger (member_id, amount, source, source_id, day, created_at) values ($1, $2, 'test', $3, $4, now())`,
      [memberId, amount, `${memberId}:${day}:${amount}`, day],
    );

  it('upgrades at once when a check-in brings the growth value to a threshold', async () => {
    const actor = await memberJoinedAt(t.db, 'climber', '2026-01-01 08:00:00');
    await giveGrowth(actor.memberId, 495, '2026-11-01');
    const result = await doCheckin(ctxAt(t.db, '2026-11-23 09:00:00'), actor, {});
    expect(result.upgradedTo).toEqual({ key: 'silver', name: '银卡会员' });
    const silver = await reload(actor.memberId);
    expect(silver.tier).toBe('silver');
    // Silver earns ×1.2: 10 → 12 points the next day.
    const next = await doCheckin(ctxAt(t.db, '2026-11-24 09:00:00'), silver, {});
    expect([next.pointsGained, next.upgradedTo]).toEqual([12, null]);
    const card = await getTierCard(ctxAt(t.db, '2026-11-24 10:00:00'), silver);
    expect(card).toMatchObject({
      tier: { key: 'silver' },
      growth: 505,
      next: { key: 'gold', needed: 1495 },
      keep: { threshold: 300, needed: 0, on: '2027-11-23' },
    });
    expect(card.tiers.map((x) => x.benefits.pointsMultiplier)).toEqual([1, 1.2, 1.5, 2]);
  });

  it('books growth once per source and answers the growth of the window, the new row included', async () => {
    const actor = await memberJoinedAt(t.db, 'ledger', '2026-01-01 08:00:00');
    const book = (amount: number, source: 'order' | 'refund', sourceId: string, day: string) =>
      bookGrowth(t.db, 12, { memberId: actor.memberId, amount, source, sourceId, day, at: at(`${day} 10:00:00`) });
    expect(await book(300, 'order', 'o-1', '2026-11-01')).toBe(300);
    expect(await book(0, 'order', 'o-2', '2026-11-02')).toBe(300);
    expect(await book(-100, 'refund', 'o-1', '2026-11-03')).toBe(200);
    await expect(book(300, 'order', 'o-1', '2026-11-04')).rejects.toThrow();
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from growth_ledger where member_id = $1', [actor.memberId]);
    expect(rows[0]!.n).toBe(2);
    expect(await growthInWindow(t.db, actor.memberId, '2026-11-04', 12)).toBe(200);
  });

  it('growth older than the 12-month window no longer counts', async () => {
    const actor = await memberJoinedAt(t.db, 'faded', '2025-01-01 08:00:00');
    await giveGrowth(actor.memberId, 600, '2025-11-23');
    expect((await getTierCard(ctxAt(t.db, '2026-11-23 09:00:00'), actor)).growth).toBe(0);
    expect((await getTierCard(ctxAt(t.db, '2026-11-22 09:00:00'), actor)).growth).toBe(600);
  });

  it('at the anniversary keeps, moves up or drops one level, and not before; only a move up is an upgrade (the 升级 SOP step)', async () => {
    const keeper = await memberJoinedAt(t.db, 'keeper', '2025-01-01 08:00:00');
    const dropper = await memberJoinedAt(t.db, 'dropper', '2025-01-01 08:00:00');
    const riser = await memberJoinedAt(t.db, 'riser', '2025-01-01 08:00:00');
    await t.db.query(`update members set tier = 'gold', tier_since = '2025-11-23', tier_raised_on = '2025-11-23' where id = any($1::bigint[])`, [
      [keeper.memberId, dropper.memberId],
    ]);
    await t.db.query(`update members set tier = 'silver', tier_since = '2025-11-23', tier_raised_on = '2025-11-23' where id = $1`, [riser.memberId]);
    await giveGrowth(keeper.memberId, 1500, '2026-06-01');
    await giveGrowth(dropper.memberId, 100, '2026-06-01');
    await giveGrowth(riser.memberId, 2500, '2026-06-01');

    const early = await runToEnd(t.db, evaluateTierAnniversariesBatch, brand, at('2026-11-22 23:59:59'));
    expect(early.evaluated).toBe(0);
    const due = await runToEnd(t.db, evaluateTierAnniversariesBatch, brand, at('2026-11-23 00:10:00'));
    expect(due).toEqual({ evaluated: 3, kept: 1, upgraded: 1, downgraded: 1 });
    const { rows } = await t.db.query<{ openid: string; tier: string; tier_since: string; tier_raised_on: string }>(
      'select openid, tier, tier_since, tier_raised_on from members order by openid',
    );
    expect(rows).toEqual([
      { openid: 'dropper', tier: 'silver', tier_since: '2026-11-23', tier_raised_on: '2025-11-23' },
      { openid: 'keeper', tier: 'gold', tier_since: '2026-11-23', tier_raised_on: '2025-11-23' },
      { openid: 'riser', tier: 'gold', tier_since: '2026-11-23', tier_raised_on: '2026-11-23' },
    ]);
    const again = await runToEnd(t.db, evaluateTierAnniversariesBatch, brand, at('2026-11-23 12:00:00'));
    expect(again.evaluated).toBe(0);
  });

  it('uses the tier multipliers on member day (diamond ×2 points, ×3 on Wednesday)', async () => {
    const actor = await memberJoinedAt(t.db, 'diamond', '2026-01-01 08:00:00');
    await t.db.query(`update members set tier = 'diamond', tier_since = '2026-06-01' where id = $1`, [actor.memberId]);
    const diamond = await reload(actor.memberId);
    const wednesday = await doCheckin(ctxAt(t.db, '2026-11-25 09:00:00'), diamond, {});
    expect(wednesday.pointsGained).toBe(DEFAULT_BRAND_SETTINGS.checkin.basePoints * 2 * 3);
  });
});
