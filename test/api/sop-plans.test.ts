import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SopPlanView } from '@cloud/contract';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('SOP plans over HTTP', () => {
  let server: TestServer;
  let admin: (body: Record<string, unknown>) => ReturnType<typeof post<any>>;
  beforeAll(async () => {
    server = await startTestServer();
    const token = await devLogin(server.url, 'sop-admin', 'admin');
    admin = (body) => post<any>(`${server.url}/api/fn/admin`, body, { token });
  });
  afterAll(() => server?.close());

  it('the brand has the three default plans; a save on a stale version answers 409 VERSION_CONFLICT; an unknown {变量} is refused at its field', async () => {
    const listed = await admin({ action: 'sopPlans' });
    expect(listed.status).toBe(200);
    const plans = listed.body.data as SopPlanView[];
    expect(plans.map((p) => [p.name, p.steps.length])).toEqual([
      ['新客 1v1', 5],
      ['节日与生日', 8],
      ['分层运营', 3],
    ]);
    const plan = plans[0]!;
    const edit = { action: 'saveSopPlan', planId: plan.id, version: plan.version, name: plan.name, enabled: true, steps: plan.steps.slice(0, 2) };

    const saved = await admin(edit);
    expect([saved.status, saved.body.data.version, saved.body.data.steps.length]).toEqual([200, plan.version + 1, 2]);

    const stale = await admin({ ...edit, name: '新客跟进' });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(stale.body.error.message).toBe('这个 SOP 计划已被其他人修改，请刷新后重新编辑');

    const unknown = await admin({ ...edit, version: plan.version + 1, steps: [{ ...plan.steps[0], script: '{姓名}您好' }] });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    expect(unknown.body.error.fields).toEqual([{ path: 'steps.0.script', message: '话术中没有这个变量：{姓名}' }]);
  });
});
