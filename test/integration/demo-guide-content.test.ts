/**
 * The guides' playbook a first start loads: 王姐 opens a 话术库 in the four categories, today's
 * plan for 森屿宝妈群 and a week of 朋友圈 posts; the admin sees the week's mix.
 */
import { describe, expect, it } from 'vitest';
import { groupPlanDay } from '@cloud/services/guide-content/group-plan';
import { adminMomentsWeek, guideMoments } from '@cloud/services/guide-content/moments';
import { guideScripts } from '@cloud/services/guide-content/scripts';
import { toActor } from '@cloud/services/member/member-row';
import { resolveMember } from '@cloud/services/member/resolve-member';
import { loadBrandSettings } from '@cloud/services/settings/brand-settings-store';
import { seedDemoData } from '@cloud/seed/demo-data';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at } from '../support/fixtures';

describe.each(backends)('demo guide content on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('gives 王姐 scripts, a plan for her named group and a week of 朋友圈 (a Monday evening start)', async () => {
    // 2026-12-07 is a Monday: the demo night market sells a category on Monday nights.
    const now = at('2026-12-07 20:30:00');
    expect(await seedDemoData(t.db, now, adapters)).toBe(true);
    const ctx = { db: t.db, now, brand: await loadBrandSettings(t.db), adapters };
    const guide = toActor(await resolveMember(t.db, 'demo-guide', now));

    const library = await guideScripts(ctx, {});
    expect(library.categories.every((c) => c.count > 0)).toBe(true);
    const product = library.categories.find((c) => c.key === 'product')!.count;
    expect(product / library.items.length).toBeGreaterThan(0.5);
    expect(library.items[0]!.copies).toBeGreaterThanOrEqual(library.items[1]!.copies);

    const plan = await groupPlanDay(ctx, guide);
    expect(plan.groups.map((g) => g.name)).toEqual(['森屿宝妈群']);
    const posts = plan.groups[0]!.posts;
    expect(posts.map((p) => p.time)).toEqual(['10:00', '20:00', '22:00']);
    expect(posts.every((p) => !p.copy.includes('{'))).toBe(true);
    expect(posts[2]!.card).toMatchObject({ kind: 'night_market' });

    const week = await guideMoments(ctx, guide, {});
    expect(week.days.find((d) => d.day === '2026-12-07')!.posts.length).toBeGreaterThanOrEqual(1);
    const mix = await adminMomentsWeek(ctx, {});
    expect(mix.mix.every((m) => m.count > 0)).toBe(true);
  });
});
