/**
 * 会员详情 over HTTP, the parts beyond segmentation: an admin reads one member's points ledger,
 * check-in calendar, orders, coupons, lottery awards and invites — exactly what that member's own
 * pages show them — sets their role and assigns their guide; each write is audited, refusals are
 * typed with Chinese messages, and a role taken away holds on the next call of an old token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('admin member detail over HTTP', () => {
  let server: TestServer;
  let admin: string;
  let adminId: string;
  const fn = (name: string) => `${server.url}/api/fn/${name}`;
  const DAY_MS = 86_400_000;
  /** This time `ahead` days on: within the demo campaign (it runs 30 days from the seed). */
  const day = (ahead: number) => new Date(Date.now() + ahead * DAY_MS).toISOString();
  const as = (token: string, now?: string) => ({ token, ...(now ? { headers: { 'x-dev-now': now } } : {}) });
  const adminCall = (body: Record<string, unknown>, now?: string) => post(fn('admin'), body, as(admin, now));
  const idOf = async (token: string): Promise<string> => (await post(fn('member'), { action: 'profile' }, { token })).body.data.id;
  const auditOf = async (kind: string, targetId: string) =>
    (await server.db.query<{ actor_id: string; before: unknown; after: unknown }>('select actor_id, before, after from audit_log where kind = $1 and target_id = $2 order by id', [kind, targetId])).rows;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await devLogin(server.url, 'demo-admin', 'admin');
    adminId = await idOf(admin);
  });
  afterAll(() => server?.close());

  it("reads a member's ledger, calendar, coupons and lottery awards exactly as the member sees them", async () => {
    const member = await devLogin(server.url, 'demo-member');
    const memberId = await idOf(member);
    // Points draws on days the campaign is open, until something is won (≈ 57 % a draw).
    let won = 0;
    let now = day(1);
    for (let d = 1; d <= 6 && won === 0; d++) {
      now = day(d);
      const campaign = (await post(fn('lottery'), { action: 'current' }, as(member, now))).body.data;
      for (let i = 0; i < 3; i++) {
        const draw = await post(fn('lottery'), { action: 'draw', campaignId: campaign.id, requestId: `detail-draw-${d}-${i}`, payWithPoints: true }, as(member, now));
        expect(draw.status).toBe(200);
      }
      won = (await post(fn('lottery'), { action: 'awards' }, as(member, now))).body.data.items.length;
    }
    expect(won).toBeGreaterThan(0);

    const own = async (name: string, body: Record<string, unknown>) => (await post(fn(name), body, as(member, now))).body.data;
    const theirs = async (body: Record<string, unknown>) => {
      const reply = await adminCall({ ...body, targetMemberId: memberId }, now);
      expect(reply.status).toBe(200);
      return reply.body.data;
    };

    const ledger = await own('points', { action: 'ledger' });
    expect(ledger.items.length).toBe(20);
    expect(await theirs({ action: 'memberLedger' })).toEqual(ledger);
    // The next page by the same cursor.
    expect(await theirs({ action: 'memberLedger', cursor: ledger.nextCursor })).toEqual(await own('points', { action: 'ledger', cursor: ledger.nextCursor }));

    const month = now.slice(0, 7);
    const lastMonth = new Date(Date.parse(`${month}-15T00:00:00Z`) - 30 * DAY_MS).toISOString().slice(0, 7);
    for (const m of [month, lastMonth]) {
      const calendar = await own('checkin', { action: 'status', month: m });
      expect(await theirs({ action: 'memberCalendar', month: m })).toEqual(calendar);
    }
    expect((await own('checkin', { action: 'status', month: lastMonth })).days.some((d: { state: string }) => d.state === 'checked')).toBe(true);

    const coupons = await own('coupon', { action: 'mine' });
    expect(await theirs({ action: 'memberCoupons' })).toEqual(coupons);
    expect(await theirs({ action: 'memberCoupons', status: 'used' })).toEqual(await own('coupon', { action: 'mine', status: 'used' }));
    expect(await theirs({ action: 'memberAwards' })).toEqual(await own('lottery', { action: 'awards' }));
  });

  it("reads a member's orders, and invites both ways: whom a member invited and who invited them", async () => {
    const buyer = await devLogin(server.url, 'demo-member-2');
    const orders = (await post(fn('order'), { action: 'mine' }, { token: buyer })).body.data;
    expect(orders.items.length).toBeGreaterThan(0);
    expect((await adminCall({ action: 'memberOrders', targetMemberId: await idOf(buyer) })).body.data).toEqual(orders);

    const { rows } = await server.db.query<{ invitee_id: string; inviter_id: string }>('select invitee_id, inviter_id from referrals order by invitee_id limit 1');
    const { invitee_id: invitee, inviter_id: inviter } = rows[0]!;
    const { rows: who } = await server.db.query<{ openid: string; role: string }>('select openid, role from members where id = $1', [inviter]);
    const inviterToken = await devLogin(server.url, who[0]!.openid, who[0]!.role);
    const mine = (await post(fn('referral'), { action: 'mine' }, { token: inviterToken })).body.data;
    expect(mine.invited).toBeGreaterThan(0);
    expect((await adminCall({ action: 'memberReferrals', targetMemberId: inviter })).body.data).toEqual({ ...mine, invitedBy: null });
    const invited = (await adminCall({ action: 'memberReferrals', targetMemberId: invitee })).body.data;
    expect(invited.invitedBy).toMatchObject({ id: inviter, at: expect.stringMatching(/\+08:00$/) });
  });

  it('a member who is not there: 404 in Chinese for every read; bad params: 400', async () => {
    for (const action of ['memberLedger', 'memberCalendar', 'memberOrders', 'memberCoupons', 'memberAwards', 'memberReferrals']) {
      const reply = await adminCall({ action, targetMemberId: '987654321' });
      expect([action, reply.status, reply.body.error]).toEqual([action, 404, { code: 'NOT_FOUND', message: '会员不存在' }]);
    }
    const badMonth = await adminCall({ action: 'memberCalendar', targetMemberId: adminId, month: '2026-13' });
    expect([badMonth.status, badMonth.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    const badRole = await adminCall({ action: 'setRole', targetMemberId: adminId, newRole: 'boss' });
    expect([badRole.status, badRole.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    // A field named role is dropped from every request as a forged identity: the new role is newRole.
    const asRole = await adminCall({ action: 'setRole', targetMemberId: adminId, role: 'member' });
    expect([asRole.status, asRole.body.error.message]).toEqual([400, '请求参数有误：newRole']);
    const badGuide = await adminCall({ action: 'assignGuide', targetMemberId: adminId });
    expect([badGuide.status, badGuide.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
  });

  it('分配导购: to a guide, to another, to none — the guide sees them in their list; refusals change nothing', async () => {
    const member = await devLogin(server.url, 'assign-member');
    const memberId = await idOf(member);
    const guideA = await devLogin(server.url, 'assign-guide-a', 'guide');
    const guideB = await devLogin(server.url, 'assign-guide-b', 'guide');
    const [aId, bId] = [await idOf(guideA), await idOf(guideB)];
    const guideMembers = async (token: string) => (await post(fn('guide'), { action: 'members' }, { token })).body.data.items.map((m: { id: string }) => m.id);

    const guides = (await adminCall({ action: 'guides' })).body.data;
    expect(guides).toEqual(expect.arrayContaining([expect.objectContaining({ id: aId, members: 0 }), expect.objectContaining({ id: bId, members: 0 })]));
    expect(guides.every((g: { id: string }) => g.id !== memberId && g.id !== adminId)).toBe(true);

    const toA = await adminCall({ action: 'assignGuide', targetMemberId: memberId, guideId: aId });
    expect(toA.body.data).toEqual({ targetMemberId: memberId, guide: { id: aId, nickname: null } });
    expect(await guideMembers(guideA)).toContain(memberId);
    expect((await adminCall({ action: 'memberDetail', targetMemberId: memberId })).body.data.member.guide).toEqual({ id: aId, nickname: null });
    expect((await adminCall({ action: 'guides' })).body.data.find((g: { id: string }) => g.id === aId).members).toBe(1);

    // The same guide again writes nothing; another guide moves them.
    await adminCall({ action: 'assignGuide', targetMemberId: memberId, guideId: aId });
    await adminCall({ action: 'assignGuide', targetMemberId: memberId, guideId: bId });
    expect(await guideMembers(guideA)).not.toContain(memberId);
    expect(await guideMembers(guideB)).toContain(memberId);

    // Refused: a guide who is not one, a staff member as the target.
    const notGuide = await adminCall({ action: 'assignGuide', targetMemberId: memberId, guideId: adminId });
    expect([notGuide.status, notGuide.body.error]).toEqual([409, { code: 'NOT_A_GUIDE', message: '只能分配给角色为导购的员工' }]);
    const staff = await adminCall({ action: 'assignGuide', targetMemberId: aId, guideId: bId });
    expect([staff.status, staff.body.error]).toEqual([409, { code: 'STAFF_HAS_NO_GUIDE', message: '导购和管理员不能分配专属导购' }]);
    const nobody = await adminCall({ action: 'assignGuide', targetMemberId: '987654321', guideId: bId });
    expect([nobody.status, nobody.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(await guideMembers(guideB)).toContain(memberId);

    const none = await adminCall({ action: 'assignGuide', targetMemberId: memberId, guideId: null });
    expect(none.body.data).toEqual({ targetMemberId: memberId, guide: null });
    expect(await guideMembers(guideB)).not.toContain(memberId);

    expect(await auditOf('member.assignGuide', memberId)).toEqual([
      { actor_id: adminId, before: { guideId: null }, after: { guideId: aId } },
      { actor_id: adminId, before: { guideId: aId }, after: { guideId: bId } },
      { actor_id: adminId, before: { guideId: bId }, after: { guideId: null } },
    ]);
  });

  it('设置角色: a member becomes a guide and works as one at once; a guide made a member again lets their members go', async () => {
    const member = await devLogin(server.url, 'role-member');
    const memberId = await idOf(member);
    const customer = await devLogin(server.url, 'role-customer');
    const customerId = await idOf(customer);

    expect((await post(fn('guide'), { action: 'members' }, { token: member })).status).toBe(403);
    const promoted = await adminCall({ action: 'setRole', targetMemberId: memberId, newRole: 'guide' });
    expect(promoted.body.data).toEqual({ targetMemberId: memberId, role: 'guide', releasedMembers: 0 });
    // The same session token: the role is read on every call.
    expect((await post(fn('guide'), { action: 'members' }, { token: member })).status).toBe(200);
    expect((await adminCall({ action: 'memberDetail', targetMemberId: memberId })).body.data.member.role).toBe('guide');

    await adminCall({ action: 'assignGuide', targetMemberId: customerId, guideId: memberId });
    // Setting the role it has changes and records nothing.
    expect((await adminCall({ action: 'setRole', targetMemberId: memberId, newRole: 'guide' })).body.data.releasedMembers).toBe(0);

    const demoted = await adminCall({ action: 'setRole', targetMemberId: memberId, newRole: 'member' });
    expect(demoted.body.data).toEqual({ targetMemberId: memberId, role: 'member', releasedMembers: 1 });
    expect((await post(fn('guide'), { action: 'members' }, { token: member })).status).toBe(403);
    expect((await adminCall({ action: 'memberDetail', targetMemberId: customerId })).body.data.member.guide).toBeNull();
    expect((await adminCall({ action: 'guides' })).body.data.some((g: { id: string }) => g.id === memberId)).toBe(false);

    expect(await auditOf('member.setRole', memberId)).toEqual([
      { actor_id: adminId, before: { role: 'member', guideId: null }, after: { role: 'guide', guideId: null, releasedMembers: 0 } },
      { actor_id: adminId, before: { role: 'guide', guideId: null }, after: { role: 'member', guideId: null, releasedMembers: 1 } },
    ]);
  });

  it('a member made staff is no longer anyone’s customer', async () => {
    const member = await devLogin(server.url, 'role-bound');
    const memberId = await idOf(member);
    const guideId = await idOf(await devLogin(server.url, 'role-bound-guide', 'guide'));
    await adminCall({ action: 'assignGuide', targetMemberId: memberId, guideId });
    await adminCall({ action: 'setRole', targetMemberId: memberId, newRole: 'admin' });
    const detail = (await adminCall({ action: 'memberDetail', targetMemberId: memberId })).body.data.member;
    expect([detail.role, detail.guide]).toEqual(['admin', null]);
    expect((await auditOf('member.setRole', memberId))[0]).toMatchObject({ before: { role: 'member', guideId }, after: { role: 'admin', guideId: null } });
  });

  it('an admin demoted loses admin powers on the token they hold; nobody takes their own admin role away; an erased member is refused', async () => {
    const other = await devLogin(server.url, 'role-admin-2', 'admin');
    const otherId = await idOf(other);
    expect((await post(fn('admin'), { action: 'members' }, { token: other })).status).toBe(200);
    expect((await adminCall({ action: 'setRole', targetMemberId: otherId, newRole: 'member' })).status).toBe(200);
    const after = await post(fn('admin'), { action: 'members' }, { token: other });
    expect([after.status, after.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const stillWrites = await post(fn('admin'), { action: 'setRole', targetMemberId: otherId, newRole: 'admin' }, { token: other });
    expect(stillWrites.status).toBe(403);

    const self = await adminCall({ action: 'setRole', targetMemberId: adminId, newRole: 'guide' });
    expect([self.status, self.body.error]).toEqual([409, { code: 'OWN_ADMIN_ROLE', message: '不能取消自己的管理员角色，请由其他管理员操作' }]);
    expect((await adminCall({ action: 'members' })).status).toBe(200);
    expect(await auditOf('member.setRole', adminId)).toEqual([]);

    const leaving = await devLogin(server.url, 'role-leaving');
    const leavingId = await idOf(leaving);
    expect((await post(fn('member'), { action: 'deleteAccount', confirm: true }, { token: leaving })).status).toBe(200);
    const guideId = await idOf(await devLogin(server.url, 'role-leaving-guide', 'guide'));
    for (const body of [
      { action: 'setRole', targetMemberId: leavingId, newRole: 'guide' },
      { action: 'assignGuide', targetMemberId: leavingId, guideId },
    ]) {
      const reply = await adminCall(body);
      expect([body.action, reply.status, reply.body.error]).toEqual([body.action, 409, { code: 'MEMBER_DELETED', message: '该会员已注销，不能修改' }]);
    }
    const { rows } = await server.db.query<{ role: string; guide_id: string | null }>('select role, guide_id from members where id = $1', [leavingId]);
    expect(rows[0]).toEqual({ role: 'member', guide_id: null });
    expect(await auditOf('member.setRole', leavingId)).toEqual([]);
  });
});
