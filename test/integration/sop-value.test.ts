/**
 * admin.sopValue on a hand-made month of SOP tasks, orders, visits and check-ins: every figure is
 * the one a person counts from the fixture below ("now" is 30 June 2026 20:00, Beijing).
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contract } from '@cloud/contract';
import type { Db } from '@cloud/db/port';
import type { Actor } from '@cloud/services/context';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { sopValue } from '@cloud/services/sop/sop-value';
import { backends, useTestDatabase } from '../support/databases';
import { at, ctxAt, memberJoinedAt } from '../support/fixtures';

const NOW = '2026-06-30 20:00:00';

const STEPS = [
  { key: 'welcome', name: '欢迎', trigger: { kind: 'bound', days: 0 }, dueTime: '10:00', expiresAfterDays: 2, script: '{昵称}，欢迎', couponTemplateId: null, product: null },
  { key: 'winback', name: '挽回', trigger: { kind: 'segment', segment: 'churnRisk' }, dueTime: '10:00', expiresAfterDays: 3, script: '{昵称}，{原因}', couponTemplateId: null, product: null },
];

async function plan(db: Db, admin: Actor): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into sop_plans (name, enabled, version, steps, updated_at, updated_by) values ('新会员', true, 1, $1::jsonb, $2, $3) returning id`,
    [JSON.stringify(STEPS), at('2026-05-01 09:00:00'), admin.memberId],
  );
  await db.query(
    `insert into sop_plan_versions (plan_id, version, name, steps, created_at, created_by) values ($1, 1, '新会员', $2::jsonb, $3, $4)`,
    [rows[0]!.id, JSON.stringify(STEPS), at('2026-05-01 09:00:00'), admin.memberId],
  );
  return rows[0]!.id;
}

interface TaskFact {
  member: Actor;
  guide: Actor;
  step: 'welcome' | 'winback';
  due: string;
  expires: string;
  status: 'open' | 'done' | 'skipped';
  doneAt?: string;
  onTime?: boolean;
}

async function task(db: Db, planId: string, t: TaskFact): Promise<void> {
  await db.query(
    `insert into sop_tasks (member_id, guide_id, plan_id, plan_version, step_key, occurrence, due_on, due_at, expires_on, status, done_at, on_time, skip_reason, created_at)
     values ($1, $2, $3, 1, $4, $5, $12::date, $6, $7::date, $8, $9, $10, $11, $6)`,
    [
      t.member.memberId,
      t.guide.memberId,
      planId,
      t.step,
      t.due,
      at(`${t.due} 10:00:00`),
      t.expires,
      t.status,
      t.doneAt ? at(t.doneAt) : null,
      t.status === 'done' ? (t.onTime ?? true) : null,
      t.status === 'skipped' ? '联系不上' : null,
      t.due,
    ],
  );
}

/** A read-model row in the layer given (the other columns zero). */
async function facts(db: Db, member: Actor, layer: string): Promise<void> {
  await db.query(
    `insert into member_facts (member_id, joined_on, source, tier, visit_days_7, visit_days_30, checkins_30, checkins_90,
       current_streak, longest_streak, orders_90, orders_365, gmv_90_fen, gmv_365_fen, active_days_90, categories_bought,
       categories_viewed, new_launch_views_30, coupon_share, member_day_share, flash_share, night_share, lottery_draws_30,
       redemptions_365, points_balance, points_expiring_30, shares_30, share_clicks_30, invites_rewarded, groups_seen_90, layer)
     values ($1, '2026-01-01', 'direct', 'normal', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '{}', '{}', 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 0, 0, 0, $2)`,
    [member.memberId, layer],
  );
}

interface Sku {
  productId: string;
  skuId: string;
  categoryId: string;
}

async function productWithSku(db: Db): Promise<Sku> {
  const category = await db.query<{ id: string }>(`insert into categories (name) values ('外套') returning id`);
  const categoryId = category.rows[0]!.id;
  const product = await db.query<{ id: string }>(`insert into products (category_id, name, images) values ($1, '羊毛大衣', '{}') returning id`, [categoryId]);
  const sku = await db.query<{ id: string }>(
    `insert into product_skus (product_id, size, color, price_fen, stock) values ($1, 'M', '驼色', 59900, 100) returning id`,
    [product.rows[0]!.id],
  );
  return { productId: product.rows[0]!.id, skuId: sku.rows[0]!.id, categoryId };
}

/** A paid order (refunded when said), written as the order use cases leave it. */
async function paid(db: Db, sku: Sku, member: Actor, paidAt: string, refunded = false): Promise<void> {
  await db.query(
    `insert into orders (member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, category_id,
       list_price_fen, unit_price_fen, total_fen, created_at, expires_at, paid_at, refunded_at)
     values ($1, $2, $3, $4, $5, 1, '羊毛大衣', '驼色 / M', $6, 59900, 59900, 59900, $7::timestamptz - interval '5 minutes', $7::timestamptz + interval '10 minutes', $7, $8)`,
    [member.memberId, crypto.randomUUID(), refunded ? 'refunded' : 'paid', sku.productId, sku.skuId, sku.categoryId, at(paidAt), refunded ? at(paidAt) : null],
  );
}

