/**
 * What each member did, as the nightly read model (member_facts) keeps it, and the fields a
 * segment or tag rule may name. Each field says how to read it from a facts row in SQL and in
 * JavaScript, so that the rule compiler and the plain evaluator (segment-rule.ts) agree.
 */
import { daysBetween } from './business-day';

/** One member_facts row as the services read it (dates 'YYYY-MM-DD', money in fen). */
export interface MemberFacts {
  memberId: string;
  day: string;
  joinedOn: string;
  source: string;
  tier: string;
  birthdayMonth: number | null;
  guideId: string | null;
  lastVisitOn: string | null;
  visitDays7: number;
  visitDays30: number;
  checkins30: number;
  checkins90: number;
  currentStreak: number;
  longestStreak: number;
  orders90: number;
  orders365: number;
  gmv90Fen: number;
  gmv365Fen: number;
  firstOrderOn: string | null;
  lastOrderOn: string | null;
  lastActiveOn: string | null;
  activeDays90: number;
  medianIntervalDays: number | null;
  categoriesBought: string[];
  categoriesViewed: string[];
  newLaunchViews30: number;
  topSize: string | null;
  topColor: string | null;
  avgOrderFen: number | null;
  priceBand: string | null;
  couponShare: number;
  memberDayShare: number;
  flashShare: number;
  nightShare: number;
  lotteryDraws30: number;
  redemptions365: number;
  pointsBalance: number;
  pointsExpiring30: number;
  shares30: number;
  shareClicks30: number;
  invitesRewarded: number;
  groupsSeen90: number;
  rScore: number | null;
  fScore: number | null;
  mScore: number | null;
  churnRisk: boolean;
  churnReason: string | null;
  layer: string;
}

/** Price bands over the average price paid per item (fen, lower bound inclusive), cheapest first. */
export const PRICE_BANDS = [
  { key: '0-100', name: '¥100 以下', fromFen: 0 },
  { key: '100-200', name: '¥100–200', fromFen: 10_000 },
  { key: '200-400', name: '¥200–400', fromFen: 20_000 },
  { key: '400+', name: '¥400 以上', fromFen: 40_000 },
] as const;

export function priceBandOf(avgItemFen: number | null): string | null {
  if (avgItemFen === null) return null;
  let band: string = PRICE_BANDS[0].key;
  for (const b of PRICE_BANDS) if (avgItemFen >= b.fromFen) band = b.key;
  return band;
}

export type FieldType = 'number' | 'text' | 'list' | 'boolean';

export interface FactField {
  label: string;
  type: FieldType;
  /** The value in SQL, over the facts row aliased `f`; the run's day is FACTS_DAY. */
  sql: string;
  /** The same value in JavaScript; null where SQL gives null. */
  js: (f: MemberFacts) => number | string | string[] | boolean | null;
  /** The unit shown after a value (天, 次, 元 …). */
  unit?: string;
  /** The values a text field takes, when they are a fixed set. */
  options?: readonly string[];
  /** How those values read to people. */
  optionNames?: Readonly<Record<string, string>>;
}

/**
 * The day the read model holds, in SQL: kept once (facts_state), since a night updates only the
 * rows whose facts moved and the ages (距上次访问 …) are counted to the run's day for every row.
 */
export const FACTS_DAY = '(select day from facts_state)';

const daysSince = (day: string | null, today: string) => (day === null ? null : daysBetween(day, today));
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

