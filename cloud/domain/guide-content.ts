/**
 * The guides' daily playbook (话术库, 社群 SOP, 朋友圈): the names of its kinds as guides and
 * the 运营 tab read them.
 */

/** Categories of members' questions (the seeds' shares: 产品 ≈ 63 %, 活动 15 %, 线下门店 12 %, 售后 10 %). */
export const SCRIPT_CATEGORY_NAMES = {
  product: '产品',
  activity: '活动',
  after_sales: '售后',
  store: '线下门店',
} as const;
export type ScriptCategory = keyof typeof SCRIPT_CATEGORY_NAMES;
export const SCRIPT_CATEGORIES = Object.keys(SCRIPT_CATEGORY_NAMES) as [ScriptCategory, ...ScriptCategory[]];

/** What a 朋友圈 post is for. */
export const MOMENTS_KIND_NAMES = {
  persona: 'IP 人设',
  seeding: '种草',
  brand: '品牌',
  welfare: '福利',
} as const;
export type MomentsKind = keyof typeof MOMENTS_KIND_NAMES;
export const MOMENTS_KINDS = Object.keys(MOMENTS_KIND_NAMES) as [MomentsKind, ...MomentsKind[]];

/** The page a group post shares: 签到, tonight's 夜市 category, a category, a product, or none. */
export const PLAN_CARD_NAMES = {
  none: '不带卡片',
  checkin: '签到页',
  night_market: '今晚夜市品类',
  category: '商品分类',
  product: '商品',
} as const;
export type PlanCardKind = keyof typeof PLAN_CARD_NAMES;
export const PLAN_CARD_KINDS = Object.keys(PLAN_CARD_NAMES) as [PlanCardKind, ...PlanCardKind[]];
