/**
 * A crowd for member segmentation (用户分层 and 标签) on a first start: about forty more members
 * of the demo brand 「森屿」, each drawn as one value layer — 高价值, 潜力, 新客, 沉睡, 流失预警 or
 * 一般 — with up to a year of what they did before the seed's `now`: visit days, check-ins with
 * their running streak, paid shop orders of the demo SKUs, product views, shares and their
 * clicks, and the growth value (成长值) and tier that follow from them. Then the nightly
 * segmentation run for today, so that layers and tags are there, and two example segments saved
 * through the admin's use case.
 *
 * Everything is relative to `now` in brand time (a fresh start any day looks the same) and drawn
 * from a seeded generator (the same on every start). It is written set-based — one statement per
 * table, not a round trip per row — because the seed runs on every fresh `npm start` and in every
 * test server. Points are not booked for this crowd (their balances stay 0: no points without a
 * ledger row); their check-ins earned none, and their orders are priced at the base tier.
 */
import type { CategoryKey } from './demo-products';
import { DEMO_CATEGORIES } from './demo-products';
import { saved } from './demo-catalog';
import { addDays, businessDay, startOfBusinessDay } from '../domain/business-day';
import { couponValidity } from '../domain/coupons';
import { isMemberDay, isoWeekday } from '../domain/member-day';
import { orderGrowth, orderPrice, unitPrice, withShipping } from '../domain/pricing';
import { CONSENT_VERSION } from '../domain/privacy';
import { segmentRuleSchema } from '../domain/segment-rule';
import { growthWindowStart } from '../domain/tiers';
import type { LayerKey } from '../domain/value-layers';
import { newShareId } from '../domain/share-id';
import type { Queryable } from '../db/port';
import type { Actor, UseCaseContext } from '../services/context';
import { runJob } from '../services/jobs/run-job';
import { segmentationJob } from '../services/segments/segmentation-job';
import { saveSegment } from '../services/segments/segments';

type Source = 'guide' | 'group' | 'share' | 'poster' | 'direct';

/** One member of the crowd. Days are counted back from the seed's brand day (0 = today). */
export interface CrowdMember {
  openid: string;
  nickname: string;
  /** The value layer the member is drawn for: what the nightly run should make of them. */
  drawnAs: LayerKey;
  source: Source;
  /** Bound to the demo guide 王姐 when they joined. */
  bound?: boolean;
  joined: number;
  /**
   * The days they open the app: the last one `last` days ago, and before it every `gaps[i]` days
   * (the gaps taken in turn), back to `first` days ago (default: the day they joined).
   */
  active: { last: number; gaps: number[]; first?: number };
  /** The share of their active days with a check-in. */
  checkins: number;
  /**
   * Paid orders: on the days given, or on every `every`-th of their active days between `first`
   * and `last` days ago, counted back from their latest active day but `skip` (default 1: the
   * last visit was a look around).
   */
  orders: { every: number; first?: number; last?: number; skip?: number } | { on: number[] } | null;
  buys: CategoryKey[];
  /** What an item they buy costs, in yuan. */
  yuan: [number, number];
  /** Their size in letter sizes; children's and shoe sizes follow from it. */
  size: 'S' | 'M' | 'L' | 'XL';
  /** What they look at besides what they buy (product views in the last 30 days). */
  browses?: CategoryKey[];
  /** Buys on 会员日 only. */
  memberDay?: boolean;
  /** Buys in the 夜市 (22:00, the night's category). */
  nightMarket?: boolean;
  /** Uses a 满100减20 coupon whenever an order reaches it. */
  coupons?: boolean;
  /** Shares product cards with friends (分享达人). */
  sharer?: boolean;
  /** Looks at every 新款 of the week. */
  watchesLaunches?: boolean;
  /** Their birthday's month, counted back from this month. */
  birthdayMonthsAgo?: number;
}

const m = (n: number) => `demo-crowd-${String(n).padStart(2, '0')}`;

