import { describe, expect, it } from 'vitest';
import type { SopStep } from '@cloud/domain/sop-plan';
import { Failure } from '@cloud/services/failure';
import { listSopPlans, saveSopPlan } from '@cloud/services/sop/sop-plans';
import { backends, useTestDatabase } from '../support/databases';
import { ctxAt, memberJoinedAt } from '../support/fixtures';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

const NOW = '2026-11-23 10:00:00';

const welcome: SopStep = {
  key: 'welcome',
  name: '欢迎',
  trigger: { kind: 'bound', days: 0 },
  dueTime: '10:00',
  expiresAfterDays: 2,
  script: '{昵称}您好，我是您的专属导购{导购}',
  couponTemplateId: null,
  product: null,
};

describe.each(backends)('SOP plans on %s', (backend) => {
  const t = useTestDatabase(backend);
  const ctx = () => ctxAt(t.db, NOW);

  it('a save is a new version; the form saved on a stale version is refused with VERSION_CONFLICT and changes nothing', async () => {
    const admin = { ...(await memberJoinedAt(t.db, 'admin', NOW)), role: 'admin' as const };
    const created = ok(await saveSopPlan(ctx(), admin, { name: '新客 1v1', enabled: true, steps: [welcome] }));
    expect(created).toMatchObject({ name: '新客 1v1', version: 1, enabled: true, tasks: { open: 0, done30: 0 } });

    const edited = ok(
      await saveSopPlan(ctx(), admin, { planId: created.id, version: 1, name: '新客 1v1', enabled: true, steps: [{ ...welcome, script: '{昵称}，欢迎来到我们的会员群' }] }),
    );
    expect(edited.version).toBe(2);

    const stale = await saveSopPlan(ctx(), admin, { planId: created.id, version: 1, name: '改名', enabled: false, steps: [welcome] });
    expect(stale).toBeInstanceOf(Failure);
    expect(stale).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((stale as Failure).message).toMatch(/已被其他人修改/);

    const plans = await listSopPlans(ctx());
    expect(plans).toEqual([expect.objectContaining({ id: created.id, name: '新客 1v1', version: 2, steps: [expect.objectContaining({ script: '{昵称}，欢迎来到我们的会员群' })] })]);
    const versions = await t.db.query<{ version: number; script: string }>(
      `select version, steps->0->>'script' as script from sop_plan_versions where plan_id = $1 order by version`,
      [created.id],
    );
    expect(versions.rows).toEqual([
      { version: 1, script: welcome.script },
      { version: 2, script: '{昵称}，欢迎来到我们的会员群' },
    ]);
    const audit = await t.db.query<{ kind: string; target_type: string }>(`select kind, target_type from audit_log order by id`);
    expect(audit.rows).toEqual([
      { kind: 'sop.plan', target_type: 'sopPlan' },
      { kind: 'sop.plan', target_type: 'sopPlan' },
    ]);
  });

  it('two steps with one key, or a coupon template that does not exist, are refused at their field', async () => {
    const twice = await saveSopPlan(ctx(), null, { name: '计划', enabled: true, steps: [welcome, { ...welcome, name: '又一个' }] });
    expect(twice).toMatchObject({ code: 'INVALID_PARAMS', fields: [{ path: 'steps.1.key', message: '步骤标识不能重复' }] });
    const missing = await saveSopPlan(ctx(), null, { name: '计划', enabled: true, steps: [{ ...welcome, couponTemplateId: '999' }] });
    expect(missing).toMatchObject({ code: 'INVALID_PARAMS', fields: [{ path: 'steps.0.couponTemplateId', message: '优惠券模板不存在' }] });
  });
});
