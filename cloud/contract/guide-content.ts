/**
 * The guides' daily playbook, inside the mini-program (no WeCom): 话术库 (scripts copied in one
 * tap), 社群 SOP (today's posts per named group) and the 朋友圈 calendar. Part of `guide` (guide.ts).
 */
import { z } from 'zod';
import type { MomentsKind, PlanCardKind, ScriptCategory } from '../domain/guide-content';
import { SCRIPT_CATEGORIES } from '../domain/guide-content';
import { calendarDay, groupId, id, returns, text } from './primitives';

export type { MomentsKind, PlanCardKind, ScriptCategory } from '../domain/guide-content';

export interface ScriptView {
  id: string;
  category: ScriptCategory;
  categoryName: string;
  /** The member's question. */
  question: string;
  /** What the guide sends. */
  answer: string;
  copies: number;
}

export interface GuideScripts {
  /** Every category with its active scripts' count (whatever the search). */
  categories: Array<{ key: ScriptCategory; name: string; count: number }>;
  /** The most copied first. */
  items: ScriptView[];
}

/** The page a post shares: its title and mini-program path; a product card is made a share by the guide (share.create). */
export interface PlanCardView {
  kind: Exclude<PlanCardKind, 'none'>;
  title: string;
  path: string;
  productId: string | null;
  imageUrl: string | null;
}

export interface GroupPostView {
  postId: string;
  /** Brand time 'HH:mm'. */
  time: string;
  title: string;
  /** The copy with its variables filled in for the day. */
  copy: string;
  card: PlanCardView | null;
  /** Who marked it posted in the group that day (any guide of the group), and when. */
  posted: { by: string | null; at: string; me: boolean } | null;
}

export interface GroupPlanDay {
  day: string;
  weekday: string;
  /** My named groups (an admin: every named group), each with the day's posts. */
  groups: Array<{ groupId: string; name: string; posts: GroupPostView[] }>;
}

export interface MomentsPostView {
  id: string;
  day: string;
  kind: MomentsKind;
  kindName: string;
  body: string;
  images: string[];
  product: { id: string; name: string } | null;
  /** When I marked it posted. */
  postedAt: string | null;
}

export interface MomentsWeek {
  today: string;
  days: Array<{ day: string; weekday: string; posts: MomentsPostView[] }>;
}

const scriptSearch = text({ max: 20 });

export const guideContent = {
  /** 话术库: active scripts, the most copied first; by category and/or words of the question or the answer. */
  scripts: {
    params: z.object({ category: z.enum(SCRIPT_CATEGORIES).optional(), search: scriptSearch.optional() }).strict(),
    result: returns<GuideScripts>(),
  },
  /** A copy of a script: its counter goes up by one (answers the new count). */
  copyScript: { params: z.object({ scriptId: id }).strict(), result: returns<{ scriptId: string; copies: number }>() },
  /** 社群 SOP: today's posts of the weekly plan for each of my named groups. */
  groupPlan: { params: z.object({}).strict(), result: returns<GroupPlanDay>() },
  /** Marks one of today's posts posted in one of my groups; a second mark (anyone's) keeps the first. */
  markGroupPost: { params: z.object({ groupId, postId: id }).strict(), result: returns<GroupPostView>() },
  /** 朋友圈: the week (Monday–Sunday) of `day` (default today), each day's posts. */
  moments: { params: z.object({ day: calendarDay.optional() }).strict(), result: returns<MomentsWeek>() },
  /** Marks a 朋友圈 post posted by me (once; a second mark keeps the first time). */
  markMomentPosted: { params: z.object({ postId: id }).strict(), result: returns<MomentsPostView>() },
} as const;
