import { getProfile } from '../../services/member/get-profile';
import { updateProfile, withdrawConsent } from '../../services/member/update-profile';
import { getTierCard } from '../../services/tiers/tier-card';
import { defineFunction } from '../runtime';

export const member = defineFunction('member', {
  profile: (ctx, actor) => getProfile(ctx, actor),
  tier: (ctx, actor) => getTierCard(ctx, actor),
  update: (ctx, actor, params) => updateProfile(ctx, actor, params),
  withdrawConsent: (ctx, actor) => withdrawConsent(ctx, actor),
});
