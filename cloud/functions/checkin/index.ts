import { getCheckinStatus } from '../../services/checkin/checkin-status';
import { doCheckin } from '../../services/checkin/do-checkin';
import { groupBoard } from '../../services/checkin/group-board';
import { makeupCheckin } from '../../services/checkin/makeup-checkin';
import { subscribeReminder } from '../../services/reminders/subscribe-reminder';
import { defineFunction } from '../runtime';

export const checkin = defineFunction(
  'checkin',
  {
    status: (ctx, actor, params) => getCheckinStatus(ctx, actor, params),
    do: (ctx, actor, params) => doCheckin(ctx, actor, params),
    group: (ctx, actor, params) => groupBoard(ctx, actor, params),
    makeup: (ctx, actor, params) => makeupCheckin(ctx, actor, params),
    subscribeReminder: (ctx, actor, params) => subscribeReminder(ctx, actor, params),
  },
  // Read in the query that resolves the member: the check-in's write then needs no read before it.
  { withLatestCheckin: ['do'] },
);
