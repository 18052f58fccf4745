/**
 * The function catalogue: names, actions, params (validated on the server) and results.
 * Shared by the cloud code and the Taro client; the client imports types only.
 */
import { z } from 'zod';
import type { BrandSettings, TierKey } from '../domain/brand-settings';
import { COUPON_CODE_PATTERN } from '../domain/coupon-code';
import { catalogAdminActions, type CatalogAdminResults } from './catalog-admin';

export * from './errors';
export * from './catalog-admin';

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM');
const calendarDay = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date must be YYYY-MM-DD')
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, day)).getUTCDate() === day;
  }, 'no such day');
const noParams = z.object({}).strict();

const id = z.string().regex(/^\d{1,18}$/, 'not an id');
const address = z
  .object({
    name: z.string().trim().min(1).max(20),
    phone: z.string().regex(/^1\d{10}$/, 'phone must be a mainland mobile number'),
    region: z.string().trim().min(2).max(60),
    detail: z.string().trim().min(2).max(120),
  })
  .strict();
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId must be 8-64 letters, digits, _ or -');

const fen = z.number().int().min(0).max(100_000_000);
const isoTime = z.iso.datetime({ offset: true });

const couponTemplateInput = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(30),
    kind: z.enum(['amount_off', 'percent_off']),
    amountOffFen: fen.nullable().default(null),
    percentOff: z.number().int().min(1).max(90).nullable().default(null),
    capFen: fen.nullable().default(null),
    thresholdFen: fen.default(0),
    validFrom: calendarDay.nullable().default(null),
    validUntil: calendarDay.nullable().default(null),
    validDays: z.number().int().min(1).max(3650).nullable().default(null),
    categoryIds: z.array(id).max(50).default([]),
    perMemberLimit: z.number().int().min(1).max(1000).nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();

const prizeInput = z
  .object({
    kind: z.enum(['coupon', 'points', 'goods', 'none']),
    name: z.string().trim().min(1).max(30),
    /** Basis points: all prizes of a campaign add up to 10000 (100%). */
    odds: z.number().int().min(0).max(10_000),
    stock: z.number().int().min(0).max(10_000_000).nullable().default(null),
    dailyCap: z.number().int().min(0).max(10_000_000).nullable().default(null),
    valueFen: z.number().int().min(0),
    couponTemplateId: id.nullable().default(null),
    points: z.number().int().min(1).max(1_000_000).nullable().default(null),
    imageUrl: z.string().max(300).nullable().default(null),
  })
  .strict();

const campaignInput = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(40),
    startsAt: isoTime,
    endsAt: isoTime,
    drawsPerDay: z.number().int().min(1).max(100),
    winsPerDay: z.number().int().min(1).max(100),
    winsPerCampaign: z.number().int().min(1).max(10_000),
    pointsPerExtraDraw: z.number().int().min(1).max(100_000).nullable().default(null),
    rulesText: z.string().max(2000).default(''),
    prizes: z.array(prizeInput).min(2).max(12),
  })
  .strict();

const mallItemInput = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(30),
    description: z.string().max(500).default(''),
    imageUrl: z.string().max(300).nullable().default(null),
    kind: z.enum(['coupon', 'goods']),
    couponTemplateId: id.nullable().default(null),
    pointsPrice: z.number().int().min(1).max(10_000_000),
    cashFen: fen.default(0),
    stock: z.number().int().min(0).max(10_000_000).nullable().default(null),
    perMemberLimit: z.number().int().min(1).max(1000).nullable().default(null),
    minTier: z.enum(['normal', 'silver', 'gold', 'diamond']).default('normal'),
    startsAt: isoTime.nullable().default(null),
    endsAt: isoTime.nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();

/**
 * wx.getGroupEnterInfo's encrypted data from a card opened in a group (scene 1044); the
 * server decrypts it to the group's openGId.
 */
const groupData = z
  .object({ encryptedData: z.string().min(16).max(4096), iv: z.string().min(4).max(64) })
  .strict();
