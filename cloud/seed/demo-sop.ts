/**
 * The demo brand's SOP: the default plans (migration 0023; written again when a test emptied the
 * tables) with coupon templates of their own attached — 新人礼, 关怀券, 生日券, 回归券 — then
 * today's nightly run, so that the demo guide 王姐 opens 今日任务 with tasks: the 流失预警 and
 * 高价值 members of the demo crowd (demo-segments.ts, whose segmentation ran just before), and
 * whatever else falls on the start day.
 */
import { DEFAULT_SOP_PLANS } from '../domain/sop-defaults';
import type { SopStep } from '../domain/sop-plan';
import { businessDay } from '../domain/business-day';
import { saveCouponTemplate } from '../services/admin/coupon-templates';
import type { UseCaseContext } from '../services/context';
import { Failure } from '../services/failure';
import { runJob } from '../services/jobs/run-job';
import { listSopPlans, saveSopPlan } from '../services/sop/sop-plans';
import { sopTasksJob } from '../services/sop/sop-tasks-job';

function saved<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`demo SOP: ${value.code} ${value.message}`);
  return value;
}

export async function seedDemoSop(ctx: UseCaseContext): Promise<void> {
  const base = { percentOff: null, capFen: null, validFrom: null, validUntil: null, categoryIds: [], perMemberLimit: null, active: true };
  const template = async (t: Parameters<typeof saveCouponTemplate>[2]['template']) => saved(await saveCouponTemplate(ctx, null, { template: t })).id;
  const coupons: Record<string, string> = {
    welcome: await template({ ...base, name: '新人礼 满99减15', kind: 'amount_off', amountOffFen: 1500, thresholdFen: 9900, validDays: 7 }),
    care: await template({ ...base, name: '关怀券 满200减30', kind: 'amount_off', amountOffFen: 3000, thresholdFen: 20_000, validDays: 14 }),
    birthday: await template({
      ...base,
      name: '生日专享 9折',
      kind: 'percent_off',
      amountOffFen: null,
      percentOff: 10,
      capFen: 8000,
      thresholdFen: 0,
      validDays: 30,
    }),
    winback: await template({ ...base, name: '回归券 满150减40', kind: 'amount_off', amountOffFen: 4000, thresholdFen: 15_000, validDays: 14 }),
  };
  const couponOf: Record<string, string> = {
    welcome: coupons.welcome!,
    'revisit-3': coupons.care!,
    'revisit-7': coupons.care!,
    birthday: coupons.birthday!,
    'churn-winback': coupons.winback!,
  };
  const withCoupons = (steps: SopStep[]) => steps.map((s) => ({ ...s, couponTemplateId: couponOf[s.key] ?? s.couponTemplateId }));

  const current = await listSopPlans(ctx);
  for (const plan of DEFAULT_SOP_PLANS) {
    const existing = current.find((p) => p.name === plan.name);
    saved(
      await saveSopPlan(ctx, null, {
        planId: existing?.id,
        version: existing?.version,
        name: plan.name,
        enabled: true,
        steps: withCoupons(existing?.steps ?? plan.steps),
      }),
    );
  }

  const report = await runJob(ctx.db, sopTasksJob, { brand: ctx.brand, day: businessDay(ctx.now, ctx.brand.timeZone), now: ctx.now });
  if (report?.run?.state !== 'finished') throw new Error(`demo SOP run did not finish: ${JSON.stringify(report)}`);
}
