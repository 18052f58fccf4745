/**
 * The guides' playbook over HTTP: who may call (roles before params: a member gets 403 whatever
 * they send, a guide cannot edit), and what a bad edit answers (400 with a code and the Chinese
 * message at its field).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from '../support/databases';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(backends)('guide content over HTTP on %s', (backend) => {
  let t: TestDatabase;
  let server: TestServer;
  let guide: string;
  let admin: string;
  let member: string;
  const fn = (name: string) => `${server.url}/api/fn/${name}`;
  const script = { category: 'product', question: '这件偏大吗？', answer: '正常码，按平时尺码选～' };

  beforeAll(async () => {
    t = await openTestDatabase(backend);
    server = await startTestServer({ db: t.db });
    guide = await devLogin(server.url, 'api-guide', 'guide');
    admin = await devLogin(server.url, 'api-admin', 'admin');
    member = await devLogin(server.url, 'api-member');
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it('keeps the playbook from members (403) before reading their params, and its editors from guides', async () => {
    for (const body of [
      { action: 'scripts' },
      { action: 'scripts', category: 'nonsense', extra: 1 },
      { action: 'copyScript', scriptId: '1' },
      { action: 'copyScript', scriptId: 'x' },
      { action: 'groupPlan' },
      { action: 'markGroupPost', groupId: 'g/1', postId: '' },
      { action: 'moments', day: 'yesterday' },
      { action: 'markMomentPosted', postId: '1' },
    ]) {
      const refused = await post(fn('guide'), body, { token: member });
      expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    for (const body of [
      { action: 'scripts' },
      { action: 'saveScript', script },
      { action: 'saveGroupPlanPost', post: {} },
      { action: 'momentsWeek' },
      { action: 'saveMomentsPost', post: { day: '2026-12-07', kind: 'brand', body: '品牌故事' } },
    ]) {
      const refused = await post(fn('admin'), body, { token: guide });
      expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const { rows } = await t.db.query('select (select count(*) from guide_scripts)::int as scripts, (select count(*) from moments_posts)::int as moments');
    expect(rows).toEqual([{ scripts: 0, moments: 0 }]);
  });

  it('refuses bad edits with 400, a code and the Chinese message at the field', async () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['saveScript', { script: { ...script, question: '  ' } }, 'script.question', '请填写'],
      ['saveScript', { script: { ...script, category: 'price' } }, 'script.category', '请从可选项中选择'],
      ['saveGroupPlanPost', { post: { repeat: 'daily', atTime: '25:00', title: '日签', body: '签到啦', card: 'checkin' } }, 'post.atTime', '请填写 时:分 格式的时间，如 20:00'],
      [
        'saveGroupPlanPost',
        { post: { repeat: 'daily', atTime: '10:00', title: '日签', body: '今晚{品类}', card: 'none' } },
        'post.body',
        '没有变量 {品类}，可用：{今晚品类} {会员日} {会员日折扣} {日期}',
      ],
      ['saveMomentsPost', { post: { day: '2026-02-30', kind: 'brand', body: '品牌故事' } }, 'post.day', '格式有误'],
      ['saveMomentsPost', { post: { day: '2026-12-07', kind: 'brand', body: '品牌故事', productId: '999' } }, 'post.productId', '关联的商品不存在'],
    ];
    for (const [action, params, path, message] of cases) {
      const refused = await post(fn('admin'), { action, ...params }, { token: admin });
      expect([refused.status, refused.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
      expect(refused.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(refused.body.error.fields).toContainEqual({ path, message });
    }
    const saved = await post(fn('admin'), { action: 'saveScript', script }, { token: admin });
    expect(saved.status).toBe(200);
    const copied = await post(fn('guide'), { action: 'copyScript', scriptId: saved.body.data.id }, { token: guide });
    expect(copied.body.data).toEqual({ scriptId: saved.body.data.id, copies: 1 });
  });
});