const scene = z.number().int().min(1000).max(9999);
/** Short share ids: they travel in a poster code's scene (≤ 32 characters). */
export const SHARE_ID_PATTERN = /^[A-Za-z0-9]{6,32}$/;
const shareId = z.string().regex(SHARE_ID_PATTERN, 'not a share id');

export type CouponTemplateInput = z.output<typeof couponTemplateInput>;
export type CampaignInput = z.output<typeof campaignInput>;
export type MallItemInput = z.output<typeof mallItemInput>;
export type ShippingAddress = z.output<typeof address>;

export const contract = {
  member: {
    profile: noParams,
    /**
     * Personal details, only after privacy consent (consentVersion records it first, in the same
     * call if given). The birthday is set once by the member; later changes only by an admin.
     */
    update: z
      .object({
        nickname: z.string().trim().min(1).max(20).optional(),
        /** From chooseAvatar, uploaded first: /media/<id> (Node server) or cloud:// (WeChat cloud). */
        avatarUrl: z
          .string()
          .max(300)
          .regex(/^(\/media\/\d{1,18}|cloud:\/\/[\w./-]+|https:\/\/[\w./%-]+)$/)
          .optional(),
        birthday: calendarDay.optional(),
        consentVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      })
      .strict(),
    /** Withdraws privacy consent: nickname, avatar and birthday are erased. */
    withdrawConsent: noParams,
    /** The tier card: tier, growth, progress, keep-tier, benefits of every tier. */
    tier: noParams,
  },
  checkin: {
    status: z.object({ month: yearMonth.optional() }).strict(),
    /** scene: the WeChat entry scene (1044 = a card opened in a group). */
    do: z.object({ scene: z.number().int().min(1000).max(9999).optional(), groupData: groupData.optional() }).strict(),
    /** 补签 a missed day of this month. */
    makeup: z.object({ date: calendarDay }).strict(),
    /**
     * 明天提醒我: the member accepted (or refused) the one-time check-in reminder subscription
     * (wx.requestSubscribeMessage, asked on the tap). Each acceptance sends at most one reminder.
     */
    subscribeReminder: z.object({ accepted: z.boolean() }).strict(),
  },
  points: {
    balance: noParams,
    ledger: z
      .object({
        cursor: z.string().regex(/^\d{1,18}$/).optional(),
        limit: z.number().int().min(1).max(50).optional(),
      })
      .strict(),
  },
  lottery: {
    /** The campaign open now, with its prizes, odds, rules and my chances; null when none. */
    current: noParams,
    /** One draw: uses a check-in chance, or points when payWithPoints and the campaign allows it. */
    draw: z.object({ campaignId: id, requestId, payWithPoints: z.boolean().optional() }).strict(),
    awards: z.object({ cursor: id.optional() }).strict(),
    /** Where to send a physical prize. */
    setAddress: z.object({ awardId: id, address }).strict(),
  },
  mall: {
    list: noParams,
    redeem: z.object({ itemId: id, requestId }).strict(),
    /** My redemptions, newest first: goods wait here for an address until one is given. */
    redemptions: noParams,
    setAddress: z.object({ redemptionId: id, address }).strict(),
  },
  coupon: {
    mine: z.object({ status: z.enum(['available', 'used', 'expired']).optional() }).strict(),
    /** 核销 (guides and admins): a code scanned or typed at the till, once. */
    verify: z.object({ code: z.string().trim().toUpperCase().pipe(z.string().regex(COUPON_CODE_PATTERN, 'not a coupon code')), store: z.string().trim().min(1).max(40).optional() }).strict(),
  },
  catalog: {
    /** 首页: banners, new launches, flash sales, tonight's night market (null when closed), categories. */
    home: noParams,
    list: z.object({ categoryId: id.optional(), cursor: z.string().regex(/^\d{1,9}$/).optional() }).strict(),
    /** A product with its SKUs and my member price. */
    detail: z.object({ productId: id }).strict(),
  },
  order: {
    /** The price the server would charge (member price, member day, coupon) and my usable coupons. */
    quote: z.object({ skuId: id, qty: z.number().int().min(1).max(99), couponId: id.optional() }).strict(),
    /**
     * Prices the order and reserves stock (and the coupon) until it is paid or cancelled.
     * expectedTotalFen: the total the member saw (from quote); a different price is refused (PRICE_CHANGED).
     */
    create: z
      .object({ skuId: id, qty: z.number().int().min(1).max(99), couponId: id.optional(), expectedTotalFen: fen.optional(), requestId })
      .strict(),
    /** Starts payment: sandbox locally, WeChat Pay in production. */
    pay: z.object({ orderId: id }).strict(),
    detail: z.object({ orderId: id }).strict(),
    cancel: z.object({ orderId: id }).strict(),
    mine: z.object({ cursor: id.optional() }).strict(),
  },
  share: {
    /** A product card (productId) or an invite (no productId). */
    create: z.object({ productId: id.optional() }).strict(),
    /** A click: who opened which share, from which scene and, in a group, which group. */
    open: z.object({ shareId, scene: scene.optional(), groupData: groupData.optional() }).strict(),
    /** The poster's code: wxacode.getUnlimited in production, a QR code of the H5 link locally. */
    code: z.object({ shareId }).strict(),
  },
  /** Store guides (role guide; admins may look too). */
  guide: {
    dashboard: z.object({ days: z.union([z.literal(1), z.literal(7), z.literal(30)]).optional() }).strict(),
    members: z.object({ cursor: id.optional() }).strict(),
  },
  referral: {
    /** My invites: friends, rewards, honour title. */
    mine: noParams,
    leaderboard: z.object({ month: yearMonth.optional() }).strict(),
  },
  /** Operations staff only (role admin). */
  admin: {
    /** Refunds a paid order in full: points and growth are reversed through their ledgers. */
    refundOrder: z.object({ orderId: id, reason: z.string().trim().min(2).max(200) }).strict(),
    configGet: noParams,
    /** The whole settings object; checked against the settings schema on the server. */
    configSet: z.object({ settings: z.record(z.string(), z.unknown()) }).strict(),
    /** Puts a coupon into a member's wallet; requestId makes a retry safe. */
    issueCoupon: z.object({ templateId: id, targetMemberId: id, requestId }).strict(),
    /** A manual points change with its reason; requestId makes a retry safe. */
    adjustPoints: z
      .object({
        targetMemberId: id,
        delta: z.number().int().min(-1_000_000).max(1_000_000).refine((d) => d !== 0, 'delta must not be 0'),
        reason: z.string().trim().min(2).max(200),
        requestId,
      })
      .strict(),
    couponTemplates: noParams,
    saveCouponTemplate: z.object({ template: couponTemplateInput }).strict(),
    campaigns: noParams,
    /** Refused when the odds do not add up to 100% or the top prize is worth more than ¥50,000. */
    saveCampaign: z.object({ campaign: campaignInput }).strict(),
    mallItems: noParams,
    saveMallItem: z.object({ item: mallItemInput }).strict(),
    /** Categories, products with SKUs, flash sales, banners (contract/catalog-admin.ts). */
    ...catalogAdminActions,
  },
} as const;

