/** `admin`: operations staff (role admin) — refunds, brand settings, points, coupons, campaigns, the mall, the catalogue. */
import { z } from 'zod';
import type { BrandSettings } from '../domain/brand-settings';
import { adminAudit } from './admin-audit';
import { adminCatalog } from './admin-catalog';
import { adminContent } from './admin-content';
import { adminExport } from './admin-export';
import { adminKpis } from './admin-kpis';
import { adminMembers } from './admin-members';
import { adminOrders, carrier, trackingNo } from './admin-orders';
import { adminSegments } from './admin-segments';
import { adminSop } from './admin-sop';
import type { CouponView } from './coupon';
import type { OrderView } from './order';
import { calendarDay, fen, id, imageUrl, isoTime, noParams, requestId, returns, text } from './primitives';

const tierKey = z.enum(['normal', 'silver', 'gold', 'diamond']);

const couponTemplateInput = z
  .object({
    id: id.optional(),
    name: text({ max: 30 }),
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
    name: text({ max: 30 }),
    /** Basis points: all prizes of a campaign add up to 10000 (100%). */
    odds: z.number().int().min(0).max(10_000),
    stock: z.number().int().min(0).max(10_000_000).nullable().default(null),
    dailyCap: z.number().int().min(0).max(10_000_000).nullable().default(null),
    /** What the prize is worth (有奖销售: the top prize may not pass ¥50,000, checked on saving). */
    valueFen: fen,
    couponTemplateId: id.nullable().default(null),
    points: z.number().int().min(1).max(1_000_000).nullable().default(null),
    imageUrl: imageUrl.nullable().default(null),
  })
  .strict();

const campaignInput = z
  .object({
    id: id.optional(),
    name: text({ max: 40 }),
    startsAt: isoTime,
    endsAt: isoTime,
    drawsPerDay: z.number().int().min(1).max(100),
    winsPerDay: z.number().int().min(1).max(100),
    winsPerCampaign: z.number().int().min(1).max(10_000),
    pointsPerExtraDraw: z.number().int().min(1).max(100_000).nullable().default(null),
    rulesText: text({ min: 0, max: 2000, multiline: true }).default(''),
    prizes: z.array(prizeInput).min(2).max(12),
  })
  .strict();

const mallItemInput = z
  .object({
    id: id.optional(),
    name: text({ max: 30 }),
    description: text({ min: 0, max: 500, multiline: true }).default(''),
    imageUrl: imageUrl.nullable().default(null),
    kind: z.enum(['coupon', 'goods']),
    couponTemplateId: id.nullable().default(null),
    /** 积分 or 社群积分: what pointsPrice is counted in (a 社群积分 item has no cash part). */
    currency: z.enum(['points', 'group_points']).default('points'),
    pointsPrice: z.number().int().min(1).max(10_000_000),
    cashFen: fen.default(0),
    stock: z.number().int().min(0).max(10_000_000).nullable().default(null),
    perMemberLimit: z.number().int().min(1).max(1000).nullable().default(null),
    minTier: tierKey.default('normal'),
    startsAt: isoTime.nullable().default(null),
    endsAt: isoTime.nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();

export type CouponTemplateInput = z.output<typeof couponTemplateInput>;
export type CampaignInput = z.output<typeof campaignInput>;
export type MallItemInput = z.output<typeof mallItemInput>;

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

export interface PointsAdjustment {
  ledgerId: string;
  targetMemberId: string;
  delta: number;
  balance: number;
  reason: string;
}

/** Operations staff only (role admin). */
export const admin = {
  /** Refunds a paid order in full: points and growth are reversed through their ledgers. */
  refundOrder: {
    params: z.object({ orderId: id, reason: text({ min: 2, max: 200 }) }).strict(),
    result: returns<OrderView>(),
  },
  /** 发货: a paid shop order leaves with its carrier and tracking number (已发货). */
  shipOrder: {
    params: z
      .object({
        orderId: id,
        carrier,
        trackingNo,
      })
      .strict(),
    result: returns<OrderView>(),
  },
  /**
   * Decides an order's open after-sales request: approved, the order is refunded like
   * refundOrder; declined (a note says why), it goes back to where it was.
   */
  decideRefund: {
    params: z
      .object({ orderId: id, approve: z.boolean(), note: text({ min: 2, max: 200 }).optional() })
      .strict()
      .refine((p) => p.approve || p.note !== undefined, { path: ['note'], message: 'a declined request says why' }),
    result: returns<OrderView>(),
  },
  configGet: { params: noParams, result: returns<BrandSettings>() },
  /** The whole settings object; checked against the settings schema on the server. */
  configSet: {
    params: z.object({ settings: z.record(z.string(), z.unknown()) }).strict(),
    result: returns<BrandSettings>(),
  },
  /** Puts a coupon into a member's wallet; requestId makes a retry safe. */
  issueCoupon: {
    params: z.object({ templateId: id, targetMemberId: id, requestId }).strict(),
    result: returns<CouponView>(),
  },
  /** A manual points change with its reason; requestId makes a retry safe. */
  adjustPoints: {
    params: z
      .object({
        targetMemberId: id,
        delta: z.number().int().min(-1_000_000).max(1_000_000).refine((d) => d !== 0, 'delta must not be 0'),
        reason: text({ min: 2, max: 200 }),
        requestId,
      })
      .strict(),
    result: returns<PointsAdjustment>(),
  },
  couponTemplates: { params: noParams, result: returns<CouponTemplateView[]>() },
  saveCouponTemplate: { params: z.object({ template: couponTemplateInput }).strict(), result: returns<CouponTemplateView>() },
  campaigns: { params: noParams, result: returns<CampaignAdminView[]>() },
  /** Refused when the odds do not add up to 100% or the top prize is worth more than ¥50,000. */
  saveCampaign: { params: z.object({ campaign: campaignInput }).strict(), result: returns<CampaignAdminView>() },
  mallItems: { params: noParams, result: returns<MallItemAdminView[]>() },
  saveMallItem: { params: z.object({ item: mallItemInput }).strict(), result: returns<MallItemAdminView>() },
  /** Categories, products with SKUs, flash sales, banners (admin-catalog.ts). */
  ...adminCatalog,
  /** The 数据 page: figures, changes and series for a period (admin-kpis.ts). */
  ...adminKpis,
  /** Segments, tags, layers, a member's segmentation (admin-segments.ts). */
  ...adminSegments,
  /** Finding members by id, phone or nickname, by layer, tag or segment (admin-members.ts). */
  ...adminMembers,
  /** The audit log of admin writes (admin-audit.ts). */
  ...adminAudit,
  /** xlsx exports of members, orders and the points ledger (admin-export.ts). */
  ...adminExport,
  /** Orders by status, an order's detail, gifts waiting to ship (admin-orders.ts). */
  ...adminOrders,
  /** SOP plans and what SOP is worth (admin-sop.ts). */
  ...adminSop,
  /** 话术库, the weekly group plan and the 朋友圈 calendar (admin-content.ts). */
  ...adminContent,
} as const;
