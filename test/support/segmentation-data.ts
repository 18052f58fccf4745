/**
 * Segmentation test data: a deterministic (seeded) year of what N members did before a fixed
 * brand day D — members, visits, check-ins (with 补签), shop orders (paid, refunded, cancelled,
 * unpaid, with coupons, on 会员日, from 秒杀, in the 夜市), mall orders, product views, lottery
 * draws, redemptions, points lots, shares and their clicks, rewarded invites and group visits —
 * loaded in bulk, and the plain-JavaScript reference of what the nightly segmentation run must
 * make of it: every member's read model (as refresh-facts.ts's header defines each column), RFM
 * quintiles, the churn flag, the layer and the rule tags, by the domain functions (ntile,
 * churnState, layerOf, defaultTags, matchesRule), never by the SQL.
 *
 * Times are kept as "stamps": minutes since D 00:00 brand time (Asia/Shanghai, UTC+8 without
 * daylight saving), so a stamp's brand day is floor(stamp / 1440) days after D. Members come in
 * archetypes: daily and regular visitors, weekly, monthly buyers, members whose activity stops
 * on a known day (`stopsAt`, for churn), dormant, brand-new, sparse and silent ones.
 */
import type { Db } from '@cloud/db/port';
import type { BrandSettings } from '@cloud/domain/brand-settings';
import { addDays, daysBetween } from '@cloud/domain/business-day';
import { churnState } from '@cloud/domain/churn';
import { isoWeekday } from '@cloud/domain/member-day';
import { priceBandOf, type MemberFacts } from '@cloud/domain/member-facts';
import { matchesRule, type RuleNode } from '@cloud/domain/segment-rule';
import { defaultTags, type TagDefinition } from '@cloud/domain/tags';
import { layerOf, ntile } from '@cloud/domain/value-layers';

// ---------------------------------------------------------------------------------------------
// A seeded PRNG (mulberry32): the same seed, the same data.

export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function seededRng(seed: number): Rng {
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
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

// ---------------------------------------------------------------------------------------------
// The catalogue: five categories (one inactive), products with SKUs (one inactive product with a
// size nobody else sells, a one-size bag), 新款 windows (open, ended, still running) and 秒杀.

export interface GenCategory {
  id: number;
  name: string;
  position: number;
  active: boolean;
}
export interface GenProduct {
  id: number;
  categoryId: number;
  name: string;
  active: boolean;
  position: number;
  /** 新款首发 window as stamps (end null: open-ended). */
  launch: { starts: number; ends: number | null } | null;
  priceFen: number;
}
export interface GenSku {
  id: number;
  productId: number;
  size: string;
  color: string;
  priceFen: number;
  position: number;
}
export interface GenFlashSale {
  id: number;
  productId: number;
  priceFen: number;
}

const CATEGORIES: GenCategory[] = [
  { id: 1, name: '童装', position: 1, active: true },
  { id: 2, name: '女装', position: 2, active: true },
  { id: 3, name: '男装', position: 3, active: true },
  { id: 4, name: '鞋包', position: 4, active: true },
  { id: 5, name: '家居', position: 5, active: false },
];

const DAY_MIN = 1440;
const PRODUCT_SPECS: Array<Omit<GenProduct, 'position'> & { sizes: string[]; colors: string[] }> = [
  { id: 1, categoryId: 1, name: '童装卫衣', active: true, launch: { starts: -20 * DAY_MIN + 600, ends: 10 * DAY_MIN }, priceFen: 12_900, sizes: ['110', '120', '130'], colors: ['red', 'navy'] },
  { id: 2, categoryId: 1, name: '童装外套', active: true, launch: null, priceFen: 25_900, sizes: ['110', '120', '130'], colors: ['black'] },
  { id: 3, categoryId: 2, name: '连衣裙', active: true, launch: { starts: -45 * DAY_MIN + 600, ends: -15 * DAY_MIN + 1200 }, priceFen: 39_900, sizes: ['S', 'M', 'L'], colors: ['black', 'white'] },
  { id: 4, categoryId: 2, name: '针织衫', active: true, launch: null, priceFen: 19_900, sizes: ['S', 'M', 'L', 'XL'], colors: ['white', 'red'] },
  { id: 5, categoryId: 2, name: '真丝衬衫', active: true, launch: null, priceFen: 69_900, sizes: ['S', 'M'], colors: ['white'] },
  { id: 6, categoryId: 3, name: 'T恤', active: true, launch: null, priceFen: 8_900, sizes: ['M', 'L', 'XL'], colors: ['black', 'white', 'navy'] },
  { id: 7, categoryId: 3, name: '夹克', active: true, launch: { starts: -5 * DAY_MIN + 30, ends: null }, priceFen: 45_900, sizes: ['M', 'L', 'XL'], colors: ['black'] },
  { id: 8, categoryId: 4, name: '运动鞋', active: true, launch: null, priceFen: 35_900, sizes: ['36', '37', '38', '39'], colors: ['white'] },
  { id: 9, categoryId: 4, name: '托特包', active: true, launch: null, priceFen: 29_900, sizes: [''], colors: ['black', 'white'] },
  { id: 10, categoryId: 5, name: '马克杯', active: true, launch: null, priceFen: 4_900, sizes: [''], colors: ['white'] },
  { id: 11, categoryId: 2, name: '羊绒大衣', active: true, launch: { starts: -2 * DAY_MIN + 1430, ends: 20 * DAY_MIN }, priceFen: 129_900, sizes: ['S', 'M', 'L'], colors: ['navy'] },
  { id: 12, categoryId: 3, name: '旧款西装', active: false, launch: null, priceFen: 59_900, sizes: ['XXL'], colors: ['black'] },
];

function catalogue() {
  const products: GenProduct[] = [];
  const skus: GenSku[] = [];
  for (const [i, p] of PRODUCT_SPECS.entries()) {
    products.push({ id: p.id, categoryId: p.categoryId, name: p.name, active: p.active, position: i, launch: p.launch, priceFen: p.priceFen });
    let position = 0;
    for (const [si, size] of p.sizes.entries()) {
      for (const color of p.colors) {
        skus.push({ id: skus.length + 1, productId: p.id, size, color, priceFen: p.priceFen + si * 1_000, position: position++ });
      }
    }
  }
  const flashSales: GenFlashSale[] = [4, 6, 8].map((productId, i) => ({
    id: i + 1,
    productId,
    priceFen: Math.round(products.find((p) => p.id === productId)!.priceFen * 0.7),
  }));
  return { categories: CATEGORIES, products, skus, flashSales };
}

// ---------------------------------------------------------------------------------------------
// Members and what they did.

export type Archetype = 'daily' | 'regular' | 'weekly' | 'monthly' | 'stopper' | 'dormant' | 'new' | 'sparse' | 'silent' | 'staff';

export type OrderStatus = 'paid' | 'completed' | 'refunding' | 'refunded' | 'cancelled' | 'pending';

export interface GenOrder {
  /** When it was paid, or would have been (stamp). */
  at: number;
  status: OrderStatus;
  /** A cash order for a mall item (no SKU): never a paid shop order. */
  mall: boolean;
  productId: number | null;
  skuId: number | null;
  qty: number;
  listFen: number;
  unitFen: number;
  couponId: number | null;
  couponDiscountFen: number;
  shippingFen: number;
  memberDay: boolean;
  flashSaleId: number | null;
  night: boolean;
}

export interface GenLot {
  /** Expiry day as an offset from D (null: never). */
  expiresT: number | null;
  amount: number;
  remaining: number;
}

export interface GenShare {
  id: string;
  kind: 'product' | 'invite';
  productId: number | null;
  at: number;
}

export interface GenMember {
  id: number;
  role: 'member' | 'guide' | 'admin';
  archetype: Archetype;
  /** Joined (created_at) stamp. */
  joinedAt: number;
  deleted: boolean;
  tier: 'normal' | 'silver' | 'gold' | 'diamond';
  birthday: string | null;
  source: string | null;
  guideId: number | null;
  /** The last active day (offset from D) of a member whose activity stops there; null otherwise. */
  stopsAt: number | null;
  /** Days (offsets from D), ascending, unique. */
  visits: number[];
  /** Check-in days (offsets), ascending, unique; those in `makeups` are 补签. */
  checkins: number[];
  makeups: Set<number>;
  orders: GenOrder[];
  /** Product views: parallel arrays (day offset, product id), unique per day and product. */
  viewDays: number[];
  viewProducts: number[];
  draws: number[];
  redemptions: number[];
  lots: GenLot[];
  shares: GenShare[];
  groupDays: number[];
  groupIds: string[];
}

export interface GenClick {
  shareId: string;
  sharerId: number;
  viewerId: number;
  first: number;
  last: number;
}

export interface GenReferral {
  inviteeId: number;
  inviterId: number;
  shareId: string;
  at: number;
  rewardedAt: number | null;
}

export interface SegmentationData {
  day: string;
  categories: GenCategory[];
  products: GenProduct[];
  skus: GenSku[];
  flashSales: GenFlashSale[];
  members: GenMember[];
  clicks: GenClick[];
  referrals: GenReferral[];
  coupons: number;
}

/** Staff first (guides 1–10, an admin 11), then members from 12. */
export const GUIDES = 10;
const FIRST_MEMBER_ID = GUIDES + 2;

const ARCHETYPES: Array<[Archetype, number]> = [
  ['daily', 4],
  ['regular', 8],
  ['weekly', 17],
  ['monthly', 15],
  ['stopper', 15],
  ['dormant', 12],
  ['new', 9],
  ['sparse', 14],
  ['silent', 6],
];

interface Rhythm {
  gap: (r: Rng) => number;
  visit: number;
  checkin: number;
  order: number;
}
const RHYTHMS: Record<'daily' | 'regular' | 'weekly' | 'monthly' | 'sparse', Rhythm> = {
  daily: { gap: (r) => (r.chance(0.9) ? 1 : 2), visit: 0.95, checkin: 0.95, order: 0.03 },
  regular: { gap: (r) => r.int(1, 3), visit: 0.9, checkin: 0.7, order: 0.05 },
  weekly: { gap: (r) => r.int(5, 9), visit: 0.95, checkin: 0.4, order: 0.15 },
  monthly: { gap: (r) => r.int(24, 36), visit: 1, checkin: 0.1, order: 0.85 },
  sparse: { gap: (r) => r.int(15, 90), visit: 0.9, checkin: 0.3, order: 0.35 },
};

const SOURCES = ['share', 'guide', 'group', 'poster', 'direct'] as const;

function weighted<T>(r: Rng, items: Array<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [item, w] of items) {
    if ((x -= w) < 0) return item;
  }
  return items[items.length - 1]![0];
}

const uniqueSorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

export function generateSegmentationData(options: { members: number; day: string; seed?: number }): SegmentationData {
  const r = seededRng(options.seed ?? 20_260_617);
  const D = options.day;
  const { categories, products, skus, flashSales } = catalogue();
  const activeProducts = products.filter((p) => p.active);
  const productsOf = (categoryId: number) => activeProducts.filter((p) => p.categoryId === categoryId);
  const skusOf = new Map<number, GenSku[]>();
  for (const s of skus) skusOf.set(s.productId, [...(skusOf.get(s.productId) ?? []), s]);
  const dayOf = (t: number) => addDays(D, t);
  let coupons = 0;

  const blank = (id: number, role: GenMember['role'], archetype: Archetype, joinedAt: number): GenMember => ({
    id,
    role,
    archetype,
    joinedAt,
    deleted: false,
    tier: 'normal',
    birthday: null,
    source: null,
    guideId: null,
    stopsAt: null,
    visits: [],
    checkins: [],
    makeups: new Set(),
    orders: [],
    viewDays: [],
    viewProducts: [],
    draws: [],
    redemptions: [],
    lots: [],
    shares: [],
    groupDays: [],
    groupIds: [],
  });

  const members: GenMember[] = [];
  for (let id = 1; id <= GUIDES; id++) members.push(blank(id, 'guide', 'staff', -800 * DAY_MIN + 600));
  members.push(blank(GUIDES + 1, 'admin', 'staff', -800 * DAY_MIN + 600));

  for (let i = 0; i < options.members; i++) {
    const id = FIRST_MEMBER_ID + i;
    const archetype = weighted(r, ARCHETYPES);
    const joinDay = archetype === 'new' ? -r.int(0, 30) : archetype === 'dormant' ? -r.int(150, 730) : -r.int(45, 730);
    // Some join just after midnight or just before it: the brand day is not the UTC day.
    const joinMinute = r.chance(0.05) ? r.pick([2, 15, 1430, 1439]) : r.int(420, 1380);
    const m = blank(id, 'member', archetype, joinDay * DAY_MIN + joinMinute);
    m.tier = weighted(r, [
      ['normal', 55],
      ['silver', 25],
      ['gold', 15],
      ['diamond', 5],
    ] as Array<[GenMember['tier'], number]>);
    if (r.chance(0.4)) {
      const month = r.chance(0.25) ? Number(D.slice(5, 7)) : r.int(1, 12);
      m.birthday = `${r.int(1970, 2015)}-${String(month).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    }
    m.source = r.chance(0.4) ? null : r.pick(SOURCES);
    m.guideId = r.chance(0.3) ? r.int(1, GUIDES) : null;
    m.deleted = r.chance(0.004);

    // Who this member is as a buyer.
    const favourite = r.chance(0.05) ? 5 : r.int(1, 4);
    const sizePreference = r.pick(['S', 'M', 'L', 'XL', '110', '120', '37', '38']);
    const couponLover = r.chance(0.12);
    const flashLover = r.chance(0.08);
    const nightOwl = r.chance(0.1);
    const memberDayFan = r.chance(0.08);
    const lotteryFan = r.chance(0.1);
    const groupie = r.chance(0.3);
    const groups = Array.from({ length: r.int(1, 4) }, () => `g${r.int(1, 25)}`);

    let rhythm: Rhythm | null;
    let start = Math.max(joinDay, -400);
    let end = 0;
    switch (archetype) {
      case 'daily':
      case 'regular':
      case 'weekly':
      case 'monthly':
      case 'sparse':
        rhythm = RHYTHMS[archetype];
        break;
      case 'stopper':
        rhythm = RHYTHMS[r.pick(['daily', 'regular', 'regular', 'weekly'] as const)];
        end = -r.int(1, 75);
        break;
      case 'dormant':
        rhythm = RHYTHMS[r.pick(['regular', 'weekly', 'monthly'] as const)];
        end = -r.int(95, 400);
        start = Math.max(joinDay, end - 200);
        break;
      case 'new':
        rhythm = r.chance(0.25) ? null : RHYTHMS[r.pick(['regular', 'weekly', 'sparse'] as const)];
        break;
      default:
        rhythm = null;
    }

    const order = (t: number) => {
      if (memberDayFan) {
        const back = (isoWeekday(dayOf(t)) - 3 + 7) % 7;
        if (t - back >= joinDay) t -= back;
      }
      const night = nightOwl && r.chance(0.7);
      const minute = night
        ? r.chance(0.6)
          ? r.int(1320, 1439)
          : r.int(0, 60)
        : r.chance(0.08)
          ? r.pick([0, 3, 9, 1435, 1439])
          : r.int(540, 1260);
      const flash = r.chance(flashLover ? 0.5 : 0.04) ? r.pick(flashSales) : null;
      const category = r.chance(0.6) ? favourite : r.int(1, 5);
      const pool = flash ? products.filter((p) => p.id === flash.productId) : productsOf(category).length ? productsOf(category) : activeProducts;
      const product = r.chance(0.01) ? products.find((p) => !p.active)! : r.pick(pool);
      const options = skusOf.get(product.id)!;
      const preferred = options.filter((s) => s.size === sizePreference);
      const sku = preferred.length && r.chance(0.7) ? r.pick(preferred) : r.pick(options);
      const qty = r.chance(0.8) ? 1 : r.int(2, 3);
      const unitFen = flash ? flash.priceFen : sku.priceFen;
      const couponed = r.chance(couponLover ? 0.7 : 0.08);
      const couponDiscountFen = couponed ? Math.min(2_000, unitFen * qty - 100) : 0;
      const status = weighted<OrderStatus>(r, [
        ['paid', 50],
        ['completed', 34],
        ['refunded', 5],
        ['refunding', 2],
        ['cancelled', 5],
        ['pending', 4],
      ]);
      m.orders.push({
        at: t * DAY_MIN + minute,
        status,
        mall: false,
        productId: product.id,
        skuId: sku.id,
        qty,
        listFen: sku.priceFen,
        unitFen,
        couponId: couponed ? ++coupons : null,
        couponDiscountFen,
        shippingFen: r.chance(0.3) ? 800 : 0,
        memberDay: isoWeekday(dayOf(t)) === 3,
        flashSaleId: flash?.id ?? null,
        night,
      });
    };

    if (rhythm) {
      if (archetype === 'stopper' || archetype === 'dormant') m.stopsAt = end;
      // Daily and regular members come weekly until four months before D (fewer rows, the same facts to test).
      const usual = rhythm;
      const dense = usual === RHYTHMS.daily || usual === RHYTHMS.regular;
      const gap = (t: number) => (dense && t < -120 ? r.int(4, 8) : usual.gap(r));
      for (let t = start + r.int(0, Math.min(usual.gap(r), 20)); t <= end; t += gap(t)) {
        if (r.chance(rhythm.visit)) m.visits.push(t);
        if (r.chance(rhythm.checkin)) m.checkins.push(t);
        if (r.chance(archetype === 'new' ? 0.3 : rhythm.order)) order(t);
        // Views and group visits count in 30 and 90 days: older ones are only rows to load.
        if (t > -60 && r.chance(0.3)) {
          for (let k = r.int(1, 2); k > 0; k--) {
            const product = r.chance(0.5) && productsOf(favourite).length ? r.pick(productsOf(favourite)) : r.pick(products);
            m.viewDays.push(t);
            m.viewProducts.push(product.id);
          }
        }
        if (groupie && t > -120 && r.chance(0.25)) {
          m.groupDays.push(t);
          m.groupIds.push(r.pick(groups));
        }
        if (lotteryFan && t > -45) for (let k = r.int(1, 3); k > 0; k--) m.draws.push(t * DAY_MIN + r.int(480, 1439));
      }
      // A stopper's last day is the known day its activity stopped: make it a visit.
      if (m.stopsAt !== null && m.stopsAt >= joinDay) m.visits.push(m.stopsAt);
    }
    m.visits = uniqueSorted(m.visits);
    m.checkins = uniqueSorted(m.checkins);

    // 补签: single missed days of the last 60 between two check-ins.
    const checked = new Set(m.checkins);
    for (let t = -60; t <= -1; t++) {
      if (!checked.has(t) && checked.has(t - 1) && checked.has(t + 1) && t >= joinDay && r.chance(0.35)) m.makeups.add(t);
    }
    // Events of D + 1 (the run is for D): never counted.
    if (rhythm && end === 0 && r.chance(0.02)) {
      m.visits.push(1);
      m.checkins.push(1);
      order(1);
      m.orders[m.orders.length - 1]!.status = 'paid';
      m.orders[m.orders.length - 1]!.at = DAY_MIN + 5;
    }
    m.checkins = uniqueSorted([...m.checkins, ...m.makeups]);

    // Views are one row per member, day and product.
    const seen = new Set<string>();
    const viewDays: number[] = [];
    const viewProducts: number[] = [];
    m.viewDays.forEach((t, k) => {
      const key = `${t}:${m.viewProducts[k]}`;
      if (!seen.has(key)) {
        seen.add(key);
        viewDays.push(t);
        viewProducts.push(m.viewProducts[k]!);
      }
    });
    m.viewDays = viewDays;
    m.viewProducts = viewProducts;
    const groupSeen = new Set<string>();
    const gDays: number[] = [];
    const gIds: string[] = [];
    m.groupDays.forEach((t, k) => {
      const key = `${t}:${m.groupIds[k]}`;
      if (!groupSeen.has(key)) {
        groupSeen.add(key);
        gDays.push(t);
        gIds.push(m.groupIds[k]!);
      }
    });
    m.groupDays = gDays;
    m.groupIds = gIds;

    // A cash order for a mall item now and then: not a shop order.
    if (r.chance(0.03)) {
      const t = -r.int(0, Math.min(300, -joinDay));
      m.orders.push({
        at: t * DAY_MIN + 700,
        status: 'paid',
        mall: true,
        productId: null,
        skuId: null,
        qty: 1,
        listFen: 990,
        unitFen: 990,
        couponId: null,
        couponDiscountFen: 0,
        shippingFen: 0,
        memberDay: false,
        flashSaleId: null,
        night: false,
      });
    }
    if (r.chance(0.1)) {
      for (let k = r.int(1, 3); k > 0; k--) m.redemptions.push(-r.int(0, Math.min(400, -joinDay)) * DAY_MIN + r.pick([5, 600, 1435]));
    }
    if (archetype !== 'silent') {
      for (let k = r.int(0, 4); k > 0; k--) {
        const amount = r.int(1, 50) * 10;
        m.lots.push({
          expiresT: r.chance(0.2) ? null : r.chance(0.5) ? r.pick([-1, 0, 30, 31]) : r.int(-10, 90),
          amount,
          remaining: r.pick([0, amount, Math.floor(amount / 2)]),
        });
      }
    }
    members.push(m);
  }

  // Shares, their clicks (some viewers open several of one sharer's shares) and invites.
  const memberIds = members.filter((m) => m.role === 'member').map((m) => m.id);
  const clicks: GenClick[] = [];
  const referrals: GenReferral[] = [];
  const invited = new Set<number>();
  for (const m of members) {
    if (m.role !== 'member' || m.archetype === 'silent' || !r.chance(0.08)) continue;
    const joinDay = Math.floor(m.joinedAt / DAY_MIN);
    const from = Math.max(joinDay, -200);
    const invite: GenShare = { id: `i${m.id}`, kind: 'invite', productId: null, at: r.int(from, 0) * DAY_MIN + r.int(480, 1380) };
    m.shares.push(invite);
    const shuffled = [...products].sort(() => r.next() - 0.5);
    for (const product of shuffled.slice(0, r.int(1, 9))) {
      m.shares.push({ id: `p${m.id}-${product.id}`, kind: 'product', productId: product.id, at: r.int(Math.max(joinDay, -60), 0) * DAY_MIN + r.pick([3, 600, 1200, 1437]) });
    }
    const fans = [r.pick(memberIds), r.pick(memberIds)];
    for (const share of m.shares) {
      const viewers = new Set<number>();
      for (const fan of fans) if (r.chance(0.5)) viewers.add(fan);
      for (let k = r.int(0, 5); k > 0; k--) viewers.add(r.pick(memberIds));
      viewers.delete(m.id);
      for (const viewerId of viewers) {
        const day = Math.min(Math.floor(share.at / DAY_MIN) + r.int(0, 12), r.chance(0.02) ? 1 : 0);
        const first = Math.max(share.at + 1, day * DAY_MIN + r.pick([1, 500, 1000, 1438]));
        clicks.push({ shareId: share.id, sharerId: m.id, viewerId, first, last: first + r.int(0, 3) * DAY_MIN });
      }
    }
    if (r.chance(0.5)) {
      for (let k = r.int(1, 5); k > 0; k--) {
        const inviteeId = r.pick(memberIds);
        if (inviteeId === m.id || invited.has(inviteeId)) continue;
        invited.add(inviteeId);
        const at = r.int(Math.max(joinDay, -300), 0) * DAY_MIN + 600;
        const rewarded = r.chance(0.75) ? Math.min(at + r.int(0, 3) * DAY_MIN, r.chance(0.05) ? DAY_MIN + 30 : 1439) : null;
        referrals.push({ inviteeId, inviterId: m.id, shareId: invite.id, at, rewardedAt: rewarded });
      }
    }
  }

  return { day: D, categories, products, skus, flashSales, members, clicks, referrals, coupons };
}

// ---------------------------------------------------------------------------------------------
// Loading: multi-row inserts from column arrays (unnest), in chunks.

/** The instant of a stamp on day D, as ISO text for timestamptz. */
export function stampInstant(day: string, stamp: number): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + stamp * 60_000).toISOString();
}

class BulkInsert {
  private readonly cols: unknown[][];
  private n = 0;
  constructor(
    private readonly db: Db,
    private readonly table: string,
    private readonly columns: Array<[name: string, type: string]>,
    private readonly chunk = 50_000,
  ) {
    this.cols = columns.map(() => []);
  }
  async add(...values: unknown[]): Promise<void> {
    values.forEach((v, i) => this.cols[i]!.push(v));
    if (++this.n >= this.chunk) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.n === 0) return;
    const names = this.columns.map(([name]) => name).join(', ');
    const arrays = this.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    await this.db.query(`insert into ${this.table} (${names}) select * from unnest(${arrays})`, this.cols);
    this.cols.forEach((c) => (c.length = 0));
    this.n = 0;
  }
}

export async function loadSegmentationData(db: Db, data: SegmentationData): Promise<void> {
  const D = data.day;
  const ts = (stamp: number) => stampInstant(D, stamp);
  const date = (t: number) => addDays(D, t);

  for (const c of data.categories) {
    await db.query('insert into categories (id, name, position, active) values ($1, $2, $3, $4)', [c.id, c.name, c.position, c.active]);
  }
  for (const p of data.products) {
    await db.query(
      `insert into products (id, category_id, name, active, position, launch_starts_at, launch_ends_at) values ($1, $2, $3, $4, $5, $6, $7)`,
      [p.id, p.categoryId, p.name, p.active, p.position, p.launch ? ts(p.launch.starts) : null, p.launch?.ends != null ? ts(p.launch.ends) : null],
    );
  }
  const skus = new BulkInsert(db, 'product_skus', [
    ['id', 'bigint'],
    ['product_id', 'bigint'],
    ['size', 'text'],
    ['color', 'text'],
    ['price_fen', 'int'],
    ['stock', 'int'],
    ['position', 'int'],
  ]);
  for (const s of data.skus) await skus.add(s.id, s.productId, s.size, s.color, s.priceFen, 1_000, s.position);
  await skus.flush();
  for (const f of data.flashSales) {
    await db.query(`insert into flash_sales (id, product_id, price_fen, stock, starts_at, ends_at) values ($1, $2, $3, 1000000, $4, $5)`, [
      f.id,
      f.productId,
      f.priceFen,
      ts(-400 * DAY_MIN),
      ts(-399 * DAY_MIN),
    ]);
  }
  await db.query(`insert into coupon_templates (id, name, kind, amount_off_fen) values (1, '测试券', 'amount_off', 2000)`);
  await db.query(
    `insert into lottery_campaigns (id, name, starts_at, ends_at, draws_per_day, wins_per_day, wins_per_campaign) values (1, '抽奖', $1, $2, 5, 1, 1)`,
    [ts(-500 * DAY_MIN), ts(100 * DAY_MIN)],
  );
  await db.query(`insert into lottery_prizes (id, campaign_id, position, kind, name, odds) values (1, 1, 1, 'none', '谢谢参与', 10000)`);
  await db.query(`insert into mall_items (id, name, kind, points_price, cash_fen) values (1, '帆布袋', 'goods', 100, 990)`);

  const members = new BulkInsert(db, 'members', [
    ['id', 'bigint'],
    ['openid', 'text'],
    ['role', 'text'],
    ['points_balance', 'int'],
    ['created_at', 'timestamptz'],
    ['tier', 'text'],
    ['birthday', 'date'],
    ['source', 'text'],
    ['guide_id', 'bigint'],
    ['deleted_at', 'timestamptz'],
  ]);
  for (const m of data.members) {
    const balance = m.lots.reduce((s, l) => s + l.remaining, 0);
    await members.add(m.id, `seg-${m.id}`, m.role, balance, ts(m.joinedAt), m.tier, m.birthday, m.source, m.guideId, m.deleted ? ts(-DAY_MIN) : null);
  }
  await members.flush();

  const visits = new BulkInsert(db, 'member_visits', [
    ['member_id', 'bigint'],
    ['day', 'date'],
  ]);
  const checkins = new BulkInsert(db, 'checkins', [
    ['member_id', 'bigint'],
    ['day', 'date'],
    ['streak', 'int'],
    ['points', 'int'],
    ['kind', 'text'],
    ['created_at', 'timestamptz'],
  ]);
  const coupons = new BulkInsert(db, 'coupons', [
    ['id', 'bigint'],
    ['template_id', 'bigint'],
    ['member_id', 'bigint'],
    ['code', 'text'],
    ['source', 'text'],
    ['source_id', 'text'],
    ['issued_at', 'timestamptz'],
    ['valid_from', 'date'],
    ['valid_until', 'date'],
  ]);
  const orderColumns: Array<[string, string]> = [
    ['member_id', 'bigint'],
    ['request_id', 'text'],
    ['status', 'text'],
    ['product_id', 'bigint'],
    ['sku_id', 'bigint'],
    ['mall_item_id', 'bigint'],
    ['qty', 'int'],
    ['product_name', 'text'],
    ['sku_label', 'text'],
    ['category_id', 'bigint'],
    ['list_price_fen', 'int'],
    ['unit_price_fen', 'int'],
    ['flash_sale_id', 'bigint'],
    ['coupon_id', 'bigint'],
    ['coupon_discount_fen', 'int'],
    ['total_fen', 'int'],
    ['shipping_fen', 'int'],
    ['member_day', 'boolean'],
    ['night_market', 'boolean'],
    ['created_at', 'timestamptz'],
    ['expires_at', 'timestamptz'],
    ['paid_at', 'timestamptz'],
    ['cancelled_at', 'timestamptz'],
    ['refunded_at', 'timestamptz'],
  ];
  const orders = new BulkInsert(db, 'orders', orderColumns, 20_000);
  const views = new BulkInsert(db, 'product_views', [
    ['member_id', 'bigint'],
    ['product_id', 'bigint'],
    ['day', 'date'],
  ]);
  const draws = new BulkInsert(db, 'lottery_draws', [
    ['campaign_id', 'bigint'],
    ['member_id', 'bigint'],
    ['request_id', 'text'],
    ['prize_id', 'bigint'],
    ['created_at', 'timestamptz'],
  ]);
  const redemptions = new BulkInsert(db, 'mall_redemptions', [
    ['item_id', 'bigint'],
    ['member_id', 'bigint'],
    ['request_id', 'text'],
    ['points', 'int'],
    ['fulfilment', 'text'],
    ['created_at', 'timestamptz'],
  ]);
  const ledger = new BulkInsert(db, 'points_ledger', [
    ['id', 'bigint'],
    ['member_id', 'bigint'],
    ['delta', 'int'],
    ['balance_after', 'int'],
    ['source', 'text'],
    ['source_id', 'text'],
    ['created_at', 'timestamptz'],
  ]);
  const lots = new BulkInsert(db, 'points_lots', [
    ['member_id', 'bigint'],
    ['ledger_id', 'bigint'],
    ['expires_on', 'date'],
    ['amount', 'int'],
    ['remaining', 'int'],
  ]);
  const shares = new BulkInsert(db, 'shares', [
    ['id', 'text'],
    ['sharer_id', 'bigint'],
    ['kind', 'text'],
    ['product_id', 'bigint'],
    ['created_at', 'timestamptz'],
  ]);
  const groups = new BulkInsert(db, 'group_visits', [
    ['group_id', 'text'],
    ['member_id', 'bigint'],
    ['day', 'date'],
  ]);
  const product = new Map(data.products.map((p) => [p.id, p]));
  const sku = new Map(data.skus.map((s) => [s.id, s]));
  let orderNo = 0;
  let ledgerId = 0;
  // What other rows point at goes first: coupons (orders) and ledger rows (lots).
  for (const m of data.members) {
    for (const o of m.orders) {
      if (o.couponId !== null) {
        await coupons.add(o.couponId, 1, m.id, `SEG${o.couponId}`, 'admin', `seg:${o.couponId}`, ts(o.at - DAY_MIN), date(-500), date(100));
      }
    }
    for (const lot of m.lots) await ledger.add(++ledgerId, m.id, lot.amount, lot.amount, 'seed', `seg:${ledgerId}`, ts(-100 * DAY_MIN));
  }
  await coupons.flush();
  await ledger.flush();
  ledgerId = 0;
  for (const m of data.members) {
    for (const t of m.visits) await visits.add(m.id, date(t));
    for (const { day, streak } of streaksOf(m.checkins)) {
      await checkins.add(m.id, date(day), streak, m.makeups.has(day) ? 0 : 5, m.makeups.has(day) ? 'makeup' : 'checkin', ts(day * DAY_MIN + 480));
    }
    for (const o of m.orders) {
      const paid = o.status !== 'cancelled' && o.status !== 'pending';
      const p = o.productId === null ? null : product.get(o.productId)!;
      const s = o.skuId === null ? null : sku.get(o.skuId)!;
      await orders.add(
        m.id,
        `seg-${++orderNo}`,
        o.status,
        o.productId,
        o.skuId,
        o.mall ? 1 : null,
        o.qty,
        p?.name ?? '帆布袋',
        s ? `${s.color} ${s.size}` : '',
        p?.categoryId ?? null,
        o.listFen,
        o.unitFen,
        o.flashSaleId,
        o.couponId,
        o.couponDiscountFen,
        o.unitFen * o.qty - o.couponDiscountFen + o.shippingFen,
        o.shippingFen,
        o.memberDay,
        o.night,
        ts(o.at - 3),
        ts(o.at + 27),
        paid ? ts(o.at) : null,
        o.status === 'cancelled' ? ts(o.at + 27) : null,
        o.status === 'refunded' ? ts(o.at + DAY_MIN) : null,
      );
    }
    for (const [k, t] of m.viewDays.entries()) await views.add(m.id, m.viewProducts[k], date(t));
    for (const [k, at] of m.draws.entries()) await draws.add(1, m.id, `d${k}`, 1, ts(at));
    for (const [k, at] of m.redemptions.entries()) await redemptions.add(1, m.id, `r${k}`, 100, 'done', ts(at));
    for (const lot of m.lots) await lots.add(m.id, ++ledgerId, lot.expiresT === null ? null : date(lot.expiresT), lot.amount, lot.remaining);
    for (const s of m.shares) await shares.add(s.id, m.id, s.kind, s.productId, ts(s.at));
    for (const [k, t] of m.groupDays.entries()) await groups.add(m.groupIds[k], m.id, date(t));
  }
  for (const b of [visits, checkins, orders, lots, views, draws, redemptions, shares, groups]) await b.flush();

  const clicks = new BulkInsert(db, 'share_clicks', [
    ['share_id', 'text'],
    ['viewer_id', 'bigint'],
    ['first_clicked_at', 'timestamptz'],
    ['last_clicked_at', 'timestamptz'],
  ]);
  for (const c of data.clicks) await clicks.add(c.shareId, c.viewerId, ts(c.first), ts(c.last));
  await clicks.flush();
  const referrals = new BulkInsert(db, 'referrals', [
    ['invitee_id', 'bigint'],
    ['inviter_id', 'bigint'],
    ['share_id', 'text'],
    ['created_at', 'timestamptz'],
    ['rewarded_at', 'timestamptz'],
  ]);
  for (const x of data.referrals) await referrals.add(x.inviteeId, x.inviterId, x.shareId, ts(x.at), x.rewardedAt === null ? null : ts(x.rewardedAt));
  await referrals.flush();

  for (const table of ['members', 'categories', 'products', 'product_skus', 'flash_sales', 'coupons', 'coupon_templates', 'points_ledger', 'lottery_campaigns', 'lottery_prizes', 'mall_items']) {
    await db.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
  // Statistics, as autovacuum would have them on a live database: without them the planner
  // guesses 200 rows per aggregate and nests loops over the read model's joins.
  await db.exec(
    `analyze members, member_visits, checkins, orders, coupons, product_views, lottery_draws, mall_redemptions, points_lots,
       shares, share_clicks, referrals, group_visits, product_skus, products, categories`,
  );
}

/** Each check-in day with its streak: consecutive days (check-ins and 补签 alike) run on. */
export function streaksOf(days: number[]): Array<{ day: number; streak: number }> {
  const out: Array<{ day: number; streak: number }> = [];
  for (const [i, day] of days.entries()) {
    const before = out[i - 1];
    out.push({ day, streak: before && before.day === day - 1 ? before.streak + 1 : 1 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The reference.

/** What the nightly run must give a member: the read model with scores, churn and layer, and the rule tags. */
export interface ReferenceMember {
  facts: MemberFacts;
  tags: Set<string>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The most frequent value; ties go to the smaller text. */
function topOf(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount || (n === bestCount && best !== null && v < best)) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n * 1000) / of) / 1000);

/** The read model of every member with facts (role member, not deleted), before scores and layers. */
export function referenceFacts(data: SegmentationData): Map<string, MemberFacts> {
  const D = data.day;
  const date = (t: number) => addDays(D, t);
  const dayOf = (stamp: number) => Math.floor(stamp / DAY_MIN);
  const inWindow = (t: number, n: number) => t > -n && t <= 0;
  const product = new Map(data.products.map((p) => [p.id, p]));
  const category = new Map(data.categories.map((c) => [c.id, c]));
  const sku = new Map(data.skus.map((s) => [s.id, s]));

  const clickers = new Map<number, Set<number>>();
  for (const c of data.clicks) {
    const t = dayOf(c.first);
    if (!inWindow(t, 30)) continue;
    if (!clickers.has(c.sharerId)) clickers.set(c.sharerId, new Set());
    clickers.get(c.sharerId)!.add(c.viewerId);
  }
  const invites = new Map<number, number>();
  for (const x of data.referrals) {
    if (x.rewardedAt !== null && dayOf(x.rewardedAt) <= 0) invites.set(x.inviterId, (invites.get(x.inviterId) ?? 0) + 1);
  }

  const out = new Map<string, MemberFacts>();
  for (const m of data.members) {
    if (m.role !== 'member' || m.deleted) continue;
    const visits = m.visits.filter((t) => t <= 0);
    const checkins = streaksOf(m.checkins).filter((c) => c.day <= 0);
    const realCheckins = checkins.filter((c) => !m.makeups.has(c.day));
    const paid = m.orders
      .filter((o) => !o.mall && (o.status === 'paid' || o.status === 'completed' || o.status === 'refunding') && dayOf(o.at) <= 0)
      .map((o) => ({ ...o, t: dayOf(o.at) }));
    const paid365 = paid.filter((o) => inWindow(o.t, 365));
    const paid90 = paid.filter((o) => inWindow(o.t, 90));
    const goods = (o: GenOrder) => o.unitFen * o.qty - o.couponDiscountFen;

    const active = uniqueSorted([
      ...visits.filter((t) => inWindow(t, 90)),
      ...realCheckins.filter((c) => inWindow(c.day, 90)).map((c) => c.day),
      ...paid90.map((o) => o.t),
    ]);
    const gaps = active.slice(1).map((t, i) => t - active[i]!);
    const lastVisit = visits.length ? Math.max(...visits) : null;
    const lastCheckin = realCheckins.length ? Math.max(...realCheckins.map((c) => c.day)) : null;
    const lastOrder = paid.length ? Math.max(...paid.map((o) => o.t)) : null;
    const firstOrder = paid.length ? Math.min(...paid.map((o) => o.t)) : null;
    const lastActive = [lastVisit, lastCheckin, lastOrder].filter((x): x is number => x !== null);
    const latest = checkins[checkins.length - 1];
    const qty365 = paid365.reduce((s, o) => s + o.qty, 0);
    const avgItem = qty365 === 0 ? null : Math.round(paid365.reduce((s, o) => s + o.unitFen * o.qty, 0) / qty365);
    const views30 = m.viewDays.map((t, k) => ({ t, product: product.get(m.viewProducts[k]!)! })).filter((v) => inWindow(v.t, 30));
    const o365 = paid365.length;

    out.set(String(m.id), {
      memberId: String(m.id),
      day: D,
      joinedOn: date(dayOf(m.joinedAt)),
      source: m.source ?? 'direct',
      tier: m.tier,
      birthdayMonth: m.birthday === null ? null : Number(m.birthday.slice(5, 7)),
      guideId: m.guideId === null ? null : String(m.guideId),
      lastVisitOn: lastVisit === null ? null : date(lastVisit),
      visitDays7: visits.filter((t) => inWindow(t, 7)).length,
      visitDays30: visits.filter((t) => inWindow(t, 30)).length,
      checkins30: checkins.filter((c) => inWindow(c.day, 30)).length,
      checkins90: checkins.filter((c) => inWindow(c.day, 90)).length,
      currentStreak: latest && latest.day >= -1 ? latest.streak : 0,
      longestStreak: checkins.reduce((s, c) => Math.max(s, c.streak), 0),
      orders90: paid90.length,
      orders365: o365,
      gmv90Fen: paid90.reduce((s, o) => s + goods(o), 0),
      gmv365Fen: paid365.reduce((s, o) => s + goods(o), 0),
      firstOrderOn: firstOrder === null ? null : date(firstOrder),
      lastOrderOn: lastOrder === null ? null : date(lastOrder),
      lastActiveOn: lastActive.length ? date(Math.max(...lastActive)) : null,
      activeDays90: active.length,
      medianIntervalDays: gaps.length ? Math.round(median(gaps) * 10) / 10 : null,
      categoriesBought: [...new Set(paid365.map((o) => category.get(product.get(o.productId!)!.categoryId)!.name))].sort(),
      categoriesViewed: [...new Set(views30.map((v) => category.get(v.product.categoryId)!.name))].sort(),
      newLaunchViews30: views30.filter((v) => {
        const launch = v.product.launch;
        return launch !== null && dayOf(launch.starts) <= v.t && (launch.ends === null || dayOf(launch.ends) >= v.t);
      }).length,
      topSize: topOf(paid365.map((o) => sku.get(o.skuId!)!.size)),
      topColor: topOf(paid365.map((o) => sku.get(o.skuId!)!.color)),
      avgOrderFen: avgItem,
      priceBand: priceBandOf(avgItem),
      couponShare: share(paid365.filter((o) => o.couponId !== null).length, o365),
      memberDayShare: share(paid365.filter((o) => o.memberDay).length, o365),
      flashShare: share(paid365.filter((o) => o.flashSaleId !== null).length, o365),
      nightShare: share(paid365.filter((o) => o.night).length, o365),
      lotteryDraws30: m.draws.filter((s) => inWindow(dayOf(s), 30)).length,
      redemptions365: m.redemptions.filter((s) => inWindow(dayOf(s), 365)).length,
      pointsBalance: m.lots.reduce((s, l) => s + l.remaining, 0),
      pointsExpiring30: m.lots.filter((l) => l.remaining > 0 && l.expiresT !== null && l.expiresT >= 0 && l.expiresT <= 30).reduce((s, l) => s + l.remaining, 0),
      shares30: m.shares.filter((s) => inWindow(dayOf(s.at), 30)).length,
      shareClicks30: clickers.get(m.id)?.size ?? 0,
      invitesRewarded: invites.get(m.id) ?? 0,
      groupsSeen90: new Set(m.groupIds.filter((_, k) => inWindow(m.groupDays[k]!, 90))).size,
      rScore: null,
      fScore: null,
      mScore: null,
      churnRisk: false,
      churnReason: null,
      layer: 'regular',
    });
  }
  return out;
}

/** The brand's rule tags as the run makes them: from the active categories, the sizes of active products, the tiers. */
export function referenceRuleTags(data: SegmentationData, brand: BrandSettings): Array<TagDefinition & { rule: RuleNode }> {
  // One tag per distinct name and size, in the order of their first position; one-size goods ('') make none.
  const byFirstPosition = (positions: Map<string, number>) =>
    [...positions].sort(([a, pa], [b, pb]) => pa - pb || (a < b ? -1 : a > b ? 1 : 0)).map(([value]) => value);
  const categories = new Map<string, number>();
  for (const c of data.categories) if (c.active) categories.set(c.name, Math.min(categories.get(c.name) ?? Infinity, c.position));
  const active = new Set(data.products.filter((p) => p.active).map((p) => p.id));
  const sizes = new Map<string, number>();
  for (const s of data.skus) if (active.has(s.productId) && s.size !== '') sizes.set(s.size, Math.min(sizes.get(s.size) ?? Infinity, s.position));
  return defaultTags({
    categories: byFirstPosition(categories),
    sizes: byFirstPosition(sizes),
    tiers: brand.tiers.map((t) => ({ key: t.key, name: t.name })),
  }).filter((t): t is TagDefinition & { rule: RuleNode } => t.rule !== null);
}

/**
 * The whole reference: the read model, then RFM quintiles (ntile over members with a paid order
 * in 365 days, by last order day / order count / GMV, ties by member id), the churn flag
 * (churnState), the layer (layerOf) and the rule tags (matchesRule).
 */
export function referenceSegmentation(data: SegmentationData, brand: BrandSettings): Map<string, ReferenceMember> {
  const settings = brand.segmentation;
  const facts = referenceFacts(data);
  const buyers = [...facts.values()].filter((f) => f.orders365 > 0);
  const byId = (a: MemberFacts, b: MemberFacts) => Number(a.memberId) - Number(b.memberId);
  const quintiles = (compare: (a: MemberFacts, b: MemberFacts) => number, set: (f: MemberFacts, score: number) => void) => {
    const ordered = [...buyers].sort((a, b) => compare(a, b) || byId(a, b));
    const scores = ntile(ordered.length, 5);
    ordered.forEach((f, i) => set(f, scores[i]!));
  };
  quintiles(
    (a, b) => (a.lastOrderOn! < b.lastOrderOn! ? -1 : a.lastOrderOn! > b.lastOrderOn! ? 1 : 0),
    (f, s) => (f.rScore = s),
  );
  quintiles(
    (a, b) => a.orders365 - b.orders365,
    (f, s) => (f.fScore = s),
  );
  quintiles(
    (a, b) => a.gmv365Fen - b.gmv365Fen,
    (f, s) => (f.mScore = s),
  );

  const tags = referenceRuleTags(data, brand);
  const out = new Map<string, ReferenceMember>();
  for (const f of facts.values()) {
    const since = (day: string | null) => (day === null ? null : daysBetween(day, f.day));
    const churn = churnState({ daysSinceActive: since(f.lastActiveOn), activeDays90: f.activeDays90, medianIntervalDays: f.medianIntervalDays }, settings);
    f.churnRisk = churn.risk;
    f.churnReason = churn.reason;
    f.layer = layerOf(
      {
        daysSinceJoined: daysBetween(f.joinedOn, f.day),
        daysSinceFirstOrder: since(f.firstOrderOn),
        daysSinceActive: since(f.lastActiveOn),
        churnRisk: churn.risk,
        rfm: f.rScore === null ? null : { r: f.rScore, f: f.fScore!, m: f.mScore! },
      },
      settings,
    );
    const held = new Set(tags.filter((t) => matchesRule(t.rule, { facts: f, tags: new Set() })).map((t) => t.key));
    out.set(f.memberId, { facts: f, tags: held });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading what the run wrote, and comparing.

type FactsRow = Record<string, unknown>;

const num = (v: unknown) => (v === null ? null : Number(v));

/** A member_facts row (all columns) as MemberFacts. */
export function factsFromRow(r: FactsRow): MemberFacts {
  return {
    memberId: String(r.member_id),
    day: r.day as string,
    joinedOn: r.joined_on as string,
    source: r.source as string,
    tier: r.tier as string,
    birthdayMonth: num(r.birthday_month),
    guideId: r.guide_id === null ? null : String(r.guide_id),
    lastVisitOn: r.last_visit_on as string | null,
    visitDays7: Number(r.visit_days_7),
    visitDays30: Number(r.visit_days_30),
    checkins30: Number(r.checkins_30),
    checkins90: Number(r.checkins_90),
    currentStreak: Number(r.current_streak),
    longestStreak: Number(r.longest_streak),
    orders90: Number(r.orders_90),
    orders365: Number(r.orders_365),
    gmv90Fen: Number(r.gmv_90_fen),
    gmv365Fen: Number(r.gmv_365_fen),
    firstOrderOn: r.first_order_on as string | null,
    lastOrderOn: r.last_order_on as string | null,
    lastActiveOn: r.last_active_on as string | null,
    activeDays90: Number(r.active_days_90),
    medianIntervalDays: num(r.median_interval_days),
    categoriesBought: r.categories_bought as string[],
    categoriesViewed: r.categories_viewed as string[],
    newLaunchViews30: Number(r.new_launch_views_30),
    topSize: r.top_size as string | null,
    topColor: r.top_color as string | null,
    avgOrderFen: num(r.avg_order_fen),
    priceBand: r.price_band as string | null,
    couponShare: Number(r.coupon_share),
    memberDayShare: Number(r.member_day_share),
    flashShare: Number(r.flash_share),
    nightShare: Number(r.night_share),
    lotteryDraws30: Number(r.lottery_draws_30),
    redemptions365: Number(r.redemptions_365),
    pointsBalance: Number(r.points_balance),
    pointsExpiring30: Number(r.points_expiring_30),
    shares30: Number(r.shares_30),
    shareClicks30: Number(r.share_clicks_30),
    invitesRewarded: Number(r.invites_rewarded),
    groupsSeen90: Number(r.groups_seen_90),
    rScore: num(r.r_score),
    fScore: num(r.f_score),
    mScore: num(r.m_score),
    churnRisk: r.churn_risk as boolean,
    churnReason: r.churn_reason as string | null,
    layer: r.layer as string,
  };
}

/** Every member's facts row and rule tags as the database holds them. */
export async function readSegmentation(db: Db): Promise<Map<string, ReferenceMember>> {
  const { rows } = await db.query<FactsRow>(`select *, (select day from facts_state) as day from member_facts order by member_id`);
  const out = new Map<string, ReferenceMember>(rows.map((r) => [String(r.member_id), { facts: factsFromRow(r), tags: new Set<string>() }]));
  const tags = await db.query<{ member_id: string; tag_key: string }>(`select member_id, tag_key from member_tags where source = 'rule'`);
  for (const t of tags.rows) {
    const m = out.get(String(t.member_id));
    // A tag on a member without facts shows as a member of its own, so that it is reported.
    if (m) m.tags.add(t.tag_key);
    else out.set(String(t.member_id), { facts: { memberId: String(t.member_id) } as MemberFacts, tags: new Set([t.tag_key]) });
  }
  return out;
}

export interface Mismatches {
  /** Members on one side only. */
  missing: string[];
  extra: string[];
  /** Per field (or 'tags'): how many members differ and the first few. */
  fields: Record<string, { count: number; first: Array<{ memberId: string; sql: unknown; js: unknown }> }>;
}

const normalise = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v instanceof Set ? [...v].sort() : v);

/** Where what the run wrote differs from the reference, member by member and field by field. */
export function mismatches(actual: Map<string, ReferenceMember>, expected: Map<string, ReferenceMember>, show = 5): Mismatches {
  const out: Mismatches = { missing: [], extra: [], fields: {} };
  const note = (field: string, memberId: string, sql: unknown, js: unknown) => {
    const f = (out.fields[field] ??= { count: 0, first: [] });
    f.count++;
    if (f.first.length < show) f.first.push({ memberId, sql, js });
  };
  for (const [id, want] of expected) {
    const got = actual.get(id);
    if (!got) {
      if (out.missing.length < 20) out.missing.push(id);
      continue;
    }
    for (const key of Object.keys(want.facts) as Array<keyof MemberFacts>) {
      const a = normalise(got.facts[key]);
      const b = normalise(want.facts[key]);
      if (JSON.stringify(a) !== JSON.stringify(b)) note(key, id, got.facts[key], want.facts[key]);
    }
    const a = normalise(got.tags);
    const b = normalise(want.tags);
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      note('tags', id, (a as string[]).filter((t) => !want.tags.has(t)), (b as string[]).filter((t) => !got.tags.has(t)));
    }
  }
  for (const id of actual.keys()) if (!expected.has(id) && out.extra.length < 20) out.extra.push(id);
  return out;
}

/** The members a segment rule selects, by the plain evaluator over the reference. */
export function referenceMembers(reference: Map<string, ReferenceMember>, rule: RuleNode): string[] {
  return [...reference.values()]
    .filter((m) => matchesRule(rule, { facts: m.facts, tags: m.tags }))
    .map((m) => m.facts.memberId)
    .sort((a, b) => Number(a) - Number(b));
}
