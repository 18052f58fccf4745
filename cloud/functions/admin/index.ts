import { adjustPoints } from '../../services/admin/adjust-points';
import { listCampaigns, saveCampaign } from '../../services/admin/campaigns';
import { listCouponTemplates, saveCouponTemplate } from '../../services/admin/coupon-templates';
import { listMallItems, saveMallItem } from '../../services/admin/mall-items';
import { issueCouponByAdmin } from '../../services/admin/issue-coupon';
import { updateBrandSettings } from '../../services/admin/settings';
import { defineFunction } from '../runtime';

export const admin = defineFunction(
  'admin',
  {
    configGet: async (ctx) => ctx.brand,
    configSet: (ctx, actor, params) => updateBrandSettings(ctx, actor, params),
    adjustPoints: (ctx, actor, params) => adjustPoints(ctx, actor, params),
    issueCoupon: (ctx, actor, params) => issueCouponByAdmin(ctx, actor, params),
    couponTemplates: (ctx) => listCouponTemplates(ctx),
    saveCouponTemplate: (ctx, _actor, params) => saveCouponTemplate(ctx, params),
    campaigns: (ctx) => listCampaigns(ctx),
    saveCampaign: (ctx, _actor, params) => saveCampaign(ctx, params),
    mallItems: (ctx) => listMallItems(ctx),
    saveMallItem: (ctx, _actor, params) => saveMallItem(ctx, params),
  },
  { roles: { '*': ['admin'] } },
);
