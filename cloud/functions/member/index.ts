import { getProfile } from '../../services/member/get-profile';
import { markProfileAsked } from '../../services/member/mark-profile-asked';
import { updateProfile } from '../../services/member/update-profile';
import { deleteAccount } from '../../services/privacy/delete-account';
import { exportPersonalData } from '../../services/privacy/export-data';
import { withdrawConsent } from '../../services/privacy/withdraw-consent';
import { getTierCard } from '../../services/tiers/tier-card';
import { defineFunction } from '../runtime';

export const member = defineFunction('member', {
  profile: (ctx, actor) => getProfile(ctx, actor),
  tier: (ctx, actor) => getTierCard(ctx, actor),
  update: (ctx, actor, params) => updateProfile(ctx, actor, params),
  profileAsked: (ctx, actor) => markProfileAsked(ctx, actor),
  withdrawConsent: (ctx, actor) => withdrawConsent(ctx, actor),
  exportData: (ctx, actor) => exportPersonalData(ctx, actor),
  deleteAccount: (ctx, actor) => deleteAccount(ctx, actor),
});