export const DEMO_CROWD: CrowdMember[] = [
  // 高价值: frequent, recent, big spenders.
  { openid: m(1), nickname: '晓雯', drawnAs: 'high', source: 'guide', bound: true, joined: 340, active: { last: 0, gaps: [1, 2, 1, 1, 2] }, checkins: 0.8, orders: { every: 10 }, buys: ['dress', 'top', 'coat'], yuan: [250, 600], size: 'M', birthdayMonthsAgo: 0 },
  { openid: m(2), nickname: 'Amy陈', drawnAs: 'high', source: 'direct', joined: 300, active: { last: 1, gaps: [2, 1, 2, 3] }, checkins: 0.3, orders: { every: 8 }, buys: ['coat', 'accessories', 'shoes'], yuan: [300, 900], size: 'S' },
  { openid: m(3), nickname: '陈太', drawnAs: 'high', source: 'guide', bound: true, joined: 360, active: { last: 2, gaps: [3, 2, 3] }, checkins: 0, orders: { every: 6 }, buys: ['coat', 'dress', 'accessories'], yuan: [350, 900], size: 'L', birthdayMonthsAgo: 4 },
  { openid: m(4), nickname: '豆豆妈', drawnAs: 'high', source: 'group', bound: true, joined: 280, active: { last: 0, gaps: [1] }, checkins: 1, orders: { every: 16 }, buys: ['kids', 'dress'], yuan: [150, 400], size: 'M' },
  { openid: m(5), nickname: '苏苏', drawnAs: 'high', source: 'share', joined: 250, active: { last: 1, gaps: [2, 2, 1] }, checkins: 0.6, orders: { every: 9 }, buys: ['top', 'pants', 'shoes'], yuan: [200, 500], size: 'S' },
  { openid: m(6), nickname: '一只椰子', drawnAs: 'high', source: 'poster', joined: 320, active: { last: 0, gaps: [1, 3, 2] }, checkins: 0.2, orders: { every: 7 }, buys: ['top', 'pants', 'accessories', 'dress'], yuan: [120, 400], size: 'M', coupons: true },
  // A big spender who comes about once a week and was last here a fortnight ago: not yet unusual for her.
  { openid: m(7), nickname: '林间', drawnAs: 'high', source: 'guide', bound: true, joined: 330, active: { last: 14, gaps: [6, 5, 7, 6] }, checkins: 0, orders: { every: 2, skip: 0 }, buys: ['coat', 'dress', 'shoes', 'accessories'], yuan: [300, 900], size: 'M' },

  // 潜力: recent, spend well, few orders.
  { openid: m(8), nickname: '小鹿', drawnAs: 'potential', source: 'direct', joined: 120, active: { last: 0, gaps: [4, 5, 3] }, checkins: 0.2, orders: { on: [95, 40, 2] }, buys: ['dress', 'coat'], yuan: [500, 900], size: 'S' },
  { openid: m(9), nickname: '婉儿', drawnAs: 'potential', source: 'guide', bound: true, joined: 90, active: { last: 1, gaps: [3, 4] }, checkins: 0.4, orders: { on: [70, 1] }, buys: ['coat', 'accessories'], yuan: [600, 900], size: 'M' },
  { openid: m(10), nickname: '若曦', drawnAs: 'potential', source: 'share', joined: 150, active: { last: 2, gaps: [5, 4, 6] }, checkins: 0, orders: { on: [130, 60, 2] }, buys: ['dress', 'shoes'], yuan: [350, 700], size: 'S' },
  { openid: m(11), nickname: '栗子', drawnAs: 'potential', source: 'poster', joined: 200, active: { last: 0, gaps: [7, 5] }, checkins: 0.1, orders: { on: [180, 45, 2] }, buys: ['coat', 'pants', 'shoes'], yuan: [300, 700], size: 'L' },
  { openid: m(12), nickname: '宁宁', drawnAs: 'potential', source: 'group', bound: true, joined: 75, active: { last: 1, gaps: [3] }, checkins: 0.5, orders: { on: [50, 1] }, buys: ['shoes', 'coat'], yuan: [450, 900], size: 'M' },

  // 新客: joined or first bought in the last 30 days.
  { openid: m(13), nickname: '米粒妈', drawnAs: 'new', source: 'guide', bound: true, joined: 12, active: { last: 0, gaps: [1, 2] }, checkins: 0.9, orders: { on: [10, 3] }, buys: ['kids'], yuan: [80, 200], size: 'M' },
  { openid: m(14), nickname: '果果', drawnAs: 'new', source: 'share', joined: 20, active: { last: 1, gaps: [2, 3] }, checkins: 0.5, orders: { on: [18] }, buys: ['top'], yuan: [100, 250], size: 'S' },
  { openid: m(15), nickname: '小雨', drawnAs: 'new', source: 'direct', joined: 5, active: { last: 0, gaps: [1] }, checkins: 1, orders: null, buys: ['dress', 'top'], yuan: [200, 400], size: 'S', watchesLaunches: true },
  { openid: m(16), nickname: '晴天', drawnAs: 'new', source: 'poster', joined: 25, active: { last: 3, gaps: [4, 6] }, checkins: 0, orders: null, buys: ['shoes', 'pants'], yuan: [150, 300], size: 'L' },
  { openid: m(17), nickname: '蓝莓酱', drawnAs: 'new', source: 'direct', joined: 210, active: { last: 1, gaps: [9, 12, 8] }, checkins: 0, orders: { on: [8] }, buys: ['accessories'], yuan: [100, 300], size: 'M' },
  { openid: m(18), nickname: '乐乐妈咪', drawnAs: 'new', source: 'group', bound: true, joined: 11, active: { last: 0, gaps: [1] }, checkins: 1, orders: { on: [9] }, buys: ['kids'], yuan: [100, 200], size: 'L', browses: ['kids', 'dress'] },

  // 沉睡: nothing for more than 90 days.
  { openid: m(19), nickname: '朵朵', drawnAs: 'dormant', source: 'guide', bound: true, joined: 350, active: { last: 120, gaps: [3, 4] }, checkins: 0.5, orders: { every: 12 }, buys: ['dress', 'top'], yuan: [150, 350], size: 'S' },
  { openid: m(20), nickname: '静静', drawnAs: 'dormant', source: 'direct', joined: 300, active: { last: 200, gaps: [10, 14] }, checkins: 0, orders: { on: [290, 230] }, buys: ['pants'], yuan: [150, 300], size: 'M' },
  { openid: m(21), nickname: '芳芳', drawnAs: 'dormant', source: 'poster', joined: 365, active: { last: 150, gaps: [20] }, checkins: 0, orders: { on: [200] }, buys: ['accessories'], yuan: [50, 150], size: 'M' },
  { openid: m(22), nickname: '悠悠', drawnAs: 'dormant', source: 'share', joined: 240, active: { last: 100, gaps: [5, 7] }, checkins: 0.2, orders: { on: [200, 150, 110] }, buys: ['top', 'shoes'], yuan: [100, 300], size: 'L' },
  { openid: m(23), nickname: '思思', drawnAs: 'dormant', source: 'group', bound: true, joined: 180, active: { last: 170, gaps: [5] }, checkins: 1, orders: { on: [175] }, buys: ['dress'], yuan: [200, 400], size: 'S' },
  { openid: m(24), nickname: '可可', drawnAs: 'dormant', source: 'direct', joined: 330, active: { last: 280, gaps: [2] }, checkins: 1, orders: { on: [300] }, buys: ['kids'], yuan: [80, 200], size: 'M' },

  // 流失预警: came every 2–3 days for months, and stopped 10–20 days ago.
  { openid: m(25), nickname: '佳佳', drawnAs: 'at_risk', source: 'guide', bound: true, joined: 300, active: { last: 12, gaps: [2, 2, 3, 2, 1, 2] }, checkins: 0.9, orders: { every: 12 }, buys: ['top', 'dress', 'accessories'], yuan: [150, 400], size: 'M' },
  { openid: m(26), nickname: '桃桃', drawnAs: 'at_risk', source: 'group', bound: true, joined: 200, active: { last: 16, gaps: [3, 2, 3, 3, 2] }, checkins: 0.5, orders: { every: 10 }, buys: ['kids', 'top'], yuan: [100, 300], size: 'L' },
  { openid: m(27), nickname: '阿珍', drawnAs: 'at_risk', source: 'direct', joined: 260, active: { last: 10, gaps: [2, 3] }, checkins: 0.3, orders: { every: 8 }, buys: ['coat', 'dress', 'accessories'], yuan: [300, 700], size: 'L' },
  { openid: m(28), nickname: '婷婷', drawnAs: 'at_risk', source: 'share', joined: 150, active: { last: 19, gaps: [1, 2, 1, 2, 2] }, checkins: 0.7, orders: { every: 15 }, buys: ['top', 'pants'], yuan: [100, 300], size: 'S' },

  // 一般: the rest — now and then, small baskets, or only checking in.
  { openid: m(29), nickname: '小熊', drawnAs: 'regular', source: 'direct', joined: 220, active: { last: 0, gaps: [5, 6, 4, 7] }, checkins: 0.3, orders: { every: 6, last: 18 }, buys: ['top', 'accessories'], yuan: [50, 130], size: 'L' },
  { openid: m(30), nickname: '秀秀', drawnAs: 'regular', source: 'guide', bound: true, joined: 180, active: { last: 3, gaps: [7, 8] }, checkins: 0, orders: { every: 5, last: 30 }, buys: ['pants', 'top'], yuan: [100, 200], size: 'M', birthdayMonthsAgo: 0 },
  { openid: m(31), nickname: '萌萌哒', drawnAs: 'regular', source: 'group', bound: true, joined: 160, active: { last: 0, gaps: [1] }, checkins: 1, orders: null, buys: ['kids'], yuan: [80, 200], size: 'S', browses: ['kids'] },
  { openid: m(32), nickname: '慧慧', drawnAs: 'regular', source: 'poster', joined: 300, active: { last: 2, gaps: [10, 12, 9] }, checkins: 0, orders: { every: 4, last: 20 }, buys: ['top', 'shoes'], yuan: [60, 160], size: 'M' },
  { openid: m(33), nickname: '丽姐', drawnAs: 'regular', source: 'guide', bound: true, joined: 340, active: { last: 5, gaps: [14, 10] }, checkins: 0, orders: { every: 3, last: 25 }, buys: ['accessories', 'top'], yuan: [50, 160], size: 'XL' },
  { openid: m(34), nickname: '雅雅', drawnAs: 'regular', source: 'direct', joined: 350, active: { last: 0, gaps: [2, 4, 3] }, checkins: 0.4, orders: { every: 14, last: 20 }, buys: ['top', 'accessories'], yuan: [50, 150], size: 'S', sharer: true },
  { openid: m(35), nickname: '欣欣', drawnAs: 'regular', source: 'direct', joined: 100, active: { last: 4, gaps: [6] }, checkins: 0, orders: null, buys: ['dress'], yuan: [200, 400], size: 'M', birthdayMonthsAgo: 7 },
  { openid: m(36), nickname: '蕾蕾', drawnAs: 'regular', source: 'group', bound: true, joined: 190, active: { last: 1, gaps: [3, 5] }, checkins: 0.3, orders: { every: 8, last: 20 }, buys: ['top', 'shoes'], yuan: [60, 200], size: 'M', nightMarket: true },
  { openid: m(37), nickname: '柚子', drawnAs: 'regular', source: 'poster', joined: 260, active: { last: 2, gaps: [4, 3] }, checkins: 0.2, orders: { every: 3, last: 15 }, buys: ['top', 'pants', 'accessories'], yuan: [50, 150], size: 'L', memberDay: true },
  { openid: m(38), nickname: '橙子', drawnAs: 'regular', source: 'poster', joined: 45, active: { last: 6, gaps: [8] }, checkins: 0, orders: { on: [40] }, buys: ['accessories'], yuan: [50, 100], size: 'M' },
  { openid: m(39), nickname: '菲菲', drawnAs: 'regular', source: 'guide', bound: true, joined: 130, active: { last: 0, gaps: [2] }, checkins: 0.8, orders: { on: [100, 35] }, buys: ['kids'], yuan: [80, 160], size: 'S' },
  { openid: m(40), nickname: '奶茶续命', drawnAs: 'regular', source: 'direct', joined: 70, active: { last: 1, gaps: [3, 4] }, checkins: 0.1, orders: { every: 6, last: 16 }, buys: ['top', 'accessories'], yuan: [50, 130], size: 'S' },
];

