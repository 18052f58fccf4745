import { getBalance, listLedger } from '../../services/points/points-queries';
import { defineFunction } from '../runtime';

export const points = defineFunction('points', {
  balance: (ctx, actor) => getBalance(ctx, actor),
  ledger: (ctx, actor, params) => listLedger(ctx, actor, params),
});
