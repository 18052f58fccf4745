/** Money and coupon wording: fen (分) as ¥, coupon values and conditions, fulfilment. */
import type { CouponView, MallCurrency, MallItemView, RedemptionView } from '@cloud/contract';

/** 2000 → '¥20', 1990 → '¥19.90'. */
export function formatYuan(fen: number): string {
  return fen % 100 === 0 ? `¥${fen / 100}` : `¥${(fen / 100).toFixed(2)}`;
}

/** Percent off as 折: 10 → '9折', 15 → '8.5折'. */
export function percentAsZhe(percentOff: number): string {
  return `${(100 - percentOff) / 10}折`;
}

/** The big figure of a coupon: '¥20' or '9折'. */
export function couponValue(c: Pick<CouponView, 'kind' | 'amountOffFen' | 'percentOff'>): string {
  if (c.kind === 'percent_off') return c.percentOff ? percentAsZhe(c.percentOff) : '折扣券';
  return formatYuan(c.amountOffFen ?? 0);
}

/** '满¥100可用' / '无门槛', plus '最高减¥50' for a capped discount. */
export function couponCondition(c: Pick<CouponView, 'thresholdFen' | 'capFen' | 'kind'>): string {
  const parts = [c.thresholdFen > 0 ? `满${formatYuan(c.thresholdFen)}可用` : '无门槛'];
  if (c.kind === 'percent_off' && c.capFen) parts.push(`最高减${formatYuan(c.capFen)}`);
  return parts.join('，');
}

export const COUPON_STATE_LABELS: Record<CouponView['state'], string> = {
  available: '可使用',
  used: '已使用',
  expired: '已过期',
  not_yet: '未到使用时间',
};

export const COUPON_SOURCE_LABELS: Record<CouponView['source'], string> = {
  mall: '积分兑换',
  lottery: '抽奖获得',
  milestone: '连签奖励',
  birthday: '生日礼',
  admin: '平台发放',
  welcome: '新人礼',
  referral: '邀请奖励',
  segment: '会员专享',
  sop: '导购赠送',
};

export const FULFILMENT_LABELS: Record<RedemptionView['fulfilment'], string> = {
  done: '已发放',
  pending_address: '待填写地址',
  to_ship: '待发货',
  shipped: '已发货',
  cancelled: '已退款',
};

type BlockedBy = NonNullable<MallItemView['blockedBy']>;

/** Why a mall item cannot be redeemed: a short label for the button and a sentence. */
export function blockedReason(item: Pick<MallItemView, 'blockedBy' | 'minTier'>): { button: string; text: string } | null {
  const reasons: Record<BlockedBy, { button: string; text: string }> = {
    TIER_REQUIRED: { button: `${item.minTier.name}专享`, text: `${item.minTier.name}及以上会员可兑换` },
    OUT_OF_STOCK: { button: '已兑完', text: '已兑完，下次早点来' },
    REDEEM_LIMIT: { button: '已达上限', text: '已达到每人兑换上限' },
    NOT_IN_WINDOW: { button: '未开放', text: '不在兑换时间内' },
    INSUFFICIENT_POINTS: { button: '积分不足', text: '积分不足，签到可以攒积分' },
    INSUFFICIENT_GROUP_POINTS: { button: '社群积分不足', text: '社群积分不足，在群里签到可以攒社群积分' },
  };
  return item.blockedBy ? reasons[item.blockedBy] : null;
}

/** What a mall price is counted in, as members read it. */
export const currencyName = (currency: MallCurrency): string => (currency === 'group_points' ? '社群积分' : '积分');

/** An amount to pay, always with fen: 19900 → '¥199.00'. */
export function formatYuanExact(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}
