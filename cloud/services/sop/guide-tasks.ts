/**
 * 今日任务: a guide's SOP tasks on a day, each with what the guide needs to act on it — the
 * member's card, the step as it was in the task's plan version (an edit never rewrites a task),
 * the rendered 话术, the coupon and the product card. Index-driven and set-based: one statement
 * picks the tasks and counts them, one more reads the cards of the tasks shown.
 */
import type { GuideTasks, SopTaskView } from '../../contract';
import type { Queryable } from '../../db/port';
import type { TierKey } from '../../domain/brand-settings';
import { addDays, businessDay, startOfBusinessDay, toBrandIso } from '../../domain/business-day';
import type { SopStep } from '../../domain/sop-plan';
import { renderScript, triggerText } from '../../domain/sop-script';
import { layerName, type LayerKey } from '../../domain/value-layers';
import type { Actor, UseCaseContext } from '../context';
import { COUPON_VIEW_COLUMNS, toCouponView, type CouponRow } from '../coupons/coupon-view';
import { fail, type Failure } from '../failure';

/**
 * Open tasks shown at once, and closed ones (done, skipped, expired) after them: a holiday can
 * give a guide thousands of tasks on one day — the counts say how many, the list stays a page
 * (WeChat's setData limit) and moves up as the guide works through it.
 */
export const TASKS_SHOWN = 50;

/** The longest an open task stays after its due day (sop-plan.ts expiresAfterDays). */
const MAX_EXPIRY_DAYS = 30;

interface TaskRow {
  id: string;
  due_on: string;
  due_at: Date;
  expires_on: string;
  status: 'open' | 'done' | 'skipped';
  priority: number;
  done_at: Date | null;
  on_time: boolean | null;
  skip_reason: string | null;
  plan_id: string;
  plan_version: number;
  plan_name: string;
  step: SopStep;
  member_id: string;
  nickname: string | null;
  avatar_url: string | null;
  tier: TierKey;
  layer: LayerKey | null;
  churn_reason: string | null;
  tags: string[];
  last_product_name: string | null;
  last_paid_at: Date | null;
  last_total_fen: number | null;
  guide_nickname: string | null;
  coupon_template_name: string | null;
  product_id: string | null;
  product_name: string | null;
  product_image_url: string | null;
  product_price_fen: number | null;
}

type GivenCouponRow = { [K in keyof CouponRow as `c_${K & string}`]: CouponRow[K] };

const COUPON_COLUMNS = COUPON_VIEW_COLUMNS.split(',')
  .map((c) => c.trim())
  .map((c) => `${c} as c_${c.split('.')[1]}`)
  .join(', ');

/**
 * The cards of the given tasks, in the order of `ids`. The member must still be bound to the
 * task's guide (a member who moved to another guide is no longer theirs to follow up).
 */
