/**
 * Rule tags (标签), four kinds: 基础 (who the member is), 行为 (what they do), 兴趣 (what they
 * look at and buy), 偏好 (how they buy). Each has a rule over the read model in the segment
 * language (segment-rule.ts); a member has the tag exactly while the rule holds. Some follow
 * the brand's own data — a 偏好品类 tag per category, a 尺码 tag per size sold, a tier tag per
 * tier — so the defaults are made from it. Manual tags (rule null) sit beside them.
 */
import type { Condition, RuleNode } from './segment-rule';
import { PRICE_BANDS } from './member-facts';

export const TAG_KINDS = ['basic', 'behaviour', 'interest', 'preference'] as const;
export type TagKind = (typeof TAG_KINDS)[number];
export const TAG_KIND_NAMES: Record<TagKind, string> = { basic: '基础', behaviour: '行为', interest: '兴趣', preference: '偏好' };

export interface TagDefinition {
  /** Stable key: 'rule:…' for rule tags, 'manual:…' for tags people add. */
  key: string;
  name: string;
  kind: TagKind;
  rule: RuleNode | null;
}

/** What the defaults are made from: the brand's categories, sizes sold and tier names. */
export interface BrandVocabulary {
  categories: string[];
  sizes: string[];
  tiers: Array<{ key: string; name: string }>;
}

const c = (field: Condition['field'], op: Condition['op'], value: Condition['value']): Condition => ({ field, op, value });
/** A share of orders means little on one order: the 偏好 tags want two paid orders in a year. */
const repeatBuyer = c('orders365', 'gte', 2);

export function defaultTags(vocabulary: BrandVocabulary): TagDefinition[] {
  return [
    ...vocabulary.tiers.map((t) => ({ key: `rule:tier:${t.key}`, name: t.name, kind: 'basic' as const, rule: c('tier', 'eq', t.key) })),
    { key: 'rule:birthday-month', name: '生日月', kind: 'basic', rule: c('birthdayThisMonth', 'is', true) },
    { key: 'rule:new-member', name: '新会员', kind: 'basic', rule: c('daysSinceJoined', 'lte', 30) },
    { key: 'rule:source-guide', name: '来源:导购', kind: 'basic', rule: c('source', 'eq', 'guide') },
    { key: 'rule:source-group', name: '来源:社群', kind: 'basic', rule: c('source', 'eq', 'group') },
    { key: 'rule:checkin-star', name: '签到达人', kind: 'behaviour', rule: c('checkins30', 'gte', 20) },
    { key: 'rule:active', name: '活跃', kind: 'behaviour', rule: c('visitDays7', 'gte', 3) },
    {
      key: 'rule:silent',
      name: '沉默',
      kind: 'behaviour',
      rule: { all: [c('daysSinceActive', 'gte', 30), c('daysSinceJoined', 'gte', 30)] },
    },
    { key: 'rule:lottery-fan', name: '抽奖爱好者', kind: 'behaviour', rule: c('lotteryDraws30', 'gte', 10) },
    { key: 'rule:sharer', name: '分享达人', kind: 'behaviour', rule: { any: [c('shares30', 'gte', 5), c('shareClicks30', 'gte', 10)] } },
    { key: 'rule:referrer', name: '老带新达人', kind: 'behaviour', rule: c('invitesRewarded', 'gte', 3) },
    ...vocabulary.categories.map((name) => ({
      key: `rule:category:${name}`,
      name: `偏好品类:${name}`,
      kind: 'interest' as const,
      rule: { any: [c('categoriesBought', 'has', name), c('categoriesViewed', 'has', name)] },
    })),
    { key: 'rule:new-arrivals', name: '关注新款', kind: 'interest', rule: c('newLaunchViews30', 'gte', 2) },
    ...vocabulary.sizes.map((size) => ({ key: `rule:size:${size}`, name: `尺码 ${size}`, kind: 'preference' as const, rule: c('topSize', 'eq', size) })),
    ...PRICE_BANDS.map((band) => ({
      key: `rule:price:${band.key}`,
      name: `价格带 ${band.name}`,
      kind: 'preference' as const,
      rule: c('priceBand', 'eq', band.key),
    })),
    { key: 'rule:coupon-sensitive', name: '券敏感', kind: 'preference', rule: { all: [repeatBuyer, c('couponShare', 'gte', 0.5)] } },
    { key: 'rule:member-day', name: '会员日买家', kind: 'preference', rule: { all: [repeatBuyer, c('memberDayShare', 'gte', 0.5)] } },
    { key: 'rule:flash-sale', name: '秒杀买家', kind: 'preference', rule: { all: [repeatBuyer, c('flashShare', 'gte', 0.3)] } },
    { key: 'rule:night-market', name: '夜市买家', kind: 'preference', rule: { all: [repeatBuyer, c('nightShare', 'gte', 0.3)] } },
  ];
}
