/**
 * 朋友圈 calendar: posts the 运营 tab curates per brand day (audited), the week a guide copies
 * from and marks posted (once per guide and post), and the week's mix the admin checks.
 */
import type { MomentsAdminWeek, MomentsPostAdminView, MomentsPostInput, MomentsPostView, MomentsWeek } from '../../contract';
import { businessDay, toBrandIso } from '../../domain/business-day';
import { weekdayName } from '../../domain/group-plan';
import { MOMENTS_KIND_NAMES, MOMENTS_KINDS, type MomentsKind } from '../../domain/guide-content';
import { isoWeekday } from '../../domain/member-day';
import { momentsMix, weekOf } from '../../domain/moments-mix';
import { recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';

interface PostRow {
  id: string;
  day: string;
  kind: MomentsKind;
  body: string;
  images: string[];
  product_id: string | null;
  product_name: string | null;
  position: number;
  active: boolean;
  /** The caller's mark (guides); how many guides marked it (admins). */
  posted_at: Date | null;
  posted_by: number;
}

/** `$1`: the guide whose mark is read. */
const COLUMNS = `m.id, m.day::text as day, m.kind, m.body, m.images, m.product_id, p.name as product_name, m.position, m.active,
  (select k.marked_at from moments_marks k where k.post_id = m.id and k.guide_id = $1) as posted_at,
  (select count(*)::int from moments_marks k where k.post_id = m.id) as posted_by`;
const FROM = 'moments_posts m left join products p on p.id = m.product_id';
const ORDER = 'order by m.day, m.position, m.id';

function toView(ctx: UseCaseContext, r: PostRow): MomentsPostView {
  return {
    id: r.id,
    day: r.day,
    kind: r.kind,
    kindName: MOMENTS_KIND_NAMES[r.kind],
    body: r.body,
    images: r.images,
    product: r.product_id ? { id: r.product_id, name: r.product_name! } : null,
    postedAt: r.posted_at ? toBrandIso(r.posted_at, ctx.brand.timeZone) : null,
  };
}

const toAdminView = (r: PostRow): MomentsPostAdminView => ({
  id: r.id,
  day: r.day,
  kind: r.kind,
  kindName: MOMENTS_KIND_NAMES[r.kind],
  body: r.body,
  images: r.images,
  productId: r.product_id,
  productName: r.product_name,
  position: r.position,
  active: r.active,
  postedBy: r.posted_by,
});

async function weekRows(ctx: UseCaseContext, days: string[], guideId: string | null, activeOnly: boolean): Promise<PostRow[]> {
  const { rows } = await ctx.db.query<PostRow>(
    `select ${COLUMNS} from ${FROM} where m.day between $2 and $3 and ($4::boolean is false or m.active) ${ORDER}`,
    [guideId, days[0], days[6], activeOnly],
  );
  return rows;
}

/** The week (Monday–Sunday) of `day` (default today): each day's active posts with my 已发布 mark. */
export async function guideMoments(ctx: UseCaseContext, actor: Actor, params: { day?: string }): Promise<MomentsWeek> {
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  const days = weekOf(params.day ?? today);
  const rows = await weekRows(ctx, days, actor.memberId, true);
  return {
    today,
    days: days.map((day) => ({ day, weekday: weekdayName(isoWeekday(day)), posts: rows.filter((r) => r.day === day).map((r) => toView(ctx, r)) })),
  };
}

/** 已发布 by me: once per guide and post (a second mark keeps the first time); a hidden or unknown post is 404. */
export async function markMomentPosted(ctx: UseCaseContext, actor: Actor, params: { postId: string }): Promise<MomentsPostView | Failure> {
  await ctx.db.query(
    `insert into moments_marks (post_id, guide_id, marked_at) select id, $2, $3 from moments_posts where id = $1 and active
     on conflict (post_id, guide_id) do nothing`,
    [params.postId, actor.memberId, ctx.now],
  );
  const { rows } = await ctx.db.query<PostRow>(`select ${COLUMNS} from ${FROM} where m.id = $2 and m.active`, [actor.memberId, params.postId]);
  if (!rows[0]) return fail('NOT_FOUND', '这条朋友圈内容已下线');
  return toView(ctx, rows[0]);
}

/** The 运营 tab's week: every post (hidden ones too), the mix of the active ones per kind, and the days outside 1–3. */
export async function adminMomentsWeek(ctx: UseCaseContext, params: { day?: string }): Promise<MomentsAdminWeek> {
  const days = weekOf(params.day ?? businessDay(ctx.now, ctx.brand.timeZone));
  const rows = await weekRows(ctx, days, null, false);
  const mix = momentsMix(
    days,
    rows.filter((r) => r.active),
  );
  return {
    days: mix.days.map((d) => ({
      day: d.day,
      weekday: weekdayName(isoWeekday(d.day)),
      posts: rows.filter((r) => r.day === d.day).map(toAdminView),
      warning: d.warning,
    })),
    mix: MOMENTS_KINDS.map((kind) => ({ kind, name: MOMENTS_KIND_NAMES[kind], count: mix.counts[kind] })),
  };
}

/** actor null: set-up by the system (seed data, tests), not audited. */
export async function saveMomentsPost(ctx: UseCaseContext, actor: Actor | null, params: { post: MomentsPostInput }): Promise<MomentsPostAdminView | Failure> {
  const p = params.post;
  if (p.productId) {
    // Products are never deleted (orders point at them), so this check holds until the write.
    const { rows } = await ctx.db.query('select 1 from products where id = $1', [p.productId]);
    if (!rows[0]) return fail('INVALID_PARAMS', '关联的商品不存在', [{ path: 'post.productId', message: '关联的商品不存在' }]);
  }
  const values = [p.day, p.kind, p.body, p.images, p.productId, p.position, p.active];
  return transactionOrFailure(ctx.db, async (tx) => {
    const before = p.id ? await rowState(tx, 'moments_posts', p.id) : null;
    const { rows: saved } = p.id
      ? await tx.query<{ id: string }>(
          `update moments_posts set day = $2, kind = $3, body = $4, images = $5, product_id = $6, position = $7, active = $8 where id = $1 returning id`,
          [p.id, ...values],
        )
      : await tx.query<{ id: string }>(
          `insert into moments_posts (day, kind, body, images, product_id, position, active) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
          values,
        );
    if (!saved[0]) return fail('NOT_FOUND', '朋友圈内容不存在');
    const after = await rowState(tx, 'moments_posts', saved[0].id);
    await recordAudit(tx, { actor, at: ctx.now, kind: 'momentsPost.save', targetType: 'momentsPost', targetId: saved[0].id, before, after });
    const { rows } = await tx.query<PostRow>(`select ${COLUMNS} from ${FROM} where m.id = $2`, [null, saved[0].id]);
    return toAdminView(rows[0]!);
  });
}
