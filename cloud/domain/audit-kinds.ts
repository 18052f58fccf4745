/**
 * The kinds of audited admin writes with the names the 运营 tab shows (pure: the admin
 * subpackage reads it too). A new audited write adds its kind here.
 */
export const AUDIT_KIND_NAMES = {
  'config.set': '修改品牌设置',
  'points.adjust': '调整积分',
  'coupon.issue': '发放优惠券',
  'coupon.verify': '核销优惠券',
  'segment.save': '保存分群',
  'segment.recompute': '重新计算分群',
  'segment.issueCoupon': '分群发券',
  'segment.assignGuide': '分群分配导购',
  'member.tag': '添加标签',
  'member.untag': '移除标签',
  'member.setRole': '设置角色',
  'member.assignGuide': '分配导购',
  'order.ship': '订单发货',
  'prize.ship': '礼品发货',
  'refund.decide': '处理售后',
  'order.refund': '订单退款',
  'campaign.save': '保存抽奖活动',
  'mallItem.save': '保存积分商品',
  'couponTemplate.save': '保存券模板',
  'category.save': '保存分类',
  'product.save': '保存商品',
  'flashSale.save': '保存秒杀',
  'banner.save': '保存横幅',
  'data.export': '导出数据',
  'script.save': '保存话术',
  'groupPlanPost.save': '保存社群计划',
  'momentsPost.save': '保存朋友圈内容',
  'sop.plan': '保存 SOP 计划',
} as const;

export type AuditKind = keyof typeof AUDIT_KIND_NAMES;
export const AUDIT_KINDS = Object.keys(AUDIT_KIND_NAMES) as [AuditKind, ...AuditKind[]];
