/**
 * A brand's rules, stored in the database (brand_settings) and editable by its operations
 * staff. The schema checks every saved value; the defaults are what a new brand starts with.
 */
import { z } from 'zod';
import { text } from '../contract/primitives';
import { isValidTimeZone } from './business-day';
import { DEFAULT_SEGMENTATION, segmentationSettingsSchema } from './value-layers';
import { DEFAULT_GROUP_POINTS, groupPointsSettingsSchema } from './group-points';

/** 普通 / 银卡 / 金卡 / 钻石, lowest first. */
export const TIER_KEYS = ['normal', 'silver', 'gold', 'diamond'] as const;
export type TierKey = (typeof TIER_KEYS)[number];

const ref = z.string().regex(/^\d{1,18}$/);
const templateRef = ref.nullable().default(null);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const milestone = z.object({
  days: z.number().int().min(2).max(3650),
  bonusPoints: z.number().int().min(0).max(100_000),
  /** A coupon given with the bonus, or null. */
  couponTemplateId: templateRef,
});

/**
 * A list's values must rise from one item to the next: each item that does not is named by its
 * path (`[i, key]`), so an editor shows the message at that item's field.
 */
const ascending =
  <T>(key: keyof T & string, message: string) =>
  (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    items.forEach((item, i) => {
      if (i > 0 && !((item[key] as number) > (items[i - 1]![key] as number))) ctx.addIssue({ code: 'custom', message, path: [i, key] });
    });
  };

/** Growth thresholds stay far inside the int sums they are compared with. */
const GROWTH_MAX = 100_000_000;

export const brandSettingsSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, '不是有效的时区'),
    checkin: z.object({
      basePoints: z.number().int().min(0).max(10_000),
      /** Streak lengths that earn a one-off bonus, ascending and distinct. */
      milestones: z
        .array(milestone)
        .max(20)
        .superRefine(ascending('days', '天数需比上一档多')),
      lotteryChancesPerCheckin: z.number().int().min(0).max(10),
      makeupPerMonth: z.number().int().min(0).max(31),
      /** A missed day can be made up during the N days after it (across month ends). */
      makeupWindowDays: z.number().int().min(1).max(31),
      makeupCostPoints: z.number().int().min(0).max(100_000),
      /** Brand-time 'HH:mm' when the check-in reminder goes out. */
      reminderTime: hhmm,
    }),
    points: z.object({
      /** Earned points expire at the end of the Nth month after the month earned; null = never. */
      expiryMonths: z.number().int().min(1).max(120).nullable(),
      /** What a point is worth in fen, for the points liability in yuan (admin.kpis): 1 = 100 积分 per ¥1. */
      fenPerPoint: z.number().min(0).max(10_000).default(1),
    }),
    memberDay: z.object({
      /** ISO weekday, 1 = Monday … 7 = Sunday; null = no member day. Multipliers are per tier. */
      weekday: z.number().int().min(1).max(7).nullable(),
      /** Member-only price on member day: a share of the price, e.g. 0.95; null = none. */
      orderDiscountRate: z.number().min(0.5).max(1).nullable(),
    }),
    orders: z.object({
      /** Points per yuan paid, before the tier and member-day multipliers. */
      pointsPerYuan: z.number().min(0).max(100),
      /** Unpaid orders are cancelled after this many minutes; stock and coupon come back. */
      unpaidMinutes: z.number().int().min(5).max(1440),
    }),
    shipping: z.object({
      /** 运费 in fen for an order that does not ship free. */
      feeFen: z.number().int().min(0).max(100_000),
      /** Goods worth at least this much (fen, after discounts and coupon) ship free; null = never by amount. */
      freeFromFen: z.number().int().min(0).max(100_000_000).nullable(),
      /** A shipped order the member has not confirmed completes by itself this many days after shipping. */
      autoCompleteDays: z.number().int().min(1).max(60),
      /** A return may be asked for up to this many days after the order completed (七天无理由). */
      returnDays: z.number().int().min(0).max(60),
    }),
    nightMarket: z.object({
      /** Brand-time 'HH:mm' the market opens, and the next morning's 'HH:mm' it closes. */
      opensAt: hhmm,
      closesAt: hhmm,
      /** The category of each night, by the ISO weekday the night begins (index 0 = Monday); null = closed that night. */
      categoryByWeekday: z.array(ref.nullable()).length(7),
    }),
    sharing: z.object({
      /** An order is attributed to the last share the member clicked within this many days. */
      attributionDays: z.number().int().min(1).max(90),
      /** Who becomes a member's exclusive guide: the first guide whose card they opened, the latest, or nobody. */
      exclusiveGuide: z.enum(['first', 'latest', 'off']),
    }),
    referral: z.object({
      /** What the invited friend must do before the inviter is rewarded (never the share itself). */
      rewardOn: z.enum(['first_checkin', 'first_order']),
      inviterPoints: z.number().int().min(0).max(100_000),
      inviterCouponTemplateId: templateRef,
      /** The coupon a new member who came through an invite gets; null = none. */
      welcomeCouponTemplateId: templateRef,
      /** A friend counts as new when they joined at most this many hours before opening the invite. */
      newMemberHours: z.number().int().min(1).max(720),
      /** Honour titles by rewarded referrals (all time), lowest first. */
      titles: z
        .array(z.object({ name: text({ max: 10 }), count: z.number().int().min(1).max(100_000) }))
        .max(5)
        .superRefine(ascending('count', '人数需比上一档多')),
    }),
    /** Value layers and the churn warning (value-layers.ts, churn.ts). */
    segmentation: segmentationSettingsSchema,
    /** 社群积分: what being in a group earns (group-points.ts). */
    groupPoints: groupPointsSettingsSchema,
    growth: z.object({
      perCheckin: z.number().int().min(0).max(10_000),
      /** Growth value per yuan paid (orders). */
      perYuan: z.number().int().min(0).max(100),
      /** Growth counts over this many months back from today (rolling window). */
      windowMonths: z.number().int().min(1).max(36),
    }),
    tiers: z
      .array(
        z.object({
          key: z.enum(TIER_KEYS),
          name: text({ max: 10 }),
          /** Growth value (rolling window) that upgrades to this tier at once. */
          threshold: z.number().int().min(0).max(GROWTH_MAX),
          /** Growth value needed at each tier anniversary to keep this tier (保级). */
          keep: z.number().int().min(0).max(GROWTH_MAX),
          benefits: z.object({
            pointsMultiplier: z.number().min(1).max(10),
            memberDayMultiplier: z.number().min(1).max(10),
            birthdayPoints: z.number().int().min(0).max(100_000),
            /** A coupon given with the birthday points, or null. */
            birthdayCouponTemplateId: templateRef,
            /** Member price as a share of the list price, e.g. 0.95 = 95折. */
            memberPriceRate: z.number().min(0.5).max(1),
            freeShipping: z.boolean(),
          }),
        }),
      )
      .length(TIER_KEYS.length)
      .superRefine((ts, ctx) => {
        ts.forEach((t, i) => {
          if (t.key !== TIER_KEYS[i]) ctx.addIssue({ code: 'custom', message: '等级须按 普通、银卡、金卡、钻石 排列', path: [i, 'key'] });
          if (t.keep > t.threshold) ctx.addIssue({ code: 'custom', message: '保级成长值不能高于升级成长值', path: [i, 'keep'] });
        });
        if (ts[0] && ts[0].threshold !== 0) ctx.addIssue({ code: 'custom', message: '最低等级从 0 开始', path: [0, 'threshold'] });
      })
      .superRefine(ascending('threshold', '升级成长值需比上一等级高')),
  })
  .strict();

