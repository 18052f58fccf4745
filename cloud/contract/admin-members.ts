/**
 * `admin.members`: finding members — by member id, by the phone of an address in their address
 * book, or by the start of their nickname — and listing them by value layer, tag or segment,
 * newest first, a page at a time. Merged into `admin` (admin.ts).
 */
import { z } from 'zod';
import type { TierKey } from '../domain/brand-settings';
import { LAYER_KEYS, type LayerKey } from '../domain/value-layers';
import { id, returns, text } from './primitives';
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
} as const;
