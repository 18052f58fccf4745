import { leaderboard } from '../../services/referral/leaderboard';
import { referralSummary } from '../../services/referral/referral-summary';
import { defineFunction } from '../runtime';

export const referral = defineFunction('referral', {
  mine: (ctx, actor) => referralSummary(ctx, actor),
  leaderboard: (ctx, actor, params) => leaderboard(ctx, actor, params),
});