/** Every field a rule may name. Windowed counts carry their window in the key (checkins30). */
export const FACT_FIELDS = {
  daysSinceJoined: { label: '入会天数', type: 'number', unit: '天', sql: `(${FACTS_DAY} - f.joined_on)`, js: (f) => daysSince(f.joinedOn, f.day) },
  source: {
    label: '来源',
    type: 'text',
    options: ['share', 'guide', 'group', 'poster', 'direct'],
    optionNames: { share: '会员分享', guide: '导购', group: '社群', poster: '海报', direct: '直接进入' },
    sql: 'f.source',
    js: (f) => f.source,
  },
  tier: {
    label: '会员等级',
    type: 'text',
    options: ['normal', 'silver', 'gold', 'diamond'],
    optionNames: { normal: '普通', silver: '银卡', gold: '金卡', diamond: '钻石' },
    sql: 'f.tier',
    js: (f) => f.tier,
  },
  birthdayThisMonth: {
    label: '本月生日',
    type: 'boolean',
    sql: `(f.birthday_month = extract(month from ${FACTS_DAY})::int)`,
    js: (f) => (f.birthdayMonth === null ? null : f.birthdayMonth === Number(f.day.slice(5, 7))),
  },
  hasGuide: { label: '有专属导购', type: 'boolean', sql: '(f.guide_id is not null)', js: (f) => f.guideId !== null },
  daysSinceVisit: { label: '距上次访问', type: 'number', unit: '天', sql: `(${FACTS_DAY} - f.last_visit_on)`, js: (f) => daysSince(f.lastVisitOn, f.day) },
  visitDays7: { label: '近7天访问天数', type: 'number', unit: '天', sql: 'f.visit_days_7', js: (f) => f.visitDays7 },
  visitDays30: { label: '近30天访问天数', type: 'number', unit: '天', sql: 'f.visit_days_30', js: (f) => f.visitDays30 },
  checkins30: { label: '近30天签到', type: 'number', unit: '次', sql: 'f.checkins_30', js: (f) => f.checkins30 },
  checkins90: { label: '近90天签到', type: 'number', unit: '次', sql: 'f.checkins_90', js: (f) => f.checkins90 },
  currentStreak: { label: '当前连签', type: 'number', unit: '天', sql: 'f.current_streak', js: (f) => f.currentStreak },
  longestStreak: { label: '最长连签', type: 'number', unit: '天', sql: 'f.longest_streak', js: (f) => f.longestStreak },
  orders90: { label: '近90天订单', type: 'number', unit: '单', sql: 'f.orders_90', js: (f) => f.orders90 },
  orders365: { label: '近一年订单', type: 'number', unit: '单', sql: 'f.orders_365', js: (f) => f.orders365 },
  gmv90: { label: '近90天消费', type: 'number', unit: '元', sql: '(f.gmv_90_fen / 100.0)', js: (f) => yuan(f.gmv90Fen) },
  gmv365: { label: '近一年消费', type: 'number', unit: '元', sql: '(f.gmv_365_fen / 100.0)', js: (f) => yuan(f.gmv365Fen) },
  daysSinceFirstOrder: { label: '距首单', type: 'number', unit: '天', sql: `(${FACTS_DAY} - f.first_order_on)`, js: (f) => daysSince(f.firstOrderOn, f.day) },
  daysSinceOrder: { label: '距上次下单', type: 'number', unit: '天', sql: `(${FACTS_DAY} - f.last_order_on)`, js: (f) => daysSince(f.lastOrderOn, f.day) },
  daysSinceActive: { label: '距上次活跃', type: 'number', unit: '天', sql: `(${FACTS_DAY} - f.last_active_on)`, js: (f) => daysSince(f.lastActiveOn, f.day) },
  activeDays90: { label: '近90天活跃天数', type: 'number', unit: '天', sql: 'f.active_days_90', js: (f) => f.activeDays90 },
  medianIntervalDays: { label: '平时几天来一次', type: 'number', unit: '天', sql: 'f.median_interval_days', js: (f) => f.medianIntervalDays },
  categoriesBought: { label: '近一年买过的品类', type: 'list', sql: 'f.categories_bought', js: (f) => f.categoriesBought },
  categoriesViewed: { label: '近30天看过的品类', type: 'list', sql: 'f.categories_viewed', js: (f) => f.categoriesViewed },
  newLaunchViews30: { label: '近30天看新款', type: 'number', unit: '次', sql: 'f.new_launch_views_30', js: (f) => f.newLaunchViews30 },
  topSize: { label: '常买尺码', type: 'text', sql: 'f.top_size', js: (f) => f.topSize },
  topColor: { label: '常买颜色', type: 'text', sql: 'f.top_color', js: (f) => f.topColor },
  avgItemPrice: { label: '件均价', type: 'number', unit: '元', sql: '(f.avg_order_fen / 100.0)', js: (f) => yuan(f.avgOrderFen) },
  priceBand: {
    label: '价格带',
    type: 'text',
    options: PRICE_BANDS.map((b) => b.key),
    optionNames: Object.fromEntries(PRICE_BANDS.map((b) => [b.key, b.name])),
    sql: 'f.price_band',
    js: (f) => f.priceBand,
  },
  couponShare: { label: '用券订单占比', type: 'number', sql: 'f.coupon_share', js: (f) => f.couponShare },
  memberDayShare: { label: '会员日订单占比', type: 'number', sql: 'f.member_day_share', js: (f) => f.memberDayShare },
  flashShare: { label: '秒杀订单占比', type: 'number', sql: 'f.flash_share', js: (f) => f.flashShare },
  nightShare: { label: '夜市订单占比', type: 'number', sql: 'f.night_share', js: (f) => f.nightShare },
  lotteryDraws30: { label: '近30天抽奖', type: 'number', unit: '次', sql: 'f.lottery_draws_30', js: (f) => f.lotteryDraws30 },
  redemptions365: { label: '近一年积分兑换', type: 'number', unit: '次', sql: 'f.redemptions_365', js: (f) => f.redemptions365 },
  pointsBalance: { label: '积分余额', type: 'number', unit: '分', sql: 'f.points_balance', js: (f) => f.pointsBalance },
  pointsExpiring30: { label: '30天内到期积分', type: 'number', unit: '分', sql: 'f.points_expiring_30', js: (f) => f.pointsExpiring30 },
  shares30: { label: '近30天分享', type: 'number', unit: '次', sql: 'f.shares_30', js: (f) => f.shares30 },
  shareClicks30: { label: '近30天分享带来点击', type: 'number', unit: '次', sql: 'f.share_clicks_30', js: (f) => f.shareClicks30 },
  invitesRewarded: { label: '成功邀请', type: 'number', unit: '人', sql: 'f.invites_rewarded', js: (f) => f.invitesRewarded },
  groupsSeen90: { label: '近90天出现的群', type: 'number', unit: '个', sql: 'f.groups_seen_90', js: (f) => f.groupsSeen90 },
  rScore: { label: 'R 分', type: 'number', sql: 'f.r_score', js: (f) => f.rScore },
  fScore: { label: 'F 分', type: 'number', sql: 'f.f_score', js: (f) => f.fScore },
  mScore: { label: 'M 分', type: 'number', sql: 'f.m_score', js: (f) => f.mScore },
  churnRisk: { label: '流失预警', type: 'boolean', sql: 'f.churn_risk', js: (f) => f.churnRisk },
} satisfies Record<string, FactField>;

export type FactFieldKey = keyof typeof FACT_FIELDS;
export const FACT_FIELD_KEYS = Object.keys(FACT_FIELDS) as FactFieldKey[];

/**
 * Counts kept for more than one window: `{field: 'checkins', window: 30}` names checkins30. The
 * windows a rule may ask for are exactly these.
 */
export const WINDOWED_FIELDS: Record<string, Record<number, FactFieldKey>> = {
  visitDays: { 7: 'visitDays7', 30: 'visitDays30' },
  checkins: { 30: 'checkins30', 90: 'checkins90' },
  orders: { 90: 'orders90', 365: 'orders365' },
  gmv: { 90: 'gmv90', 365: 'gmv365' },
};
