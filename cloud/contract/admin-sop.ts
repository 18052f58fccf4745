/**
 * `admin` SOP actions: the brand's SOP plans (versioned: an edit never rewrites a task already
 * done) and what SOP is worth. Merged into `admin` (admin.ts).
 */
import type { SopStep } from '../domain/sop-plan';
import type { LayerKey } from '../domain/value-layers';

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
} as const;
