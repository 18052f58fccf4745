/**
 * The guides' playbook use cases on PGlite and PostgreSQL: the 话术库's copy counter and its
 * order, today's group plan per named group with its posted marks, the 朋友圈 week with its
 * marks and the admin's mix — under concurrency where guides tap at once.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '@cloud/contract';
import type { Db } from '@cloud/db/port';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import type { Actor, UseCaseContext } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { nameGroup } from '@cloud/services/guide/groups';
import { groupPlanDay, listPlanPosts, markGroupPost, savePlanPost } from '@cloud/services/guide-content/group-plan';
import { adminMomentsWeek, guideMoments, markMomentPosted, saveMomentsPost } from '@cloud/services/guide-content/moments';
import { adminScripts, copyScript, guideScripts, saveScript } from '@cloud/services/guide-content/scripts';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { createShare } from '@cloud/services/sharing/create-share';
import { openShare } from '@cloud/services/sharing/open-share';
import { backends, useTestDatabase } from '../support/databases';
import { at, ctxAt, memberJoinedAt } from '../support/fixtures';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

const staff = async (db: Db, openid: string, role: Role): Promise<Actor> => toActor(await upsertMemberWithRole(db, openid, role, at('2026-10-01 09:00:00')));

describe.each(backends)('guide content on %s', (backend) => {
  const t = useTestDatabase(backend);

  /** A brand whose member day is Wednesday (95折) and whose night market sells 鞋履 on Monday nights only. */
  async function brandCtx(beijing: string): Promise<UseCaseContext> {
    const base = ctxAt(t.db, beijing);
    const { rows } = await t.db.query<{ id: string }>(`select id from categories where name = '鞋履'`);
    const shoes = rows[0]?.id ?? null;
    return {
      ...base,
      brand: {
        ...base.brand,
        memberDay: { weekday: 3, orderDiscountRate: 0.95 },
        nightMarket: { ...base.brand.nightMarket, categoryByWeekday: [shoes, null, null, null, null, null, null] },
      },
    };
  }

  async function catalog() {
    const category = await t.db.query<{ id: string }>(`insert into categories (name) values ('鞋履') returning id`);
    const product = await t.db.query<{ id: string }>(`insert into products (category_id, name, images) values ($1, '切尔西短靴', '{/catalog-images/boot.svg}') returning id`, [
      category.rows[0]!.id,
    ]);
    return { categoryId: category.rows[0]!.id, productId: product.rows[0]!.id };
  }

  describe('话术库', () => {
    async function library() {
      const admin = await staff(t.db, 'admin', 'admin');
      const ctx = ctxAt(t.db, '2026-12-07 09:00:00');
      const save = (category: 'product' | 'activity' | 'after_sales' | 'store', question: string, answer: string, position = 0) =>
        saveScript(ctx, admin, { script: { category, question, answer, position, active: true } }).then(ok);
      const size = await save('product', '这件大衣偏大还是偏小？', '亲，这款版型正常偏宽松，平时穿 M 的选 M 就好～', 0);
      const wash = await save('product', '羊绒可以机洗吗？', '建议专业干洗，或冷水手洗平铺晾干哦', 1);
      const memberDay = await save('activity', '会员日是哪天？', '每周三是会员日，积分翻倍还有会员价～');
      const refund = await save('after_sales', '怎么申请退货？', '在「我的订单」里点申请售后，7 天无理由退换');
      return { admin, ctx, size, wash, memberDay, refund };
    }

    it('counts every one of N parallel copies and then lists the most copied first', async () => {
      const { ctx, size, wash } = await library();
      expect((await guideScripts(ctx, {})).items[0]!.id).toBe(size.id);
      const copies = await Promise.all(Array.from({ length: 20 }, () => copyScript(ctx, { scriptId: wash.id })));
      expect(copies.map((c) => ok(c).copies).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const listed = await guideScripts(ctx, {});
      expect(listed.items[0]).toMatchObject({ id: wash.id, copies: 20, categoryName: '产品' });
      expect(listed.categories).toEqual([
        { key: 'product', name: '产品', count: 2 },
        { key: 'activity', name: '活动', count: 1 },
        { key: 'after_sales', name: '售后', count: 1 },
        { key: 'store', name: '线下门店', count: 0 },
      ]);
    });

    it('finds scripts by words of the question or the answer, within a category', async () => {
      const { ctx, memberDay, refund, size } = await library();
      expect((await guideScripts(ctx, { search: '周三' })).items.map((s) => s.id)).toEqual([memberDay.id]);
      expect((await guideScripts(ctx, { search: '退货' })).items.map((s) => s.id)).toEqual([refund.id]);
      expect((await guideScripts(ctx, { search: 'm' })).items.map((s) => s.id)).toEqual([size.id]);
      expect((await guideScripts(ctx, { category: 'activity', search: '退货' })).items).toEqual([]);
      expect((await guideScripts(ctx, { search: '100%' })).items).toEqual([]);
    });

    it('hides a script taken off from guides: not listed, a copy is 404; the copies stay out of the editor save', async () => {
      const { admin, ctx, refund } = await library();
      ok(await copyScript(ctx, { scriptId: refund.id }));
      const hidden = ok(await saveScript(ctx, admin, { script: { id: refund.id, category: 'after_sales', question: '怎么申请退货？', answer: '新的回答', position: 0, active: false } }));
      expect(hidden).toMatchObject({ active: false, copies: 1, answer: '新的回答' });
      expect((await guideScripts(ctx, {})).items.map((s) => s.id)).not.toContain(refund.id);
      expect(await copyScript(ctx, { scriptId: refund.id })).toMatchObject({ code: 'NOT_FOUND', message: '这条话术已下线' });
      expect((await adminScripts(ctx)).find((s) => s.id === refund.id)).toMatchObject({ active: false, copies: 1 });
      const { rows } = await t.db.query(
        `select target_type, before ->> 'active' as before, after ->> 'active' as after, after ? 'copies' as copies from audit_log where kind = 'script.save' and target_id = $1 order by id`,
        [refund.id],
      );
      expect(rows).toEqual([
        { target_type: 'script', before: null, after: 'true', copies: false },
        { target_type: 'script', before: 'true', after: 'false', copies: false },
      ]);
    });
  });

  describe('社群 SOP', () => {
    /** 王 shares a card opened in g-moms and g-run, 李 one opened in g-moms; 王 names g-moms. 周 never shared. */
    async function groups() {
      const ids = await catalog();
      const [wang, li, zhou, admin] = await Promise.all([staff(t.db, 'wang', 'guide'), staff(t.db, 'li', 'guide'), staff(t.db, 'zhou', 'guide'), staff(t.db, 'admin', 'admin')]);
      const ctx = ctxAt(t.db, '2026-12-01 10:00:00');
      for (const [guide, group, openid] of [[wang, 'g-moms', 'v1'], [wang, 'g-run', 'v2'], [li, 'g-moms', 'v3']] as const) {
        const viewer = await memberJoinedAt(t.db, openid, '2026-11-01 09:00:00');
        const { shareId } = ok(await createShare(ctx, guide, { productId: ids.productId }));
        ok(await openShare(ctx, viewer, { shareId, scene: 1044, groupData: localGroupData(group) }));
      }
      ok(await nameGroup(ctx, wang, { groupId: 'g-moms', name: '森屿宝妈群' }));
      const post = (repeat: 'daily' | 'member_day', time: string, title: string, body: string, card: 'checkin' | 'night_market' | 'product' | 'none', cardRefId: string | null = null) =>
        savePlanPost(ctx, admin, { post: { repeat, atTime: time, title, body, card, cardRefId, active: true } }).then(ok);
      const plan = {
        night: await post('daily', '22:00', '夜市开场', '今晚夜市：{今晚品类}专场，10 点开抢', 'night_market'),
        morning: await post('daily', '10:00', '日签提醒', '{日期}，今天也来签到吧', 'checkin'),
        memberDay: await post('member_day', '12:00', '会员日', '{会员日}会员日，全场{会员日折扣}', 'product', ids.productId),
        evening: await post('daily', '20:00', '签到提醒', '还没签到的宝子们抓紧啦', 'checkin'),
      };
      return { ids, wang, li, zhou, admin, plan };
    }

    it("shows a guide today's posts for each named group, by time, with the copy and the card for the day", async () => {
      const { wang, plan, ids } = await groups();
      const monday = await groupPlanDay(await brandCtx('2026-12-07 10:30:00'), wang);
      expect(monday).toMatchObject({ day: '2026-12-07', weekday: '周一' });
      expect(monday.groups.map((g) => [g.groupId, g.name])).toEqual([['g-moms', '森屿宝妈群']]);
      expect(monday.groups[0]!.posts.map((p) => [p.time, p.copy, p.card?.kind ?? null, p.posted])).toEqual([
        ['10:00', '12月7日，今天也来签到吧', 'checkin', null],
        ['20:00', '还没签到的宝子们抓紧啦', 'checkin', null],
        ['22:00', '今晚夜市：鞋履专场，10 点开抢', 'night_market', null],
      ]);
      expect(monday.groups[0]!.posts[2]!.card).toMatchObject({ title: '今晚22:00夜市 · 鞋履', path: `/packages/shop/category/index?id=${ids.categoryId}&name=${encodeURIComponent('鞋履')}` });
      // Wednesday: the member-day post with its product card; no night market that night.
      const wednesday = await groupPlanDay(await brandCtx('2026-12-09 09:00:00'), wang);
      expect(wednesday.groups[0]!.posts.map((p) => [p.postId, p.copy])).toEqual([
        [plan.morning.id, '12月9日，今天也来签到吧'],
        [plan.memberDay.id, '周三会员日，全场95折'],
        [plan.evening.id, '还没签到的宝子们抓紧啦'],
      ]);
      expect(wednesday.groups[0]!.posts[1]!.card).toMatchObject({ kind: 'product', title: '切尔西短靴', productId: ids.productId, path: `/packages/shop/product/index?id=${ids.productId}` });
    });

    it('marks a post posted once per group, day and post, whoever of its guides taps first and however often', async () => {
      const { wang, li, plan } = await groups();
      const ctx = await brandCtx('2026-12-07 10:05:00');
      const marks = await Promise.all([...Array.from({ length: 6 }, () => markGroupPost(ctx, wang, { groupId: 'g-moms', postId: plan.morning.id })), ...Array.from({ length: 6 }, () => markGroupPost(ctx, li, { groupId: 'g-moms', postId: plan.morning.id }))]);
      const { rows } = await t.db.query<{ guide_id: string }>(`select guide_id from group_post_marks where group_id = 'g-moms' and post_id = $1`, [plan.morning.id]);
      expect(rows).toHaveLength(1);
      // Every answer names the one mark that stayed: mine or the other guide's.
      const first = rows[0]!.guide_id;
      expect(marks.map((m) => ok(m).posted)).toEqual(
        marks.map((_, i) => ({ by: null, at: '2026-12-07T10:05:00+08:00', me: (i < 6 ? wang : li).memberId === first })),
      );
      const seenByLi = await groupPlanDay(ctx, li);
      expect(seenByLi.groups[0]!.posts.find((p) => p.postId === plan.morning.id)!.posted).toMatchObject({ me: first === li.memberId });
      // The next day starts unposted.
      const tuesday = await groupPlanDay(await brandCtx('2026-12-08 10:05:00'), wang);
      expect(tuesday.groups[0]!.posts.every((p) => p.posted === null)).toBe(true);
    });

    it("refuses a group that is not one of the guide's named groups (403) and a post not in today's plan (404)", async () => {
      const { wang, zhou, admin, plan } = await groups();
      const ctx = await brandCtx('2026-12-07 10:05:00');
      expect(await markGroupPost(ctx, wang, { groupId: 'g-run', postId: plan.morning.id })).toMatchObject({ code: 'FORBIDDEN', message: '只能标记你已命名的群' });
      expect(await markGroupPost(ctx, zhou, { groupId: 'g-moms', postId: plan.morning.id })).toMatchObject({ code: 'FORBIDDEN' });
      expect(await markGroupPost(ctx, wang, { groupId: 'g-moms', postId: plan.memberDay.id })).toMatchObject({ code: 'NOT_FOUND', message: '今天的计划里没有这条内容' });
      expect(await markGroupPost(ctx, admin, { groupId: 'g-nowhere', postId: plan.morning.id })).toMatchObject({ code: 'NOT_FOUND' });
      expect(await groupPlanDay(ctx, zhou)).toMatchObject({ groups: [] });
      const { rows } = await t.db.query('select count(*)::int as n from group_post_marks');
      expect(rows).toEqual([{ n: 0 }]);
    });

    it('refuses an unknown {variable} and a card without its product, at their fields, and lists the plan by time', async () => {
      const { admin, plan } = await groups();
      const ctx = ctxAt(t.db, '2026-12-07 09:00:00');
      const base = { repeat: 'daily' as const, atTime: '09:00', title: '早安', card: 'none' as const, cardRefId: null, active: true };
      expect(await savePlanPost(ctx, admin, { post: { ...base, body: '今晚{夜市品类}上新' } })).toMatchObject({
        code: 'INVALID_PARAMS',
        fields: [{ path: 'post.body', message: '没有变量 {夜市品类}，可用：{今晚品类} {会员日} {会员日折扣} {日期}' }],
      });
      expect(await savePlanPost(ctx, admin, { post: { ...base, body: '看看这件', card: 'product' } })).toMatchObject({ fields: [{ path: 'post.cardRefId', message: '请选择卡片的商品' }] });
      expect(await savePlanPost(ctx, admin, { post: { ...base, body: '看看这件', card: 'product', cardRefId: '999999' } })).toMatchObject({
        fields: [{ path: 'post.cardRefId', message: '卡片的商品不存在' }],
      });
      expect((await listPlanPosts(ctx)).map((p) => p.id)).toEqual([plan.morning.id, plan.memberDay.id, plan.evening.id, plan.night.id]);
    });
  });

  describe('朋友圈', () => {
    it("marks a post once per guide (the first time stays), and shows the admin the week's mix with its empty and crowded days", async () => {
      const { productId } = await catalog();
      const [wang, li, admin] = await Promise.all([staff(t.db, 'wang', 'guide'), staff(t.db, 'li', 'guide'), staff(t.db, 'admin', 'admin')]);
      const ctx = ctxAt(t.db, '2026-12-07 09:00:00');
      const save = (day: string, kind: 'persona' | 'seeding' | 'brand' | 'welfare', body: string, extra = {}) =>
        saveMomentsPost(ctx, admin, { post: { day, kind, body, images: [], productId: null, position: 0, active: true, ...extra } }).then(ok);
      const boots = await save('2026-12-07', 'seeding', '上新切尔西短靴，粗跟好走不累脚', { productId, images: ['/catalog-images/boot.svg'] });
      await save('2026-12-07', 'persona', '早安，今天店里来了好多新款');
      for (const kind of ['welfare', 'brand', 'seeding', 'persona'] as const) await save('2026-12-09', kind, `周三${kind}`);
      await save('2026-12-13', 'brand', '下周日的：不在这周');
      const hidden = await save('2026-12-08', 'welfare', '撤下的福利', { active: false });

      const week = await adminMomentsWeek(ctx, {});
      expect(week.mix).toEqual([
        { kind: 'persona', name: 'IP 人设', count: 2 },
        { kind: 'seeding', name: '种草', count: 2 },
        { kind: 'brand', name: '品牌', count: 2 },
        { kind: 'welfare', name: '福利', count: 1 },
      ]);
      expect(week.days.map((d) => [d.day, d.weekday, d.posts.length, d.warning])).toEqual([
        ['2026-12-07', '周一', 2, null],
        ['2026-12-08', '周二', 1, 'none'],
        ['2026-12-09', '周三', 4, 'too_many'],
        ['2026-12-10', '周四', 0, 'none'],
        ['2026-12-11', '周五', 0, 'none'],
        ['2026-12-12', '周六', 0, 'none'],
        ['2026-12-13', '周日', 1, null],
      ]);

      const marks = await Promise.all(Array.from({ length: 8 }, (_, i) => markMomentPosted(ctxAt(t.db, `2026-12-07 10:0${i}:00`), wang, { postId: boots.id })));
      const times = new Set(marks.map((m) => ok(m).postedAt));
      expect(times.size).toBe(1);
      const { rows } = await t.db.query('select guide_id from moments_marks where post_id = $1', [boots.id]);
      expect(rows).toEqual([{ guide_id: wang.memberId }]);
      ok(await markMomentPosted(ctx, li, { postId: boots.id }));
      expect(await markMomentPosted(ctx, wang, { postId: hidden.id })).toMatchObject({ code: 'NOT_FOUND' });

      const mine = await guideMoments(ctxAt(t.db, '2026-12-09 09:00:00'), wang, {});
      expect(mine.today).toBe('2026-12-09');
      const monday = mine.days[0]!;
      expect(monday.posts.map((p) => [p.kindName, p.product?.name ?? null, p.postedAt !== null])).toEqual([
        ['种草', '切尔西短靴', true],
        ['IP 人设', null, false],
      ]);
      expect(mine.days[1]!.posts).toEqual([]);
      expect((await adminMomentsWeek(ctx, { day: '2026-12-10' })).days[0]!.posts.find((p) => p.id === boots.id)).toMatchObject({ postedBy: 2, productName: '切尔西短靴' });
    });
  });
});