export type { BrandSettings, TierKey } from '../domain/brand-settings';

export interface PointsAdjustment {
  ledgerId: string;
  targetMemberId: string;
  delta: number;
  balance: number;
  reason: string;
}

export type Role = 'member' | 'guide' | 'admin';

export interface MemberProfile {
  id: string;
  nickname: string | null;
  avatarUrl: string | null;
  role: Role;
  pointsBalance: number;
  tier: { key: TierKey; name: string };
  /** Brand-time day the member joined, YYYY-MM-DD. */
  joinedOn: string;
  birthday: string | null;
  /** The privacy consent the member gave, if any. */
  consent: { version: string; at: string } | null;
  /** The consent version in force: ask again when the member's is older or missing. */
  consentVersionRequired: string;
  /** Unused reminder acceptances (明天提醒我 already on when > 0). */
  pendingReminders: number;
}

/**
 * checked: checked in that day; made_up: 补签 afterwards; missed: a past day (since joining)
 * without a check-in; today: today, not yet checked in; future: later this month;
 * before_join: before the member joined.
 */
export type CalendarDayState = 'checked' | 'made_up' | 'missed' | 'today' | 'future' | 'before_join';

export interface CalendarDay {
  date: string;
  state: CalendarDayState;
}

export interface CheckinStatus {
  /** Today's business day in brand time, YYYY-MM-DD. */
  today: string;
  checkedInToday: boolean;
  /** Consecutive days up to today (or up to yesterday when today is not checked in yet). */
  streak: number;
  /** Points a check-in today gives (or gave), member-day multiplier included. */
  pointsPerCheckin: number;
  /** Today is the brand's 会员日. */
  memberDay: boolean;
  memberDayMultiplier: number;
  /** The next streak milestone and how many more check-ins reach it; null past the last. */
  nextMilestone: { days: number; bonusPoints: number; daysLeft: number } | null;
  makeup: { remainingThisMonth: number; costPoints: number };
  month: string;
  days: CalendarDay[];
}

