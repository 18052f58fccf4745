/**
 * admin.sopValue (SOP 成效): what the guides' SOP tasks did over the last 7, 30 or 90 brand days.
 * The window selects tasks by their due day. Three set-based statements, read at once (≈ 2 s on
 * PostgreSQL over the SOP bench's 1 M members, 5 M orders and 525 k tasks, 60 % of them done):
 *
 * - Per guide (the guide the task was made for): tasks, done, done on time, skipped, expired
 *   (still open after its last day), completion (done / tasks) and on-time (on time / done) rates.
 * - Order rate per layer (the member's layer now, the only one the read model keeps): a member is
 *   touched when a task of theirs due in the window was done; they count as ordering when they paid
 *   a shop order within 7 days after the first such task was done. The members of the same layer no
 *   done task touched are the baseline, read from the window's first day: a paid order in the 7
 *   days from its 00:00. Touched members done less than 7 days ago have had less time so far.
 * - 流失预警 comeback: the members a churn step (trigger segment 流失预警) made a task for in the
 *   window — the task records the day they entered the warning. With a task: one of those tasks was
 *   done, counted from its done day; without: they were all skipped or let expire, counted from the
 *   first one's due day. Tasks still open inside their days are neither yet. Came back: an active
 *   day (a visit, a check-in that is not a 补签, a paid order) in the 14 days after that day.
 */
import type { SopGuideValue, SopValue } from '../../contract';
import { addDays, businessDay, startOfBusinessDay } from '../../domain/business-day';
import {
  COMEBACK_DAYS,
  DEFAULT_SOP_VALUE_DAYS,
  ORDER_FOLLOW_DAYS,
  rankGuides,
  rate,
  sopValueWindow,
  type SopValueDays,
} from '../../domain/sop-value';
import { LAYER_KEYS, layerName, type LayerKey } from '../../domain/value-layers';
import type { Actor, UseCaseContext } from '../context';

/** A paid shop order that stands (not refunded, not a mall redemption), as the read model counts them. */
const PAID_ORDER = 'o.paid_at is not null and o.refunded_at is null and o.mall_item_id is null';

const int = (value: unknown) => Number(value ?? 0);

