/** `guide`: the store guide's (导购) workspace — what each share and each group brought, my members, my groups. */
import { z } from 'zod';
import type { TierKey } from '../domain/brand-settings';
import type { LayerKey } from '../domain/value-layers';
import type { CouponView } from './coupon';
import type { OrderStatus } from './order';
import { guideSop } from './guide-sop';
import { manualTagName, type MemberTagView } from './admin-segments';
import { guideContent } from './guide-content';
import { calendarDay, groupId, id, returns, text } from './primitives';

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
  /** The name staff gave the group (guide.nameGroup); null until one is given. */
  name: string | null;
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

/** A group my cards were opened in (an admin: any group seen). */
export interface GroupSeen {
  groupId: string;
  name: string | null;
  /** Brand day my cards were first opened there (an admin: the group was first seen). */
  firstSeenOn: string;
  /** Distinct members seen in the group: cards opened there, check-ins from there. */
  membersSeen: number;
  /** Brand day of the group's latest activity: a card opened or a member seen there. */
  lastActiveOn: string;
}

export interface GuideGroups {
  items: GroupSeen[];
  nextCursor: string | null;
}

export interface GuideMemberView {
  id: string;
  nickname: string | null;
  avatarUrl: string | null;
  tier: { key: TierKey; name: string };
  boundAt: string;
  /** Brand day the member last opened the app; null when no visit is recorded. */
  lastVisitOn: string | null;
  /** Paid orders (refunds excluded) through this guide, and their total. */
  paidOrders: number;
  gmvFen: number;
}

export interface GuideMembers {
  items: GuideMemberView[];
  nextCursor: string | null;
  total: number;
  newToday: number;
}

/** An order of the member's through the guide. */
export interface GuideMemberOrder {
  id: string;
  productName: string;
  skuLabel: string;
  imageUrl: string | null;
  qty: number;
  totalFen: number;
  status: OrderStatus;
  createdAt: string;
  paidAt: string | null;
}

/** A coupon as the guide may see it: no code (a code is what a till accepts). */
export type GuideMemberCoupon = Omit<CouponView, 'code'>;

export interface GuideMemberDetail {
  /** boundAt is null for a member without a guide (an admin may look at any member). */
  member: Omit<GuideMemberView, 'boundAt'> & { boundAt: string | null; joinedOn: string };
  /** The guide the orders are through: me, or for an admin the member's guide (me: it is the caller). */
  guide: { id: string; nickname: string | null; me: boolean } | null;
  checkin: { streak: number; lastDay: string | null; days: number };
  /** The latest orders through the guide, newest first (at most 20), and how many there are. */
  orders: GuideMemberOrder[];
  orderCount: number;
  /** Coupons still to use first, then the latest used or expired (at most 20). */
  coupons: GuideMemberCoupon[];
  /** From the nightly segmentation: what to follow up (the churn warning's reason) and the tags with why. */
  insight: MemberInsight;
}

export interface MemberInsight {
  /** null before the member's first nightly run. */
  layer: { key: LayerKey; name: string } | null;
  churn: { risk: boolean; reason: string | null };
  tags: MemberTagView[];
}

/** Where the next page of groups starts: the last group's first-seen day and id (`2026-11-20~tGx…`). */
const groupsCursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}~[\w-]{1,64}$/, 'not a cursor')
  .refine((c) => calendarDay.safeParse(c.slice(0, 10)).success, 'not a cursor');

/** Store guides (role guide; admins may look too). */
export const guide = {
  dashboard: {
    params: z.object({ days: z.union([z.literal(1), z.literal(7), z.literal(30)]).optional() }).strict(),
    result: returns<GuideDashboard>(),
  },
  members: { params: z.object({ cursor: id.optional() }).strict(), result: returns<GuideMembers>() },
  /**
   * One of my members (a guide: only their own, else 404; an admin: any member). The member is
   * `targetMemberId`: a `memberId` in a request is identity and is dropped.
   */
  memberDetail: { params: z.object({ targetMemberId: id }).strict(), result: returns<GuideMemberDetail>() },
  /** The groups my cards were opened in, newest first (an admin: every group seen). */
  groups: {
    params: z.object({ cursor: groupsCursor.optional() }).strict(),
    result: returns<GuideGroups>(),
  },
  /** A manual tag on one of my members (who and when are kept); answers the member's tags. */
  tagMember: { params: z.object({ targetMemberId: id, name: manualTagName }).strict(), result: returns<MemberTagView[]>() },
  /** Takes off a manual tag (a guide: one on their own member). */
  untagMember: { params: z.object({ targetMemberId: id, tagKey: z.string().min(1).max(80) }).strict(), result: returns<MemberTagView[]>() },
  /** Names a group (a guide: one my cards were opened in; an admin: any group seen). */
  nameGroup: {
    params: z.object({ groupId, name: text({ max: 20 }) }).strict(),
    result: returns<GroupSeen>(),
  },
  /** 今日任务 and what a guide does with one (guide-sop.ts). */
  ...guideSop,
  /** 话术库, 社群 SOP and 朋友圈 (guide-content.ts). */
  ...guideContent,
} as const;