export interface CheckinResult {
  date: string;
  /** true when today was already checked in: nothing changed. */
  alreadyCheckedIn: boolean;
  /** Check-in points, member-day multiplier included (milestone bonus not included). */
  pointsGained: number;
  /** Bonus for reaching a streak milestone today, else null. */
  milestone: { days: number; bonusPoints: number; couponName: string | null } | null;
  lotteryChances: number;
  memberDay: boolean;
  streak: number;
  balance: number;
  /** Set when this check-in's growth value reached a higher tier. */
  upgradedTo: { key: TierKey; name: string } | null;
}

export interface TierBenefits {
  pointsMultiplier: number;
  memberDayMultiplier: number;
  birthdayPoints: number;
  memberPriceRate: number;
  freeShipping: boolean;
}

export interface TierCard {
  tier: { key: TierKey; name: string };
  /** Growth value over the window (成长值). */
  growth: number;
  windowMonths: number;
  next: { key: TierKey; name: string; threshold: number; needed: number } | null;
  /** What keeps the current tier at its anniversary; null for the base tier. */
  keep: { threshold: number; needed: number; on: string } | null;
  tiers: Array<{ key: TierKey; name: string; threshold: number; keep: number; benefits: TierBenefits }>;
}

export type CouponState = 'available' | 'used' | 'expired' | 'not_yet';

export interface CouponView {
  id: string;
  name: string;
  kind: 'amount_off' | 'percent_off';
  amountOffFen: number | null;
  percentOff: number | null;
  capFen: number | null;
  thresholdFen: number;
  /** Shown as text and as a QR code at the till. */
  code: string;
  state: CouponState;
  validFrom: string;
  validUntil: string;
  source: 'mall' | 'lottery' | 'milestone' | 'birthday' | 'admin' | 'welcome' | 'referral';
  usedAt: string | null;
}

export interface CouponVerification {
  couponId: string;
  code: string;
  name: string;
  memberNickname: string | null;
  verifiedAt: string;
  store: string | null;
}

export type PrizeKind = 'coupon' | 'points' | 'goods' | 'none';

export interface PrizeView {
  id: string;
  position: number;
  kind: PrizeKind;
  name: string;
  /** The odds shown to members, in percent (25 = 25%). */
  oddsPercent: number;
  /** Total count of this prize in the campaign; null = unlimited. */
  total: number | null;
  imageUrl: string | null;
}

export interface LotteryCampaignView {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  rulesText: string;
  limits: { drawsPerDay: number; winsPerDay: number; winsPerCampaign: number };
  pointsPerExtraDraw: number | null;
  prizes: PrizeView[];
  myChances: number;
  myDrawsToday: number;
}

export interface AwardView {
  id: string;
  drawnAt: string;
  prize: { id: string; kind: PrizeKind; name: string };
  coupon: CouponView | null;
  points: number | null;
  fulfilment: 'done' | 'pending_address' | 'to_ship' | 'shipped';
  address: ShippingAddress | null;
}

