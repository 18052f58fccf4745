/** `guide`: the store guide's (导购) workspace — what each share and each group brought, my members. */
import { z } from 'zod';
import type { TierKey } from '../domain/brand-settings';
import { id, returns } from './primitives';

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

/** Store guides (role guide; admins may look too). */
export const guide = {
  dashboard: {
    params: z.object({ days: z.union([z.literal(1), z.literal(7), z.literal(30)]).optional() }).strict(),
    result: returns<GuideDashboard>(),
  },
  members: { params: z.object({ cursor: id.optional() }).strict(), result: returns<GuideMembers>() },
} as const;
