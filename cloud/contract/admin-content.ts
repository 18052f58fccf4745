/**
 * The 运营 tab's side of the guides' playbook: the 话术库, the default weekly group plan and the
 * 朋友圈 calendar with its week's mix. Part of `admin` (admin.ts).
 */
import { z } from 'zod';
import { MOMENTS_KINDS, PLAN_CARD_KINDS, SCRIPT_CATEGORIES, type MomentsKind } from '../domain/guide-content';
import type { DayWarning } from '../domain/moments-mix';
import type { ScriptView } from './guide-content';
import { calendarDay, id, imageUrl, noParams, returns, text } from './primitives';

const position = z.number().int().min(0).max(100_000).default(0);

const scriptInput = z
  .object({
    id: id.optional(),
    category: z.enum(SCRIPT_CATEGORIES),
    question: text({ max: 60 }),
    answer: text({ max: 1000, multiline: true }),
    position,
    active: z.boolean().default(true),
  })
  .strict();

const planPostInput = z
  .object({
    id: id.optional(),
    /** Every day, the brand's member day, or an ISO weekday '1' (Monday) … '7'. */
    repeat: z.enum(['daily', 'member_day', '1', '2', '3', '4', '5', '6', '7']),
    /** Brand time 'HH:mm'. */
    atTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:mm'),
    title: text({ max: 20 }),
    /** May hold {今晚品类} {会员日} {会员日折扣} {日期}; other {…} are refused. */
    body: text({ max: 500, multiline: true }),
    card: z.enum(PLAN_CARD_KINDS),
    /** The category or product of a category or product card; null otherwise. */
    cardRefId: id.nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();

const momentsPostInput = z
  .object({
    id: id.optional(),
    day: calendarDay,
    kind: z.enum(MOMENTS_KINDS),
    body: text({ max: 1000, multiline: true }),
    images: z.array(imageUrl).max(9).default([]),
    productId: id.nullable().default(null),
    position,
    active: z.boolean().default(true),
  })
  .strict();

export type ScriptInput = z.output<typeof scriptInput>;
export type PlanPostInput = z.output<typeof planPostInput>;
export type MomentsPostInput = z.output<typeof momentsPostInput>;

export interface ScriptAdminView extends Omit<ScriptInput, 'id'>, Pick<ScriptView, 'categoryName' | 'copies'> {
  id: string;
}

export interface PlanPostAdminView extends Omit<PlanPostInput, 'id'> {
  id: string;
  /** The card's category or product name; null without one. */
  cardRefName: string | null;
}

export interface MomentsPostAdminView extends Omit<MomentsPostInput, 'id'> {
  id: string;
  kindName: string;
  productName: string | null;
  /** Guides who marked it posted. */
  postedBy: number;
}

export interface MomentsAdminWeek {
  days: Array<{ day: string; weekday: string; posts: MomentsPostAdminView[]; warning: DayWarning | null }>;
  /** Active posts of the week per kind. */
  mix: Array<{ kind: MomentsKind; name: string; count: number }>;
}

export const adminContent = {
  /** Every script (hidden ones too), by category, the most copied first. */
  scripts: { params: noParams, result: returns<ScriptAdminView[]>() },
  saveScript: { params: z.object({ script: scriptInput }).strict(), result: returns<ScriptAdminView>() },
  /** The brand's default weekly group plan, by time. */
  groupPlanPosts: { params: noParams, result: returns<PlanPostAdminView[]>() },
  /** Refused when the copy names an unknown {variable} or the card's category or product does not exist. */
  saveGroupPlanPost: { params: z.object({ post: planPostInput }).strict(), result: returns<PlanPostAdminView>() },
  /** The week (Monday–Sunday) of `day` (default today) with the mix of kinds and the days outside 1–3 posts. */
  momentsWeek: { params: z.object({ day: calendarDay.optional() }).strict(), result: returns<MomentsAdminWeek>() },
  saveMomentsPost: { params: z.object({ post: momentsPostInput }).strict(), result: returns<MomentsPostAdminView>() },
} as const;