export interface DrawResult {
  drawId: string;
  /** The prize the server chose; the machine's animation stops on its position. */
  prize: { id: string; position: number; kind: PrizeKind; name: string };
  won: boolean;
  award: AwardView | null;
  chancesLeft: number;
  balance: number;
}

export interface MallItemView {
  id: string;
  name: string;
  description: string;
  imageUrl: string | null;
  kind: 'coupon' | 'goods';
  pointsPrice: number;
  cashFen: number;
  /** Left in stock; null = unlimited. */
  remaining: number | null;
  perMemberLimit: number | null;
  myRedeemed: number;
  minTier: { key: TierKey; name: string };
  /** Why I cannot redeem it now, or null. */
  blockedBy: 'TIER_REQUIRED' | 'OUT_OF_STOCK' | 'REDEEM_LIMIT' | 'NOT_IN_WINDOW' | 'INSUFFICIENT_POINTS' | null;
  startsAt: string | null;
  endsAt: string | null;
}

export interface RedeemResult {
  /** null while a 加钱换购 order waits for its payment (the redemption is made when it is paid). */
  redemptionId: string | null;
  item: { id: string; name: string };
  points: number;
  balance: number;
  coupon: CouponView | null;
  needsAddress: boolean;
  /**
   * 加钱换购: the order to pay for the cash part. The points are already taken and the item held;
   * unpaid, the order is cancelled after `orders.unpaidMinutes` and both come back.
   */
  order: OrderView | null;
}

export interface RedemptionView {
  redemptionId: string;
  item: { id: string; name: string; kind: 'coupon' | 'goods' };
  points: number;
  createdAt: string;
  /** cancelled: a 加钱换购 refunded (its coupon voided, the goods not sent). */
  fulfilment: 'done' | 'pending_address' | 'to_ship' | 'shipped' | 'cancelled';
  address: ShippingAddress | null;
}

export interface CouponTemplateView extends CouponTemplateInput {
  id: string;
}

export interface CampaignAdminView extends Omit<CampaignInput, 'prizes'> {
  id: string;
  prizes: Array<CampaignInput['prizes'][number] & { id: string; position: number; awarded: number; oddsPercent: number }>;
}

export interface MallItemAdminView extends MallItemInput {
  id: string;
  redeemed: number;
}

export interface MakeupResult {
  date: string;
  costPoints: number;
  /** The streak as of today after the make-up joined the days around it. */
  streak: number;
  balance: number;
  remainingThisMonth: number;
}

export interface PointsBalance {
  balance: number;
  /** 本月即将过期: points whose lots end this month. */
  expiringThisMonth: number;
  /** Last day of this month (brand time), when those points expire. */
  expiringOn: string;
}

/** Grows with each capability (orders, redemptions …). */
export type PointsSource =
  | 'checkin'
  | 'streak_bonus'
  | 'makeup'
  | 'expire'
  | 'admin_adjust'
  | 'birthday'
  | 'redeem'
  | 'lottery'
  | 'lottery_draw'
  | 'order'
  | 'refund'
  | 'referral';

export interface LedgerEntry {
  id: string;
  source: PointsSource;
  delta: number;
  balanceAfter: number;
  note: string | null;
  /** ISO 8601 with the brand's offset. */
  createdAt: string;
}

export interface LedgerPage {
  items: LedgerEntry[];
  nextCursor: string | null;
}

export interface CategoryView {
  id: string;
  name: string;
  imageUrl: string | null;
}

export interface FlashSaleView {
  id: string;
  priceFen: number;
  startsAt: string;
  endsAt: string;
  total: number;
  remaining: number;
  perMemberLimit: number;
  /** upcoming: later today or soon; live: buy now at the flash price. */
  state: 'upcoming' | 'live' | 'sold_out';
}