describe.each(backends)('SOP 成效 on %s', (backend) => {
  const t = useTestDatabase(backend);

  /**
   * Guides 王, 李 and 赵; a plan with a welcome step and a 流失预警 win-back step. In June:
   * - 王: m1 done on time (06-10 10:00), m2 done late (06-13 09:00), m3 skipped, m4 expired
   *   (due 06-20, last day 06-22), m5 open until 07-02; m6's task was in May (outside).
   * - 李 (win-back): m7 done on time (06-05 11:00), m8 skipped (due 06-08), m9 expired (due 06-10),
   *   m10 still open until 07-01.
   * - 赵: m11 and m12 done on time (06-02, 06-03).
   * Layers now: m1 m2 m3 m4 u1 高价值; m7 m8 m9 m10 流失预警; m5 m6 m11 m12 一般.
   */
  async function scene() {
    const db = t.db;
    const staff = async (openid: string, role: 'guide' | 'admin') => toActor(await upsertMemberWithRole(db, openid, role, at('2026-01-01 09:00:00')));
    const [wang, li, zhao, admin] = [await staff('wang', 'guide'), await staff('li', 'guide'), await staff('zhao', 'guide'), await staff('boss', 'admin')];
    await db.query(`update members set nickname = case openid when 'wang' then '王导购' when 'li' then '李导购' when 'zhao' then '赵导购' end where openid in ('wang', 'li', 'zhao')`);
    const m: Record<string, Actor> = {};
    for (const name of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12', 'u1']) m[name] = await memberJoinedAt(db, name, '2026-01-01 09:00:00');
    const planId = await plan(db, admin);
    const add = (f: TaskFact) => task(db, planId, f);
    await add({ member: m.m1!, guide: wang, step: 'welcome', due: '2026-06-10', expires: '2026-06-12', status: 'done', doneAt: '2026-06-10 10:00:00' });
    await add({ member: m.m2!, guide: wang, step: 'welcome', due: '2026-06-12', expires: '2026-06-14', status: 'done', doneAt: '2026-06-13 09:00:00', onTime: false });
    await add({ member: m.m3!, guide: wang, step: 'welcome', due: '2026-06-15', expires: '2026-06-17', status: 'skipped' });
    await add({ member: m.m4!, guide: wang, step: 'welcome', due: '2026-06-20', expires: '2026-06-22', status: 'open' });
    await add({ member: m.m5!, guide: wang, step: 'welcome', due: '2026-06-30', expires: '2026-07-02', status: 'open' });
    await add({ member: m.m6!, guide: wang, step: 'welcome', due: '2026-05-20', expires: '2026-05-22', status: 'done', doneAt: '2026-05-20 11:00:00' });
    await add({ member: m.m7!, guide: li, step: 'winback', due: '2026-06-05', expires: '2026-06-08', status: 'done', doneAt: '2026-06-05 11:00:00' });
    await add({ member: m.m8!, guide: li, step: 'winback', due: '2026-06-08', expires: '2026-06-11', status: 'skipped' });
    await add({ member: m.m9!, guide: li, step: 'winback', due: '2026-06-10', expires: '2026-06-13', status: 'open' });
    await add({ member: m.m10!, guide: li, step: 'winback', due: '2026-06-29', expires: '2026-07-01', status: 'open' });
    await add({ member: m.m11!, guide: zhao, step: 'welcome', due: '2026-06-02', expires: '2026-06-04', status: 'done', doneAt: '2026-06-02 15:00:00' });
    await add({ member: m.m12!, guide: zhao, step: 'welcome', due: '2026-06-03', expires: '2026-06-05', status: 'done', doneAt: '2026-06-03 15:00:00' });
    for (const name of ['m1', 'm2', 'm3', 'm4', 'u1']) await facts(db, m[name]!, 'high');
    for (const name of ['m7', 'm8', 'm9', 'm10']) await facts(db, m[name]!, 'at_risk');
    for (const name of ['m5', 'm6', 'm11', 'm12']) await facts(db, m[name]!, 'regular');

    const sku = await productWithSku(db);
    await paid(db, sku, m.m1!, '2026-06-15 09:00:00'); // 5 days after its task: counts
    await paid(db, sku, m.m2!, '2026-06-20 10:00:00'); // 7 days and an hour after: does not
    await paid(db, sku, m.m7!, '2026-06-05 10:00:00'); // before its task was done: does not
    await paid(db, sku, m.m11!, '2026-06-08 12:00:00'); // 6 days after: counts
    await paid(db, sku, m.m12!, '2026-06-04 12:00:00', true); // refunded: does not
    await paid(db, sku, m.m3!, '2026-06-07 23:30:00'); // untouched, inside 06-01…06-07: counts
    await paid(db, sku, m.m4!, '2026-06-08 00:30:00'); // untouched, the 8th day: does not
    await paid(db, sku, m.m6!, '2026-06-03 12:00:00'); // untouched in June (its task was May's): counts

    // Coming back after the win-back: m7 visits a week after its done task, m9 on the 14th day
    // after its due day; m8 only makes up a check-in (a 补签 is no visit) and checks in 22 days later.
    await db.query(`insert into member_visits (member_id, day) values ($1, '2026-06-12'), ($2, '2026-06-24')`, [m.m7!.memberId, m.m9!.memberId]);
    await db.query(
      `insert into checkins (member_id, day, streak, points, created_at, kind) values ($1, '2026-06-09', 1, 0, $2, 'makeup'), ($1, '2026-06-30', 1, 5, $3, 'checkin')`,
      [m.m8!.memberId, at('2026-06-12 09:00:00'), at('2026-06-30 09:00:00')],
    );
    return { wang, li, zhao, admin };
  }

  it('30 days: per guide, the order rate by layer, and 流失预警 comeback, as counted by hand', async () => {
    const { wang, li, zhao, admin } = await scene();
    const value = await sopValue(ctxAt(t.db, NOW), admin, {});
    expect([value.since, value.until]).toEqual(['2026-06-01', '2026-06-30']);
    expect(value.guides).toEqual([
      { guideId: zhao.memberId, nickname: '赵导购', tasks: 2, done: 2, onTime: 2, skipped: 0, expired: 0, completionRate: 1, onTimeRate: 1 },
      { guideId: wang.memberId, nickname: '王导购', tasks: 5, done: 2, onTime: 1, skipped: 1, expired: 1, completionRate: 0.4, onTimeRate: 0.5 },
      { guideId: li.memberId, nickname: '李导购', tasks: 4, done: 1, onTime: 1, skipped: 1, expired: 1, completionRate: 0.25, onTimeRate: 1 },
    ]);
    expect(value.orderRate).toEqual([
      { layer: 'high', layerName: '高价值', touched: 2, touchedRate: 0.5, untouched: 3, untouchedRate: 1 / 3 },
      { layer: 'at_risk', layerName: '流失预警', touched: 1, touchedRate: 0, untouched: 3, untouchedRate: 0 },
      { layer: 'regular', layerName: '一般', touched: 2, touchedRate: 0.5, untouched: 2, untouchedRate: 0.5 },
    ]);
    expect(value.churnComeback).toEqual({ withTask: 1, withTaskBack: 1, withoutTask: 2, withoutTaskBack: 1 });
  });

  it('7 days: only the tasks due from 24 June; an open task inside its days is neither done nor expired', async () => {
    const { wang, li, admin } = await scene();
    const value = await sopValue(ctxAt(t.db, NOW), admin, { days: 7 });
    expect([value.since, value.until]).toEqual(['2026-06-24', '2026-06-30']);
    expect(value.guides).toEqual([
      { guideId: wang.memberId, nickname: '王导购', tasks: 1, done: 0, onTime: 0, skipped: 0, expired: 0, completionRate: 0, onTimeRate: 0 },
      { guideId: li.memberId, nickname: '李导购', tasks: 1, done: 0, onTime: 0, skipped: 0, expired: 0, completionRate: 0, onTimeRate: 0 },
    ].sort((a, b) => Number(a.guideId) - Number(b.guideId)));
    // Nobody was touched: every member is the baseline, read from 24 June (no order since).
    expect(value.orderRate.every((r) => r.touched === 0 && r.untouchedRate === 0)).toBe(true);
    expect(value.orderRate.map((r) => [r.layer, r.untouched])).toEqual([['high', 5], ['at_risk', 4], ['regular', 4]]);
    // m10's win-back is still open inside its days: not counted either way.
    expect(value.churnComeback).toEqual({ withTask: 0, withTaskBack: 0, withoutTask: 0, withoutTaskBack: 0 });
  });

  it('a brand with no tasks yet reads zeros, not an error', async () => {
    const admin = toActor(await upsertMemberWithRole(t.db, 'boss', 'admin', at('2026-01-01 09:00:00')));
    const value = await sopValue(ctxAt(t.db, NOW), admin, { days: 90 });
    expect(value).toEqual({ since: '2026-04-02', until: '2026-06-30', guides: [], orderRate: [], churnComeback: { withTask: 0, withTaskBack: 0, withoutTask: 0, withoutTaskBack: 0 } });
  });
});

describe('admin.sopValue params', () => {
  it.each([[{}], [{ days: 7 }], [{ days: 30 }], [{ days: 90 }]])('accepts %j', (params) => {
    expect(contract.admin.sopValue.params.safeParse(params).success).toBe(true);
  });
  it.each([[{ days: 14 }], [{ days: '30' }], [{ days: 30, guideId: '1' }]])('refuses %j', (params) => {
    expect(contract.admin.sopValue.params.safeParse(params).success).toBe(false);
  });
});
