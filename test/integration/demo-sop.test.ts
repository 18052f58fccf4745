/**
 * The demo SOP (cloud/seed/demo-sop.ts): after a first start the demo guide 王姐 opens 今日任务
 * with tasks from the demo crowd — the 流失预警 members' win-back with its coupon and the reason in
 * the script, the 高价值 members first — and the plans carry the demo coupon templates.
 */
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '@cloud/seed/demo-data';
import { Failure } from '@cloud/services/failure';
import { toActor } from '@cloud/services/member/member-row';
import { resolveMember } from '@cloud/services/member/resolve-member';
import { loadBrandSettings } from '@cloud/services/settings/brand-settings-store';
import { guideTasks } from '@cloud/services/sop/guide-tasks';
import { listSopPlans } from '@cloud/services/sop/sop-plans';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at } from '../support/fixtures';

describe.each(backends)('demo SOP on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('the demo guide has today’s tasks from the crowd, 高价值 and 流失预警 first, and the plans give the demo coupons', async () => {
    const now = at('2026-11-23 08:00:00');
    expect(await seedDemoData(t.db, now, adapters)).toBe(true);
    const ctx = { db: t.db, now, brand: await loadBrandSettings(t.db), adapters };

    const plans = await listSopPlans(ctx);
    expect(plans.map((p) => [p.name, p.enabled])).toEqual([
      ['新客 1v1', true],
      ['节日与生日', true],
      ['分层运营', true],
    ]);
    const couponOf = (key: string) => plans.flatMap((p) => p.steps).find((s) => s.key === key)!.couponTemplateId;
    for (const key of ['welcome', 'revisit-3', 'revisit-7', 'birthday', 'churn-winback']) expect(couponOf(key), key).not.toBeNull();

    const guide = toActor(await resolveMember(t.db, 'demo-guide', now));
    const today = await guideTasks(ctx, guide, {});
    if (today instanceof Failure) throw new Error(today.message);
    expect(today.day).toBe('2026-11-23');
    const steps = today.items.map((i) => i.step.key);
    expect(steps).toContain('churn-winback');
    expect(steps).toContain('high-value');
    const winback = today.items.find((i) => i.step.key === 'churn-winback')!;
    expect(winback.priority).toBe('high');
    expect(winback.coupon?.name).toBe('回归券 满150减40');
    expect(winback.script).toMatch(new RegExp(`^${winback.member.nickname}，好久没见到您啦（平时约 .+ 天来一次，已 \\d+ 天没来）`));
  });
});
