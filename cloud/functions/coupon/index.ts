import { previewCoupon } from '../../services/coupons/preview-coupon';
import { verifyCoupon } from '../../services/coupons/verify-coupon';
import { myCoupons } from '../../services/coupons/wallet';
import { defineFunction } from '../runtime';

export const coupon = defineFunction(
  'coupon',
  {
    mine: (ctx, actor, params) => myCoupons(ctx, actor, params),
    preview: (ctx, actor, params) => previewCoupon(ctx, actor, params),
    verify: (ctx, actor, params) => verifyCoupon(ctx, actor, params),
  },
  { roles: { preview: ['guide', 'admin'], verify: ['guide', 'admin'] } },
);