export async function sopValue(ctx: UseCaseContext, _actor: Actor, params: { days?: SopValueDays }): Promise<SopValue> {
  const { timeZone } = ctx.brand;
  const today = businessDay(ctx.now, timeZone);
  const { since, until } = sopValueWindow(today, params.days ?? DEFAULT_SOP_VALUE_DAYS);
  const baselineFrom = startOfBusinessDay(since, timeZone);
  const baselineTo = startOfBusinessDay(addDays(since, ORDER_FOLLOW_DAYS), timeZone);

  // Each statement in a read of its own, all at once (PostgreSQL: on connections of the pool). Their
  // plans over a million rows cost enough to be compiled, and lose more to it than they gain.
  const read = <R>(sql: string, params: unknown[]) =>
    ctx.db.transaction(async (tx) => {
      await tx.exec('set local jit = off');
      return tx.query<R>(sql, params);
    });

  const [guides, layers, churn] = await Promise.all([
    read<{ guide_id: string; nickname: string | null; tasks: string; done: string; on_time: string; skipped: string; expired: string }>(
      `select t.guide_id, m.nickname, count(*) as tasks,
              count(*) filter (where t.status = 'done') as done,
              count(*) filter (where t.status = 'done' and t.on_time) as on_time,
              count(*) filter (where t.status = 'skipped') as skipped,
              count(*) filter (where t.status = 'open' and t.expires_on < $3::date) as expired
       from sop_tasks t join members m on m.id = t.guide_id
       where t.due_on between $1::date and $2::date
       group by t.guide_id, m.nickname`,
      [since, until, today],
    ),
    read<{ layer: LayerKey; touched: string; touched_ordered: string; untouched: string; untouched_ordered: string }>(
      `with touched as (
         select t.member_id, min(t.done_at) as done_at from sop_tasks t
         where t.due_on between $1::date and $2::date and t.status = 'done'
         group by t.member_id
       ),
       -- Orders joined to the touched members by the paid_at index over the span their 7 days cover
       -- (one range read), not looked up member by member.
       ordered as (
         select distinct t.member_id from touched t join orders o on o.member_id = t.member_id
         where ${PAID_ORDER} and o.paid_at > t.done_at and o.paid_at <= t.done_at + make_interval(days => $5::int)
           and o.paid_at > (select min(done_at) from touched) and o.paid_at <= (select max(done_at) from touched) + make_interval(days => $5::int)
       ),
       buyers as (
         select distinct o.member_id from orders o where ${PAID_ORDER} and o.paid_at >= $3 and o.paid_at < $4
       )
       select f.layer, count(t.member_id) as touched, count(od.member_id) as touched_ordered,
              count(*) filter (where t.member_id is null) as untouched, count(b.member_id) filter (where t.member_id is null) as untouched_ordered
       from member_facts f
       left join touched t on t.member_id = f.member_id
       left join ordered od on od.member_id = f.member_id
       left join buyers b on b.member_id = f.member_id
       group by f.layer`,
      [since, until, baselineFrom, baselineTo, ORDER_FOLLOW_DAYS],
    ),
    read<{ with_task: string; with_task_back: string; without_task: string; without_task_back: string }>(
      `with churn_steps as (
         select v.plan_id, v.version, s->>'key' as step_key
         from sop_plan_versions v cross join lateral jsonb_array_elements(v.steps) s
         where s->'trigger'->>'kind' = 'segment' and s->'trigger'->>'segment' = 'churnRisk'
       ),
       entered as (
         select t.member_id,
                min((t.done_at at time zone $4)::date) filter (where t.status = 'done') as done_on,
                min(t.due_on) as due_on,
                bool_or(t.status = 'open' and t.expires_on >= $3::date) as undecided
         from sop_tasks t
         where t.due_on between $1::date and $2::date
           and exists (select 1 from churn_steps c where c.plan_id = t.plan_id and c.version = t.plan_version and c.step_key = t.step_key)
         group by t.member_id
       ),
       anchored as (
         select member_id, done_on is not null as with_task, coalesce(done_on, due_on) as since
         from entered where done_on is not null or not undecided
       ),
       judged as (
         select a.with_task,
                exists (select 1 from member_visits v where v.member_id = a.member_id and v.day > a.since and v.day <= a.since + $5::int)
                or exists (select 1 from checkins c where c.member_id = a.member_id and c.kind = 'checkin' and c.day > a.since and c.day <= a.since + $5::int)
                or exists (select 1 from orders o where o.member_id = a.member_id and ${PAID_ORDER}
                             and (o.paid_at at time zone $4)::date > a.since and (o.paid_at at time zone $4)::date <= a.since + $5::int) as back
         from anchored a
       )
       select count(*) filter (where with_task) as with_task, count(*) filter (where with_task and back) as with_task_back,
              count(*) filter (where not with_task) as without_task, count(*) filter (where not with_task and back) as without_task_back
       from judged`,
      [since, until, today, timeZone, COMEBACK_DAYS],
    ),
  ]);

  const byLayer = new Map(layers.rows.map((r) => [r.layer, r]));
  const c = churn.rows[0]!;
  return {
    since,
    until,
    guides: rankGuides<Omit<SopGuideValue, 'completionRate' | 'onTimeRate'>>(
      guides.rows.map((g) => ({
        guideId: String(g.guide_id),
        nickname: g.nickname,
        tasks: int(g.tasks),
        done: int(g.done),
        onTime: int(g.on_time),
        skipped: int(g.skipped),
        expired: int(g.expired),
      })),
    ),
    orderRate: LAYER_KEYS.flatMap((layer) => {
      const r = byLayer.get(layer);
      if (!r) return [];
      const touched = int(r.touched);
      const untouched = int(r.untouched);
      return [
        {
          layer,
          layerName: layerName(layer),
          touched,
          touchedRate: rate(int(r.touched_ordered), touched),
          untouched,
          untouchedRate: rate(int(r.untouched_ordered), untouched),
        },
      ];
    }),
    churnComeback: {
      withTask: int(c.with_task),
      withTaskBack: int(c.with_task_back),
      withoutTask: int(c.without_task),
      withoutTaskBack: int(c.without_task_back),
    },
  };
}
