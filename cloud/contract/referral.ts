/** `referral`: 老带新 — my invites and their rewards, the monthly leaderboard. */
import { z } from 'zod';
import { noParams, returns, yearMonth } from './primitives';

export interface ReferralSummary {
  /** Friends who joined through my invites. */
  invited: number;
  /** Friends whose first check-in / first order rewarded me. */
  rewarded: number;
  rewardOn: 'first_checkin' | 'first_order';
  inviterPoints: number;
  title: string | null;
  nextTitle: { name: string; count: number; needed: number } | null;
  friends: Array<{ nickname: string | null; joinedAt: string; rewarded: boolean }>;
}

export interface Leaderboard {
  month: string;
  items: Array<{ rank: number; nickname: string | null; avatarUrl: string | null; count: number; title: string | null }>;
  me: { rank: number | null; count: number };
}

export const referral = {
  /** My invites: friends, rewards, honour title. */
  mine: { params: noParams, result: returns<ReferralSummary>() },
  leaderboard: { params: z.object({ month: yearMonth.optional() }).strict(), result: returns<Leaderboard>() },
} as const;
