/**
 * `admin.members`: finding members — by member id, by the phone of an address in their address
 * book, or by the start of their nickname — and listing them by value layer, tag or segment,
 * newest first, a page at a time. One member's activity as they see it themselves (points
 * ledger, check-in calendar, orders, coupons, lottery awards, invites), their role and their
 * guide. Merged into `admin` (admin.ts).
 */
import { z } from 'zod';
import type { TierKey } from '../domain/brand-settings';
import { LAYER_KEYS, type LayerKey } from '../domain/value-layers';
import type { CheckinStatus } from './checkin';
import type { CouponView } from './coupon';
import type { AwardView } from './lottery';
import type { OrderView } from './order';
import type { LedgerPage } from './points';
import { id, returns, text, yearMonth } from './primitives';
import type { ReferralSummary } from './referral';
import type { Role } from './roles';

export interface AdminMemberListItem {
  id: string;
  nickname: string | null;
  avatarUrl: string | null;
  role: Role;
  tier: TierKey;
  pointsBalance: number;
  joinedAt: string;
  /** From the latest segmentation run; null before the member's first. */
  layer: { key: LayerKey; name: string } | null;
  lastActiveOn: string | null;
  gmv365Fen: number | null;
  churnRisk: boolean;
  /** 注销: only a search by member id finds them. */
  deleted: boolean;
}

export interface AdminMembersPage {
  items: AdminMemberListItem[];
  /** Pass back for the next page; null when there is no more. */
  nextCursor: string | null;
}

/** 邀请 as staff see it: the member's own summary, and who invited them. */
export interface AdminMemberReferrals extends ReferralSummary {
  invitedBy: { id: string; nickname: string | null; at: string } | null;
}

/** A guide an admin can assign a member to, with how many members they have now. */
export interface GuideOption {
  id: string;
  nickname: string | null;
  avatarUrl: string | null;
  members: number;
}

export interface MemberRoleChange {
  targetMemberId: string;
  role: Role;
  /** Members who had this guide as their 专属导购 and were let go because the guide is no longer one. */
  releasedMembers: number;
}

export interface MemberGuideChange {
  targetMemberId: string;
  guide: { id: string; nickname: string | null } | null;
}

const target = { targetMemberId: id };

/** Members per page. */
export const ADMIN_MEMBERS_PAGE = 20;

export const adminMembers = {
  /**
   * `query`: digits are a member id (exactly) or, with 11 digits, an address-book phone; any text
   * is also the start of a nickname (case-insensitive). `layer`, `tag` (a tag key) and
   * `segmentId` (its current members) narrow the list; all given conditions hold together.
   */
  members: {
    params: z
      .object({
        query: text({ max: 30 }).optional(),
        layer: z.enum(LAYER_KEYS).optional(),
        tag: z.string().min(1).max(80).optional(),
        segmentId: id.optional(),
        cursor: id.optional(),
      })
      .strict(),
    result: returns<AdminMembersPage>(),
  },
  /** The member's points ledger, newest first (what points.ledger shows them). */
  memberLedger: { params: z.object({ ...target, cursor: id.optional() }).strict(), result: returns<LedgerPage>() },
  /** The member's check-in calendar of a month (what checkin.status shows them; default this month). */
  memberCalendar: { params: z.object({ ...target, month: yearMonth.optional() }).strict(), result: returns<CheckinStatus>() },
  /** The member's orders, newest first (what order.mine shows them). */
  memberOrders: {
    params: z.object({ ...target, cursor: id.optional() }).strict(),
    result: returns<{ items: OrderView[]; nextCursor: string | null }>(),
  },
  /** The member's coupons, newest first (what coupon.mine shows them). */
  memberCoupons: {
    params: z.object({ ...target, status: z.enum(['available', 'used', 'expired']).optional() }).strict(),
    result: returns<CouponView[]>(),
  },
  /** What the member won in the lottery, newest first (what lottery.awards shows them). */
  memberAwards: {
    params: z.object({ ...target, cursor: id.optional() }).strict(),
    result: returns<{ items: AwardView[]; nextCursor: string | null }>(),
  },
  /** Friends the member invited (what referral.mine shows them) and who invited them. */
  memberReferrals: { params: z.object(target).strict(), result: returns<AdminMemberReferrals>() },
  /** The staff with role guide, to assign a member to. */
  guides: { params: z.object({}).strict(), result: returns<GuideOption[]>() },
  /**
   * 设置角色. An admin cannot take their own admin role away; an erased member is refused. A guide
   * who stops being one lets their members go (see services/admin/member-role.ts). The param is
   * newRole: the functions drop a field named `role` from every request as a forged identity.
   */
  setRole: {
    params: z.object({ ...target, newRole: z.enum(['member', 'guide', 'admin']) }).strict(),
    result: returns<MemberRoleChange>(),
  },
  /** 分配导购: a member's 专属导购 becomes this guide, or none (null). */
  assignGuide: {
    params: z.object({ ...target, guideId: id.nullable() }).strict(),
    result: returns<MemberGuideChange>(),
  },
} as const;
