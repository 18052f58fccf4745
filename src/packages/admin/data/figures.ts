/**
 * The 数据 screen's figure cards: what each of admin.kpis' figures is called, how its value is
 * written, and its change against the previous period. No Taro here: the e2e test writes the
 * answer's figures with these to compare them with the screen.
 */
import type { AdminKpis, KpiFigure, KpiFigureKey } from '@cloud/contract';
import { formatPercent } from '@/utils/format';
import { formatYuan } from '@/utils/money';

/** count: members, orders, points; rate: a share (0.25 → 25%); yuan: fen. */
export type FigureFormat = 'count' | 'rate' | 'yuan';

export const FIGURES: Record<KpiFigureKey, { label: string; format: FigureFormat }> = {
  newMembers: { label: '新增会员', format: 'count' },
  totalMembers: { label: '会员总数', format: 'count' },
  dau: { label: '日活 DAU', format: 'count' },
  wau: { label: '周活 WAU', format: 'count' },
  mau: { label: '月活 MAU', format: 'count' },
  checkins: { label: '签到次数', format: 'count' },
  checkinRate: { label: '签到率', format: 'rate' },
  makeups: { label: '补签次数', format: 'count' },
  pointsIssued: { label: '发放积分', format: 'count' },
  pointsRedeemed: { label: '消耗积分', format: 'count' },
  pointsExpired: { label: '过期积分', format: 'count' },
  pointsLiability: { label: '未使用积分', format: 'count' },
  draws: { label: '抽奖次数', format: 'count' },
  awards: { label: '中奖次数', format: 'count' },
  awardsCostFen: { label: '奖品成本', format: 'yuan' },
  couponsIssued: { label: '发券', format: 'count' },
  couponsUsed: { label: '用券', format: 'count' },
  couponUseRate: { label: '核销率', format: 'rate' },
  orders: { label: '支付订单', format: 'count' },
  gmvFen: { label: '支付金额 GMV', format: 'yuan' },
  aovFen: { label: '客单价', format: 'yuan' },
  payingMembers: { label: '支付会员', format: 'count' },
  conversion: { label: '下单转化率', format: 'rate' },
  refunds: { label: '退款单数', format: 'count' },
  refundFen: { label: '退款金额', format: 'yuan' },
};

/** The figures each section of the screen opens with. */
export const SECTION_FIGURES = {
  growth: ['newMembers', 'totalMembers'],
  activity: ['dau', 'wau', 'mau', 'checkins', 'checkinRate', 'makeups'],
  points: ['pointsIssued', 'pointsRedeemed', 'pointsExpired', 'pointsLiability'],
  rewards: ['draws', 'awards', 'awardsCostFen', 'couponsIssued', 'couponsUsed', 'couponUseRate'],
  trade: ['orders', 'gmvFen', 'aovFen', 'payingMembers', 'conversion', 'refunds', 'refundFen'],
} as const satisfies Record<string, readonly KpiFigureKey[]>;

/** A figure's value as its card shows it; '—' when the period cannot say (days never rolled up). */
export function formatFigure(value: number | null, format: FigureFormat): string {
  if (value === null) return '—';
  if (format === 'rate') return formatPercent(value);
  if (format === 'yuan') return formatYuan(Math.round(value));
  // Averages over days (DAU of 7 天) come with one place.
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * The change against the previous period, or null when there is none to show: the previous
 * period had nothing (no share of nothing) or the server could not say.
 */
export function figureChange(f: KpiFigure): { direction: 'up' | 'down' | 'flat'; text: string } | null {
  if (f.change === null || f.previous === null || f.previous === 0) return null;
  if (f.change === 0) return { direction: 'flat', text: '持平' };
  return { direction: f.change > 0 ? 'up' : 'down', text: `${f.change > 0 ? '▲' : '▼'} ${formatPercent(Math.abs(f.change))}` };
}

/** What the change is against: 较昨天, 较前 7 天, 较上期 (a range of the admin's own). */
export function comparedWith(period: AdminKpis['period']): string {
  switch (period.key) {
    case 'today':
      return '较昨天';
    case 'yesterday':
      return '较前一天';
    case 'range':
      return '较上期';
    default:
      return `较前 ${period.days} 天`;
  }
}