export async function taskViews(q: Queryable, ctx: UseCaseContext, ids: string[]): Promise<SopTaskView[]> {
  if (!ids.length) return [];
  const { rows } = await q.query<TaskRow & GivenCouponRow>(
    `select k.id, k.due_on::text, k.due_at, k.expires_on::text, k.status, k.priority, k.done_at, k.on_time, k.skip_reason,
       k.plan_id, k.plan_version, v.name as plan_name, step.value as step,
       m.id as member_id, m.nickname, m.avatar_url, m.tier, f.layer, f.churn_reason, coalesce(tg.names, '{}') as tags,
       lo.product_name as last_product_name, lo.paid_at as last_paid_at, lo.total_fen as last_total_fen,
       g.nickname as guide_nickname, ct.name as coupon_template_name, gc.*,
       p.id as product_id, p.name as product_name, p.image_url as product_image_url, p.price_fen as product_price_fen
     from sop_tasks k
     join sop_plan_versions v on v.plan_id = k.plan_id and v.version = k.plan_version
     join lateral (select s.value from jsonb_array_elements(v.steps) s where s.value->>'key' = k.step_key limit 1) step on true
     join members m on m.id = k.member_id and m.guide_id = k.guide_id and m.deleted_at is null
     join members g on g.id = k.guide_id
     left join member_facts f on f.member_id = k.member_id
     left join lateral (
       select array_agg(d.name order by array_position(array['basic', 'behaviour', 'interest', 'preference'], d.kind), d.position, d.key) as names
       from member_tags mt join tag_definitions d on d.key = mt.tag_key where mt.member_id = k.member_id
     ) tg on true
     left join lateral (
       select o.product_name, o.paid_at, o.total_fen from orders o
       where o.member_id = k.member_id and o.paid_at is not null and o.refunded_at is null
       order by o.id desc limit 1
     ) lo on true
     left join coupon_templates ct on ct.id = (step.value->>'couponTemplateId')::bigint
     left join lateral (
       select ${COUPON_COLUMNS} from coupons c join coupon_templates t on t.id = c.template_id where c.id = k.coupon_id
     ) gc on true
     left join lateral (
       select pr.id, pr.name, pr.images[1] as image_url, (select min(price_fen)::int from product_skus where product_id = pr.id) as price_fen
       from products pr where pr.id = (step.value->'product'->>'id')::bigint and pr.active
     ) fixed on true
     left join lateral (
       -- The newest on-sale product of a category the member bought from (else looked at): the
       -- read model's interest categories.
       select pr.id, pr.name, pr.images[1] as image_url, sk.price_fen
       from categories cat
       join products pr on pr.category_id = cat.id and pr.active
       join lateral (
         select min(price_fen)::int as price_fen, bool_or(stock > 0) as in_stock from product_skus where product_id = pr.id
       ) sk on sk.in_stock
       where step.value->'product' = '"interest"'::jsonb and cat.active
         and cat.name = any(coalesce(f.categories_bought, '{}') || coalesce(f.categories_viewed, '{}'))
       order by cat.name = any(coalesce(f.categories_bought, '{}')) desc, pr.created_at desc, pr.id desc
       limit 1
     ) interest on true
     cross join lateral (select coalesce(fixed.id, interest.id) as id, coalesce(fixed.name, interest.name) as name,
       coalesce(fixed.image_url, interest.image_url) as image_url, coalesce(fixed.price_fen, interest.price_fen) as price_fen) p
     where k.id = any($1::bigint[])
     order by array_position($1::bigint[], k.id)`,
    [ids],
  );
  return rows.map((r) => toTaskView(r, ctx));
}

function toTaskView(r: TaskRow & GivenCouponRow, ctx: UseCaseContext): SopTaskView {
  const { timeZone } = ctx.brand;
  const today = businessDay(ctx.now, timeZone);
  const expired = r.status === 'open' && r.expires_on < today;
  const step = r.step;
  const given = r.c_id === null ? null : givenCoupon(r, today, timeZone);
  return {
    id: r.id,
    dueOn: r.due_on,
    dueAt: toBrandIso(r.due_at, timeZone),
    expiresOn: r.expires_on,
    status: expired ? 'expired' : r.status,
    overdue: r.status === 'open' && !expired && r.due_on < today,
    priority: r.priority > 0 ? 'high' : 'normal',
    plan: { id: r.plan_id, name: r.plan_name, version: r.plan_version },
    step: { key: step.key, name: step.name, trigger: step.trigger.kind, triggerText: triggerText(step.trigger) },
    member: {
      id: r.member_id,
      nickname: r.nickname,
      avatarUrl: r.avatar_url,
      tier: { key: r.tier, name: ctx.brand.tiers.find((t) => t.key === r.tier)?.name ?? r.tier },
      layer: r.layer && { key: r.layer, name: layerName(r.layer) },
      tags: r.tags,
      lastOrder:
        r.last_product_name === null
          ? null
          : { productName: r.last_product_name, paidAt: toBrandIso(r.last_paid_at!, timeZone), totalFen: r.last_total_fen! },
    },
    script: renderScript(step.script, {
      nickname: r.nickname,
      guideName: r.guide_nickname,
      couponName: r.coupon_template_name,
      productName: r.product_name,
      holidayName: step.trigger.kind === 'holiday' ? step.trigger.name : null,
      churnReason: r.churn_reason,
    }),
    coupon:
      step.couponTemplateId && r.coupon_template_name !== null
        ? { templateId: step.couponTemplateId, name: r.coupon_template_name, given }
        : null,
    product:
      r.product_id === null ? null : { id: r.product_id, name: r.product_name!, imageUrl: r.product_image_url, priceFen: r.product_price_fen! },
    doneAt: r.done_at && toBrandIso(r.done_at, timeZone),
    onTime: r.status === 'done' ? r.on_time : null,
    skipReason: r.skip_reason,
  };
}

