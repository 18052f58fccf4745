/** 今日任务 on the guide's side: the list, 完成 / 跳过 / 发券 on a task, and the 「今日任务」 reminder. */
import { describe, expect, it } from 'vitest';
import type { SopTaskView } from '@cloud/contract';
import type { Db } from '@cloud/db/port';
import type { SopStep } from '@cloud/domain/sop-plan';
import type { Actor } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { runDueJobs } from '@cloud/services/jobs/daily-jobs';
import { createShare } from '@cloud/services/sharing/create-share';
import { openShare } from '@cloud/services/sharing/open-share';
import { guideTasks } from '@cloud/services/sop/guide-tasks';
import { saveSopPlan } from '@cloud/services/sop/sop-plans';
import { completeTask, giveTaskCoupon, skipTask } from '@cloud/services/sop/task-actions';
import { subscribeTasks } from '@cloud/services/sop/task-reminders';
import type { MessageSender, OutboxMessage } from '@cloud/adapters/messages/message-sender';
import { backends, useTestDatabase } from '../support/databases';
import { couponTemplate } from '../support/catalog';
import { adapters, at, ctxAt, memberJoinedAt } from '../support/fixtures';
import { testProduct } from '../support/products';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

const TODAY = '2026-11-23';
const NOW = `${TODAY} 11:00:00`;

const step = (over: Partial<SopStep> & Pick<SopStep, 'key' | 'name'>): SopStep => ({
  trigger: { kind: 'bound', days: 0 },
  dueTime: '10:00',
  expiresAfterDays: 2,
  script: '{昵称}您好，我是您的专属导购{导购}',
  couponTemplateId: null,
  product: null,
  ...over,
});

async function staff(db: Db, openid: string, role: 'guide' | 'admin', nickname: string): Promise<Actor> {
  const actor = await memberJoinedAt(db, openid, '2026-01-01 09:00:00');
  await db.query('update members set role = $2, nickname = $3 where id = $1', [actor.memberId, role, nickname]);
  return { ...actor, role };
}

/** A member bound to the guide long ago (written straight in: no bind-time tasks). */
async function memberOf(db: Db, guide: Actor, openid: string, nickname: string | null): Promise<Actor> {
  const member = await memberJoinedAt(db, openid, '2026-11-01 09:00:00');
  await db.query(`update members set nickname = $2, guide_id = $3, guide_bound_at = $4 where id = $1`, [
    member.memberId,
    nickname,
    guide.memberId,
    at('2026-11-01 09:00:00'),
  ]);
  return member;
}

/** The read model's row for a member (the nightly segmentation writes it): layer, churn reason, interest categories. */
async function factsOf(db: Db, member: Actor, f: { layer?: string; churnReason?: string | null; bought?: string[]; viewed?: string[] } = {}): Promise<void> {
  await db.query(
    `insert into member_facts (member_id, joined_on, source, tier, visit_days_7, visit_days_30, checkins_30, checkins_90,
       current_streak, longest_streak, orders_90, orders_365, gmv_90_fen, gmv_365_fen, active_days_90, categories_bought,
       categories_viewed, new_launch_views_30, coupon_share, member_day_share, flash_share, night_share, lottery_draws_30,
       redemptions_365, points_balance, points_expiring_30, shares_30, share_clicks_30, invites_rewarded, groups_seen_90,
       layer, churn_risk, churn_reason)
     values ($1, '2026-11-01', 'guide', 'normal', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, $2, $3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       $4, $5::text is not null, $5)`,
    [member.memberId, f.bought ?? [], f.viewed ?? [], f.layer ?? 'regular', f.churnReason ?? null],
  );
}

interface TaskFixture {
  member: Actor;
  guide: Actor;
  planId: string;
  version?: number;
  stepKey: string;
  dueOn: string;
  dueTime?: string;
  expiresOn: string;
  priority?: number;
  occurrence?: string;
}

