import { myAwards, setAwardAddress } from '../../services/lottery/awards';
import { currentCampaign } from '../../services/lottery/current-campaign';
import { drawOnce } from '../../services/lottery/draw';
import { defineFunction } from '../runtime';

export const lottery = defineFunction('lottery', {
  current: (ctx, actor) => currentCampaign(ctx, actor),
  draw: (ctx, actor, params) => drawOnce(ctx, actor, params),
  awards: (ctx, actor, params) => myAwards(ctx, actor, params),
  setAddress: (ctx, actor, params) => setAwardAddress(ctx, actor, params),
});
