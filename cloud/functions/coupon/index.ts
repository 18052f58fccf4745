import { myCoupons, verifyCoupon } from '../../services/coupons/wallet';
import { defineFunction } from '../runtime';

export const coupon = defineFunction(
  'coupon',
  {
    mine: (ctx, actor, params) => myCoupons(ctx, actor, params),
    verify: (ctx, actor, params) => verifyCoupon(ctx, actor, params),
  },
  { roles: { verify: ['guide', 'admin'] } },
);
