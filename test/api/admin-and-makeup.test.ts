import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('admin and make-up over HTTP', () => {
  let server: TestServer;
  let fn: (name: string) => string;
  beforeAll(async () => {
    server = await startTestServer();
    fn = (name) => `${server.url}/api/fn/${name}`;
  });
  afterAll(() => server?.close());

  it('refuses admin actions to members and guides with 403', async () => {
    for (const role of ['member', 'guide']) {
      const token = await devLogin(server.url, `not-admin-${role}`, role);
      const reply = await post(fn('admin'), { action: 'configGet' }, { token });
      expect([reply.status, reply.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('lets an admin change the check-in rules, validating them, and members see the change', async () => {
    const admin = await devLogin(server.url, 'ops-admin', 'admin');
    const current = (await post(fn('admin'), { action: 'configGet' }, { token: admin })).body.data;
    expect(current.checkin.milestones.map((m: { days: number }) => m.days)).toEqual([7, 30, 365]);

    const bad = await post(
      fn('admin'),
      { action: 'configSet', settings: { ...current, checkin: { ...current.checkin, basePoints: -5 } } },
      { token: admin },
    );
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    expect(bad.body.error.message).toContain('checkin.basePoints');

    const saved = await post(
      fn('admin'),
      { action: 'configSet', settings: { ...current, checkin: { ...current.checkin, basePoints: 15 }, memberDay: { ...current.memberDay, weekday: null } } },
      { token: admin },
    );
    expect(saved.status).toBe(200);
    const member = await devLogin(server.url, 'sees-config');
    const checkin = await post(fn('checkin'), { action: 'do' }, { token: member });
    expect(checkin.body.data.pointsGained).toBe(15);
  });

  it('makes up a missed day over HTTP with the dev clock, and answers refusals with 409 and a Chinese message', async () => {
    const token = await devLogin(server.url, 'http-makeup');
    const at = (iso: string) => ({ token, headers: { 'x-dev-now': iso } });
    for (const day of ['2031-03-03', '2031-03-04', '2031-03-05']) {
      await post(fn('checkin'), { action: 'do' }, at(`${day}T09:00:00+08:00`));
    }
    const made = await post(fn('checkin'), { action: 'makeup', date: '2031-03-02' }, at('2031-03-06T09:00:00+08:00'));
    // The member joined today (real time), so 2 March 2031 is after joining.
    expect(made.status).toBe(200);
    expect(made.body.data).toMatchObject({ date: '2031-03-02', streak: 4 });
    const twice = await post(fn('checkin'), { action: 'makeup', date: '2031-03-02' }, at('2031-03-06T09:00:00+08:00'));
    expect([twice.status, twice.body.error.code, twice.body.error.message]).toEqual([409, 'MAKEUP_ALREADY_CHECKED', '这一天已经签到过了']);
    const badDate = await post(fn('checkin'), { action: 'makeup', date: '2031-02-30' }, at('2031-03-06T09:00:00+08:00'));
    expect([badDate.status, badDate.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
  });

  it('shows the balance with the points that expire soonest', async () => {
    const token = await devLogin(server.url, 'http-balance');
    await post(fn('checkin'), { action: 'do' }, { token, headers: { 'x-dev-now': '2031-05-01T09:00:00+08:00' } });
    const balance = await post(fn('points'), { action: 'balance' }, { token, headers: { 'x-dev-now': '2032-05-10T09:00:00+08:00' } });
    // 15: the base points the admin test above set for this server.
    expect(balance.body.data).toEqual({ balance: 15, expiring: { points: 15, on: '2032-05-31' }, groupPoints: 0 });
  });
});

describe('who may do what, over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('a member cannot verify coupons or change the catalogue; a guide can verify but not administer', async () => {
    const member = await devLogin(server.url, 'plain-member');
    const guide = await devLogin(server.url, 'store-guide', 'guide');
    const verifyAsMember = await post(`${server.url}/api/fn/coupon`, { action: 'verify', code: '23456789ABCD' }, { token: member });
    expect([verifyAsMember.status, verifyAsMember.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const verifyAsGuide = await post(`${server.url}/api/fn/coupon`, { action: 'verify', code: '23456789abcd' }, { token: guide });
    expect([verifyAsGuide.status, verifyAsGuide.body.error.code]).toEqual([404, 'COUPON_NOT_FOUND']);
    const badCode = await post(`${server.url}/api/fn/coupon`, { action: 'verify', code: 'O0O0' }, { token: guide });
    expect([badCode.status, badCode.body.error.code, badCode.body.error.message]).toEqual([400, 'COUPON_CODE_FORMAT', '券码为 12 位字母或数字（不含 0、1、I、L、O）']);
    const saveAsGuide = await post(`${server.url}/api/fn/admin`, { action: 'campaigns' }, { token: guide });
    expect(saveAsGuide.status).toBe(403);
  });

  it('coupon.preview is for guides and admins: a member is refused before the code is read', async () => {
    const member = await devLogin(server.url, 'preview-member');
    const guide = await devLogin(server.url, 'preview-guide', 'guide');
    const admin = await devLogin(server.url, 'preview-admin', 'admin');
    const preview = (token: string, code: unknown) => post(`${server.url}/api/fn/coupon`, { action: 'preview', code }, { token });
    for (const code of ['23456789ABCD', 'bad', 42]) {
      const asMember = await preview(member, code);
      expect([asMember.status, asMember.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const asGuide = await preview(guide, '2345-6789-abcd');
    expect([asGuide.status, asGuide.body.error.code]).toEqual([404, 'COUPON_NOT_FOUND']);
    const wrongFormat = await preview(admin, '123456');
    expect([wrongFormat.status, wrongFormat.body.error.code, wrongFormat.body.error.message]).toEqual([
      400,
      'COUPON_CODE_FORMAT',
      '券码为 12 位字母或数字（不含 0、1、I、L、O）',
    ]);
    const notText = await preview(admin, 42);
    expect([notText.status, notText.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
  });

  it('a member cannot draw without a chance: 409 with a Chinese message', async () => {
    const member = await devLogin(server.url, 'no-chance');
    const current = await post(`${server.url}/api/fn/lottery`, { action: 'current' }, { token: member });
    expect(current.body.data).toMatchObject({ name: '疯狂抽奖机', myChances: 0 });
    const campaignId = current.body.data.id;
    const reply = await post(`${server.url}/api/fn/lottery`, { action: 'draw', campaignId, requestId: 'no-chance-1' }, { token: member });
    expect(reply.status).toBe(409);
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('admin issues a coupon over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('puts it into the member wallet once per requestId', async () => {
    const admin = await devLogin(server.url, 'coupon-admin', 'admin');
    const member = await devLogin(server.url, 'coupon-receiver');
    const memberId = (await post(`${server.url}/api/fn/member`, { action: 'profile' }, { token: member })).body.data.id;
    const templates = (await post(`${server.url}/api/fn/admin`, { action: 'couponTemplates' }, { token: admin })).body.data;
    const templateId = templates.find((t: { name: string }) => t.name === '满100减20').id;
    const params = { action: 'issueCoupon', templateId, targetMemberId: memberId, requestId: 'vip-care-0001' };
    const first = await post(`${server.url}/api/fn/admin`, params, { token: admin });
    const again = await post(`${server.url}/api/fn/admin`, params, { token: admin });
    expect(first.body.data).toEqual(again.body.data);
    const wallet = await post(`${server.url}/api/fn/coupon`, { action: 'mine', status: 'available' }, { token: member });
    expect(wallet.body.data).toMatchObject([{ name: '满100减20', source: 'admin', code: first.body.data.code }]);
  });
});
