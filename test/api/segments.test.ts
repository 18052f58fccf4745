/**
 * Segmentation over HTTP, as operations staff use it: recompute, preview a rule, save it, read
 * its members, give them a coupon (worked through by the job tick), look at one member, tag
 * them by hand — and the refusals: roles first, rules explained in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('segmentation over HTTP', () => {
  let server: TestServer;
  let fn: (name: string) => string;
  let admin: string;
  const NOW = '2031-05-20T10:00:00+08:00';
  const at = (token: string, iso = NOW) => ({ token, headers: { 'x-dev-now': iso } });

  beforeAll(async () => {
    server = await startTestServer();
    fn = (name) => `${server.url}/api/fn/${name}`;
    admin = await devLogin(server.url, 'seg-admin', 'admin');
  });
  afterAll(() => server?.close());

  /** A member who checks in on each of `days` (ISO days), through the real check-in. */
  async function memberCheckingIn(openid: string, days: string[]): Promise<{ token: string; id: string }> {
    const token = await devLogin(server.url, openid);
    for (const day of days) await post(fn('checkin'), { action: 'do' }, at(token, `${day}T09:00:00+08:00`));
    const profile = await post(fn('member'), { action: 'profile' }, at(token));
    return { token, id: profile.body.data.id ?? profile.body.data.memberId };
  }

  it('checks the role before the params: members and guides get 403 whatever they send', async () => {
    for (const role of ['member', 'guide']) {
      const token = await devLogin(server.url, `seg-not-admin-${role}`, role);
      const preview = await post(fn('admin'), { action: 'previewSegment', rule: { nonsense: true } }, { token });
      expect([preview.status, preview.body.error.code]).toEqual([403, 'FORBIDDEN']);
      const recompute = await post(fn('segment'), { action: 'recompute' }, { token });
      expect([recompute.status, recompute.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('explains a bad rule in Chinese with a 400, and saves nothing', async () => {
    const before = (await post(fn('admin'), { action: 'segments' }, { token: admin })).body.data.length;
    const cases: Array<[unknown, string]> = [
      [{ field: 'source', op: 'eq', value: 'tv' }, '可选值'],
      [{ all: [{ field: 'nope', op: 'gte', value: 1 }] }, '没有字段 nope'],
      [{ field: 'checkins', window: 60, op: 'gte', value: 1 }, '只支持 30 / 90 天'],
      [{ all: [{ field: 'checkins30', op: 'gte', value: 1, extra: 1 }] }, '无法识别的字段'],
    ];
    for (const [rule, words] of cases) {
      const saved = await post(fn('admin'), { action: 'saveSegment', segment: { name: '坏规则', rule } }, { token: admin });
      expect([saved.status, saved.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
      expect(saved.body.error.message).toContain(words);
    }
    expect((await post(fn('admin'), { action: 'segments' }, { token: admin })).body.data).toHaveLength(before);
  });

  it('recomputes, previews, saves a segment, pages its members, issues a coupon once each, and shows a member with layer and tags', async () => {
    // Two members who check in every day for three weeks up to the run's day: 签到达人 and active.
    const days = Array.from({ length: 21 }, (_, i) => `2031-05-${String(i).padStart(2, '0')}`).slice(1);
    const a = await memberCheckingIn('seg-regular-a', days);
    const b = await memberCheckingIn('seg-regular-b', days);
    await memberCheckingIn('seg-once', ['2031-05-20']);

    const run = await post(fn('segment'), { action: 'recompute' }, at(admin));
    expect(run.status).toBe(200);
    expect(run.body.data.run).toMatchObject({ day: '2031-05-20', state: 'finished', error: null });
    expect(run.body.data.run.counts.facts).toBeGreaterThanOrEqual(3);

    const rule = { all: [{ field: 'checkins', window: 30, op: 'gte', value: 20 }, { not: { tag: 'rule:coupon-sensitive' } }] };
    const preview = await post(fn('admin'), { action: 'previewSegment', rule }, at(admin));
    expect(preview.status).toBe(200);
    const sampled = preview.body.data.sample.map((m: { memberId: string }) => m.memberId);
    expect(sampled).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(preview.body.data).toMatchObject({ factsDay: '2031-05-20', ruleText: '近30天签到 ≥ 20 次 且 非「券敏感」' });
    const count = preview.body.data.count;

    const saved = await post(fn('admin'), { action: 'saveSegment', segment: { name: '签到达人', rule } }, at(admin));
    expect(saved.body.data).toMatchObject({ name: '签到达人', status: 'ready', memberCount: count, entered: count, exited: 0 });
    const segmentId = saved.body.data.id;

    const page = await post(fn('admin'), { action: 'segmentMembers', segmentId }, at(admin));
    expect(page.body.data.items.map((m: { memberId: string }) => m.memberId)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(page.body.data.items).toHaveLength(count);

    const templates = (await post(fn('admin'), { action: 'couponTemplates' }, at(admin))).body.data;
    const template = templates.find((t: { active: boolean; perMemberLimit: number | null }) => t.active && t.perMemberLimit === null);
    const ask = { action: 'segmentIssueCoupon', segmentId, templateId: template.id, requestId: 'seg-coupon-0001' };
    const asked = await post(fn('admin'), ask, at(admin));
    expect(asked.body.data).toMatchObject({ kind: 'coupon', status: 'running', total: count, done: 0 });
    // Asking again with the same requestId is the same action.
    expect((await post(fn('admin'), ask, at(admin))).body.data.id).toBe(asked.body.data.id);

    await post(`${server.url}/api/dev/run-jobs`, {}, at(admin));
    const done = await post(fn('admin'), { action: 'segmentAction', actionId: asked.body.data.id }, at(admin));
    expect(done.body.data).toMatchObject({ status: 'done', done: count, applied: count, skipped: 0 });
    // Another tick gives nothing more: one coupon per member and action.
    await post(`${server.url}/api/dev/run-jobs`, {}, at(admin, '2031-05-20T10:05:00+08:00'));
    for (const member of [a, b]) {
      const wallet = (await post(fn('coupon'), { action: 'mine' }, at(member.token))).body.data;
      const fromSegment = (Array.isArray(wallet) ? wallet : wallet.items).filter((c: { source: string }) => c.source === 'segment');
      expect(fromSegment).toHaveLength(1);
    }

    const detail = await post(fn('admin'), { action: 'memberDetail', targetMemberId: a.id }, at(admin));
    expect(detail.status).toBe(200);
    const seg = detail.body.data.segmentation;
    // Joined at the real date, years before the pinned clock, with no order: neither 新客 nor 沉睡.
    expect(seg.layer.key).toBe('regular');
    expect(seg.churn).toEqual({ risk: false, reason: null });
    expect(seg.segments).toEqual([{ id: segmentId, name: '签到达人' }]);
    const star = seg.tags.find((t: { key: string }) => t.key === 'rule:checkin-star');
    expect(star).toMatchObject({ name: '签到达人', kind: 'behaviour', source: 'rule' });
    expect(star.why).toMatch(/^近30天签到 ≥ 20 次（近30天签到 2\d 次）$/);

    const tagged = await post(fn('admin'), { action: 'tagMember', targetMemberId: a.id, name: '爱穿连衣裙' }, at(admin));
    const manual = tagged.body.data.find((t: { name: string }) => t.name === '爱穿连衣裙');
    expect(manual).toMatchObject({ source: 'manual', addedBy: { id: expect.any(String) } });
    const ruleOff = await post(fn('admin'), { action: 'untagMember', targetMemberId: a.id, tagKey: 'rule:checkin-star' }, at(admin));
    expect([ruleOff.status, ruleOff.body.error.code]).toEqual([409, 'TAG_NOT_MANUAL']);
    const off = await post(fn('admin'), { action: 'untagMember', targetMemberId: a.id, tagKey: manual.key }, at(admin));
    expect(off.body.data.map((t: { key: string }) => t.key)).not.toContain(manual.key);

    const layers = (await post(fn('admin'), { action: 'layerReport' }, at(admin))).body.data;
    expect(layers.day).toBe('2031-05-20');
    expect(layers.layers.find((l: { key: string }) => l.key === 'regular').members).toBeGreaterThanOrEqual(2);
    const total = layers.layers.reduce((n: number, l: { members: number }) => n + l.members, 0);
    expect(total).toBe(run.body.data.run.counts.layered);
  });

  it('lets a guide tag only their own members', async () => {
    const guide = await devLogin(server.url, 'seg-guide', 'guide');
    const stranger = await memberCheckingIn('seg-strange', ['2031-05-19']);
    const refused = await post(fn('guide'), { action: 'tagMember', targetMemberId: stranger.id, name: '老客' }, at(guide));
    expect([refused.status, refused.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
