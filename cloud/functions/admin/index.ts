import { adjustPoints } from '../../services/admin/adjust-points';
import { assignGuide, listGuides } from '../../services/admin/assign-guide';
import { listBanners, saveBanner } from '../../services/admin/banners';
import { listAuditLog } from '../../services/audit/audit-log';
import { listPlanPosts, savePlanPost } from '../../services/guide-content/group-plan';
import { adminMomentsWeek, saveMomentsPost } from '../../services/guide-content/moments';
import { adminScripts, saveScript } from '../../services/guide-content/scripts';
import { listCampaigns, saveCampaign } from '../../services/admin/campaigns';
import { listCategories, saveCategory } from '../../services/admin/categories';
import { listCouponTemplates, saveCouponTemplate } from '../../services/admin/coupon-templates';
import { listFlashSales, saveFlashSale } from '../../services/admin/flash-sales';
import { listMallItems, saveMallItem } from '../../services/admin/mall-items';
import { issueCouponByAdmin } from '../../services/admin/issue-coupon';
import { memberAwards, memberCalendar, memberCoupons, memberLedger, memberOrders, memberReferrals } from '../../services/admin/member-activity';
import { setRole } from '../../services/admin/member-role';
import { listMembers } from '../../services/admin/members';
import { getProduct, listProducts, saveProduct } from '../../services/admin/products';
import { updateBrandSettings } from '../../services/admin/settings';
import { adminKpis } from '../../services/kpis/admin-kpis';
import { askExport, exportStatus, recentExports } from '../../services/exports/ask-export';
import { adminOrderDetail, listAdminOrders } from '../../services/orders/admin-orders';
import { decideRefund } from '../../services/orders/decide-refund';
import { listGifts, shipPrize } from '../../services/orders/gift-fulfilment';
import { refundOrder } from '../../services/orders/refund-order';
import { shipOrder } from '../../services/orders/ship-order';
import { adminMemberDetail, layerReport, listTags, tagMember, untagMember } from '../../services/segments/member-segmentation';
import { segmentAction, segmentAssignGuide, segmentIssueCoupon } from '../../services/segments/segment-actions';
import { listSegments, previewSegment, saveSegment, segmentMembers } from '../../services/segments/segments';
import { listSopPlans, saveSopPlan } from '../../services/sop/sop-plans';
import { sopValue } from '../../services/sop/sop-value';
import { defineFunction } from '../runtime';

export const admin = defineFunction(
  'admin',
  {
    kpis: (ctx, actor, params) => adminKpis(ctx, actor, params),
    configGet: async (ctx) => ctx.brand,
    configSet: (ctx, actor, params) => updateBrandSettings(ctx, actor, params),
    adjustPoints: (ctx, actor, params) => adjustPoints(ctx, actor, params),
    issueCoupon: (ctx, actor, params) => issueCouponByAdmin(ctx, actor, params),
    couponTemplates: (ctx) => listCouponTemplates(ctx),
    saveCouponTemplate: (ctx, actor, params) => saveCouponTemplate(ctx, actor, params),
    campaigns: (ctx) => listCampaigns(ctx),
    saveCampaign: (ctx, actor, params) => saveCampaign(ctx, actor, params),
    mallItems: (ctx) => listMallItems(ctx),
    saveMallItem: (ctx, actor, params) => saveMallItem(ctx, actor, params),
    categories: (ctx) => listCategories(ctx),
    saveCategory: (ctx, actor, params) => saveCategory(ctx, actor, params),
    products: (ctx, _actor, params) => listProducts(ctx, params),
    product: (ctx, _actor, params) => getProduct(ctx, params),
    saveProduct: (ctx, actor, params) => saveProduct(ctx, actor, params),
    flashSales: (ctx) => listFlashSales(ctx),
    saveFlashSale: (ctx, actor, params) => saveFlashSale(ctx, actor, params),
    banners: (ctx) => listBanners(ctx),
    saveBanner: (ctx, actor, params) => saveBanner(ctx, actor, params),
    refundOrder: (ctx, actor, params) => refundOrder(ctx, actor, params),
    shipOrder: (ctx, actor, params) => shipOrder(ctx, actor, params),
    decideRefund: (ctx, actor, params) => decideRefund(ctx, actor, params),
    orders: (ctx, _actor, params) => listAdminOrders(ctx, params),
    orderDetail: (ctx, _actor, params) => adminOrderDetail(ctx, params),
    fulfilment: (ctx, _actor, params) => listGifts(ctx, params),
    shipPrize: (ctx, actor, params) => shipPrize(ctx, actor, params),
    previewSegment: (ctx, actor, params) => previewSegment(ctx, actor, params),
    saveSegment: (ctx, actor, params) => saveSegment(ctx, actor, params),
    segments: (ctx) => listSegments(ctx),
    segmentMembers: (ctx, actor, params) => segmentMembers(ctx, actor, params),
    segmentIssueCoupon: (ctx, actor, params) => segmentIssueCoupon(ctx, actor, params),
    segmentAssignGuide: (ctx, actor, params) => segmentAssignGuide(ctx, actor, params),
    segmentAction: (ctx, actor, params) => segmentAction(ctx, actor, params),
    memberDetail: (ctx, actor, params) => adminMemberDetail(ctx, actor, params),
    tags: (ctx) => listTags(ctx),
    tagMember: (ctx, actor, params) => tagMember(ctx, actor, params),
    untagMember: (ctx, actor, params) => untagMember(ctx, actor, params),
    layerReport: (ctx) => layerReport(ctx),
    members: (ctx, actor, params) => listMembers(ctx, actor, params),
    memberLedger: (ctx, _actor, params) => memberLedger(ctx, params),
    memberCalendar: (ctx, _actor, params) => memberCalendar(ctx, params),
    memberOrders: (ctx, _actor, params) => memberOrders(ctx, params),
    memberCoupons: (ctx, _actor, params) => memberCoupons(ctx, params),
    memberAwards: (ctx, _actor, params) => memberAwards(ctx, params),
    memberReferrals: (ctx, _actor, params) => memberReferrals(ctx, params),
    guides: (ctx) => listGuides(ctx),
    setRole: (ctx, actor, params) => setRole(ctx, actor, params),
    assignGuide: (ctx, actor, params) => assignGuide(ctx, actor, params),
    auditLog: (ctx, _actor, params) => listAuditLog(ctx, params),
    export: (ctx, actor, params) => askExport(ctx, actor, params),
    exportStatus: (ctx, actor, params) => exportStatus(ctx, actor, params),
    exports: (ctx) => recentExports(ctx),
    sopPlans: (ctx) => listSopPlans(ctx),
    saveSopPlan: (ctx, actor, params) => saveSopPlan(ctx, actor, params),
    sopValue: (ctx, actor, params) => sopValue(ctx, actor, params),
    scripts: (ctx) => adminScripts(ctx),
    saveScript: (ctx, actor, params) => saveScript(ctx, actor, params),
    groupPlanPosts: (ctx) => listPlanPosts(ctx),
    saveGroupPlanPost: (ctx, actor, params) => savePlanPost(ctx, actor, params),
    momentsWeek: (ctx, _actor, params) => adminMomentsWeek(ctx, params),
    saveMomentsPost: (ctx, actor, params) => saveMomentsPost(ctx, actor, params),
  },
  { roles: { '*': ['admin'] } },
);
