/**
 * The function catalogue: names, actions, params (validated on the server) and results.
 * Shared by the cloud code and the Taro client; the client imports types only.
 */
import { z } from 'zod';
import type { BrandSettings, TierKey } from '../domain/brand-settings';
import { COUPON_CODE_PATTERN } from '../domain/coupon-code';

export * from './errors';

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
    do: z.object({ scene: z.number().int().min(1000).max(9999).optional() }).strict(),
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
  /** Operations staff only (role admin). */
  admin: {
    configGet: noParams,
    /** The whole settings object; checked against the settings schema on the server. */
    configSet: z.object({ settings: z.record(z.string(), z.unknown()) }).strict(),
    /** A manual points change with its reason; requestId makes a retry safe. */
    /** Puts a coupon into a member's wallet; requestId makes a retry safe. */
    issueCoupon: z.object({ templateId: id, targetMemberId: id, requestId }).strict(),
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
  source: 'mall' | 'lottery' | 'milestone' | 'birthday' | 'admin';
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
  blockedBy: 'TIER_REQUIRED' | 'OUT_OF_STOCK' | 'REDEEM_LIMIT' | 'NOT_IN_WINDOW' | 'INSUFFICIENT_POINTS' | 'CASH_VIA_ORDER' | null;
  startsAt: string | null;
  endsAt: string | null;
}

export interface RedeemResult {
  redemptionId: string;
  item: { id: string; name: string };
  points: number;
  balance: number;
  coupon: CouponView | null;
  needsAddress: boolean;
}

export interface RedemptionView {
  redemptionId: string;
  item: { id: string; name: string; kind: 'coupon' | 'goods' };
  points: number;
  createdAt: string;
  fulfilment: 'done' | 'pending_address' | 'to_ship' | 'shipped';
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
export type PointsSource = 'checkin' | 'streak_bonus' | 'makeup' | 'expire' | 'admin_adjust' | 'birthday' | 'redeem' | 'lottery' | 'lottery_draw';

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

/** Result type of every action, keyed like `contract`. */
export interface Results {
  member: { profile: MemberProfile; tier: TierCard; update: MemberProfile; withdrawConsent: MemberProfile };
  checkin: { status: CheckinStatus; do: CheckinResult; makeup: MakeupResult; subscribeReminder: { pendingReminders: number } };
  points: { balance: PointsBalance; ledger: LedgerPage };
  lottery: { current: LotteryCampaignView | null; draw: DrawResult; awards: { items: AwardView[]; nextCursor: string | null }; setAddress: AwardView };
  mall: { list: MallItemView[]; redeem: RedeemResult; redemptions: RedemptionView[]; setAddress: { redemptionId: string; fulfilment: 'to_ship' } };
  coupon: { mine: CouponView[]; verify: CouponVerification };
  admin: {
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
