import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import { backends, openTestDatabase, type TestDatabase } from '../support/databases';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(backends)('sharing over HTTP on %s', (backend) => {
  let t: TestDatabase;
  let server: TestServer;
  let fn: (name: string) => string;
  let productId: string;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
    server = await startTestServer({ db: t.db });
    fn = (name) => `${server.url}/api/fn/${name}`;
    const category = await t.db.query<{ id: string }>(`insert into categories (name) values ('外套') returning id`);
    const product = await t.db.query<{ id: string }>(
      `insert into products (category_id, name, images) values ($1, '羊毛大衣', '{/catalog-images/coat.svg}') returning id`,
      [category.rows[0]!.id],
    );
    productId = product.rows[0]!.id;
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it("a guide's card opened by a new member in a group shows on the guide's dashboard", async () => {
    const guide = await devLogin(server.url, 'demo-guide', 'guide');
    const created = await post(fn('share'), { action: 'create', productId }, { token: guide });
    expect(created.status).toBe(200);
    const { shareId, path } = created.body.data;
    expect(path).toBe(`/packages/shop/product/index?id=${productId}&share=${shareId}`);

    const newbie = await devLogin(server.url, 'http-newbie');
    const opened = await post(
      fn('share'),
      { action: 'open', shareId, scene: 1044, groupData: localGroupData('g-http') },
      { token: newbie },
    );
    expect(opened.status).toBe(200);
    expect(opened.body.data).toMatchObject({ kind: 'product', productId, groupId: 'g-http', sharer: { isGuide: true } });

    const dashboard = await post(fn('guide'), { action: 'dashboard', days: 1 }, { token: guide });
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.data.totals).toMatchObject({ shares: 1, clicks: 1, members: 1, newMembersToday: 1 });
    expect(dashboard.body.data.shares).toMatchObject([{ shareId, clicks: 1, product: { id: productId, name: '羊毛大衣' } }]);
    expect(dashboard.body.data.groups).toMatchObject([{ groupId: 'g-http', clicks: 1, activeMembers: 1 }]);
    const members = await post(fn('guide'), { action: 'members' }, { token: guide });
    expect(members.body.data).toMatchObject({ total: 1, newToday: 1, nextCursor: null });
  });

  it("a new member's first share click, on the request clock, records where they came from; a click after the first session does not", async () => {
    const sharer = await devLogin(server.url, 'http-first-touch-sharer');
    const { shareId } = (await post(fn('share'), { action: 'create', productId }, { token: sharer })).body.data;
    const minutesAfterJoining = async (openid: string, minutes: number, params: Record<string, unknown>) => {
      const token = await devLogin(server.url, openid);
      const { rows } = await t.db.query<{ created_at: Date }>('select created_at from members where openid = $1', [openid]);
      const clock = new Date(rows[0]!.created_at.getTime() + minutes * 60_000).toISOString();
      const opened = await post(fn('share'), { action: 'open', shareId, ...params }, { token, headers: { 'x-dev-now': clock } });
      expect(opened.status).toBe(200);
    };
    await minutesAfterJoining('http-poster', 29, { scene: 1048 });
    await minutesAfterJoining('http-grouped', 1, { scene: 1044, groupData: localGroupData('g-first-touch') });
    await minutesAfterJoining('http-late', 31, { scene: 1048 });
    const { rows } = await t.db.query<{ openid: string; source: string | null }>(
      `select openid, source from members where openid in ('http-poster', 'http-grouped', 'http-late') order by id`,
    );
    expect(rows).toEqual([
      { openid: 'http-poster', source: 'poster' },
      { openid: 'http-grouped', source: 'group' },
      { openid: 'http-late', source: null },
    ]);
  });

  it('keeps the guide workspace from members (403) and refuses bad share input with 400', async () => {
    const member = await devLogin(server.url, 'http-member');
    for (const action of ['dashboard', 'members']) {
      const refused = await post(fn('guide'), { action }, { token: member });
      expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const mine = await post(fn('share'), { action: 'create' }, { token: member });
    const forged = await post(
      fn('share'),
      { action: 'open', shareId: mine.body.data.shareId, groupData: { encryptedData: 'bm90IGEgZ3JvdXAgYXQgYWxs', iv: 'AAAAAAAAAAAAAAAAAAAAAA==' } },
      { token: await devLogin(server.url, 'http-forger') },
    );
    expect([forged.status, forged.body.error]).toEqual([400, { code: 'GROUP_DATA_INVALID', message: '群信息无法识别，请从群聊重新打开' }]);
    const badId = await post(fn('share'), { action: 'open', shareId: 'not/a/share' }, { token: member });
    expect([badId.status, badId.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    const days = await post(fn('guide'), { action: 'dashboard', days: 14 }, { token: await devLogin(server.url, 'demo-guide', 'guide') });
    expect([days.status, days.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
  });

  it('answers my invites and the leaderboard to any member', async () => {
    const member = await devLogin(server.url, 'http-inviter');
    const mine = await post(fn('referral'), { action: 'mine' }, { token: member });
    expect(mine.status).toBe(200);
    expect(mine.body.data).toMatchObject({ invited: 0, rewarded: 0, title: null, friends: [] });
    const board = await post(fn('referral'), { action: 'leaderboard', month: '2026-11' }, { token: member });
    expect(board.body.data).toEqual({ month: '2026-11', items: [], me: { rank: null, count: 0 } });
  });
});
