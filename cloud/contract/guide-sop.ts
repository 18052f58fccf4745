/**
 * `guide` SOP actions: 今日任务 (1v1 follow-up tasks generated from the brand's SOP plans) and
 * what a guide does with one. Merged into `guide` (guide.ts).
 */
import { z } from 'zod';
import type { TierKey } from '../domain/brand-settings';
import type { SopTriggerKind } from '../domain/sop-plan';
import type { LayerKey } from '../domain/value-layers';
import type { CouponView } from './coupon';
import { calendarDay, id, returns, text } from './primitives';

export type SopTaskStatus = 'open' | 'done' | 'skipped' | 'expired';

export interface SopTaskView {
  id: string;
  /** Brand day the task is due, and its due time (ISO with the brand's offset). */
  dueOn: string;
  dueAt: string;
  /** The last brand day it stays open; after it the task is expired. */
  expiresOn: string;
  status: SopTaskStatus;
  /** Still open after its due day (on time is done on or before it): 逾期. */
  overdue: boolean;
  /** 高价值 and 流失预警 members come first within a due time. */
  priority: 'high' | 'normal';
  plan: { id: string; name: string; version: number };
  step: { key: string; name: string; trigger: SopTriggerKind; triggerText: string };
  member: {
    id: string;
    nickname: string | null;
    avatarUrl: string | null;
    tier: { key: TierKey; name: string };
    layer: { key: LayerKey; name: string } | null;
    tags: string[];
    lastOrder: { productName: string; paidAt: string; totalFen: number } | null;
  };
  /** The step's 话术 with {昵称} {导购} {券} {商品} {节日} {原因} filled in for this member. */
  script: string;
  /** The step's coupon: given once per task (given is the member's coupon once it was). */
  coupon: { templateId: string; name: string; given: Omit<CouponView, 'code'> | null } | null;
  /** The product card to send (the guide's own share card, created with share.create). */
  product: { id: string; name: string; imageUrl: string | null; priceFen: number } | null;
  doneAt: string | null;
  /** Set when done: finished on its due day (on time) or later. */
  onTime: boolean | null;
  skipReason: string | null;
}

export interface GuideTasks {
  day: string;
  /** Open tasks due on the day and overdue ones still open, then that day's done and skipped. */
  items: SopTaskView[];
  counts: { open: number; overdue: number; done: number; skipped: number };
}

/** What a guide does with a task. A guide may act only on tasks of their own members (else 404). */
export const guideSop = {
  /** My tasks on a day (default today, brand time): due that day, overdue ones still open, then the day's done and skipped. */
  tasks: { params: z.object({ day: calendarDay.optional() }).strict(), result: returns<GuideTasks>() },
  /** Done (on time when on or before its due day); repeating answers the same. */
  completeTask: { params: z.object({ taskId: id }).strict(), result: returns<SopTaskView>() },
  skipTask: { params: z.object({ taskId: id, reason: text({ min: 1, max: 60 }) }).strict(), result: returns<SopTaskView>() },
  /** The step's coupon into the member's wallet, once per task (SOP_NO_COUPON without one, SOP_TASK_CLOSED unless open). */
  giveTaskCoupon: { params: z.object({ taskId: id }).strict(), result: returns<SopTaskView>() },
  /** An acceptance of the one-time 「今日任务」 reminder: the daily job sends 今日 N 条任务 once with it. */
  subscribeTasks: { params: z.object({}).strict(), result: returns<{ subscribed: true }>() },
} as const;