function givenCoupon(r: GivenCouponRow, today: string, timeZone: string): NonNullable<SopTaskView['coupon']>['given'] {
  const row = Object.fromEntries(Object.entries(r).filter(([k]) => k.startsWith('c_')).map(([k, v]) => [k.slice(2), v])) as unknown as CouponRow;
  const { code: _code, ...coupon } = toCouponView(row, today, timeZone);
  return coupon;
}

interface Picked {
  ids: string[];
  open: number;
  overdue: number;
  done: number;
  skipped: number;
}

/**
 * My tasks on `day` (default today, brand time): the open ones due that day and those from
 * earlier days still inside their window (overdue), by due time, 高价值 / 流失预警 first within
 * it; then the day's done and skipped ones (also those due earlier and finished that day) and,
 * on a past day, the ones that expired open. An admin sees their own tasks, as a guide would.
 */
export async function guideTasks(ctx: UseCaseContext, actor: Actor, params: { day?: string }): Promise<GuideTasks | Failure> {
  const { timeZone } = ctx.brand;
  const today = businessDay(ctx.now, timeZone);
  const day = params.day ?? today;
  if (day > today) return fail('INVALID_PARAMS', '只能查看今天及以前的任务');
  // A task counts while its member is still mine: a member who moved to another guide is theirs.
  const mine = `join members m on m.id = k.member_id and m.guide_id = $1 and m.deleted_at is null`;
  // One snapshot for the list and its cards. A few thousand rows of one guide: starting parallel
  // workers costs more than they save, and takes the CPUs other calls need (as kpis/reads.ts).
  const { picked, items } = await ctx.db.transaction(async (tx) => {
    await tx.exec('set local max_parallel_workers_per_gather = 0; set local jit = off');
    const { rows } = await tx.query<Picked>(
      `with closed as (
         select k.id, k.status, k.due_at, k.priority from sop_tasks k ${mine}
         where k.guide_id = $1 and k.due_on = $2::date and k.status <> 'open'
         union all
         -- Due earlier, finished on the day.
         select k.id, k.status, k.due_at, k.priority from sop_tasks k ${mine}
         where k.guide_id = $1 and k.due_on >= $2::date - $7::int and k.due_on < $2::date and k.status <> 'open'
           and k.done_at >= $3 and k.done_at < $4
         union all
         -- Open on the day, expired since (an earlier day's list).
         select k.id, 'expired', k.due_at, k.priority from sop_tasks k ${mine}
         where k.guide_id = $1 and k.status = 'open' and k.due_on <= $2::date and k.expires_on >= $2::date and k.expires_on < $5::date
       ), open as (
         -- Open now: due on or before the day, still inside its window today.
         select k.id, k.due_on, k.due_at, k.priority from sop_tasks k ${mine}
         where k.guide_id = $1 and k.status = 'open' and k.due_on <= $2::date and k.expires_on >= $5::date
       )
       select
         array(select id::text as task_id from open order by due_at, priority desc, id limit $6)
           || array(select id::text as task_id from closed order by due_at, priority desc, id limit $6) as ids,
         (select count(*)::int from open) as open,
         (select count(*)::int from open where due_on < $5::date) as overdue,
         (select count(*)::int from closed where status = 'done') as done,
         (select count(*)::int from closed where status = 'skipped') as skipped`,
      [actor.memberId, day, startOfBusinessDay(day, timeZone), startOfBusinessDay(addDays(day, 1), timeZone), today, TASKS_SHOWN, MAX_EXPIRY_DAYS],
    );
    const picked = rows[0]!;
    return { picked, items: await taskViews(tx, ctx, picked.ids) };
  });
  return { day, items, counts: { open: picked.open, overdue: picked.overdue, done: picked.done, skipped: picked.skipped } };
}
