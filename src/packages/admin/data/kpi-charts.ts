/**
 * What each chart of the 数据 screen draws, read from admin.kpis: categories (days as 11/24,
 * streak lengths) and named series. Plain functions — the screen hands them to Chart, the tests
 * check them without a canvas. Money is drawn in yuan, shares in percent.
 */
import type { AdminKpis } from '@cloud/contract';
import type { ChartData } from '../components/Chart';

/** 'YYYY-MM-DD' → '11/24': a day under a chart's axis. */
export function dayTick(day: string): string {
  return `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;
}

const yuan = (fen: number) => Math.round(fen) / 100;
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** Daily series as named lines or columns over the days. */
function daily<T extends { day: string }>(rows: T[], lines: Array<[name: string, value: (row: T) => number | null]>): ChartData {
  return {
    categories: rows.map((r) => dayTick(r.day)),
    series: lines.map(([name, value]) => ({ name, data: rows.map(value) })),
  };
}

/** 增长: new members per day, one stacked column per source. */
export function newMembersChart(k: AdminKpis): ChartData {
  return daily(
    k.growth.series,
    k.growth.bySource.map((s) => [s.name, (row) => row.bySource[s.source]]),
  );
}

export function totalMembersChart(k: AdminKpis): ChartData {
  return daily(k.growth.series, [['会员总数', (row) => row.totalMembers]]);
}

/** Where the period's new members came from, as slices. */
export function sourcesChart(k: AdminKpis): ChartData {
  return { categories: [], series: k.growth.bySource.filter((s) => s.members > 0).map((s) => ({ name: s.name, data: s.members })) };
}

/** 活跃: DAU / WAU / MAU per day. */
export function activeChart(k: AdminKpis): ChartData {
  return daily(k.activity.series, [
    ['DAU', (row) => row.dau],
    ['WAU', (row) => row.wau],
    ['MAU', (row) => row.mau],
  ]);
}

export function checkinRateChart(k: AdminKpis): ChartData {
  return daily(k.activity.series, [['签到率（%）', (row) => percent(row.checkinRate)]]);
}

export function streaksChart(k: AdminKpis): ChartData {
  return { categories: k.activity.streaks.map((s) => s.label), series: [{ name: '连续签到会员', data: k.activity.streaks.map((s) => s.members) }] };
}

/** 积分: issued, redeemed and expired per day. */
export function pointsChart(k: AdminKpis): ChartData {
  return daily(k.points.series, [
    ['发放', (row) => row.issued],
    ['消耗', (row) => row.redeemed],
    ['过期', (row) => row.expired],
  ]);
}

export function lotteryChart(k: AdminKpis): ChartData {
  return daily(k.lottery.series, [
    ['抽奖', (row) => row.draws],
    ['中奖', (row) => row.awards],
  ]);
}

export function couponsChart(k: AdminKpis): ChartData {
  return daily(k.coupons.series, [
    ['发券', (row) => row.issued],
    ['用券', (row) => row.used],
  ]);
}

/** 交易: paid orders and refunds per day; GMV per day in yuan. */
export function ordersChart(k: AdminKpis): ChartData {
  return daily(k.trade.series, [
    ['支付订单', (row) => row.orders],
    ['支付会员', (row) => row.payingMembers],
    ['退款', (row) => row.refunds],
  ]);
}

export function gmvChart(k: AdminKpis): ChartData {
  return daily(k.trade.series, [['GMV（元）', (row) => yuan(row.gmvFen)]]);
}

/** 分层: the layers' sizes at the latest run, as slices. */
export function layersChart(k: AdminKpis): ChartData {
  return { categories: [], series: k.layers.sizes.filter((s) => s.members > 0).map((s) => ({ name: s.name, data: s.members })) };
}