export type BrandSettings = z.infer<typeof brandSettingsSchema>;

export const DEFAULT_BRAND_SETTINGS: BrandSettings = {
  timeZone: 'Asia/Shanghai',
  checkin: {
    basePoints: 10,
    milestones: [
      { days: 7, bonusPoints: 50, couponTemplateId: null },
      { days: 30, bonusPoints: 300, couponTemplateId: null },
      { days: 365, bonusPoints: 5000, couponTemplateId: null },
    ],
    lotteryChancesPerCheckin: 1,
    makeupPerMonth: 2,
    makeupWindowDays: 7,
    makeupCostPoints: 20,
    reminderTime: '20:00',
  },
  points: { expiryMonths: 12, fenPerPoint: 1 },
  memberDay: { weekday: 3, orderDiscountRate: 0.95 },
  orders: { pointsPerYuan: 1, unpaidMinutes: 15 },
  shipping: { feeFen: 1000, freeFromFen: 9900, autoCompleteDays: 10, returnDays: 7 },
  nightMarket: { opensAt: '22:00', closesAt: '10:00', categoryByWeekday: [null, null, null, null, null, null, null] },
  sharing: { attributionDays: 7, exclusiveGuide: 'first' },
  referral: {
    rewardOn: 'first_checkin',
    inviterPoints: 100,
    inviterCouponTemplateId: null,
    welcomeCouponTemplateId: null,
    newMemberHours: 24,
    titles: [
      { name: '推荐达人', count: 3 },
      { name: '金牌推荐官', count: 10 },
    ],
  },
  segmentation: DEFAULT_SEGMENTATION,
  groupPoints: DEFAULT_GROUP_POINTS,
  growth: { perCheckin: 5, perYuan: 1, windowMonths: 12 },
  tiers: [
    {
      key: 'normal',
      name: '普通会员',
      threshold: 0,
      keep: 0,
      benefits: { pointsMultiplier: 1, memberDayMultiplier: 2, birthdayPoints: 50, birthdayCouponTemplateId: null, memberPriceRate: 1, freeShipping: false },
    },
    {
      key: 'silver',
      name: '银卡会员',
      threshold: 500,
      keep: 300,
      benefits: { pointsMultiplier: 1.2, memberDayMultiplier: 2, birthdayPoints: 100, birthdayCouponTemplateId: null, memberPriceRate: 0.98, freeShipping: false },
    },
    {
      key: 'gold',
      name: '金卡会员',
      threshold: 2000,
      keep: 1500,
      benefits: { pointsMultiplier: 1.5, memberDayMultiplier: 2, birthdayPoints: 300, birthdayCouponTemplateId: null, memberPriceRate: 0.95, freeShipping: true },
    },
    {
      key: 'diamond',
      name: '钻石会员',
      threshold: 5000,
      keep: 4000,
      benefits: { pointsMultiplier: 2, memberDayMultiplier: 3, birthdayPoints: 800, birthdayCouponTemplateId: null, memberPriceRate: 0.9, freeShipping: true },
    },
  ],
};