/** The example segments, saved through the admin's use case (the rules as an admin writes them). */
export const DEMO_SEGMENTS = [
  { name: '童装偏好的签到达人', rule: { all: [{ tag: 'rule:category:童装' }, { field: 'checkins', window: 30, op: 'gte', value: 10 }] } },
  {
    name: '高价值流失预警',
    rule: { any: [{ layer: ['at_risk'] }, { all: [{ layer: ['high'] }, { field: 'daysSinceActive', op: 'gte', value: 14 }] }] },
  },
] as const;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** mulberry32: the same seed, the same crowd. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Rng = ReturnType<typeof rng>;

interface Sku {
  sku_id: string;
  product_id: string;
  name: string;
  size: string;
  color: string;
  price_fen: number;
  category_id: string;
  category: string;
  image_url: string | null;
  /** The brand day its 新款 window opened (null: not a launch). */
  launch_day: string | null;
}

/** Children's and shoe sizes that go with a letter size, so that a member keeps to a few sizes. */
const SIZES_OF: Record<CrowdMember['size'], string[]> = {
  S: ['S', '25', '26', '35', '36', '110', '23'],
  M: ['M', '27', '37', '120', '24'],
  L: ['L', '28', '38', '130', '25'],
  XL: ['XL', '29', '39', '140', '25'],
};

