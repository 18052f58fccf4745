/**
 * The guide workspace's groups and members over HTTP: who may call (roles before params), what
 * they may send (names trimmed, bounded, without control characters), and whose data they reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import { backends, openTestDatabase, type TestDatabase } from '../support/databases';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(backends)('guide groups and members over HTTP on %s', (backend) => {
  let t: TestDatabase;
  let server: TestServer;
  let guide: string;
  let otherGuide: string;
  let admin: string;
  let member: string;
  let memberId: string;
  const fn = (name: string) => `${server.url}/api/fn/${name}`;

  beforeAll(async () => {
    t = await openTestDatabase(backend);
    server = await startTestServer({ db: t.db });
    guide = await devLogin(server.url, 'api-guide', 'guide');
    otherGuide = await devLogin(server.url, 'api-other-guide', 'guide');
    admin = await devLogin(server.url, 'api-admin', 'admin');
    member = await devLogin(server.url, 'api-member');
    // The guide's invite opened by the member in a group: a group to name, a member of the guide's.
    const invite = await post(fn('share'), { action: 'create' }, { token: guide });
    const opened = await post(
      fn('share'),
      { action: 'open', shareId: invite.body.data.shareId, scene: 1044, groupData: localGroupData('g-api') },
      { token: member },
    );
    expect(opened.status).toBe(200);
    memberId = (await post(fn('member'), { action: 'profile' }, { token: member })).body.data.id;
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it('keeps groups, naming and member details from members (403), whatever they send', async () => {
    for (const body of [
      { action: 'groups' },
      { action: 'nameGroup', groupId: 'g-api', name: '我起的名' },
      { action: 'nameGroup', groupId: 'not a group', name: '' },
      { action: 'memberDetail', targetMemberId: memberId },
      { action: 'memberDetail', targetMemberId: 'x' },
    ]) {
      const refused = await post(fn('guide'), body, { token: member });
      expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const { rows } = await t.db.query('select name from wechat_groups where group_id = $1', ['g-api']);
    expect(rows).toEqual([{ name: null }]);
  });

  it('trims a name and refuses an empty, long or multi-line one, a bad group id and unknown params with 400', async () => {
    const named = await post(fn('guide'), { action: 'nameGroup', groupId: 'g-api', name: '  森屿宝妈群 ' }, { token: guide });
    expect(named.status).toBe(200);
    expect(named.body.data).toMatchObject({ groupId: 'g-api', name: '森屿宝妈群', membersSeen: 1 });
    for (const bad of [
      { groupId: 'g-api', name: '   ' },
      { groupId: 'g-api', name: '一二三四五六七八九十一二三四五六七八九十一' },
      { groupId: 'g-api', name: '宝妈\n群' },
      { groupId: 'g/api', name: '宝妈群' },
      { groupId: 'g-api', name: '宝妈群', named: true },
      { groupId: 'g-api' },
    ]) {
      const refused = await post(fn('guide'), { action: 'nameGroup', ...bad }, { token: guide });
      expect([refused.status, refused.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    }
    const list = await post(fn('guide'), { action: 'groups' }, { token: guide });
    expect(list.body.data.items).toMatchObject([{ groupId: 'g-api', name: '森屿宝妈群' }]);
    for (const cursor of ["2026-11-01~x' or 1=1", '2026-13-45~g-api', '2026-02-30~g-api']) {
      const badCursor = await post(fn('guide'), { action: 'groups', cursor }, { token: guide });
      expect([badCursor.status, badCursor.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    }
  });

  it("answers another guide 403 for a group their cards never reached, and 404 for a member who is not theirs; an admin reaches both", async () => {
    const refused = await post(fn('guide'), { action: 'nameGroup', groupId: 'g-api', name: '抢个名' }, { token: otherGuide });
    expect([refused.status, refused.body.error]).toEqual([403, { code: 'FORBIDDEN', message: '只能给打开过你分享卡片的群命名' }]);
    const hidden = await post(fn('guide'), { action: 'memberDetail', targetMemberId: memberId }, { token: otherGuide });
    expect([hidden.status, hidden.body.error.code]).toEqual([404, 'NOT_FOUND']);

    const mine = await post(fn('guide'), { action: 'memberDetail', targetMemberId: memberId }, { token: guide });
    expect(mine.status).toBe(200);
    expect(mine.body.data).toMatchObject({ member: { id: memberId }, orders: [], orderCount: 0, checkin: { streak: 0, days: 0 } });
    const byAdmin = await post(fn('guide'), { action: 'memberDetail', targetMemberId: memberId }, { token: admin });
    expect(byAdmin.status).toBe(200);
    const renamed = await post(fn('guide'), { action: 'nameGroup', groupId: 'g-api', name: '宝妈群' }, { token: admin });
    expect(renamed.body.data).toMatchObject({ groupId: 'g-api', name: '宝妈群' });
    const unknown = await post(fn('guide'), { action: 'nameGroup', groupId: 'g-unknown', name: '宝妈群' }, { token: admin });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const badId = await post(fn('guide'), { action: 'memberDetail', targetMemberId: '12a' }, { token: admin });
    expect([badId.status, badId.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
  });

  it('records the ask for avatar and nickname once', async () => {
    const newbie = await devLogin(server.url, 'api-newbie');
    const profile = await post(fn('member'), { action: 'profile' }, { token: newbie });
    expect(profile.body.data).toMatchObject({ askProfile: true, consent: null });
    const asked = await post(fn('member'), { action: 'profileAsked' }, { token: newbie });
    expect([asked.status, asked.body.data.askProfile]).toEqual([200, false]);
    const extra = await post(fn('member'), { action: 'profileAsked', again: true }, { token: newbie });
    expect([extra.status, extra.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    expect((await post(fn('member'), { action: 'profile' }, { token: newbie })).body.data.askProfile).toBe(false);
  });
});