/** A task as the generator leaves it (its due instant in brand time). */
async function task(db: Db, t: TaskFixture): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into sop_tasks (member_id, guide_id, plan_id, plan_version, step_key, occurrence, due_on, due_at, expires_on, priority, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $8) returning id`,
    [
      t.member.memberId,
      t.guide.memberId,
      t.planId,
      t.version ?? 1,
      t.stepKey,
      t.occurrence ?? t.dueOn,
      t.dueOn,
      at(`${t.dueOn} ${t.dueTime ?? '10:00'}:00`),
      t.expiresOn,
      t.priority ?? 0,
    ],
  );
  return rows[0]!.id;
}

describe.each(backends)('今日任务 on %s', (backend) => {
  const t = useTestDatabase(backend);

  async function setup(steps: SopStep[]) {
    const admin = await staff(t.db, 'admin', 'admin', '运营');
    const guide = await staff(t.db, 'guide-a', 'guide', '小美');
    const plan = ok(await saveSopPlan(ctxAt(t.db, '2026-11-01 08:00:00'), admin, { name: '新客 1v1', enabled: true, steps }));
    return { admin, guide, planId: plan.id };
  }

  it('lists open tasks by due time then priority, overdue ones still in their window, and the day’s closed ones after; expired ones are not open', async () => {
    const { guide, planId } = await setup([step({ key: 'welcome', name: '欢迎' }), step({ key: 'revisit', name: '回访', trigger: { kind: 'bound', days: 3 } })]);
    const lin = await memberOf(t.db, guide, 'lin', '林小姐');
    const anon = await memberOf(t.db, guide, 'anon', null);
    const vip = await memberOf(t.db, guide, 'vip', '王先生');
    const old = await memberOf(t.db, guide, 'old', '赵女士');
    const gone = await memberOf(t.db, guide, 'gone', '钱女士');
    await factsOf(t.db, vip, { layer: 'high' });

    const normal10 = await task(t.db, { member: lin, guide, planId, stepKey: 'welcome', dueOn: TODAY, dueTime: '10:00', expiresOn: '2026-11-25' });
    const high10 = await task(t.db, { member: vip, guide, planId, stepKey: 'welcome', dueOn: TODAY, dueTime: '10:00', expiresOn: '2026-11-25', priority: 1 });
    const at9 = await task(t.db, { member: anon, guide, planId, stepKey: 'welcome', dueOn: TODAY, dueTime: '09:00', expiresOn: '2026-11-25' });
    const overdue = await task(t.db, { member: old, guide, planId, stepKey: 'revisit', dueOn: '2026-11-21', expiresOn: '2026-11-23' });
    const expired = await task(t.db, { member: gone, guide, planId, stepKey: 'revisit', dueOn: '2026-11-20', expiresOn: '2026-11-22' });
    const doneEarlier = await task(t.db, { member: gone, guide, planId, stepKey: 'welcome', dueOn: '2026-11-22', expiresOn: '2026-11-24' });
    ok(await completeTask(ctxAt(t.db, `${TODAY} 08:30:00`), guide, { taskId: doneEarlier }));

    const list = ok(await guideTasks(ctxAt(t.db, NOW), guide, {}));
    expect(list.day).toBe(TODAY);
    expect(list.items.map((i) => i.id)).toEqual([overdue, at9, high10, normal10, doneEarlier]);
    expect(list.items.map((i) => i.id)).not.toContain(expired);
    expect(list.counts).toEqual({ open: 4, overdue: 1, done: 1, skipped: 0 });
    const [first, second, third] = list.items as [SopTaskView, SopTaskView, SopTaskView];
    expect(first).toMatchObject({ status: 'open', overdue: true, dueOn: '2026-11-21', step: { key: 'revisit', name: '回访', triggerText: '绑定后第 3 天' } });
    expect(second).toMatchObject({ overdue: false, script: '亲您好，我是您的专属导购小美', member: { nickname: null, layer: null } });
    expect(third).toMatchObject({
      priority: 'high',
      dueAt: '2026-11-23T10:00:00+08:00',
      script: '王先生您好，我是您的专属导购小美',
      member: { nickname: '王先生', tier: { key: 'normal', name: '普通会员' }, layer: { key: 'high', name: '高价值' }, tags: [], lastOrder: null },
      plan: { id: planId, name: '新客 1v1', version: 1 },
      coupon: null,
      product: null,
    });
    expect(list.items.at(-1)).toMatchObject({ status: 'done', onTime: false, doneAt: '2026-11-23T08:30:00+08:00' });

    // An earlier day: what was due then; the task that has since expired open reads expired.
    const before = ok(await guideTasks(ctxAt(t.db, NOW), guide, { day: '2026-11-20' }));
    expect(before.items).toEqual([expect.objectContaining({ id: expired, status: 'expired', overdue: false })]);
    expect(before.counts).toEqual({ open: 0, overdue: 0, done: 0, skipped: 0 });

    expect(await guideTasks(ctxAt(t.db, NOW), guide, { day: '2026-11-24' })).toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('completes on time on its due day and late after it; a repeat answers the same; skipped with a reason; an expired task cannot be closed', async () => {
    const { guide, planId } = await setup([step({ key: 'welcome', name: '欢迎' })]);
    const lin = await memberOf(t.db, guide, 'lin', '林小姐');
    const wang = await memberOf(t.db, guide, 'wang', '王先生');
    const zhao = await memberOf(t.db, guide, 'zhao', '赵女士');
    const today = await task(t.db, { member: lin, guide, planId, stepKey: 'welcome', dueOn: TODAY, expiresOn: '2026-11-25' });
    const yesterday = await task(t.db, { member: wang, guide, planId, stepKey: 'welcome', dueOn: '2026-11-22', expiresOn: '2026-11-24' });
    const expired = await task(t.db, { member: zhao, guide, planId, stepKey: 'welcome', dueOn: '2026-11-19', expiresOn: '2026-11-21' });

    // 23:59 on the due day is still on time; 00:00 the next day is late.
    const onTime = ok(await completeTask(ctxAt(t.db, `${TODAY} 23:59:00`), guide, { taskId: today }));
    expect(onTime).toMatchObject({ status: 'done', onTime: true, doneAt: '2026-11-23T23:59:00+08:00' });
    const again = ok(await completeTask(ctxAt(t.db, '2026-11-24 09:00:00'), guide, { taskId: today }));
    expect(again).toMatchObject({ status: 'done', onTime: true, doneAt: '2026-11-23T23:59:00+08:00' });
    expect(await skipTask(ctxAt(t.db, NOW), guide, { taskId: today, reason: '客户不需要' })).toMatchObject({ code: 'SOP_TASK_CLOSED' });

    const late = ok(await completeTask(ctxAt(t.db, `${TODAY} 00:00:00`), guide, { taskId: yesterday }));
    expect(late).toMatchObject({ status: 'done', onTime: false });

    expect(await completeTask(ctxAt(t.db, NOW), guide, { taskId: expired })).toMatchObject({ code: 'SOP_TASK_CLOSED' });
    expect(await skipTask(ctxAt(t.db, NOW), guide, { taskId: expired, reason: '联系不上' })).toMatchObject({ code: 'SOP_TASK_CLOSED' });

    const other = await task(t.db, { member: zhao, guide, planId, stepKey: 'welcome', dueOn: TODAY, expiresOn: TODAY, occurrence: 'again' });
    const skipped = ok(await skipTask(ctxAt(t.db, NOW), guide, { taskId: other, reason: '联系不上' }));
    expect(skipped).toMatchObject({ status: 'skipped', skipReason: '联系不上', onTime: null });
    expect(ok(await skipTask(ctxAt(t.db, NOW), guide, { taskId: other, reason: '其他' }))).toMatchObject({ skipReason: '联系不上' });
    expect(await completeTask(ctxAt(t.db, NOW), guide, { taskId: other })).toMatchObject({ code: 'SOP_TASK_CLOSED' });

    const list = ok(await guideTasks(ctxAt(t.db, NOW), guide, {}));
    expect(list.counts).toEqual({ open: 0, overdue: 0, done: 2, skipped: 1 });
  });

  it('gives the step’s coupon once under parallel taps, names it in the script, and refuses a step without one', async () => {
    const template = await couponTemplate(t.db, { name: '回访关怀券', perMemberLimit: 1 });
    const { guide, planId } = await setup([
      step({ key: 'care', name: '关怀', script: '{昵称}，送您一张{券}', couponTemplateId: template.id }),
      step({ key: 'welcome', name: '欢迎' }),
    ]);
    const lin = await memberOf(t.db, guide, 'lin', '林小姐');
    const care = await task(t.db, { member: lin, guide, planId, stepKey: 'care', dueOn: TODAY, expiresOn: TODAY });
    const welcome = await task(t.db, { member: lin, guide, planId, stepKey: 'welcome', dueOn: TODAY, expiresOn: TODAY });

    const before = ok(await guideTasks(ctxAt(t.db, NOW), guide, {}));
    expect(before.items.find((i) => i.id === care)).toMatchObject({
      script: '林小姐，送您一张回访关怀券',
      coupon: { templateId: template.id, name: '回访关怀券', given: null },
    });

    const answers = await Promise.all(Array.from({ length: 8 }, () => giveTaskCoupon(ctxAt(t.db, NOW), guide, { taskId: care })));
    const given = answers.map(ok);
    const coupons = await t.db.query<{ id: string; source: string; source_id: string }>(`select id, source, source_id from coupons where member_id = $1`, [lin.memberId]);
    expect(coupons.rows).toEqual([{ id: expect.any(String), source: 'sop', source_id: care }]);
    for (const a of given) expect(a.coupon?.given).toMatchObject({ id: coupons.rows[0]!.id, name: '回访关怀券', state: 'available', source: 'sop' });
    expect(given[0]!.coupon!.given).not.toHaveProperty('code');

    expect(await giveTaskCoupon(ctxAt(t.db, NOW), guide, { taskId: welcome })).toMatchObject({ code: 'SOP_NO_COUPON' });
    // Given stays given after the task is done.
    ok(await completeTask(ctxAt(t.db, NOW), guide, { taskId: care }));
    expect(ok(await giveTaskCoupon(ctxAt(t.db, NOW), guide, { taskId: care })).coupon?.given?.id).toBe(coupons.rows[0]!.id);
  });

  it('refuses a coupon on a task that is no longer open', async () => {
    const template = await couponTemplate(t.db, { name: '回访关怀券' });
    const { guide, planId } = await setup([step({ key: 'care', name: '关怀', couponTemplateId: template.id })]);
    const lin = await memberOf(t.db, guide, 'lin', '林小姐');
    const care = await task(t.db, { member: lin, guide, planId, stepKey: 'care', dueOn: TODAY, expiresOn: TODAY });
    ok(await completeTask(ctxAt(t.db, NOW), guide, { taskId: care }));
    expect(await giveTaskCoupon(ctxAt(t.db, NOW), guide, { taskId: care })).toMatchObject({ code: 'SOP_TASK_CLOSED' });
    const coupons = await t.db.query(`select 1 from coupons`);
    expect(coupons.rows).toEqual([]);
  });

  it('another guide’s task is not found, for every action; an admin sees their own tasks only', async () => {
    const { admin, guide, planId } = await setup([step({ key: 'welcome', name: '欢迎' })]);
    const other = await staff(t.db, 'guide-b', 'guide', '小王');
    const lin = await memberOf(t.db, guide, 'lin', '林小姐');
    const id = await task(t.db, { member: lin, guide, planId, stepKey: 'welcome', dueOn: TODAY, expiresOn: TODAY });
    for (const actor of [other, admin]) {
      expect(await completeTask(ctxAt(t.db, NOW), actor, { taskId: id })).toMatchObject({ code: 'NOT_FOUND' });
      expect(await skipTask(ctxAt(t.db, NOW), actor, { taskId: id, reason: '其他' })).toMatchObject({ code: 'NOT_FOUND' });
      expect(await giveTaskCoupon(ctxAt(t.db, NOW), actor, { taskId: id })).toMatchObject({ code: 'NOT_FOUND' });
      expect(ok(await guideTasks(ctxAt(t.db, NOW), actor, {})).items).toEqual([]);
    }
    // A member who moved to another guide is no longer the first guide's to follow up.
    await t.db.query('update members set guide_id = $2 where id = $1', [lin.memberId, other.memberId]);
    expect(ok(await guideTasks(ctxAt(t.db, NOW), guide, {})).items).toEqual([]);
    expect(await completeTask(ctxAt(t.db, NOW), guide, { taskId: id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps a task’s step as it was in its plan version, and sends the interest product or the step’s product', async () => {
    const { admin, guide, planId } = await setup([
      step({ key: 'push', name: '兴趣推荐', script: '{昵称}，{商品}上新了', product: 'interest', trigger: { kind: 'bound', days: 30 } }),
    ]);
    const dress = await testProduct(t.db, { name: '碎花连衣裙', categoryName: '连衣裙', skus: [{ color: '白', size: 'S', priceFen: 39_900, stock: 5 }] });
    await testProduct(t.db, { name: '运动鞋', categoryName: '鞋', skus: [{ color: '白', size: '38', priceFen: 59_900, stock: 5 }] });
    // An older one in the same category, and a sold-out newer one: the newest on sale is sent.
    await t.db.query(`update products set created_at = '2026-01-01' where id = $1`, [dress.productId]);
    const older = await t.db.query<{ id: string }>(
      `insert into products (category_id, name, images, created_at) values ($1, '旧款连衣裙', '{}', '2025-01-01') returning id`,
      [dress.categoryId],
    );
    await t.db.query(`insert into product_skus (product_id, price_fen, stock) values ($1, 19900, 3)`, [older.rows[0]!.id]);
    const soldOut = await t.db.query<{ id: string }>(
      `insert into products (category_id, name, images, created_at) values ($1, '售罄连衣裙', '{}', '2026-11-01') returning id`,
      [dress.categoryId],
    );
    await t.db.query(`insert into product_skus (product_id, price_fen, stock) values ($1, 19900, 0)`, [soldOut.rows[0]!.id]);

    const lin = await memberOf(t.db, guide, 'lin', '林小姐');
    await factsOf(t.db, lin, { bought: ['连衣裙'], viewed: ['鞋'] });
    const wang = await memberOf(t.db, guide, 'wang', '王先生');
    await factsOf(t.db, wang, { viewed: ['鞋'] });
    const quiet = await memberOf(t.db, guide, 'quiet', '赵女士');
    const linTask = await task(t.db, { member: lin, guide, planId, stepKey: 'push', dueOn: TODAY, expiresOn: TODAY });
    const wangTask = await task(t.db, { member: wang, guide, planId, stepKey: 'push', dueOn: TODAY, expiresOn: TODAY });
    const quietTask = await task(t.db, { member: quiet, guide, planId, stepKey: 'push', dueOn: TODAY, expiresOn: TODAY });
    ok(await completeTask(ctxAt(t.db, NOW), guide, { taskId: linTask }));

    // Version 2 sends a fixed product with another script: the done task keeps version 1.
    const coat = await testProduct(t.db, { name: '羊毛大衣', categoryName: '外套', skus: [{ color: '驼', size: 'M', priceFen: 99_900, stock: 1 }] });
    ok(
      await saveSopPlan(ctxAt(t.db, NOW), admin, {
        planId,
        version: 1,
        name: '新客 1v1',
        enabled: true,
        steps: [step({ key: 'push', name: '新品推荐', script: '{昵称}，看看{商品}', product: { id: coat.productId }, trigger: { kind: 'bound', days: 30 } })],
      }),
    );
    const v2Task = await task(t.db, { member: quiet, guide, planId, version: 2, stepKey: 'push', dueOn: TODAY, expiresOn: TODAY, occurrence: 'v2' });

    const items = new Map(ok(await guideTasks(ctxAt(t.db, NOW), guide, {})).items.map((i) => [i.id, i]));
    expect(items.get(linTask)).toMatchObject({
      step: { name: '兴趣推荐' },
      script: '林小姐，碎花连衣裙上新了',
      product: { id: dress.productId, name: '碎花连衣裙', priceFen: 39_900, imageUrl: '/catalog-images/test.svg' },
    });
    expect(items.get(wangTask)).toMatchObject({ script: '王先生，运动鞋上新了', product: { name: '运动鞋' } });
    expect(items.get(quietTask)).toMatchObject({ script: '赵女士，新品上新了', product: null });
    expect(items.get(v2Task)).toMatchObject({ step: { name: '新品推荐' }, plan: { version: 2 }, script: '赵女士，看看羊毛大衣', product: { name: '羊毛大衣' } });
  });

  it('shows the member’s tags and last paid order', async () => {
    const { guide, planId } = await setup([step({ key: 'welcome', name: '欢迎' })]);
    const lin = await memberOf(t.db, guide, 'lin', '林小姐');
    const product = await testProduct(t.db, { name: '羊毛大衣' });
    await t.db.query(`insert into tag_definitions (key, name, kind, position) values ('vip', '老顾客', 'behaviour', 1), ('dress', '爱连衣裙', 'interest', 1)`);
    await t.db.query(`insert into member_tags (member_id, tag_key, source, added_at) values ($1, 'dress', 'manual', now()), ($1, 'vip', 'manual', now())`, [
      lin.memberId,
    ]);
    for (const [request, paid, total] of [
      ['r1', '2026-11-10 12:00:00', 29_900],
      ['r2', '2026-11-20 20:00:00', 59_900],
    ] as const) {
      await t.db.query(
        `insert into orders (member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, category_id,
           list_price_fen, unit_price_fen, total_fen, shipping_fen, created_at, expires_at, paid_at)
         values ($1, $2, 'paid', $3, $4, 1, '羊毛大衣', '黑色 / M', $5, $6, $6, $6, 0, $7, $7::timestamptz + interval '15 minutes', $7)`,
        [lin.memberId, request, product.productId, product.skus[0]!.id, product.categoryId, total, at(paid)],
      );
    }
    await task(t.db, { member: lin, guide, planId, stepKey: 'welcome', dueOn: TODAY, expiresOn: TODAY });
    const [item] = ok(await guideTasks(ctxAt(t.db, NOW), guide, {})).items;
    expect(item!.member).toMatchObject({
      tags: ['老顾客', '爱连衣裙'],
      lastOrder: { productName: '羊毛大衣', paidAt: '2026-11-20T20:00:00+08:00', totalFen: 59_900 },
    });
  });

  it('a new member who opens the guide’s card is in the guide’s tasks at once, by name, and 完成 marks it done on time', async () => {
    const { guide } = await setup([
      step({ key: 'welcome', name: '新会员欢迎', dueTime: '09:00', script: '{昵称}您好，我是{导购}，欢迎加入！' }),
      step({ key: 'revisit', name: '三天回访', trigger: { kind: 'bound', days: 3 } }),
    ]);
    const product = await testProduct(t.db, { name: '羊毛大衣' });
    const card = ok(await createShare(ctxAt(t.db, '2026-11-23 08:00:00'), guide, { productId: product.productId }));
    const lin = await memberJoinedAt(t.db, 'lin', '2026-11-23 10:30:00');
    await t.db.query(`update members set nickname = '林小姐' where id = $1`, [lin.memberId]);
    expect(ok(await guideTasks(ctxAt(t.db, '2026-11-23 10:30:00'), guide, {})).items).toEqual([]);

    ok(await openShare(ctxAt(t.db, '2026-11-23 10:31:00'), lin, { shareId: card.shareId, scene: 1044 }));
    const list = ok(await guideTasks(ctxAt(t.db, '2026-11-23 10:32:00'), guide, {}));
    expect(list.items).toEqual([
      expect.objectContaining({
        status: 'open',
        dueOn: TODAY,
        step: expect.objectContaining({ name: '新会员欢迎', triggerText: '新会员绑定当天' }),
        script: '林小姐您好，我是小美，欢迎加入！',
        member: expect.objectContaining({ id: lin.memberId, nickname: '林小姐' }),
      }),
    ]);
    const done = ok(await completeTask(ctxAt(t.db, '2026-11-23 10:40:00'), guide, { taskId: list.items[0]!.id }));
    expect(done).toMatchObject({ status: 'done', onTime: true });
  });

  it('queues 今日 N 条任务 once per acceptance at 09:00 for a guide with open tasks; a guide with none keeps the acceptance', async () => {
    const { guide, planId } = await setup([step({ key: 'welcome', name: '欢迎' })]);
    const idle = await staff(t.db, 'guide-b', 'guide', '小王');
    const lin = await memberOf(t.db, guide, 'lin', '林小姐');
    const wang = await memberOf(t.db, guide, 'wang', '王先生');
    await task(t.db, { member: lin, guide, planId, stepKey: 'welcome', dueOn: TODAY, expiresOn: TODAY });
    await task(t.db, { member: wang, guide, planId, stepKey: 'welcome', dueOn: '2026-11-22', expiresOn: TODAY });
    expect(await subscribeTasks(ctxAt(t.db, '2026-11-22 20:00:00'), guide)).toEqual({ subscribed: true });
    await subscribeTasks(ctxAt(t.db, '2026-11-22 20:01:00'), guide);
    await subscribeTasks(ctxAt(t.db, '2026-11-22 20:00:00'), idle);

    const sent: OutboxMessage[] = [];
    const sender: MessageSender = { send: async (m) => void sent.push(m) };
    const ports = { sender, payments: adapters.payments };
    const reminders = () => sent.filter((m) => m.kind === 'sop_tasks');
    await runDueJobs(t.db, ports, at(`${TODAY} 08:59:00`));
    expect(reminders()).toEqual([]);
    await runDueJobs(t.db, ports, at(`${TODAY} 09:00:00`));
    await runDueJobs(t.db, ports, at(`${TODAY} 09:05:00`));
    expect(reminders()).toEqual([expect.objectContaining({ openid: 'guide-a', payload: { day: TODAY, page: 'packages/guide/tasks/index', count: 2 } })]);
    const unused = () => t.db.query<{ member_id: string }>(`select member_id from reminder_subscriptions where kind = 'tasks' and used_at is null order by id`);
    expect((await unused()).rows.map((r) => r.member_id)).toEqual([guide.memberId, idle.memberId]);

    // The next morning, the second acceptance.
    await task(t.db, { member: lin, guide, planId, stepKey: 'welcome', dueOn: '2026-11-24', expiresOn: '2026-11-24', occurrence: 'next' });
    await runDueJobs(t.db, ports, at('2026-11-24 09:00:00'));
    expect(reminders().map((m) => m.payload)).toEqual([
      { day: TODAY, page: 'packages/guide/tasks/index', count: 2 },
      { day: '2026-11-24', page: 'packages/guide/tasks/index', count: 1 },
    ]);
    expect((await unused()).rows.map((r) => r.member_id)).toEqual([idle.memberId]);
    const outbox = await t.db.query<{ n: number }>(`select count(*)::int as n from outbox where kind = 'sop_tasks'`);
    expect(outbox.rows[0]!.n).toBe(2);
  });
});
