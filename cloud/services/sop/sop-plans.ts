/**
 * admin.sopPlans / admin.saveSopPlan: the brand's SOP plans. A save is a new version (a row of
 * sop_plan_versions) and the plan's current state, conditioned on the version the form was opened
 * on; tasks keep the version they were made from, so an edit never rewrites a task already made.
 */
import type { SopPlanView } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay, toBrandIso } from '../../domain/business-day';
import { duplicateStepKeys, unknownScriptVariables, type SopStep } from '../../domain/sop-plan';
import { recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';

interface PlanRow {
  id: string;
  name: string;
  enabled: boolean;
  version: number;
  steps: SopStep[];
  updated_at: Date;
  open: number;
  done30: number;
}

const PLAN_COLUMNS = 'p.id::text as id, p.name, p.enabled, p.version, p.steps, p.updated_at';

// Open: still inside its window on the brand day ($1); done: in the 30 days before now ($2).
const TASK_COUNTS = `
  (select count(*)::int from sop_tasks t where t.plan_id = p.id and t.status = 'open' and t.expires_on >= $1::date) as open,
  (select count(*)::int from sop_tasks t where t.plan_id = p.id and t.status = 'done' and t.done_at >= $2::timestamptz - interval '30 days') as done30`;

const toView = (row: PlanRow, timeZone: string): SopPlanView => ({
  id: row.id,
  name: row.name,
  enabled: row.enabled,
  version: row.version,
  steps: row.steps,
  updatedAt: toBrandIso(row.updated_at, timeZone),
  tasks: { open: row.open, done30: row.done30 },
});

export async function listSopPlans(ctx: UseCaseContext): Promise<SopPlanView[]> {
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  const { rows } = await ctx.db.query<PlanRow>(`select ${PLAN_COLUMNS}, ${TASK_COUNTS} from sop_plans p order by p.id`, [today, ctx.now]);
  return rows.map((row) => toView(row, ctx.brand.timeZone));
}

export interface SaveSopPlanParams {
  planId?: string;
  version?: number;
  name: string;
  enabled: boolean;
  steps: SopStep[];
}

/** Templates and products the steps name that do not exist, as field problems at their step. */
async function missingReferences(tx: Queryable, steps: SopStep[]) {
  const templateIds = [...new Set(steps.flatMap((s) => (s.couponTemplateId ? [s.couponTemplateId] : [])))];
  const productIds = [...new Set(steps.flatMap((s) => (s.product && s.product !== 'interest' ? [s.product.id] : [])))];
  const { rows } = await tx.query<{ templates: string[]; products: string[] }>(
    `select array(select id::text from coupon_templates where id = any($1::bigint[])) as templates,
            array(select id::text from products where id = any($2::bigint[])) as products`,
    [templateIds, productIds],
  );
  const templates = new Set(rows[0]!.templates);
  const products = new Set(rows[0]!.products);
  return steps.flatMap((s, i) => [
    ...(s.couponTemplateId && !templates.has(s.couponTemplateId) ? [{ path: `steps.${i}.couponTemplateId`, message: '优惠券模板不存在' }] : []),
    ...(s.product && s.product !== 'interest' && !products.has(s.product.id) ? [{ path: `steps.${i}.product`, message: '商品不存在' }] : []),
  ]);
}

const planState = (p: { name: string; enabled: boolean; version: number; steps: SopStep[] }) => ({
  name: p.name,
  enabled: p.enabled,
  version: p.version,
  steps: p.steps,
});

/** actor null: set-up by the system (seed data, tests), not audited. */
export async function saveSopPlan(ctx: UseCaseContext, actor: Actor | null, params: SaveSopPlanParams): Promise<SopPlanView | Failure> {
  const duplicates = duplicateStepKeys(params.steps);
  if (duplicates.length) {
    const message = '步骤标识不能重复';
    return fail('INVALID_PARAMS', message, duplicates.map((i) => ({ path: `steps.${i}.key`, message })));
  }
  const unknown = params.steps.flatMap((s, i) => {
    const names = unknownScriptVariables(s.script);
    return names.length ? [{ path: `steps.${i}.script`, message: `话术中没有这个变量：${names.map((v) => `{${v}}`).join(' ')}` }] : [];
  });
  if (unknown.length) return fail('INVALID_PARAMS', unknown[0]!.message, unknown);
  if (params.planId && params.version === undefined) {
    return fail('INVALID_PARAMS', '请带上编辑时的版本号', [{ path: 'version', message: '请带上编辑时的版本号' }]);
  }
  const steps = JSON.stringify(params.steps);
  const actorId = actor?.memberId ?? null;
  return transactionOrFailure(ctx.db, async (tx) => {
    const missing = await missingReferences(tx, params.steps);
    if (missing.length) return fail('INVALID_PARAMS', missing[0]!.message, missing);
    let before: ReturnType<typeof planState> | null = null;
    let planId: string;
    if (params.planId) {
      // Locked so that the state audited as "before" is the one this save replaces.
      const current = await tx.query<{ name: string; enabled: boolean; version: number; steps: SopStep[] }>(
        'select name, enabled, version, steps from sop_plans where id = $1 for update',
        [params.planId],
      );
      if (!current.rows[0]) return fail('NOT_FOUND', 'SOP 计划不存在');
      before = planState(current.rows[0]);
      const updated = await tx.query<{ id: string }>(
        `update sop_plans set name = $3, enabled = $4, steps = $5::jsonb, version = version + 1, updated_at = $6, updated_by = $7
         where id = $1 and version = $2 returning id::text as id`,
        [params.planId, params.version, params.name, params.enabled, steps, ctx.now, actorId],
      );
      if (!updated.rows[0]) return fail('VERSION_CONFLICT', '这个 SOP 计划已被其他人修改，请刷新后重新编辑');
      planId = updated.rows[0].id;
    } else {
      const inserted = await tx.query<{ id: string }>(
        `insert into sop_plans (name, enabled, version, steps, updated_at, updated_by)
         values ($1, $2, 1, $3::jsonb, $4, $5) returning id::text as id`,
        [params.name, params.enabled, steps, ctx.now, actorId],
      );
      planId = inserted.rows[0]!.id;
    }
    await tx.query(
      `insert into sop_plan_versions (plan_id, version, name, steps, created_at, created_by)
       select id, version, name, steps, updated_at, updated_by from sop_plans where id = $1`,
      [planId],
    );
    const today = businessDay(ctx.now, ctx.brand.timeZone);
    const { rows } = await tx.query<PlanRow>(`select ${PLAN_COLUMNS}, ${TASK_COUNTS} from sop_plans p where p.id = $3`, [today, ctx.now, planId]);
    const row = rows[0]!;
    await recordAudit(tx, {
      actor,
      at: ctx.now,
      kind: 'sop.plan',
      targetType: 'sopPlan',
      targetId: planId,
      before,
      after: planState(row),
    });
    return toView(row, ctx.brand.timeZone);
  });
}