export interface ProductCard {
  id: string;
  name: string;
  subtitle: string;
  imageUrl: string | null;
  categoryId: string;
  /** The lowest list price over the SKUs. */
  priceFen: number;
  /** The lowest price for my tier (and member day, when it is today). */
  memberPriceFen: number;
  /** In its 新款首发 window now. */
  isNew: boolean;
  /** Every SKU is out of stock. */
  soldOut: boolean;
  flashSale: FlashSaleView | null;
}

export interface SkuView {
  id: string;
  size: string;
  color: string;
  /** "黑色 / M" */
  label: string;
  priceFen: number;
  memberPriceFen: number;
  stock: number;
}

export interface ProductDetail extends ProductCard {
  images: string[];
  description: string;
  category: { id: string; name: string };
  skus: SkuView[];
  launch: { startsAt: string; endsAt: string } | null;
  /** What makes up my member price. */
  pricing: { tier: { key: TierKey; name: string }; memberPriceRate: number; memberDay: boolean; memberDayRate: number | null };
}

export interface NightMarketView {
  category: { id: string; name: string };
  /** When tonight's market opened and when it closes (brand time, ISO). */
  opensAt: string;
  closesAt: string;
  products: ProductCard[];
}

export interface HomeView {
  banners: Array<{ id: string; title: string; imageUrl: string; productId: string | null }>;
  newLaunches: ProductCard[];
  /** Flash sales live now or starting within the next 24 hours. */
  flashSales: ProductCard[];
  nightMarket: NightMarketView | null;
  categories: CategoryView[];
  memberDay: boolean;
}

export interface ProductPage {
  items: ProductCard[];
  nextCursor: string | null;
}

export interface PriceBreakdown {
  listPriceFen: number;
  unitPriceFen: number;
  qty: number;
  memberDiscountFen: number;
  memberDayDiscountFen: number;
  couponDiscountFen: number;
  totalFen: number;
  flashSale: boolean;
}

export interface OrderQuote extends PriceBreakdown {
  sku: SkuView;
  product: { id: string; name: string; imageUrl: string | null };
  coupon: { id: string; name: string } | null;
  /** My coupons that apply to this order, best first. */
  usableCoupons: Array<{ id: string; name: string; discountFen: number }>;
  /** Points the order earns when paid (tier and member-day multipliers included). */
  pointsToEarn: number;
}

export type OrderStatus = 'pending' | 'paid' | 'cancelled' | 'refunded';

export interface OrderView extends PriceBreakdown {
  id: string;
  /** product: from the shop; mall: 加钱换购 of a points-mall item (product.id is the item's id). */
  kind: 'product' | 'mall';
  status: OrderStatus;
  product: { id: string; name: string; imageUrl: string | null };
  /** Points paid with the cash (加钱换购); 0 for shop orders. */
  pointsPrice: number;
  skuLabel: string;
  coupon: { id: string; name: string } | null;
  pointsEarned: number;
  createdAt: string;
  /** Pending orders are cancelled at this time unless paid. */
  expiresAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  refundedAt: string | null;
}

export interface PaymentStart {
  orderId: string;
  totalFen: number;
  /** sandbox: show a confirm step, then post the token to /api/pay/sandbox/confirm. */
  provider: 'sandbox' | 'wechat';
  sandbox: { token: string } | null;
  /** wechat: the arguments of wx.requestPayment. */
  wechat: { timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string } | null;
}

export interface ShareCreated {
  shareId: string;
  kind: 'product' | 'invite';
  /** The mini-program path with the share id, for onShareAppMessage. */
  path: string;
  title: string;
  imageUrl: string | null;
}

export interface ShareOpened {
  shareId: string;
  kind: 'product' | 'invite';
  productId: string | null;
  sharer: { nickname: string | null; isGuide: boolean };
  /** The group the card was opened in, when known. */
  groupId: string | null;
  /** Set when this open made me the friend of an invite: my welcome coupon, if the brand gives one. */
  welcome: { coupon: CouponView | null } | null;
}

export interface ShareCode {
  shareId: string;
  /** What the code carries: the share id (the scene of wxacode.getUnlimited). */
  scene: string;
  /** A PNG as a data URL, drawn into the poster. */
  imageDataUrl: string;
  /** wxacode: a mini-program code; qr: a QR code of the H5 link (local development). */
  kind: 'wxacode' | 'qr';
}

