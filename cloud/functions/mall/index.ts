import { listMall, myRedemptions, redeemItem, setRedemptionAddress } from '../../services/mall/mall';
import { defineFunction } from '../runtime';

export const mall = defineFunction('mall', {
  list: (ctx, actor) => listMall(ctx, actor),
  redeem: (ctx, actor, params) => redeemItem(ctx, actor, params),
  redemptions: (ctx, actor) => myRedemptions(ctx, actor),
  setAddress: (ctx, actor, params) => setRedemptionAddress(ctx, actor, params),
});
