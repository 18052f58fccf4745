import { guideDashboard } from '../../services/guide/dashboard';
import { groupPlanDay, markGroupPost } from '../../services/guide-content/group-plan';
import { guideMoments, markMomentPosted } from '../../services/guide-content/moments';
import { copyScript, guideScripts } from '../../services/guide-content/scripts';
import { guideGroups, nameGroup } from '../../services/guide/groups';
import { guideMemberDetail } from '../../services/guide/member-detail';
import { guideMembers } from '../../services/guide/members';
import { tagMember, untagMember } from '../../services/segments/member-segmentation';
import { guideTasks } from '../../services/sop/guide-tasks';
import { completeTask, giveTaskCoupon, skipTask } from '../../services/sop/task-actions';
import { subscribeTasks } from '../../services/sop/task-reminders';
import { defineFunction } from '../runtime';

export const guide = defineFunction(
  'guide',
  {
    dashboard: (ctx, actor, params) => guideDashboard(ctx, actor, params),
    members: (ctx, actor, params) => guideMembers(ctx, actor, params),
    memberDetail: (ctx, actor, params) => guideMemberDetail(ctx, actor, params),
    groups: (ctx, actor, params) => guideGroups(ctx, actor, params),
    nameGroup: (ctx, actor, params) => nameGroup(ctx, actor, params),
    tagMember: (ctx, actor, params) => tagMember(ctx, actor, params),
    untagMember: (ctx, actor, params) => untagMember(ctx, actor, params),
    tasks: (ctx, actor, params) => guideTasks(ctx, actor, params),
    completeTask: (ctx, actor, params) => completeTask(ctx, actor, params),
    skipTask: (ctx, actor, params) => skipTask(ctx, actor, params),
    giveTaskCoupon: (ctx, actor, params) => giveTaskCoupon(ctx, actor, params),
    subscribeTasks: (ctx, actor) => subscribeTasks(ctx, actor),
    scripts: (ctx, _actor, params) => guideScripts(ctx, params),
    copyScript: (ctx, _actor, params) => copyScript(ctx, params),
    groupPlan: (ctx, actor) => groupPlanDay(ctx, actor),
    markGroupPost: (ctx, actor, params) => markGroupPost(ctx, actor, params),
    moments: (ctx, actor, params) => guideMoments(ctx, actor, params),
    markMomentPosted: (ctx, actor, params) => markMomentPosted(ctx, actor, params),
  },
  { roles: { '*': ['guide', 'admin'] } },
);
