/**
 * The member's privacy rights over HTTP: a copy of their data, withdrawing consent, erasing the
 * account — signed in with WeChat, as in the mini-program.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from '../support/databases';
import { mintCode, startFakeWeChatLogin, type FakeWeChatLogin } from '../support/fake-wechat';
import { post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { PNG } from '../support/images';
import { memberFactsOf, segmentOf, tagMember } from '../support/profiling';

describe.each(backends)('privacy rights over HTTP on %s', (backend) => {
  let t: TestDatabase;
  let wechat: FakeWeChatLogin;
  let server: TestServer;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
    wechat = await startFakeWeChatLogin();
    server = await startTestServer({ db: t.db, wechatApiBase: wechat.url });
  });
  afterAll(async () => {
    await server?.close();
    await wechat?.close();
    await t?.drop();
  });

  const member = (token: string, body: Record<string, unknown>) => post(`${server.url}/api/fn/member`, body, { token });
  const login = async (openid: string) => (await post(`${server.url}/api/auth/login`, { code: mintCode(openid) })).body.data as { token: string; member: { id: string } };
  const upload = (token: string) =>
    fetch(`${server.url}/api/media/avatar`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` }, body: new Uint8Array(PNG) });

  /** Signed in with WeChat, consent given, a nickname and an uploaded avatar. */
  async function withProfile(openid: string) {
    const session = await login(openid);
    const profile = (await member(session.token, { action: 'profile' })).body.data;
    await member(session.token, { action: 'update', consentVersion: profile.consentVersionRequired, nickname: '小鹿' });
    const avatarUrl = ((await (await upload(session.token)).json()) as { data: { url: string } }).data.url;
    await member(session.token, { action: 'update', avatarUrl });
    return { ...session, avatarUrl };
  }

  /** What segmentation knows of the member: a product page opened (over HTTP), the nightly facts, a tag, a segment. */
  async function profiled(token: string, memberId: string) {
    const { rows: category } = await t.db.query<{ id: string }>(`insert into categories (name) values ('外套') returning id`);
    const { rows: product } = await t.db.query<{ id: string }>(`insert into products (category_id, name) values ($1, '羊毛大衣') returning id`, [
      category[0]!.id,
    ]);
    await t.db.query(`insert into product_skus (product_id, size, color, price_fen, stock) values ($1, 'M', '驼色', 89900, 5)`, [product[0]!.id]);
    const viewed = await post(`${server.url}/api/fn/catalog`, { action: 'detail', productId: product[0]!.id }, { token });
    expect(viewed.status).toBe(200);
    await memberFactsOf(t.db, memberId, '2026-11-22');
    await tagMember(t.db, memberId, { key: 'coat_lover', name: '外套控', addedAt: new Date('2026-11-22T02:00:00+08:00') });
    await segmentOf(t.db, [memberId], new Date('2026-11-22T02:30:00+08:00'));
    return { productId: product[0]!.id };
  }

  it('member.exportData answers my data as JSON; nobody else gets it', async () => {
    const me = await withProfile('wx-export-me');
    await post(`${server.url}/api/fn/checkin`, { action: 'do' }, { token: me.token });
    const { productId } = await profiled(me.token, me.member.id);
    const reply = await member(me.token, { action: 'exportData' });
    expect(reply.status).toBe(200);
    expect(reply.body.data.profile).toMatchObject({ id: me.member.id, openid: 'wx-export-me', nickname: '小鹿', avatarUrl: me.avatarUrl });
    expect(reply.body.data.sections.checkins).toHaveLength(1);
    expect(reply.body.data.sections.consents).toEqual([expect.objectContaining({ kind: 'given' })]);
    expect(reply.body.data.sections.media).toEqual([expect.objectContaining({ url: me.avatarUrl })]);
    expect(reply.body.data.sections.productViews).toEqual([{ day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), productId, product: '羊毛大衣' }]);
    expect(reply.body.data.sections.segmentation).toEqual([
      expect.objectContaining({ layer: 'potential', rScore: 3, fScore: 2, mScore: 4, churnRisk: true, churnReason: expect.any(String), orders90: 1 }),
    ]);
    expect(reply.body.data.sections.tags).toEqual([
      { key: 'coat_lover', name: '外套控', source: 'rule', reason: { orders90: 1 }, addedAt: '2026-11-22T02:00:00+08:00' },
    ]);
    const other = await login('wx-export-other');
    const theirs = await member(other.token, { action: 'exportData' });
    expect(JSON.stringify(theirs.body.data)).not.toContain('wx-export-me');
    expect((await post(`${server.url}/api/fn/member`, { action: 'exportData' })).status).toBe(401);
  });

  it('withdrawing consent deletes the avatar image: its URL answers 404', async () => {
    const me = await withProfile('wx-withdraws');
    expect((await fetch(`${server.url}${me.avatarUrl}`)).status).toBe(200);
    const reply = await member(me.token, { action: 'withdrawConsent' });
    expect(reply.body.data).toMatchObject({ nickname: null, avatarUrl: null, consent: null });
    expect((await fetch(`${server.url}${me.avatarUrl}`)).status).toBe(404);
    const again = await upload(me.token);
    expect([again.status, ((await again.json()) as { error: { code: string } }).error.code]).toEqual([403, 'CONSENT_REQUIRED']);
  });

  it('member.deleteAccount wants {confirm: true}, and nothing less', async () => {
    const me = await withProfile('wx-hesitates');
    for (const body of [{ action: 'deleteAccount' }, { action: 'deleteAccount', confirm: false }, { action: 'deleteAccount', confirm: 'true' }]) {
      const reply = await member(me.token, body);
      expect([reply.status, reply.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    }
    expect((await member(me.token, { action: 'profile' })).body.data.nickname).toBe('小鹿');
  });

  it('注销: the avatar answers 404, the old session no longer signs in, and the same WeChat user starts again as a new, empty member', async () => {
    const me = await withProfile('wx-leaves');
    await profiled(me.token, me.member.id);
    const deleted = await member(me.token, { action: 'deleteAccount', confirm: true });
    expect(deleted.status).toBe(200);
    // What segmentation knew of the member goes with the account.
    for (const table of ['product_views', 'member_facts', 'member_tags', 'segment_members']) {
      const { rows: left } = await t.db.query(`select 1 from ${table} where member_id = $1`, [me.member.id]);
      expect([table, left.length]).toEqual([table, 0]);
    }
    expect(deleted.body.data.deletedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect((await fetch(`${server.url}${me.avatarUrl}`)).status).toBe(404);

    // The token was signed for the erased member: every call is refused, nothing is done.
    for (const body of [{ action: 'profile' }, { action: 'deleteAccount', confirm: true }, { action: 'exportData' }]) {
      const reply = await member(me.token, body);
      expect([reply.status, reply.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect((await upload(me.token)).status).toBe(401);
    // ... and none of them brought the openid back: the user has not signed in again.
    const { rows: revived } = await t.db.query("select id from members where openid = 'wx-leaves'");
    expect(revived).toEqual([]);

    const again = await login('wx-leaves');
    expect(again.member).toMatchObject({ nickname: null, avatarUrl: null, birthday: null, pointsBalance: 0, consent: null });
    expect(again.member.id).not.toBe(me.member.id);
    const copy = (await member(again.token, { action: 'exportData' })).body.data;
    expect(copy.profile).toMatchObject({ id: again.member.id, openid: 'wx-leaves', nickname: null });
    // Nothing of the erased account: only the new member's own visit, made by signing in.
    const kept = Object.entries(copy.sections as Record<string, unknown[]>).filter(([, rows]) => rows.length > 0);
    expect(kept.map(([name, rows]) => [name, rows.length])).toEqual([['visits', 1]]);
    const { rows } = await t.db.query<{ openid: string; deleted: boolean }>(
      'select openid, deleted_at is not null as deleted from members where id in ($1, $2) order by id',
      [me.member.id, again.member.id],
    );
    expect(rows).toEqual([
      { openid: `deleted:${me.member.id}`, deleted: true },
      { openid: 'wx-leaves', deleted: false },
    ]);
  });
});
