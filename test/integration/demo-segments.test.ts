/**
 * The demo crowd a first start loads for segmentation (cloud/seed/demo-segments.ts): after the
 * seed, today's segmentation run has put every demo member in a value layer — each layer has
 * someone, and each member of the crowd is in the layer they were drawn for — the churn warning
 * speaks in the member's rhythm, the two example segments are computed with members, and the
 * demo member 小林 has tags. The crowd's history holds together: streaks run, order totals add
 * up, nothing is dated after the start, and no points were booked without a ledger row.
 */
import { describe, expect, it } from 'vitest';
import { LAYER_KEYS } from '@cloud/domain/value-layers';
import { DEMO_CROWD, DEMO_SEGMENTS } from '@cloud/seed/demo-segments';
import { seedDemoData } from '@cloud/seed/demo-data';
import { listSegments, previewSegment } from '@cloud/services/segments/segments';
import { toActor } from '@cloud/services/member/member-row';
import { resolveMember } from '@cloud/services/member/resolve-member';
import { loadBrandSettings } from '@cloud/services/settings/brand-settings-store';
import { segmentRuleSchema } from '@cloud/domain/segment-rule';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at, ledgerMismatches } from '../support/fixtures';

const REASON = /^平时约 \d+(\.\d)? 天来一次，已 \d+ 天没来$/;

describe.each(backends)('demo segmentation on %s', (backend) => {
  const t = useTestDatabase(backend);

  // An evening, and just after midnight on a 会员日 (Wednesday), when today's check-ins are still to come.
  it.each(['2026-11-23 20:00:00', '2026-11-25 00:10:00'])('puts the demo members in layers with tags and saves two segments when started at %s', async (startedAt) => {
    const now = at(startedAt);
    expect(await seedDemoData(t.db, now, adapters)).toBe(true);
    const ctx = { db: t.db, now, brand: await loadBrandSettings(t.db), adapters };

    const { rows: facts } = await t.db.query<{ openid: string; layer: string; churn_reason: string | null }>(
      `select m.openid, f.layer, f.churn_reason from member_facts f join members m on m.id = f.member_id`,
    );
    for (const layer of LAYER_KEYS) expect(facts.filter((f) => f.layer === layer).length, layer).toBeGreaterThan(0);
    const layerOf = new Map(facts.map((f) => [f.openid, f.layer]));
    expect(DEMO_CROWD.map((c) => [c.nickname, layerOf.get(c.openid)])).toEqual(DEMO_CROWD.map((c) => [c.nickname, c.drawnAs]));

    const atRisk = facts.filter((f) => f.layer === 'at_risk');
    for (const f of atRisk) expect(f.churn_reason).toMatch(REASON);
    const jiajia = DEMO_CROWD.find((c) => c.nickname === '佳佳')!;
    expect(atRisk.find((f) => f.openid === jiajia.openid)?.churn_reason).toBe('平时约 2 天来一次，已 12 天没来');

    const segments = await listSegments(ctx);
    expect(segments.map((s) => s.name).sort()).toEqual(DEMO_SEGMENTS.map((s) => s.name).sort());
    for (const segment of segments) {
      expect(segment).toMatchObject({ status: 'ready', error: null });
      expect(segment.memberCount, segment.name).toBeGreaterThan(0);
      // The saved membership is what a preview of the same rule finds.
      const admin = toActor(await resolveMember(t.db, 'demo-admin', now));
      expect((await previewSegment(ctx, admin, { rule: segmentRuleSchema.parse(segment.rule) })).count).toBe(segment.memberCount);
    }

    const { rows: xiaolin } = await t.db.query<{ tag_key: string }>(
      `select t.tag_key from member_tags t join members m on m.id = t.member_id where m.openid = 'demo-member'`,
    );
    expect(xiaolin.length).toBeGreaterThan(0);
    expect(xiaolin.map((r) => r.tag_key)).toContain('rule:checkin-star');

    // The history holds together.
    const { rows: broken } = await t.db.query<{ streaks: number; totals: number; later: number }>(
      `select
         (select count(*)::int from checkins c
           where c.streak <> coalesce((select p.streak + 1 from checkins p where p.member_id = c.member_id and p.day = c.day - 1), 1)) as streaks,
         (select count(*)::int from orders
           where total_fen - shipping_fen <> unit_price_fen * qty - coupon_discount_fen
              or unit_price_fen * qty <> list_price_fen * qty - member_discount_fen - member_day_discount_fen) as totals,
         ((select count(*) from orders where paid_at > $1 or created_at > $1 or completed_at > $1)
           + (select count(*) from checkins where created_at > $1) + (select count(*) from share_clicks where last_clicked_at > $1)
           + (select count(*) from shares where created_at > $1) + (select count(*) from members where created_at > $1)
           + (select count(*) from member_visits where day > $2::date) + (select count(*) from product_views where day > $2::date))::int as later`,
      [now, startedAt.slice(0, 10)],
    );
    expect(broken[0]).toEqual({ streaks: 0, totals: 0, later: 0 });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });
});
