/**
 * SOP plans (1v1 follow-up by the member's guide): what a step is and when it triggers. Shared by
 * the contract (the editor's validation) and the task generation (cloud/domain/sop-triggers.ts
 * decides; the SQL in cloud/services/sop applies it at scale).
 */
import { z } from 'zod';
import { SCRIPT_VARIABLES } from './sop-variables';

export const SOP_TRIGGER_KINDS = ['bound', 'holiday', 'birthday', 'tierUp', 'segment', 'delivered'] as const;
export type SopTriggerKind = (typeof SOP_TRIGGER_KINDS)[number];

/** The segments a step can follow: entering 流失预警 (churn flag) or 高价值 (the layer). */
export const SOP_SEGMENT_KEYS = ['churnRisk', 'highValue'] as const;
export type SopSegmentKey = (typeof SOP_SEGMENT_KEYS)[number];


/**
 * The {names} a script uses that are not SCRIPT_VARIABLES, each once, in order. Checked by the
 * save (services/sop/sop-plans.ts), which answers each at its step's script field.
 */
export function unknownScriptVariables(script: string): string[] {
  const known: readonly string[] = SCRIPT_VARIABLES;
  const names = [...script.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  return [...new Set(names.filter((name) => !known.includes(name)))];
}

/** Step keys that appear more than once in a plan (a task is once per key: two steps cannot share one). */
export function duplicateStepKeys(steps: readonly { key: string }[]): number[] {
  const seen = new Set<string>();
  return steps.flatMap((step, index) => {
    if (seen.has(step.key)) return [index];
    seen.add(step.key);
    return [];
  });
}

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式为 MM-DD');
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式为 YYYY-MM-DD');

export const sopTriggerSchema = z.discriminatedUnion('kind', [
  /** Days since the member was bound to the guide (brand days; 0 = the day of binding). */
  z.object({ kind: z.literal('bound'), days: z.number().int().min(0).max(365) }).strict(),
  /**
   * A holiday: a fixed month-day every year (妇女节 03-08, 双11 11-11) or, for the lunar ones
   * (春节, 七夕), the dates listed year by year.
   */
  z
    .object({
      kind: z.literal('holiday'),
      name: z.string().trim().min(1, '请填写节日名称').max(10, '节日名称最多 10 个字'),
      monthDay: monthDay.optional(),
      dates: z.array(day).max(20).optional(),
    })
    .strict()
    .refine((t) => Boolean(t.monthDay) !== Boolean(t.dates?.length), { message: '每年固定日期或逐年日期，二选一', path: ['monthDay'] }),
  /** The member's birthday (29 February is kept on 28 February in a common year). */
  z.object({ kind: z.literal('birthday') }).strict(),
  /** The day the member's tier went up. */
  z.object({ kind: z.literal('tierUp') }).strict(),
  /** The nightly run that puts the member into the segment (once per entry; again only after they left it). */
  z.object({ kind: z.literal('segment'), segment: z.enum(SOP_SEGMENT_KEYS) }).strict(),
  /** N days after an order was delivered (回访). */
  z.object({ kind: z.literal('delivered'), days: z.number().int().min(1).max(60) }).strict(),
]);
export type SopTrigger = z.infer<typeof sopTriggerSchema>;

export const sopStepSchema = z
  .object({
    /** Stable within the plan across versions: tasks are once per member, plan, step key and occurrence. */
    key: z.string().regex(/^[a-z0-9-]{1,32}$/, '步骤标识为 1–32 位小写字母、数字或 -'),
    name: z.string().trim().min(1, '请填写步骤名称').max(20, '步骤名称最多 20 个字'),
    trigger: sopTriggerSchema,
    /** Brand time the task is due on its day ('HH:mm'). */
    dueTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:mm'),
    /** Days an open task stays in the list after its due day before it expires (0 = only that day). */
    expiresAfterDays: z.number().int().min(0).max(30),
    /** 话术 with {昵称} {导购} {券} {商品} {节日} {原因}. */
    script: z.string().trim().min(1, '请填写话术').max(500, '话术最多 500 字'),
    /** Given once per task by 发券. */
    couponTemplateId: z.string().regex(/^\d{1,18}$/).nullable(),
    /** The card 发送商品卡 shares: a fixed product, or 'interest' — one from the member's interest tags. */
    product: z.union([z.object({ id: z.string().regex(/^\d{1,18}$/) }).strict(), z.literal('interest')]).nullable(),
  })
  .strict();
export type SopStep = z.infer<typeof sopStepSchema>;
