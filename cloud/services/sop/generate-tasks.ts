/**
 * SOP task generation: for a brand day, every enabled plan's steps against the members that have a
 * guide, one set-based INSERT … SELECT per step (the rules of domain/sop-triggers.ts in SQL, their
 * bounds computed there). A task is once per member, plan, step and occurrence: the unique key
 * decides, so generators running at once (two instances of the nightly job, a binding beside it)
 * make each task once. The nightly job walks the members in ranges of ids; a binding runs the same
 * statements for the members it bound, in its own transaction, so a member who arrives through a
 * guide's card is in that guide's tasks at once.
 */
import type { Queryable } from '../../db/port';
import type { SopStep } from '../../domain/sop-plan';
import { addDays, startOfBusinessDay } from '../../domain/business-day';
import { birthdaysOn, boundWindow, deliveredOn, dueInstant, expiryDay, holidayOn, tierUpSince } from '../../domain/sop-triggers';

/** Which members a run covers: a range of ids (the nightly job's batch) or the members just bound. */
export type TaskScope = { after: string; upTo: string } | { memberIds: string[] };

export interface GenerationDay {
  /** The brand day the tasks are due on. */
  day: string;
  timeZone: string;
  /** Recorded as the tasks' creation time. */
  now: Date;
}

interface PlanRow {
  id: string;
  version: number;
  steps: SopStep[];
}

/** A statement's bound parameters, numbered as they are added. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The members a step is due for on the day: the FROM and WHERE after the common columns, and the
 * occurrence. Null when the step is not due on the day at all (a holiday on another date).
 */
function stepSource(step: SopStep, on: GenerationDay, p: Params): { from: string; where: string; occurrence: string } | null {
  const t = step.trigger;
  switch (t.kind) {
    case 'bound': {
      const { from, until } = boundWindow(t.days, on.day, on.timeZone);
      return {
        from: '',
        where: `m.guide_bound_at >= ${p.add(from)} and m.guide_bound_at < ${p.add(until)}`,
        occurrence: `m.guide_id::text || ':' || ${p.add(addDays(on.day, -t.days))}`,
      };
    }
    case 'holiday':
      return holidayOn(t, on.day) ? { from: '', where: 'true', occurrence: p.add(on.day) } : null;
    case 'birthday':
      return { from: '', where: `to_char(m.birthday, 'MM-DD') = any(${p.add(birthdaysOn(on.day))}::text[])`, occurrence: p.add(on.day.slice(0, 4)) };
    case 'tierUp': {
      const since = p.add(tierUpSince(on.day));
      return { from: '', where: `m.tier <> 'normal' and m.tier_raised_on = ${since}::date`, occurrence: `m.tier || ':' || ${since}` };
    }
    case 'segment':
      return t.segment === 'churnRisk'
        ? { from: '', where: 'f.churn_risk and f.last_active_on is not null', occurrence: `'churn:' || f.last_active_on::text` }
        : { from: '', where: `f.layer = 'high' and f.layer_since is not null`, occurrence: `'high:' || f.layer_since::text` };
    case 'delivered': {
      const receivedOn = deliveredOn(t.days, on.day);
      const from = startOfBusinessDay(receivedOn, on.timeZone);
      const until = startOfBusinessDay(addDays(receivedOn, 1), on.timeZone);
      return {
        from: `join orders o on o.member_id = m.id and o.status = 'completed' and o.completed_at >= ${p.add(from)} and o.completed_at < ${p.add(until)}`,
        where: 'true',
        occurrence: 'o.id::text',
      };
    }
  }
}

function scopeCondition(scope: TaskScope, p: Params): string {
  return 'memberIds' in scope ? `m.id = any(${p.add(scope.memberIds)}::bigint[])` : `m.id > ${p.add(scope.after)}::bigint and m.id <= ${p.add(scope.upTo)}::bigint`;
}

async function insertStep(tx: Queryable, plan: PlanRow, step: SopStep, on: GenerationDay, scope: TaskScope): Promise<number> {
  const p = new Params();
  const source = stepSource(step, on, p);
  if (!source) return 0;
  // Segment steps read the read model's flags; the others only its layer, for the priority
  // (taskPriority in domain/sop-triggers.ts: 高价值 and 流失预警 first).
  const facts = step.trigger.kind === 'segment' ? 'join' : 'left join';
  const { rowCount } = await tx.query(
    `insert into sop_tasks (member_id, guide_id, plan_id, plan_version, step_key, occurrence, due_on, due_at, expires_on, priority, created_at)
     select m.id, m.guide_id, ${p.add(plan.id)}::bigint, ${p.add(plan.version)}::int, ${p.add(step.key)}, ${source.occurrence},
       ${p.add(on.day)}::date, ${p.add(dueInstant(on.day, step.dueTime, on.timeZone))}::timestamptz,
       ${p.add(expiryDay(on.day, step.expiresAfterDays))}::date,
       case when f.layer in ('high', 'at_risk') or f.churn_risk then 1 else 0 end, ${p.add(on.now)}::timestamptz
     from members m
     ${facts} member_facts f on f.member_id = m.id
     ${source.from}
     where m.guide_id is not null and m.role = 'member' and m.deleted_at is null
       and ${scopeCondition(scope, p)} and ${source.where}
     on conflict (member_id, plan_id, step_key, occurrence) do nothing`,
    p.values,
  );
  return rowCount;
}

export async function enabledPlans(tx: Queryable): Promise<PlanRow[]> {
  const { rows } = await tx.query<PlanRow>('select id::text as id, version, steps from sop_plans where enabled order by id');
  return rows;
}

/** Makes the day's tasks of every enabled plan for the members in scope; answers how many were new. */
export async function generateTasks(tx: Queryable, on: GenerationDay, scope: TaskScope, plans?: PlanRow[]): Promise<number> {
  let made = 0;
  for (const plan of plans ?? (await enabledPlans(tx))) {
    for (const step of plan.steps) made += await insertStep(tx, plan, step, on, scope);
  }
  return made;
}

/**
 * Today's tasks for members a binding has just given a guide (day 0 of the 新客 steps, and
 * whatever else is due today), in the binding's transaction.
 */
export async function generateTasksForBound(tx: Queryable, memberIds: string[], on: GenerationDay): Promise<number> {
  return memberIds.length ? generateTasks(tx, on, { memberIds }) : 0;
}
