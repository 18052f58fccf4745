import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from '../support/databases';
import { checkinPointsNow } from '../support/fixtures';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(backends)('functions over HTTP on %s', (backend) => {
  let t: TestDatabase;
  let server: TestServer;
  let fn: (name: string) => string;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
    server = await startTestServer({ db: t.db });
    fn = (name) => `${server.url}/api/fn/${name}`;
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it('checks in through the envelope and answers a repeat with the same result', async () => {
    const token = await devLogin(server.url, 'http-alice');
    const first = await post(fn('checkin'), { action: 'do' }, { token });
    expect(first.status).toBe(200);
    const points = checkinPointsNow();
    expect(first.body).toMatchObject({ ok: true, data: { alreadyCheckedIn: false, pointsGained: points, balance: points } });
    const again = await post(fn('checkin'), { action: 'do' }, { token });
    expect(again.body.data).toMatchObject({ alreadyCheckedIn: true, balance: points });
    const status = await post(fn('checkin'), { action: 'status' }, { token });
    expect(status.body.data).toMatchObject({ checkedInToday: true, streak: 1 });
  });

  it('ignores an openid, memberId, role or userInfo in the body: identity comes from the session', async () => {
    const victim = await devLogin(server.url, 'http-victim');
    const attacker = await devLogin(server.url, 'http-attacker');
    const victimProfile = await post(fn('member'), { action: 'profile' }, { token: victim });
    const forged = await post(
      fn('checkin'),
      {
        action: 'do',
        openid: 'http-victim',
        _openid: 'http-victim',
        memberId: victimProfile.body.data.id,
        role: 'admin',
        userInfo: { openId: 'http-victim' },
      },
      { token: attacker },
    );
    expect(forged.status).toBe(200);
    const victimBalance = await post(fn('points'), { action: 'balance' }, { token: victim });
    const attackerBalance = await post(fn('points'), { action: 'balance' }, { token: attacker });
    expect(victimBalance.body.data.balance).toBe(0);
    expect(attackerBalance.body.data.balance).toBe(checkinPointsNow());
    const attackerProfile = await post(fn('member'), { action: 'profile' }, { token: attacker });
    expect(attackerProfile.body.data.role).toBe('member');
  });

  it.each([
    ['broken JSON', { raw: '{"action":"do",' }, 400, 'INVALID_JSON'],
    ['a JSON array', { raw: '[1,2]' }, 400, 'INVALID_PARAMS'],
    ['a JSON string', { raw: '"do"' }, 400, 'INVALID_PARAMS'],
    ['an unknown param', { body: { action: 'status', mnth: '2026-11' } }, 400, 'INVALID_PARAMS'],
    ['a malformed month', { body: { action: 'status', month: '2026-13' } }, 400, 'INVALID_PARAMS'],
    ['a scene that is text', { body: { action: 'do', scene: '1044' } }, 400, 'INVALID_PARAMS'],
    ['no action', { body: {} }, 404, 'UNKNOWN_ACTION'],
    ['an unknown action', { body: { action: 'delete' } }, 404, 'UNKNOWN_ACTION'],
  ])('answers %s with %i %s and a Chinese message', async (_case, input, status, code) => {
    const token = await devLogin(server.url, 'http-bad-input');
    const reply = await post(fn('checkin'), (input as { body?: unknown }).body, { token, raw: (input as { raw?: string }).raw });
    expect(reply.status).toBe(status);
    expect(reply.body.ok).toBe(false);
    expect(reply.body.error.code).toBe(code);
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('checks who calls before what they send: no session is 401, a member at an admin action 403, whatever the params', async () => {
    const bad = { action: 'adjustPoints', delta: 'lots' };
    const anonymous = await post(fn('admin'), bad);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const token = await devLogin(server.url, 'http-curious');
    const member = await post(fn('admin'), bad, { token });
    expect([member.status, member.body.error.code, member.body.error.message]).toEqual([403, 'FORBIDDEN', '没有权限进行此操作']);
  });

  it('does not write anything for bad input', async () => {
    const token = await devLogin(server.url, 'http-no-write');
    await post(fn('checkin'), { action: 'do', scene: 'x' }, { token });
    const balance = await post(fn('points'), { action: 'balance' }, { token });
    expect(balance.body.data.balance).toBe(0);
  });

  it('answers an unknown function with 404, no or a bad token with 401', async () => {
    const token = await devLogin(server.url, 'http-auth');
    expect((await post(fn('wallet'), { action: 'x' }, { token })).body.error.code).toBe('UNKNOWN_FUNCTION');
    const anonymous = await post(fn('checkin'), { action: 'do' });
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const forged = await post(fn('checkin'), { action: 'do' }, { token: `${token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
  });

  it('refuses a body over the size limit with 413', async () => {
    const token = await devLogin(server.url, 'http-big');
    const reply = await post(fn('checkin'), null, { token, raw: JSON.stringify({ action: 'do', pad: 'x'.repeat(100_000) }) });
    expect([reply.status, reply.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('x-dev-now moves the clock for one request: 23:59:59 and 00:00:00 Beijing are two days', async () => {
    const token = await devLogin(server.url, 'http-clock');
    const late = await post(fn('checkin'), { action: 'do' }, { token, headers: { 'x-dev-now': '2030-05-01T23:59:59+08:00' } });
    const early = await post(fn('checkin'), { action: 'do' }, { token, headers: { 'x-dev-now': '2030-05-02T00:00:00+08:00' } });
    expect([late.body.data.date, early.body.data.date, early.body.data.streak]).toEqual(['2030-05-01', '2030-05-02', 2]);
    const bad = await post(fn('checkin'), { action: 'status' }, { token, headers: { 'x-dev-now': 'yesterday' } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'DEV_CLOCK_INVALID']);
  });

  it('pages the ledger over HTTP', async () => {
    const token = await devLogin(server.url, 'http-ledger');
    for (const day of ['01', '02', '03']) {
      await post(fn('checkin'), { action: 'do' }, { token, headers: { 'x-dev-now': `2030-06-${day}T12:00:00+08:00` } });
    }
    const page = await post(fn('points'), { action: 'ledger', limit: 2 }, { token });
    expect(page.body.data.items.map((i: { balanceAfter: number }) => i.balanceAfter)).toEqual([30, 20]);
    const rest = await post(fn('points'), { action: 'ledger', limit: 2, cursor: page.body.data.nextCursor }, { token });
    expect(rest.body.data).toMatchObject({ items: [{ balanceAfter: 10, source: 'checkin' }], nextCursor: null });
  });
});
