/**
 * `admin` segmentation actions: preview and save rule segments, read their members, act on
 * them (a coupon to each, a guide for the unassigned), a member's layer, RFM, churn warning and
 * tags with why, the tag list and the layer report. Merged into `admin` (admin.ts).
 */
import { z } from 'zod';
import type { TagKind } from '../domain/tags';
import type { LayerKey } from '../domain/value-layers';
import { segmentRuleSchema, type SegmentRule } from '../domain/segment-rule';
import { id, requestId, returns, text } from './primitives';
import type { Role } from './roles';

/** A member as a segment lists them. */
export interface SegmentMemberView {
  memberId: string;
  nickname: string | null;
  layer: LayerKey;
  layerName: string;
  lastActiveOn: string | null;
  gmv365Fen: number;
}

export interface SegmentPreview {
  count: number;
  /** At most 20 members, lowest member id first. */
  sample: SegmentMemberView[];
  /** The day the read model was computed for; null before the first nightly run. */
  factsDay: string | null;
  ruleText: string;
}

export interface SegmentView {
  id: string;
  name: string;
  rule: SegmentRule;
  ruleText: string;
  /** pending: never computed; ready: members are those of the last computation; failed: the last one failed (the previous members stay readable). */
  status: 'pending' | 'ready' | 'failed';
  memberCount: number | null;
  /** Since the computation before. */
  entered: number | null;
  exited: number | null;
  computedAt: string | null;
  error: string | null;
}

export interface SegmentMembersPage {
  segmentId: string;
  items: SegmentMemberView[];
  /** The last member id of this page; null when there is no more. */
  nextCursor: string | null;
}

export interface SegmentActionView {
  id: string;
  segmentId: string;
  kind: 'coupon' | 'guide';
  status: 'running' | 'done' | 'failed';
  /** Members in the segment when the action was asked for. */
  total: number;
  /** Members worked through so far; applied: got the coupon / the guide; skipped: already had one, or over a limit. */
  done: number;
  applied: number;
  skipped: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface MemberTagView {
  key: string;
  name: string;
  kind: TagKind;
  source: 'rule' | 'manual';
  /** Why the member has it: the rule in words and the values that met it, or who added it. */
  why: string;
  addedAt: string;
  addedBy: { id: string; nickname: string | null } | null;
}

export interface MemberSegmentation {
  /** null before the member's first nightly run. */
  day: string | null;
  layer: { key: LayerKey; name: string; since: string | null } | null;
  rfm: { r: number; f: number; m: number } | null;
  churn: { risk: boolean; reason: string | null };
  facts: Record<string, number | string | string[] | boolean | null> | null;
  tags: MemberTagView[];
  segments: Array<{ id: string; name: string }>;
}

export interface AdminMemberDetail {
  member: {
    id: string;
    nickname: string | null;
    avatarUrl: string | null;
    role: Role;
    tier: string;
    pointsBalance: number;
    joinedAt: string;
    source: string;
    guide: { id: string; nickname: string | null } | null;
    deleted: boolean;
  };
  segmentation: MemberSegmentation;
}

export interface TagDefinitionView {
  key: string;
  name: string;
  kind: TagKind;
  source: 'rule' | 'manual';
  ruleText: string | null;
  members: number;
}

export interface LayerReport {
  day: string | null;
  layers: Array<{ key: LayerKey; name: string; members: number }>;
  /** Moves between layers counted on that day (from 'none': first time in the model). */
  movements: Array<{ from: string; to: LayerKey; members: number }>;
}

export const segmentRule = segmentRuleSchema;
export const manualTagName = text({ max: 12 });

export const adminSegments = {
  /** How many members a rule takes now, and 20 of them (from the latest read model). */
  previewSegment: { params: z.object({ rule: segmentRule }).strict(), result: returns<SegmentPreview>() },
  /** Saves a segment (new without id) and computes its members at once. */
  saveSegment: {
    params: z.object({ segment: z.object({ id: id.optional(), name: text({ max: 30 }), rule: segmentRule }).strict() }).strict(),
    result: returns<SegmentView>(),
  },
  segments: { params: z.object({}).strict(), result: returns<SegmentView[]>() },
  segmentMembers: { params: z.object({ segmentId: id, cursor: id.optional() }).strict(), result: returns<SegmentMembersPage>() },
  /** A coupon to every member of the segment, once each, in the background; requestId makes a retry safe. */
  segmentIssueCoupon: { params: z.object({ segmentId: id, templateId: id, requestId }).strict(), result: returns<SegmentActionView>() },
  /** The segment's members without a guide get this one as their exclusive guide, in the background. */
  segmentAssignGuide: { params: z.object({ segmentId: id, guideId: id, requestId }).strict(), result: returns<SegmentActionView>() },
  segmentAction: { params: z.object({ actionId: id }).strict(), result: returns<SegmentActionView>() },
  /** A member's layer, RFM scores, churn warning with its reason, tags with why and segments. */
  memberDetail: { params: z.object({ targetMemberId: id }).strict(), result: returns<AdminMemberDetail>() },
  tags: { params: z.object({}).strict(), result: returns<TagDefinitionView[]>() },
  tagMember: { params: z.object({ targetMemberId: id, name: manualTagName }).strict(), result: returns<MemberTagView[]>() },
  untagMember: { params: z.object({ targetMemberId: id, tagKey: z.string().min(1).max(80) }).strict(), result: returns<MemberTagView[]>() },
  layerReport: { params: z.object({}).strict(), result: returns<LayerReport>() },
} as const;