export interface ShareStats {
  shareId: string;
  product: { id: string; name: string; imageUrl: string | null } | null;
  createdAt: string;
  /** Distinct viewers (UV). */
  clicks: number;
  orders: number;
  gmvFen: number;
}

export interface GroupStats {
  groupId: string;
  /** Members seen in the group (cards opened there, check-ins from there) in the period. */
  activeMembers: number;
  /** Distinct viewers of my cards opened in the group. */
  clicks: number;
  orders: number;
  gmvFen: number;
  /** Ordering members / clicking members, 0–1. */
  conversion: number;
}

export interface GuideDashboard {
  days: number;
  since: string;
  totals: { shares: number; clicks: number; orders: number; gmvFen: number; members: number; newMembersToday: number };
  shares: ShareStats[];
  groups: GroupStats[];
}

export interface GuideMemberView {
  id: string;
  nickname: string | null;
  avatarUrl: string | null;
  tier: { key: TierKey; name: string };
  boundAt: string;
  paidOrders: number;
  gmvFen: number;
}

export interface GuideMembers {
  items: GuideMemberView[];
  nextCursor: string | null;
  total: number;
  newToday: number;
}

export interface ReferralSummary {
  /** Friends who joined through my invites. */
  invited: number;
  /** Friends whose first check-in / first order rewarded me. */
  rewarded: number;
  rewardOn: 'first_checkin' | 'first_order';
  inviterPoints: number;
  title: string | null;
  nextTitle: { name: string; count: number; needed: number } | null;
  friends: Array<{ nickname: string | null; joinedAt: string; rewarded: boolean }>;
}

export interface Leaderboard {
  month: string;
  items: Array<{ rank: number; nickname: string | null; avatarUrl: string | null; count: number; title: string | null }>;
  me: { rank: number | null; count: number };
}

/** Result type of every action, keyed like `contract`. */
export interface Results {
  member: { profile: MemberProfile; tier: TierCard; update: MemberProfile; withdrawConsent: MemberProfile };
  checkin: { status: CheckinStatus; do: CheckinResult; makeup: MakeupResult; subscribeReminder: { pendingReminders: number } };
  points: { balance: PointsBalance; ledger: LedgerPage };
  lottery: { current: LotteryCampaignView | null; draw: DrawResult; awards: { items: AwardView[]; nextCursor: string | null }; setAddress: AwardView };
  mall: { list: MallItemView[]; redeem: RedeemResult; redemptions: RedemptionView[]; setAddress: { redemptionId: string; fulfilment: 'to_ship' } };
  coupon: { mine: CouponView[]; verify: CouponVerification };
  catalog: { home: HomeView; list: ProductPage; detail: ProductDetail };
  order: {
    quote: OrderQuote;
    create: OrderView;
    pay: PaymentStart;
    detail: OrderView;
    cancel: OrderView;
    mine: { items: OrderView[]; nextCursor: string | null };
  };
  share: { create: ShareCreated; open: ShareOpened; code: ShareCode };
  guide: { dashboard: GuideDashboard; members: GuideMembers };
  referral: { mine: ReferralSummary; leaderboard: Leaderboard };
  admin: CatalogAdminResults & {
    refundOrder: OrderView;
    configGet: BrandSettings;
    configSet: BrandSettings;
    adjustPoints: PointsAdjustment;
    issueCoupon: CouponView;
    couponTemplates: CouponTemplateView[];
    saveCouponTemplate: CouponTemplateView;
    campaigns: CampaignAdminView[];
    saveCampaign: CampaignAdminView;
    mallItems: MallItemAdminView[];
    saveMallItem: MallItemAdminView;
  };
}

export type Contract = typeof contract;
export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
export type Params<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends z.ZodType
  ? z.input<Contract[F][A]>
  : never;
export type Result<F extends FunctionName, A extends ActionName<F>> = A extends keyof Results[F]
  ? Results[F][A]
  : never;
