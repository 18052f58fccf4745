/**
 * What a guide does with a SOP task: 完成, 跳过 with a reason, 发券. Each is a conditional update
 * from 'open' (a task done twice, or done and skipped at once, keeps the first answer), on a task of
 * one of the guide's own members — any other task is 404, as if there were none.
 */
import type { SopTaskView } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';
import { issueCoupon } from '../coupons/issue-coupon';
import { fail, Failure, transactionOrFailure } from '../failure';
import { taskViews } from './guide-tasks';

interface TaskState {
  status: 'open' | 'done' | 'skipped';
  expires_on: string;
  member_id: string;
  coupon_id: string | null;
  coupon_template_id: string | null;
}

/** The task if it is one of the actor's members' (still bound to them), locked when asked. */
async function myTask(q: Queryable, actor: Actor, taskId: string, lock = false): Promise<TaskState | null> {
  const { rows } = await q.query<TaskState>(
    `select k.status, k.expires_on::text, k.member_id, k.coupon_id,
       (select s.value->>'couponTemplateId' from sop_plan_versions v, jsonb_array_elements(v.steps) s
        where v.plan_id = k.plan_id and v.version = k.plan_version and s.value->>'key' = k.step_key limit 1) as coupon_template_id
     from sop_tasks k join members m on m.id = k.member_id
     where k.id = $1 and k.guide_id = $2 and m.guide_id = $2 and m.deleted_at is null
     ${lock ? 'for update of k' : ''}`,
    [taskId, actor.memberId],
  );
  return rows[0] ?? null;
}

const NOT_FOUND = () => fail('NOT_FOUND', '没有找到这条任务');

async function answer(q: Queryable, ctx: UseCaseContext, taskId: string): Promise<SopTaskView> {
  return (await taskViews(q, ctx, [taskId]))[0]!;
}

/**
 * Closes an open task, done or skipped, in one conditional update; a repeat of the same answer
 * returns the task as it is. An expired task (open past its last day) can no longer be closed.
 */
async function closeTask(
  ctx: UseCaseContext,
  actor: Actor,
  taskId: string,
  close: { status: 'done' } | { status: 'skipped'; reason: string },
): Promise<SopTaskView | Failure> {
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  const updated = await ctx.db.query(
    `update sop_tasks k set status = $4, done_at = $3,
       -- On time: finished on or before its due day (brand time).
       on_time = case when $4 = 'done' then k.due_on >= $5::date end,
       skip_reason = $6
     from members m
     where k.id = $1 and k.guide_id = $2 and m.id = k.member_id and m.guide_id = $2 and m.deleted_at is null
       and k.status = 'open' and k.expires_on >= $5::date`,
    [taskId, actor.memberId, ctx.now, close.status, today, close.status === 'skipped' ? close.reason : null],
  );
  if (updated.rowCount === 0) {
    const task = await myTask(ctx.db, actor, taskId);
    if (!task) return NOT_FOUND();
    if (task.status !== close.status) return fail('SOP_TASK_CLOSED');
  }
  return answer(ctx.db, ctx, taskId);
}

export const completeTask = (ctx: UseCaseContext, actor: Actor, p: { taskId: string }) => closeTask(ctx, actor, p.taskId, { status: 'done' });

export const skipTask = (ctx: UseCaseContext, actor: Actor, p: { taskId: string; reason: string }) =>
  closeTask(ctx, actor, p.taskId, { status: 'skipped', reason: p.reason });

/**
 * 发券: the step's coupon into the member's wallet, once per task whatever the number of taps —
 * the task row is locked while the coupon is issued (source 'sop', the task's id: a unique key
 * in coupons as well). A repeat after it was given answers the task with its coupon.
 */
export async function giveTaskCoupon(ctx: UseCaseContext, actor: Actor, p: { taskId: string }): Promise<SopTaskView | Failure> {
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  return transactionOrFailure(ctx.db, async (tx) => {
    const task = await myTask(tx, actor, p.taskId, true);
    if (!task) return NOT_FOUND();
    if (task.coupon_id !== null) return answer(tx, ctx, p.taskId);
    if (!task.coupon_template_id) return fail('SOP_NO_COUPON');
    if (task.status !== 'open' || task.expires_on < today) return fail('SOP_TASK_CLOSED');
    const coupon = await issueCoupon(tx, ctx.brand, {
      templateId: task.coupon_template_id,
      memberId: task.member_id,
      source: 'sop',
      sourceId: p.taskId,
      at: ctx.now,
      limitPerMember: true,
    });
    if (coupon instanceof Failure) return coupon;
    await tx.query('update sop_tasks set coupon_id = $2 where id = $1', [p.taskId, coupon.id]);
    return answer(tx, ctx, p.taskId);
  });
}
