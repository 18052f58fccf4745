import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '@cloud/contract';
import type { Db } from '@cloud/db/port';
import { addDays, startOfBusinessDay } from '@cloud/domain/business-day';
import { DEFAULT_SOP_PLANS } from '@cloud/domain/sop-defaults';
import { isStepDue, occurrenceOf, type SopMemberFacts } from '@cloud/domain/sop-triggers';
import { assignGuide } from '@cloud/services/admin/assign-guide';
import { setRole } from '@cloud/services/admin/member-role';
import type { Actor } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { createShare } from '@cloud/services/sharing/create-share';
import { openShare } from '@cloud/services/sharing/open-share';
import { generateTasks } from '@cloud/services/sop/generate-tasks';
import { listSopPlans, saveSopPlan } from '@cloud/services/sop/sop-plans';
import { sopTasksBatch } from '@cloud/services/sop/sop-tasks-job';
import { backends, useTestDatabase } from '../support/databases';
import { testProduct } from '../support/products';
import { at, brand, ctxAt } from '../support/fixtures';
import { runToEnd } from '../support/jobs';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

interface TaskRow {
  member: string;
  step_key: string;
  occurrence: string;
  due_on: string;
  plan_version: number;
  status: string;
}

describe.each(backends)('SOP task generation on %s', (backend) => {
  const t = useTestDatabase(backend);

  const person = async (openid: string, role: Role, beijing = '2026-11-01 09:00:00'): Promise<Actor> => {
    const actor = toActor(await upsertMemberWithRole(t.db, openid, role, at(beijing)));
    await t.db.query('update members set nickname = $2 where id = $1', [actor.memberId, openid]);
    return actor;
  };
  const defaultPlans = async () => {
    for (const plan of DEFAULT_SOP_PLANS) ok(await saveSopPlan(ctxAt(t.db, '2026-11-01 09:00:00'), null, { name: plan.name, enabled: true, steps: plan.steps }));
  };
  const tasks = async (db: Db = t.db): Promise<TaskRow[]> =>
    (
      await db.query<TaskRow>(
        `select m.nickname as member, t.step_key, t.occurrence, t.due_on::text as due_on, t.plan_version, t.status
         from sop_tasks t join members m on m.id = t.member_id order by t.due_on, m.nickname, t.step_key`,
      )
    ).rows;
  /** The nightly run at 00:30 brand time of `day`. */
  const night = (day: string) => runToEnd(t.db, sopTasksBatch, brand, at(`${day} 00:30:00`));
  const openCard = async (guide: Actor, member: Actor, beijing: string) => {
    const invite = ok(await createShare(ctxAt(t.db, '2026-11-01 09:00:00'), guide, {}));
    ok(await openShare(ctxAt(t.db, beijing), member, { shareId: invite.shareId }));
  };

  it("a member who opens a guide's card is in that guide's tasks at once (day 0), and gets day 1 the next night", async () => {
    await defaultPlans();
    const guide = await person('王姐', 'guide');
    const lin = await person('小林', 'member', '2026-11-23 20:00:00');
    await openCard(guide, lin, '2026-11-23 20:05:00');
    expect(await tasks()).toEqual([{ member: '小林', step_key: 'welcome', occurrence: `${guide.memberId}:2026-11-23`, due_on: '2026-11-23', plan_version: 1, status: 'open' }]);
    const guideOf = await t.db.query<{ guide_id: string }>('select distinct guide_id::text from sop_tasks');
    expect(guideOf.rows).toEqual([{ guide_id: guide.memberId }]);

    await night('2026-11-24');
    await night('2026-11-24');
    expect((await tasks()).map((r) => [r.due_on, r.step_key])).toEqual([
      ['2026-11-23', 'welcome'],
      ['2026-11-24', 'invite-group'],
    ]);
  });

  it.each([
    ['23:59', '2026-11-23 23:59:00', '2026-11-23'],
    ['00:00', '2026-11-24 00:00:00', '2026-11-24'],
  ])('bound at %s brand time (%s): day 0 is %s', async (_, when, day0) => {
    await defaultPlans();
    const guide = await person('王姐', 'guide');
    const zhou = await person('小周', 'member', '2026-11-23 12:00:00');
    await openCard(guide, zhou, when);
    expect((await tasks()).map((r) => [r.due_on, r.step_key])).toEqual([[day0, 'welcome']]);
  });

  it('an admin assigning a guide makes the day-0 task at once; a member with no guide gets none', async () => {
    await defaultPlans();
    const guide = await person('王姐', 'guide');
    const admin = await person('小陈', 'admin');
    const lin = await person('小林', 'member');
    await person('无导购', 'member');
    ok(await assignGuide(ctxAt(t.db, '2026-11-23 10:00:00'), admin, { targetMemberId: lin.memberId, guideId: guide.memberId }));
    expect((await tasks()).map((r) => [r.member, r.step_key])).toEqual([['小林', 'welcome']]);
    await night('2026-11-24');
    expect((await tasks()).map((r) => r.member)).toEqual(['小林', '小林']);
  });

  it("a member moved to another guide takes their open follow-ups along; the old binding's welcome ends, done tasks stay; a guide made a member again leaves nobody's open tasks", async () => {
    await defaultPlans();
    const wang = await person('王姐', 'guide');
    const li = await person('李姐', 'guide');
    const admin = await person('小陈', 'admin');
    const lin = await person('小林', 'member');
    await t.db.query(`update members set birthday = '1990-11-25' where id = $1`, [lin.memberId]);
    ok(await assignGuide(ctxAt(t.db, '2026-11-23 10:00:00'), admin, { targetMemberId: lin.memberId, guideId: wang.memberId }));
    await night('2026-11-24');
    await night('2026-11-25');
    await t.db.query(`update sop_tasks set status = 'done', done_at = now(), on_time = true where step_key = 'invite-group'`);
    const byGuide = async () =>
      (await t.db.query<{ g: string; step_key: string; status: string }>(
        `select m.nickname as g, t.step_key, t.status from sop_tasks t join members m on m.id = t.guide_id order by t.due_on, t.step_key`,
      )).rows.map((r) => `${r.g} ${r.step_key} ${r.status}`);
    expect(await byGuide()).toEqual(['王姐 welcome open', '王姐 invite-group done', '王姐 birthday open']);

    ok(await assignGuide(ctxAt(t.db, '2026-11-25 11:00:00'), admin, { targetMemberId: lin.memberId, guideId: li.memberId }));
    expect(await byGuide()).toEqual(['王姐 invite-group done', '李姐 birthday open', '李姐 welcome open']);

    await setRole(ctxAt(t.db, '2026-11-25 12:00:00'), admin, { targetMemberId: li.memberId, newRole: 'member' });
    expect(await byGuide()).toEqual(['王姐 invite-group done']);
  });

  it('two generators for the same day at once make exactly one task per member, step and occurrence', async () => {
    await defaultPlans();
    const guide = await person('王姐', 'guide');
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await person(`会员${String(i).padStart(2, '0')}`, 'member')).memberId);
    // Bound on 5 March 2027: day 3 is 妇女节, so each member has two tasks that day.
    await t.db.query(`update members set guide_id = $1, guide_bound_at = $2 where id = any($3::bigint[])`, [guide.memberId, at('2027-03-05 18:00:00'), ids]);
    const on = { day: '2027-03-08', timeZone: brand.timeZone, now: at('2027-03-08 00:30:00') };
    const made = await Promise.all(
      Array.from({ length: 4 }, () => t.db.transaction((tx) => generateTasks(tx, on, { after: '0', upTo: '999999999' }))),
    );
    expect(made.reduce((a, b) => a + b, 0)).toBe(80);
    const rows = await tasks();
    expect(rows).toHaveLength(80);
    expect(new Set(rows.map((r) => r.step_key))).toEqual(new Set(['revisit-3', 'womens-day']));
    expect(rows.filter((r) => r.step_key === 'womens-day').every((r) => r.occurrence === '2027-03-08')).toBe(true);
    await night('2027-03-08');
    expect(await tasks()).toHaveLength(80);
  });

  it('a birthday on 29 February is followed up on 28 February of a common year, once that year', async () => {
    await defaultPlans();
    const guide = await person('王姐', 'guide');
    const leap = await person('闰日', 'member');
    await t.db.query(`update members set birthday = '1992-02-29', guide_id = $2, guide_bound_at = $3 where id = $1`, [leap.memberId, guide.memberId, at('2026-11-01 10:00:00')]);
    await night('2027-02-27');
    await night('2027-02-28');
    await night('2027-03-01');
    expect((await tasks()).filter((r) => r.step_key === 'birthday')).toEqual([
      { member: '闰日', step_key: 'birthday', occurrence: '2027', due_on: '2027-02-28', plan_version: 1, status: 'open' },
    ]);
  });

  it('a tier reached yesterday and an order received 7 days ago: one task each, once per tier and per order', async () => {
    await defaultPlans();
    const guide = await person('王姐', 'guide');
    const lin = await person('小林', 'member');
    await t.db.query(`update members set guide_id = $2, guide_bound_at = $3, tier = 'gold', tier_since = '2026-11-23', tier_raised_on = '2026-11-23' where id = $1`, [
      lin.memberId,
      guide.memberId,
      at('2026-10-01 10:00:00'),
    ]);
    const product = await testProduct(t.db);
    const sku = product.skus[0]!;
    const order = async (completedAt: string) =>
      (
        await t.db.query<{ id: string }>(
          `insert into orders (member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, category_id, list_price_fen,
             unit_price_fen, total_fen, created_at, expires_at, paid_at, completed_at, completed_by)
           values ($1, $2, 'completed', $3, $4, 1, '测试商品', '黑色 M', $5, 29900, 29900, 29900, $6, $6, $6, $6, 'member') returning id`,
          [lin.memberId, `req-${completedAt}`, product.productId, sku.id, product.categoryId, at(completedAt)],
        )
      ).rows[0]!.id;
    const received = await order('2026-11-17 23:30:00');
    await order('2026-11-18 00:30:00');
    await night('2026-11-24');
    await night('2026-11-25');
    expect((await tasks()).filter((r) => r.step_key === 'tier-up' || r.step_key === 'delivered-7').map((r) => [r.step_key, r.occurrence, r.due_on])).toEqual([
      ['delivered-7', received, '2026-11-24'],
      ['tier-up', 'gold:2026-11-23', '2026-11-24'],
      ['delivered-7', String(Number(received) + 1), '2026-11-25'],
    ]);
  });

  it("a plan edited after a task was done: the done task keeps its version's step, new tasks follow the new version", async () => {
    await defaultPlans();
    const guide = await person('王姐', 'guide');
    const lin = await person('小林', 'member');
    await openCard(guide, lin, '2026-11-23 10:00:00');
    await t.db.query(`update sop_tasks set status = 'done', done_at = $1, on_time = true`, [at('2026-11-23 11:00:00')]);

    const plan = (await listSopPlans(ctxAt(t.db, '2026-11-23 12:00:00'))).find((p) => p.name === '新客 1v1')!;
    const steps = plan.steps.map((s) => ({ ...s, script: `${s.script}（新版）` }));
    ok(await saveSopPlan(ctxAt(t.db, '2026-11-23 12:00:00'), null, { planId: plan.id, version: plan.version, name: plan.name, enabled: true, steps }));
    await night('2026-11-24');

    const { rows } = await t.db.query<{ step_key: string; status: string; script: string }>(
      `select t.step_key, t.status, s->>'script' as script
       from sop_tasks t join sop_plan_versions v on v.plan_id = t.plan_id and v.version = t.plan_version
       cross join lateral jsonb_array_elements(v.steps) s where s->>'key' = t.step_key order by t.due_on`,
    );
    expect(rows).toEqual([
      { step_key: 'welcome', status: 'done', script: DEFAULT_SOP_PLANS[0]!.steps[0]!.script },
      { step_key: 'invite-group', status: 'open', script: `${DEFAULT_SOP_PLANS[0]!.steps[1]!.script}（新版）` },
    ]);
  });

  it('the SQL makes exactly the bound steps the pure rule says are due, for bindings at random instants (around midnight too)', async () => {
    await defaultPlans();
    const guide = await person('王姐', 'guide');
    const minutes = fc.oneof(fc.constantFrom(0, 1, 23 * 60 + 59, 24 * 60 - 1), fc.integer({ min: 0, max: 24 * 60 - 1 }));
    const instants = fc.sample(fc.tuple(fc.integer({ min: 0, max: 40 }), minutes, fc.integer({ min: 0, max: 59 })), { numRuns: 40, seed: 12 });
    const members: SopMemberFacts[] = [];
    const ids: string[] = [];
    for (const [i, [dayOffset, minute, second]] of instants.entries()) {
      const id = (await person(`会员${String(i).padStart(2, '0')}`, 'member')).memberId;
      const boundAt = new Date(startOfBusinessDay(addDays('2026-11-01', dayOffset), brand.timeZone).getTime() + minute * 60_000 + second * 1000);
      await t.db.query('update members set guide_id = $2, guide_bound_at = $3 where id = $1', [id, guide.memberId, boundAt]);
      ids.push(id);
      members.push({ guideId: guide.memberId, boundAt, birthday: null, tier: 'normal', tierRaisedOn: null, churnRisk: false, lastActiveOn: null, layer: null, layerSince: null, delivered: [] });
    }
    const days = ['2026-11-01', '2026-11-02', '2026-11-04', '2026-11-08', '2026-11-20', '2026-12-01', '2026-12-08', '2026-12-11'];
    const bound = DEFAULT_SOP_PLANS[0]!.steps;
    const expected = days.flatMap((day) =>
      members.flatMap((m, i) =>
        bound.filter((s) => isStepDue(s.trigger, m, day, brand.timeZone)).map((s) => `${ids[i]} ${s.key} ${occurrenceOf(s.trigger, m, day, brand.timeZone)} ${day}`),
      ),
    );
    for (const day of days) await t.db.transaction((tx) => generateTasks(tx, { day, timeZone: brand.timeZone, now: at(`${day} 00:30:00`) }, { after: '0', upTo: '999999999' }));
    const { rows } = await t.db.query<{ line: string }>(
      `select member_id || ' ' || step_key || ' ' || occurrence || ' ' || due_on::text as line from sop_tasks where step_key = any($1) order by 1`,
      [bound.map((s) => s.key)],
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.line)).toEqual([...expected].sort());
  });

  it('a disabled plan makes no tasks', async () => {
    await defaultPlans();
    for (const plan of await listSopPlans(ctxAt(t.db, '2026-11-23 09:00:00'))) {
      ok(await saveSopPlan(ctxAt(t.db, '2026-11-23 09:00:00'), null, { planId: plan.id, version: plan.version, name: plan.name, enabled: false, steps: plan.steps }));
    }
    const guide = await person('王姐', 'guide');
    const lin = await person('小林', 'member');
    await openCard(guide, lin, '2026-11-23 10:00:00');
    await night('2026-11-24');
    expect(await tasks()).toEqual([]);
  });
});
