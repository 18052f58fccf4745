import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDay } from '@cloud/domain/business-day';
import { mintCode, startFakeWeChatLogin, type FakeWeChatLogin } from '../support/fake-wechat';
import { checkinPointsNow } from '../support/fixtures';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('sign-in with WeChat (code2Session)', () => {
  let wechat: FakeWeChatLogin;
  let server: TestServer;
  beforeAll(async () => {
    wechat = await startFakeWeChatLogin();
    server = await startTestServer({ wechatApiBase: wechat.url });
  });
  afterAll(async () => {
    await server?.close();
    await wechat?.close();
  });

  it('turns a wx.login code into a session for that openid, creating the member', async () => {
    const login = await post(`${server.url}/api/auth/login`, { code: mintCode('wx-openid-1') });
    expect(login.status).toBe(200);
    expect(login.body.data.member).toMatchObject({ role: 'member', pointsBalance: 0 });
    const checkin = await post(`${server.url}/api/fn/checkin`, { action: 'do' }, { token: login.body.data.token });
    expect(checkin.body.data.balance).toBe(checkinPointsNow());
  });

  it('refuses a code WeChat rejects, and a code used twice', async () => {
    const code = mintCode('wx-openid-2');
    expect((await post(`${server.url}/api/auth/login`, { code })).status).toBe(200);
    const reused = await post(`${server.url}/api/auth/login`, { code });
    expect([reused.status, reused.body.error.code]).toEqual([400, 'WECHAT_LOGIN_FAILED']);
    const missing = await post(`${server.url}/api/auth/login`, {});
    expect([missing.status, missing.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
  });

  it("stores code2Session's session key for the member, never returning it", async () => {
    const login = await post(`${server.url}/api/auth/login`, { code: mintCode('wx-group-member') });
    expect(login.status).toBe(200);
    expect(JSON.stringify(login.body)).not.toContain('c2ltdWxhdGVkLXNlc3Npb24ta2V5');
    const { rows } = await server.db.query("select openid, session_key from wechat_sessions where openid = 'wx-group-member'");
    expect(rows).toEqual([{ openid: 'wx-group-member', session_key: 'c2ltdWxhdGVkLXNlc3Npb24ta2V5' }]);
  });
});

describe('server without WeChat credentials, in development', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimitPerMinute: 5 });
  });
  afterAll(() => server?.close());

  it('answers login with a clear 503', async () => {
    const reply = await post(`${server.url}/api/auth/login`, { code: 'any' });
    expect([reply.status, reply.body.error.code]).toEqual([503, 'WECHAT_NOT_CONFIGURED']);
  });

  it('lists the demo identities: two members (a second one a tap away), the guide and the admin', async () => {
    const reply = await (await fetch(`${server.url}/api/dev/identities`)).json();
    expect(reply.data.map((d: { role: string; label: string }) => [d.role, d.label])).toEqual([
      ['member', '会员 小林'],
      ['member', '会员 小周'],
      ['guide', '导购 王姐'],
      ['admin', '运营 小陈'],
    ]);
  });

  it('limits calls per identity: the sixth in a minute gets 429, another member is unaffected', async () => {
    const busy = await devLogin(server.url, 'rate-busy');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(`${server.url}/api/fn/points`, { action: 'balance' }, { token: busy })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await post(`${server.url}/api/fn/points`, { action: 'balance' }, { token: busy });
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    const calm = await devLogin(server.url, 'rate-calm');
    expect((await post(`${server.url}/api/fn/points`, { action: 'balance' }, { token: calm })).status).toBe(200);
  });

  it('runs the scheduled jobs at the dev clock: points earned long ago expire', async () => {
    const token = await devLogin(server.url, 'dev-jobs');
    await post(`${server.url}/api/fn/checkin`, { action: 'do' }, { token, headers: { 'x-dev-now': '2030-01-10T09:00:00+08:00' } });
    const run = await post(`${server.url}/api/dev/run-jobs`, {}, { headers: { 'x-dev-now': '2031-02-01T01:00:00+08:00' } });
    expect(run.body.data.find((r: { job: string }) => r.job === 'expire-points').result.points).toBeGreaterThanOrEqual(10);
    const balance = await post(`${server.url}/api/fn/points`, { action: 'balance' }, { token });
    expect(balance.body.data.balance).toBe(0);
    // Every daily job runs at a clock years ahead: the KPI rollup fills its year of missing days.
  }, 120_000);

  it('answers healthz', async () => {
    const reply = await fetch(`${server.url}/healthz`);
    expect(reply.status).toBe(200);
  });
});

describe('server in production mode', () => {
  let wechat: FakeWeChatLogin;
  let server: TestServer;
  beforeAll(async () => {
    wechat = await startFakeWeChatLogin();
    server = await startTestServer({ devMode: false, wechatApiBase: wechat.url });
  });
  afterAll(async () => {
    await server?.close();
    await wechat?.close();
  });

  it('has no dev-login, no demo identities and no job trigger', async () => {
    const login = await post(`${server.url}/api/auth/dev-login`, { openid: 'x', role: 'admin' });
    expect(login.status).toBe(404);
    expect((await post(`${server.url}/api/dev/run-jobs`, {})).status).toBe(404);
    expect((await fetch(`${server.url}/api/dev/identities`)).status).toBe(404);
  });

  it('ignores x-dev-now: the check-in lands on the real business day', async () => {
    const login = await post(`${server.url}/api/auth/login`, { code: mintCode('prod-member') });
    const reply = await post(
      `${server.url}/api/fn/checkin`,
      { action: 'do' },
      { token: login.body.data.token, headers: { 'x-dev-now': '2031-01-01T12:00:00+08:00' } },
    );
    expect(reply.body.data.date).toBe(businessDay(new Date(), 'Asia/Shanghai'));
  });
});
