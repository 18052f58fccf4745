/**
 * 社群 SOP: the brand's weekly plan of group posts (edited in the 运营 tab, audited), and for a
 * guide today's posts in each of their named groups with the copy rendered and who marked each
 * posted. A mark is once per group, day and post (the table's key): the first one stays.
 * Nothing here rewards sharing (WeChat rule 5.1): a mark only records that the post went out.
 */
import type { GroupPlanDay, GroupPostView, PlanCardView, PlanPostAdminView, PlanPostInput } from '../../contract';
import { businessDay, toBrandIso } from '../../domain/business-day';
import { COPY_VARIABLES, postsForDay, unknownVariables, weekdayName, type PlanPost } from '../../domain/group-plan';
import type { PlanCardKind } from '../../domain/guide-content';
import { isoWeekday } from '../../domain/member-day';
import { recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';

/** An admin sees every named group: the first this many, by name. */
const ADMIN_GROUPS = 50;

interface PlanRow {
  id: string;
  repeat: PlanPost['repeat'];
  at_time: string;
  title: string;
  body: string;
  card: PlanCardKind;
  card_ref_id: string | null;
  card_ref_name: string | null;
  card_image: string | null;
  active: boolean;
}

const PLAN_COLUMNS = `p.id, p.repeat, p.at_time, p.title, p.body, p.card, p.card_ref_id, p.active,
  coalesce(c.name, pr.name) as card_ref_name, pr.images[1] as card_image`;
const PLAN_FROM = `group_plan_posts p
  left join categories c on p.card = 'category' and c.id = p.card_ref_id
  left join products pr on p.card = 'product' and pr.id = p.card_ref_id`;

type DayPost = PlanPost & { row: PlanRow };

const toPlanPost = (row: PlanRow): DayPost => ({ id: row.id, repeat: row.repeat, time: row.at_time, body: row.body, card: row.card, row });

const categoryPath = (id: string, name: string) => `/packages/shop/category/index?id=${id}&name=${encodeURIComponent(name)}`;

/** The brand day's posts of the active plan, rendered, with their cards. */
async function dayPosts(ctx: UseCaseContext, day: string): Promise<Array<{ post: DayPost; copy: string; card: PlanCardView | null }>> {
  const [plan, categories] = await Promise.all([
    ctx.db.query<PlanRow>(`select ${PLAN_COLUMNS} from ${PLAN_FROM} where p.active`),
    ctx.db.query<{ id: string; name: string }>('select id, name from categories'),
  ]);
  const names = new Map(categories.rows.map((c) => [c.id, c.name]));
  const tonight = ctx.brand.nightMarket.categoryByWeekday[isoWeekday(day) - 1] ?? null;
  const cardOf = (r: PlanRow): PlanCardView | null => {
    switch (r.card) {
      case 'none':
        return null;
      case 'checkin':
        return { kind: 'checkin', title: '每日签到 · 领积分和抽奖机会', path: '/pages/checkin/index', productId: null, imageUrl: null };
      case 'night_market': {
        const name = names.get(tonight!)!;
        return { kind: 'night_market', title: `今晚${ctx.brand.nightMarket.opensAt}夜市 · ${name}`, path: categoryPath(tonight!, name), productId: null, imageUrl: null };
      }
      case 'category':
        return r.card_ref_name ? { kind: 'category', title: r.card_ref_name, path: categoryPath(r.card_ref_id!, r.card_ref_name), productId: null, imageUrl: null } : null;
      case 'product':
        return r.card_ref_name
          ? { kind: 'product', title: r.card_ref_name, path: `/packages/shop/product/index?id=${r.card_ref_id}`, productId: r.card_ref_id, imageUrl: r.card_image }
          : null;
    }
  };
  return postsForDay(plan.rows.map(toPlanPost), day, ctx.brand, (id) => names.get(id)).map(({ post, copy }) => ({ post, copy, card: cardOf(post.row) }));
}

/** The groups a guide may post the plan in: named groups their cards were opened in (an admin: every named group). */
async function planGroups(ctx: UseCaseContext, actor: Actor, only: string | null): Promise<Array<{ group_id: string; name: string }>> {
  const { rows } =
    actor.role === 'admin'
      ? await ctx.db.query<{ group_id: string; name: string }>(
          `select g.group_id, g.name from wechat_groups g where g.name is not null and ($1::text is null or g.group_id = $1)
           order by g.name, g.group_id limit ${ADMIN_GROUPS}`,
          [only],
        )
      : await ctx.db.query<{ group_id: string; name: string }>(
          `select g.group_id, g.name from wechat_groups g
           where g.name is not null and ($2::text is null or g.group_id = $2)
             and exists (select 1 from share_clicks c join shares s on s.id = c.share_id where c.group_id = g.group_id and s.sharer_id = $1)
           order by g.name, g.group_id`,
          [actor.memberId, only],
        );
  return rows;
}

interface MarkRow {
  group_id: string;
  post_id: string;
  guide_id: string;
  nickname: string | null;
  marked_at: Date;
}

async function marks(ctx: UseCaseContext, day: string, groupIds: string[]): Promise<Map<string, MarkRow>> {
  const { rows } = await ctx.db.query<MarkRow>(
    `select m.group_id, m.post_id, m.guide_id, g.nickname, m.marked_at from group_post_marks m join members g on g.id = m.guide_id
     where m.day = $1 and m.group_id = any($2::text[])`,
    [day, groupIds],
  );
  return new Map(rows.map((r) => [`${r.group_id}~${r.post_id}`, r]));
}

function toPostView(ctx: UseCaseContext, actor: Actor, p: { post: DayPost; copy: string; card: PlanCardView | null }, mark: MarkRow | undefined): GroupPostView {
  return {
    postId: p.post.id,
    time: p.post.time,
    title: p.post.row.title,
    copy: p.copy,
    card: p.card,
    posted: mark ? { by: mark.nickname, at: toBrandIso(mark.marked_at, ctx.brand.timeZone), me: mark.guide_id === actor.memberId } : null,
  };
}

/** Today's plan for each of my named groups: the posts by time, each with its copy, card and 已发布 mark. */
export async function groupPlanDay(ctx: UseCaseContext, actor: Actor): Promise<GroupPlanDay> {
  const day = businessDay(ctx.now, ctx.brand.timeZone);
  const [posts, groups] = await Promise.all([dayPosts(ctx, day), planGroups(ctx, actor, null)]);
  const marked = await marks(ctx, day, groups.map((g) => g.group_id));
  return {
    day,
    weekday: weekdayName(isoWeekday(day)),
    groups: groups.map((g) => ({
      groupId: g.group_id,
      name: g.name,
      posts: posts.map((p) => toPostView(ctx, actor, p, marked.get(`${g.group_id}~${p.post.id}`))),
    })),
  };
}

/** 已发布: one of today's posts in one of my groups. A group that is not mine is 403; a post not in today's plan 404. */
export async function markGroupPost(ctx: UseCaseContext, actor: Actor, params: { groupId: string; postId: string }): Promise<GroupPostView | Failure> {
  const day = businessDay(ctx.now, ctx.brand.timeZone);
  const [group] = await planGroups(ctx, actor, params.groupId);
  if (!group) return actor.role === 'admin' ? fail('NOT_FOUND', '没有找到这个群') : fail('FORBIDDEN', '只能标记你已命名的群');
  const post = (await dayPosts(ctx, day)).find((p) => p.post.id === params.postId);
  if (!post) return fail('NOT_FOUND', '今天的计划里没有这条内容');
  await ctx.db.query(
    `insert into group_post_marks (group_id, day, post_id, guide_id, marked_at) values ($1, $2, $3, $4, $5)
     on conflict (group_id, day, post_id) do nothing`,
    [params.groupId, day, params.postId, actor.memberId, ctx.now],
  );
  const marked = await marks(ctx, day, [params.groupId]);
  return toPostView(ctx, actor, post, marked.get(`${params.groupId}~${params.postId}`));
}

const toAdminView = (r: PlanRow): PlanPostAdminView => ({
  id: r.id,
  repeat: r.repeat,
  atTime: r.at_time,
  title: r.title,
  body: r.body,
  card: r.card,
  cardRefId: r.card_ref_id,
  cardRefName: r.card_ref_name,
  active: r.active,
});

/** The weekly plan as the 运营 tab edits it: by time, then by when it repeats. */
export async function listPlanPosts(ctx: UseCaseContext): Promise<PlanPostAdminView[]> {
  const { rows } = await ctx.db.query<PlanRow>(`select ${PLAN_COLUMNS} from ${PLAN_FROM} order by p.at_time, p.repeat, p.id limit 200`);
  return rows.map(toAdminView);
}

const VARIABLES_TEXT = COPY_VARIABLES.map((v) => `{${v}}`).join(' ');

/** actor null: set-up by the system (seed data, tests), not audited. */
export async function savePlanPost(ctx: UseCaseContext, actor: Actor | null, params: { post: PlanPostInput }): Promise<PlanPostAdminView | Failure> {
  const p = params.post;
  const unknown = unknownVariables(p.body);
  if (unknown.length) {
    const message = `没有变量 ${unknown.map((v) => `{${v}}`).join(' ')}，可用：${VARIABLES_TEXT}`;
    return fail('INVALID_PARAMS', message, [{ path: 'post.body', message }]);
  }
  const needsRef = p.card === 'category' || p.card === 'product';
  const refName = p.card === 'category' ? '分类' : '商品';
  if (needsRef && p.cardRefId === null) return fail('INVALID_PARAMS', `请选择卡片的${refName}`, [{ path: 'post.cardRefId', message: `请选择卡片的${refName}` }]);
  const refId = needsRef ? p.cardRefId : null;
  if (refId) {
    // Categories and products are never deleted (orders point at them), so this check holds until the write.
    const { rows } = await ctx.db.query(`select 1 from ${p.card === 'category' ? 'categories' : 'products'} where id = $1`, [refId]);
    if (!rows[0]) return fail('INVALID_PARAMS', `卡片的${refName}不存在`, [{ path: 'post.cardRefId', message: `卡片的${refName}不存在` }]);
  }
  const values = [p.repeat, p.atTime, p.title, p.body, p.card, refId, p.active];
  return transactionOrFailure(ctx.db, async (tx) => {
    const before = p.id ? await rowState(tx, 'group_plan_posts', p.id) : null;
    const { rows: saved } = p.id
      ? await tx.query<{ id: string }>(
          `update group_plan_posts set repeat = $2, at_time = $3, title = $4, body = $5, card = $6, card_ref_id = $7, active = $8 where id = $1 returning id`,
          [p.id, ...values],
        )
      : await tx.query<{ id: string }>(
          `insert into group_plan_posts (repeat, at_time, title, body, card, card_ref_id, active) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
          values,
        );
    if (!saved[0]) return fail('NOT_FOUND', '计划内容不存在');
    const after = await rowState(tx, 'group_plan_posts', saved[0].id);
    await recordAudit(tx, { actor, at: ctx.now, kind: 'groupPlanPost.save', targetType: 'groupPlanPost', targetId: saved[0].id, before, after });
    const { rows } = await tx.query<PlanRow>(`select ${PLAN_COLUMNS} from ${PLAN_FROM} where p.id = $1`, [saved[0].id]);
    return toAdminView(rows[0]!);
  });
}
