/**
 * Roles before params, over HTTP, for every action of the staff-only functions: the table is the
 * contract itself (`Object.keys(contract.admin)` …), so an action added later is covered without
 * touching this file. A member or a guide gets the same 403 whatever they send — nothing in it
 * depends on the action or its params — and nothing is written; an admin sending an unknown param
 * gets a 400, never a 403 or a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, ERRORS } from '@cloud/contract';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/** The functions only operations staff may call. */
const STAFF_FUNCTIONS = ['admin', 'segment'] as const;

const table = STAFF_FUNCTIONS.flatMap((fn) => Object.keys(contract[fn]).map((action) => [fn, action] as const));

/** What a caller might send: nothing, wrong types, nonsense, forged identity, an oversized value. */
const GARBAGE: Array<Record<string, unknown>> = [
  {},
  { orderId: "1'; drop table members; --", targetMemberId: -1, settings: 'all', segment: { rule: { nonsense: true } }, cursor: { $gt: '' } },
  { role: 'admin', openid: 'demo-admin', memberId: '1', userInfo: { openId: 'demo-admin' }, __proto__: { role: 'admin' } },
  { requestId: 'x'.repeat(10_000), kind: 42, delta: 1e308, approve: 'yes', rule: [] },
];

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: ERRORS.FORBIDDEN.message } };

describe('staff-only functions refuse members and guides before reading params', () => {
  let server: TestServer;
  const tokens: Record<'member' | 'guide' | 'admin', string> = { member: '', guide: '', admin: '' };
  const fn = (name: string) => `${server.url}/api/fn/${name}`;

  /** Rows in the tables a staff write would touch: none may change on a refusal. */
  async function writes(): Promise<Record<string, number>> {
    const { rows } = await server.db.query<Record<string, number>>(
      `select (select count(*)::int from audit_log) as audit, (select count(*)::int from segments) as segments,
         (select count(*)::int from points_ledger) as ledger, (select count(*)::int from coupons) as coupons,
         (select count(*)::int from products) as products, (select count(*)::int from member_tags) as tags,
         (select md5(settings::text) from brand_settings) as settings`,
    );
    return rows[0]!;
  }

  beforeAll(async () => {
    server = await startTestServer();
    for (const role of ['member', 'guide', 'admin'] as const) tokens[role] = await devLogin(server.url, `roles-${role}`, role);
  });
  afterAll(() => server?.close());

  it('the table covers every action of the admin and segment functions', () => {
    expect(table.length).toBe(Object.keys(contract.admin).length + Object.keys(contract.segment).length);
    expect(table).toEqual(expect.arrayContaining([['admin', 'configSet'], ['admin', 'auditLog'], ['segment', 'recompute']]));
  });

  for (const role of ['member', 'guide'] as const) {
    it.each(table)(`a ${role}: %s.%s answers 403 FORBIDDEN, the same whatever the params, and writes nothing`, async (name, action) => {
      const before = await writes();
      for (const params of GARBAGE) {
        const reply = await post(fn(name), { ...params, action }, { token: tokens[role] });
        expect([reply.status, reply.body]).toEqual([403, FORBIDDEN]);
      }
      expect(await writes()).toEqual(before);
    });
  }

  it.each(table)('an admin: %s.%s with params it does not know answers 400, never 403 or 500', async (name, action) => {
    const reply = await post(fn(name), { action, notAParam: 1 }, { token: tokens.admin });
    expect([reply.status, reply.body.error?.code]).toEqual([400, 'INVALID_PARAMS']);
  });
});
