import { guideDashboard } from '../../services/guide/dashboard';
import { guideMembers } from '../../services/guide/members';
import { defineFunction } from '../runtime';

export const guide = defineFunction(
  'guide',
  {
    dashboard: (ctx, actor, params) => guideDashboard(ctx, actor, params),
    members: (ctx, actor, params) => guideMembers(ctx, actor, params),
  },
  { roles: { '*': ['guide', 'admin'] } },
);