const ADDRESSES = [
  { region: '上海市 徐汇区', detail: '天钥桥路 580 号 3 号楼 1202' },
  { region: '浙江省 杭州市 西湖区', detail: '文三路 90 号 东部软件园 5 幢' },
  { region: '江苏省 苏州市 工业园区', detail: '星湖街 328 号 创意产业园 8 栋' },
  { region: '北京市 朝阳区', detail: '望京 SOHO T1 座 1506' },
  { region: '广东省 深圳市 南山区', detail: '科技园南区 高新南七道 12 号' },
  { region: '四川省 成都市 武侯区', detail: '天府大道北段 1700 号 环球中心 W6 区' },
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙'];
const CARRIERS = [
  { name: '顺丰速运', prefix: 'SF' },
  { name: '中通快递', prefix: 'ZT' },
];

/** What the crowd did, as rows for the bulk statements. */
interface Drawn {
  members: Array<{ openid: string; nickname: string; created_at: string; source: string | null; bound: boolean; birthday: string | null }>;
  visits: Array<{ openid: string; day: string }>;
  checkins: Array<{ openid: string; day: string; streak: number; created_at: string }>;
  orders: Array<Record<string, unknown>>;
  coupons: Array<{ openid: string; source_id: string; code: string; issued_at: string; valid_from: string; valid_until: string; used_at: string }>;
  views: Array<{ openid: string; product_id: string; day: string }>;
  shares: Array<{ id: string; sharer: string; product_id: string; created_at: string }>;
  clicks: Array<{ share_id: string; openid: string; first_at: string; last_at: string; clicks: number }>;
}

interface DrawContext {
  now: Date;
  today: string;
  timeZone: string;
  brand: UseCaseContext['brand'];
  skus: Sku[];
  coupon: { id: string; amountOffFen: number; thresholdFen: number; validDays: number | null } | null;
  guideOpenid: string;
  /** Products the guide has shared already (a share per sharer and product). */
  guideShared: Set<string>;
}

/** Draws the crowd's year: the same inputs give the same rows (share ids aside). */
function drawCrowd(c: DrawContext): Drawn {
  const out: Drawn = { members: [], visits: [], checkins: [], orders: [], coupons: [], views: [], shares: [], clicks: [] };
  const dayStarts = new Map<number, number>();
  /** The instant `hours` into the day `ago` days back. */
  const instant = (ago: number, hours: number) => {
    let start = dayStarts.get(ago);
    if (start === undefined) dayStarts.set(ago, (start = startOfBusinessDay(addDays(c.today, -ago), c.timeZone).getTime()));
    return new Date(start + hours * HOUR_MS);
  };
  const past = (at: Date) => at.getTime() <= c.now.getTime() - 5 * MINUTE_MS;
  const dayOf = (ago: number) => addDays(c.today, -ago);
  const categoryName = new Map(DEMO_CATEGORIES.map((cat) => [cat.key, cat.name]));
  const onSale = (sku: Sku, ago: number) => sku.launch_day === null || sku.launch_day <= dayOf(ago);
  const nightCategories = c.brand.nightMarket.categoryByWeekday;

  const sharerOpenid = DEMO_CROWD.find((p) => p.sharer)?.openid ?? null;
  // One share per sharer and product (the card stays the same however often it is sent), one
  // click row per share and viewer: sent again, a card keeps its first day; opened again, its click row counts on.
  const shares = new Map<string, { id: string; sharer: string; product_id: string; at: Date }>();
  const clicks = new Map<string, { share_id: string; openid: string; first: Date; last: Date; clicks: number }>();
  const share = (sharer: string, productId: string, at: Date) => {
    const key = `${sharer}:${productId}`;
    const found = shares.get(key);
    if (found) {
      if (at < found.at) found.at = at;
      return found.id;
    }
    const id = newShareId();
    shares.set(key, { id, sharer, product_id: productId, at });
    return id;
  };
  const click = (shareId: string, openid: string, at: Date) => {
    const key = `${shareId}:${openid}`;
    const found = clicks.get(key);
    if (!found) clicks.set(key, { share_id: shareId, openid, first: at, last: at, clicks: 1 });
    else {
      if (at < found.first) found.first = at;
      if (at > found.last) found.last = at;
      found.clicks++;
    }
  };

  for (const [index, p] of DEMO_CROWD.entries()) {
    const r = rng(7_001 + index * 97);
    const joinedAt = instant(p.joined, r.int(9, 20) + r.next());
    const birthday = p.birthdayMonthsAgo === undefined ? null : birthdayOf(c.today, p.birthdayMonthsAgo, r);
    out.members.push({ openid: p.openid, nickname: p.nickname, created_at: joinedAt.toISOString(), source: p.source === 'direct' ? null : p.source, bound: !!p.bound, birthday });

    // Active days: the join day, and from the last one back in time by the gaps; oldest first.
    const days = new Set<number>([p.joined]);
    const first = p.active.first ?? p.joined;
    for (let ago = p.active.last, i = 0; ago <= first; ago += p.active.gaps[i++ % p.active.gaps.length]!) days.add(ago);
    if (p.orders && 'on' in p.orders) for (const ago of p.orders.on) days.add(ago);
    // A 会员日 buyer comes on most member days.
    if (p.memberDay) for (let ago = p.active.last; ago <= first; ago++) if (isMemberDay(dayOf(ago), c.brand.memberDay) && r.next() < 0.8) days.add(ago);
    const active = [...days].filter((ago) => ago <= p.joined).sort((a, b) => b - a);
    for (const ago of active) out.visits.push({ openid: p.openid, day: dayOf(ago) });

    // Check-ins with their running streak (consecutive brand days).
    let streak = 0;
    let previous: number | null = null;
    for (const ago of active) {
      if (r.next() >= p.checkins) continue;
      const at = instant(ago, 7 + r.next() * 3);
      if (ago === 0 && !past(at)) continue;
      streak = previous === ago + 1 ? streak + 1 : 1;
      previous = ago;
      out.checkins.push({ openid: p.openid, day: dayOf(ago), streak, created_at: at.toISOString() });
    }

    // Orders, on some of their active days.
    let orderDays: number[] = [];
    if (p.orders && 'on' in p.orders) orderDays = [...p.orders.on].sort((a, b) => b - a);
    else if (p.orders) {
      const { every, first: from = p.joined, last: to = 0, skip = 1 } = p.orders;
      const candidates = active.filter((ago) => ago <= from && ago >= to && (!p.memberDay || isMemberDay(dayOf(ago), c.brand.memberDay)));
      orderDays = candidates.filter((_, i) => {
        const back = candidates.length - 1 - i - skip;
        return back >= 0 && back % every === 0;
      });
    }
    const mySizes = SIZES_OF[p.size];
    const address = {
      name: `${r.pick(SURNAMES)}${r.pick(['女士', '小姐'])}`,
      phone: `1${r.pick(['38', '39', '59', '86'])}${String(r.int(10_000_000, 99_999_999))}`,
      ...r.pick(ADDRESSES),
    };
    for (const [n, ago] of orderDays.entries()) {
      const day = dayOf(ago);
      const night = p.nightMarket ? nightCategories[isoWeekday(day) - 1] ?? null : null;
      const paidAt = night ? instant(ago, 22 + r.next() * 1.9) : instant(ago, 10 + r.next() * 11.5);
      if (!past(paidAt)) continue;
      const wanted = (s: Sku) => (night ? s.category_id === night : p.buys.some((k) => categoryName.get(k) === s.category)) && onSale(s, ago);
      const inBudget = c.skus.filter((s) => wanted(s) && s.price_fen >= p.yuan[0] * 100 && s.price_fen <= p.yuan[1] * 100);
      const pool = inBudget.length ? inBudget : c.skus.filter(wanted);
      if (!pool.length) continue;
      const product = r.pick(pool).product_id;
      const ofProduct = pool.filter((s) => s.product_id === product);
      const fitting = ofProduct.filter((s) => s.size === '' || mySizes.includes(s.size));
      const sku = r.pick(fitting.length ? fitting : ofProduct);
      const qty = sku.price_fen < 10_000 && r.next() < 0.3 ? 2 : 1;
      const memberDay = isMemberDay(day, c.brand.memberDay);
      const unit = unitPrice({ listFen: sku.price_fen, tierRate: 1, memberDayRate: memberDay ? c.brand.memberDay.orderDiscountRate : null, flashPriceFen: null });
      const withCoupon = p.coupons && c.coupon && unit.unitFen * qty >= c.coupon.thresholdFen ? c.coupon : null;
      const price = withShipping(orderPrice(unit, qty, withCoupon?.amountOffFen ?? 0), c.brand.shipping, false);
      const requestId = `demo-crowd-${p.openid}-${n + 1}`;
      let couponSourceId: string | null = null;
      if (withCoupon) {
        couponSourceId = requestId;
        const issuedAgo = Math.min(p.joined, ago + r.int(1, 6));
        const issuedAt = instant(issuedAgo, 9 + r.next() * 10);
        const validity = couponValidity(
          { kind: 'amount_off', amountOffFen: withCoupon.amountOffFen, percentOff: null, capFen: null, thresholdFen: withCoupon.thresholdFen, validDays: withCoupon.validDays, validFrom: null, validUntil: null, categoryIds: [] },
          dayOf(issuedAgo),
        );
        out.coupons.push({ openid: p.openid, source_id: couponSourceId, code: couponCode(r), issued_at: issuedAt.toISOString(), valid_from: validity.validFrom, valid_until: validity.validUntil, used_at: paidAt.toISOString() });
      }
      // Now and then a guide-bound member buys through a card 王姐 sent them (never within the week the dashboard shows).
      let shareId: string | null = null;
      if (p.bound && ago >= 9 && !c.guideShared.has(sku.product_id) && r.next() < 0.5) {
        const clickedAt = new Date(paidAt.getTime() - r.int(20, 600) * MINUTE_MS);
        shareId = share(c.guideOpenid, sku.product_id, new Date(clickedAt.getTime() - r.int(1, 30) * HOUR_MS));
        click(shareId, p.openid, clickedAt);
      }
      // Shipped the next day, received two or three days later: the last few days' orders are still on their way or to ship.
      const createdAt = new Date(paidAt.getTime() - r.int(1, 8) * MINUTE_MS);
      const shippedAt = new Date(paidAt.getTime() + r.int(14, 30) * HOUR_MS);
      const completedAt = new Date(shippedAt.getTime() + r.int(30, 60) * HOUR_MS);
      const status = past(completedAt) ? 'completed' : past(shippedAt) ? 'shipped' : 'paid';
      const shipped = status !== 'paid';
      const carrier = r.pick(CARRIERS);
      out.orders.push({
        openid: p.openid,
        request_id: requestId,
        status,
        product_id: sku.product_id,
        sku_id: sku.sku_id,
        qty,
        product_name: sku.name,
        sku_label: [sku.color, sku.size].filter(Boolean).join(' / ') || '默认',
        image_url: sku.image_url,
        category_id: sku.category_id,
        list_price_fen: sku.price_fen,
        unit_price_fen: unit.unitFen,
        member_day_discount_fen: price.memberDayDiscountFen,
        coupon_source_id: couponSourceId,
        coupon_discount_fen: price.couponDiscountFen,
        shipping_fen: price.shippingFen,
        total_fen: price.totalFen,
        member_day: memberDay,
        night_market: night !== null,
        share_id: shareId,
        guide: shareId !== null,
        growth_earned: orderGrowth(price.goodsFen, c.brand.growth.perYuan),
        address,
        created_at: createdAt.toISOString(),
        expires_at: new Date(createdAt.getTime() + c.brand.orders.unpaidMinutes * MINUTE_MS).toISOString(),
        paid_at: paidAt.toISOString(),
        carrier: shipped ? carrier.name : null,
        tracking_no: shipped ? `${carrier.prefix}${r.int(100_000_000, 999_999_999)}${r.int(1000, 9999)}` : null,
        shipped_at: shipped ? shippedAt.toISOString() : null,
        completed_at: status === 'completed' ? completedAt.toISOString() : null,
      });
    }

    // What they looked at in the last 30 days, one row per product and day.
    const browses = p.browses ?? p.buys;
    const browsable = c.skus.filter((s) => browses.some((k) => categoryName.get(k) === s.category));
    for (const ago of active) {
      if (ago > 29) continue;
      const seen = new Set<string>();
      if (r.next() < 0.7 && browsable.length) for (let i = r.int(1, 3); i > 0; i--) {
        const sku = r.pick(browsable);
        if (onSale(sku, ago)) seen.add(sku.product_id);
      }
      if (p.watchesLaunches && ago <= 6) for (const s of c.skus) if (s.launch_day !== null && onSale(s, ago)) seen.add(s.product_id);
      for (const productId of seen) out.views.push({ openid: p.openid, product_id: productId, day: dayOf(ago) });
    }
  }

  // First touch: a member who came through a share opened a card the sharer had sent the day before;
  // one who came through the guide, a card of 王姐's.
  const firstTouch = rng(4_242);
  const products = [...new Set(c.skus.filter((s) => s.launch_day === null).map((s) => s.product_id))];
  // The sharer's cards: each product once, in a drawn order.
  const sharerProducts = products.filter((id) => !c.guideShared.has(id)).sort(() => firstTouch.next() - 0.5);
  for (const member of out.members) {
    const joinedAt = new Date(member.created_at);
    const before = new Date(joinedAt.getTime() - firstTouch.int(12, 30) * HOUR_MS);
    let id: string | null = null;
    if (member.source === 'share' && sharerOpenid && member.openid !== sharerOpenid) id = share(sharerOpenid, sharerProducts.pop()!, before);
    else if (member.source === 'guide') {
      const product = firstTouch.pick(products.filter((p) => !c.guideShared.has(p)));
      id = share(c.guideOpenid, product, before);
    }
    if (id) click(id, member.openid, joinedAt);
  }
  // The sharer's cards of the last month, opened by the members who were about then.
  if (sharerOpenid) {
    const viewers = DEMO_CROWD.filter((p) => p.openid !== sharerOpenid && p.active.last <= 5 && p.joined > 28).map((p) => p.openid);
    for (let i = 0; i < 7; i++) {
      const at = instant(27 - i * 4, 12 + firstTouch.next() * 8);
      const id = share(sharerOpenid, sharerProducts.pop()!, at);
      for (const viewer of viewers) {
        const clickedAt = new Date(at.getTime() + firstTouch.int(5, 600) * MINUTE_MS);
        if (firstTouch.next() < 0.35 && past(clickedAt)) click(id, viewer, clickedAt);
      }
    }
  }
  for (const s of shares.values()) out.shares.push({ id: s.id, sharer: s.sharer, product_id: s.product_id, created_at: s.at.toISOString() });
  for (const k of clicks.values()) {
    out.clicks.push({ share_id: k.share_id, openid: k.openid, first_at: k.first.toISOString(), last_at: k.last.toISOString(), clicks: k.clicks });
  }
  return out;
}

/** A birthday in the month `monthsAgo` months before today's, in the 1980s or 90s. */
function birthdayOf(today: string, monthsAgo: number, r: Rng): string {
  const month = ((Number(today.slice(5, 7)) - 1 - monthsAgo) % 12 + 12) % 12 + 1;
  return `${r.int(1982, 1998)}-${String(month).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

/** A coupon code in the wallet's alphabet, from the seeded generator (the unique key catches a repeat). */
function couponCode(r: Rng): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  return Array.from({ length: 12 }, () => alphabet[r.int(0, alphabet.length - 1)]).join('');
}

/** Writes the crowd in a few set-based statements. */
async function writeCrowd(tx: Queryable, crowd: Drawn, c: DrawContext, guideId: string): Promise<void> {
  const json = (rows: unknown[]) => JSON.stringify(rows);
  await tx.query(
    `with joined as (
       insert into members (openid, role, nickname, created_at, source, guide_id, guide_bound_at, birthday, consent_version, consent_at, profile_asked_at)
       select x.openid, 'member', x.nickname, x.created_at, x.source, case when x.bound then $2::bigint end, case when x.bound then x.created_at end,
              x.birthday, $3, x.created_at, x.created_at
       from jsonb_to_recordset($1::jsonb) as x(openid text, nickname text, created_at timestamptz, source text, bound boolean, birthday date)
       returning id, created_at
     )
     insert into consent_events (member_id, kind, version, at) select id, 'given', $3, created_at from joined order by id`,
    [json(crowd.members), guideId, CONSENT_VERSION],
  );
  await tx.query(
    `insert into member_visits (member_id, day)
     select m.id, x.day from jsonb_to_recordset($1::jsonb) as x(openid text, day date) join members m on m.openid = x.openid`,
    [json(crowd.visits)],
  );
  await tx.query(
    `insert into checkins (member_id, day, streak, points, kind, created_at)
     select m.id, x.day, x.streak, 0, 'checkin', x.created_at
     from jsonb_to_recordset($1::jsonb) as x(openid text, day date, streak int, created_at timestamptz) join members m on m.openid = x.openid`,
    [json(crowd.checkins)],
  );
  await tx.query(
    `insert into product_views (member_id, product_id, day)
     select m.id, x.product_id, x.day from jsonb_to_recordset($1::jsonb) as x(openid text, product_id bigint, day date) join members m on m.openid = x.openid`,
    [json(crowd.views)],
  );
  await tx.query(
    `with shared as (
       insert into shares (id, sharer_id, kind, product_id, created_at)
       select x.id, m.id, 'product', x.product_id, x.created_at
       from jsonb_to_recordset($1::jsonb) as x(id text, sharer text, product_id bigint, created_at timestamptz) join members m on m.openid = x.sharer
       returning id
     )
     insert into share_clicks (share_id, viewer_id, clicks, first_clicked_at, last_clicked_at)
     select x.share_id, m.id, x.clicks, x.first_at, x.last_at
     from jsonb_to_recordset($2::jsonb) as x(share_id text, openid text, first_at timestamptz, last_at timestamptz, clicks int)
       join members m on m.openid = x.openid join shared on shared.id = x.share_id`,
    [json(crowd.shares), json(crowd.clicks)],
  );
  await tx.query(
    `with issued as (
       insert into coupons (template_id, member_id, code, source, source_id, issued_at, valid_from, valid_until, used_at)
       select $3::bigint, m.id, x.code, 'admin', x.source_id, x.issued_at, x.valid_from, x.valid_until, x.used_at
       from jsonb_to_recordset($2::jsonb) as x(openid text, source_id text, code text, issued_at timestamptz, valid_from date, valid_until date, used_at timestamptz)
         join members m on m.openid = x.openid
       returning id, source_id
     ), ordered as (
       insert into orders (member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, image_url, category_id,
         list_price_fen, unit_price_fen, member_day_discount_fen, coupon_id, coupon_discount_fen, shipping_fen, total_fen, member_day,
         night_market, share_id, guide_id, growth_earned, address, pay_provider, created_at, expires_at, paid_at, carrier, tracking_no,
         shipped_at, completed_at, completed_by)
       select m.id, x.request_id, x.status, x.product_id, x.sku_id, x.qty, x.product_name, x.sku_label, x.image_url, x.category_id,
         x.list_price_fen, x.unit_price_fen, x.member_day_discount_fen, issued.id, x.coupon_discount_fen, x.shipping_fen, x.total_fen, x.member_day,
         x.night_market, x.share_id, case when x.guide then $4::bigint end, x.growth_earned, x.address, 'sandbox', x.created_at, x.expires_at, x.paid_at,
         x.carrier, x.tracking_no, x.shipped_at, x.completed_at, case when x.completed_at is not null then 'member' end
       from jsonb_to_recordset($1::jsonb) as x(openid text, request_id text, status text, product_id bigint, sku_id bigint, qty int, product_name text,
           sku_label text, image_url text, category_id bigint, list_price_fen int, unit_price_fen int, member_day_discount_fen int,
           coupon_source_id text, coupon_discount_fen int, shipping_fen int, total_fen int, member_day boolean, night_market boolean,
           share_id text, guide boolean, growth_earned int, address jsonb, created_at timestamptz, expires_at timestamptz, paid_at timestamptz,
           carrier text, tracking_no text, shipped_at timestamptz, completed_at timestamptz)
         join members m on m.openid = x.openid
         left join issued on issued.source_id = x.coupon_source_id
       returning id, coupon_id
     )
     update coupons c set order_id = ordered.id from ordered where c.id = ordered.coupon_id`,
    [json(crowd.orders), json(crowd.coupons), c.coupon?.id ?? null, guideId],
  );
  // Growth value (成长值) for their check-ins and orders, through book_growth like every other, and the tier it reaches.
  const windowStart = growthWindowStart(c.today, c.brand.growth.windowMonths);
  await tx.query(
    `select count(book_growth(g.member_id, g.amount, g.source, g.source_id, g.day, g.at, $3::date))
     from (
       select k.member_id, $1::int as amount, 'checkin' as source, k.member_id || ':' || k.day as source_id, k.day, k.created_at as at
       from checkins k join members m on m.id = k.member_id where m.openid like 'demo-crowd-%'
       union all
       select o.member_id, o.growth_earned, 'order', o.id::text, (o.paid_at at time zone $2)::date, o.paid_at
       from orders o join members m on m.id = o.member_id where m.openid like 'demo-crowd-%' and o.growth_earned > 0
       order by at
     ) g`,
    [c.brand.growth.perCheckin, c.timeZone, windowStart],
  );
  await tx.query(
    `with running as (
       select g.member_id, g.day, sum(g.amount) over (partition by g.member_id order by g.day, g.id) as total
       from growth_ledger g join members m on m.id = g.member_id where m.openid like 'demo-crowd-%' and g.day >= $2::date
     ), reached as (
       select r.member_id, t.key, t.threshold
       from (select member_id, max(total) as growth from running group by member_id) r
       cross join lateral (
         select key, threshold from jsonb_to_recordset($1::jsonb) as t(key text, threshold int)
         where threshold <= r.growth order by threshold desc limit 1
       ) t
       where t.threshold > 0
     )
     update members m set tier = reached.key,
       tier_since = (select min(day) from running where running.member_id = reached.member_id and running.total >= reached.threshold),
       tier_raised_on = (select min(day) from running where running.member_id = reached.member_id and running.total >= reached.threshold)
     from reached where m.id = reached.member_id`,
    [JSON.stringify(c.brand.tiers.map((t) => ({ key: t.key, threshold: t.threshold }))), windowStart],
  );
}

/**
 * Loads the crowd, runs today's segmentation (read model, layers, tags) and saves the example
 * segments as the admin.
 */
export async function seedDemoSegments(ctx: UseCaseContext, staff: { admin: Actor; guide: Actor }): Promise<void> {
  const { db, brand, now } = ctx;
  const today = businessDay(now, brand.timeZone);
  const [skus, coupon, guideShared] = await Promise.all([
    db.query<Sku>(
      `select s.id as sku_id, s.product_id, p.name, s.size, s.color, s.price_fen, p.category_id, c.name as category, p.images[1] as image_url,
              (p.launch_starts_at at time zone $1)::date::text as launch_day
       from product_skus s join products p on p.id = s.product_id join categories c on c.id = p.category_id
       where p.active order by s.id`,
      [brand.timeZone],
    ),
    db.query<{ id: string; amount_off_fen: number; threshold_fen: number; valid_days: number | null }>(
      `select id, amount_off_fen, threshold_fen, valid_days from coupon_templates where name = '满100减20' and kind = 'amount_off' order by id limit 1`,
    ),
    db.query<{ product_id: string }>(`select product_id from shares where sharer_id = $1 and product_id is not null`, [staff.guide.memberId]),
  ]);
  const c: DrawContext = {
    now,
    today,
    timeZone: brand.timeZone,
    brand,
    skus: skus.rows,
    coupon: coupon.rows[0]
      ? { id: coupon.rows[0].id, amountOffFen: coupon.rows[0].amount_off_fen, thresholdFen: coupon.rows[0].threshold_fen, validDays: coupon.rows[0].valid_days }
      : null,
    guideOpenid: staff.guide.openid,
    guideShared: new Set(guideShared.rows.map((r) => String(r.product_id))),
  };
  const crowd = drawCrowd(c);
  await db.transaction((tx) => writeCrowd(tx, crowd, c, staff.guide.memberId));

  const report = await runJob(db, segmentationJob, { brand, day: today, now });
  if (report?.run?.state !== 'finished') throw new Error(`demo segmentation run did not finish: ${JSON.stringify(report)}`);
  for (const segment of DEMO_SEGMENTS) {
    const view = saved(await saveSegment(ctx, staff.admin, { segment: { name: segment.name, rule: segmentRuleSchema.parse(segment.rule) } }));
    if (view.status !== 'ready') throw new Error(`demo segment ${segment.name} is ${view.status}: ${view.error}`);
  }
}
