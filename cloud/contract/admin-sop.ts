/**
 * `admin` SOP actions: the brand's SOP plans (versioned: an edit never rewrites a task already
 * done) and what SOP is worth. Merged into `admin` (admin.ts).
 */
import { z } from 'zod';
import { sopStepSchema, type SopStep } from '../domain/sop-plan';
import type { LayerKey } from '../domain/value-layers';
import { id, returns, text } from './primitives';

export interface SopPlanView {
  id: string;
  name: string;
  enabled: boolean;
  /** Bumped by every save; tasks keep the version they were made from. */
  version: number;
  steps: SopStep[];
  updatedAt: string;
  /** Tasks made from this plan: open now, done in the last 30 days. */
  tasks: { open: number; done30: number };
}

export interface SopGuideValue {
  guideId: string;
  nickname: string | null;
  tasks: number;
  done: number;
  onTime: number;
  skipped: number;
  expired: number;
  /** done / tasks and onTime / done, 0–1 (0 when there are none). */
  completionRate: number;
  onTimeRate: number;
}

export interface SopValue {
  /** The window: tasks due from `since` to `until` (brand days). */
  since: string;
  until: string;
  guides: SopGuideValue[];
  /** 7-day order rate of members a done task touched against members of the same layer it did not. */
  orderRate: { layer: LayerKey; layerName: string; touched: number; touchedRate: number; untouched: number; untouchedRate: number }[];
  /** 流失预警 members who came back (an active day) within 14 days, with and without a done task. */
  churnComeback: { withTask: number; withTaskBack: number; withoutTask: number; withoutTaskBack: number };
}

export const adminSop = {
  /** The brand's plans, each as it is now, with its tasks' counts. */
  sopPlans: { params: z.object({}).strict(), result: returns<SopPlanView[]>() },
  /**
   * A new plan (no planId) or a plan's next version: `version` is the one the form was opened on;
   * a plan saved by someone else since is refused with VERSION_CONFLICT.
   */
  saveSopPlan: {
    params: z
      .object({
        planId: id.optional(),
        version: z.number().int().min(1).max(2_147_483_647).optional(),
        name: text({ min: 1, max: 20 }),
        enabled: z.boolean(),
        steps: z.array(sopStepSchema).min(1, '至少一个步骤').max(30, '最多 30 个步骤'),
      })
      .strict(),
    result: returns<SopPlanView>(),
  },
  /** SOP 成效 over the last 7, 30 (default) or 90 brand days (services/sop/sop-value.ts says how each figure is counted). */
  sopValue: { params: z.object({ days: z.union([z.literal(7), z.literal(30), z.literal(90)]).optional() }).strict(), result: returns<SopValue>() },
} as const;
