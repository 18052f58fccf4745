import dayjs from 'dayjs';
import type { PointsSource } from '@cloud/contract';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

export const WEEKDAY_HEADERS = WEEKDAYS;

/** 'YYYY-MM-DD' → '11月23日 星期一'. */
export function formatDay(date: string): string {
  const d = dayjs(date);
  return `${d.format('M月D日')} 星期${WEEKDAYS[d.day()]}`;
}

/** 'YYYY-MM' → '2026年11月'. */
export function formatMonth(month: string): string {
  return dayjs(`${month}-01`).format('YYYY年M月');
}

export function shiftMonth(month: string, delta: number): string {
  return dayjs(`${month}-01`).add(delta, 'month').format('YYYY-MM');
}

/**
 * A server time with the brand's offset → '11-23 08:05' (this year) or '2025-11-23 08:05': the
 * brand's wall clock, read from the string, so a phone in another zone shows the brand's hours.
 */
export function formatTime(iso: string, now = dayjs()): string {
  const [day, clock] = [iso.slice(0, 10), iso.slice(11, 16)];
  return Number(day.slice(0, 4)) === now.year() ? `${day.slice(5)} ${clock}` : `${day} ${clock}`;
}

/** Every source of the contract must have a label (checked). */
const SOURCE_LABELS: Record<PointsSource, string> & Record<string, string> = {
  checkin: '每日签到',
  streak_bonus: '连续签到奖励',
  makeup: '补签',
  expire: '积分过期',
  admin_adjust: '积分调整',
  birthday: '生日礼',
  redeem: '积分兑换',
  lottery: '抽奖奖励',
  lottery_draw: '抽奖消耗',
  order: '购物奖励',
  refund: '退款扣回',
  referral: '邀请好友奖励',
};

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? '积分变动';
}

export function formatDelta(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

/** The points that expire soonest: '30 积分将于 2027-11-30 过期'. */
export function formatExpiring(expiring: { points: number; on: string }): string {
  return `${expiring.points} 积分将于 ${expiring.on} 过期`;
}

/** 'YYYY-MM-DD' → '11月30日'. */
export function formatMonthDay(date: string): string {
  return dayjs(date).format('M月D日');
}

/** 'YYYY-MM-DD' → '1990年1月1日'. */
export function formatDate(date: string): string {
  return dayjs(date).format('YYYY年M月D日');
}

/** A member-price rate as 折: 0.95 → '9.5折', 0.9 → '9折', 1 → '无'. */
export function formatDiscount(rate: number): string {
  if (rate >= 1) return '无';
  const zhe = Math.round(rate * 100) / 10;
  return `${zhe}折`;
}

/** A share as a percentage, to one place when it has one: 0.375 → '37.5%', 0.5 → '50%'. */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

/** A multiplier: 1.2 → '×1.2', 2 → '×2'. */
export function formatMultiplier(n: number): string {
  return `×${Math.round(n * 100) / 100}`;
}

/** What a member without a nickname is called (WeChat's own word for one). */
export const NAMELESS = '微信用户';

/** A member's name as every list shows it: the nickname, or 微信用户 only when there is none. */
export function memberName(nickname: string | null | undefined): string {
  return nickname?.trim() || NAMELESS;
}
