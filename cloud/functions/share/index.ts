import { createShare } from '../../services/sharing/create-share';
import { openShare } from '../../services/sharing/open-share';
import { posterCode } from '../../services/sharing/poster-code';
import { defineFunction } from '../runtime';

export const share = defineFunction('share', {
  create: (ctx, actor, params) => createShare(ctx, actor, params),
  open: (ctx, actor, params) => openShare(ctx, actor, params),
  code: (ctx, actor, params) => posterCode(ctx, actor, params),
});
