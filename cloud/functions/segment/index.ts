import { recompute } from '../../services/segments/recompute';
import { defineFunction } from '../runtime';

export const segment = defineFunction('segment', { recompute: (ctx, actor, params) => recompute(ctx, actor, params) }, { roles: { '*': ['admin'] } });
