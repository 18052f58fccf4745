/**
 * `admin.auditLog`: every admin write, who made it, when, on what, the state before and after.
 * Merged into `admin` (admin.ts).
 */
import { z } from 'zod';
import { AUDIT_KINDS, type AuditKind } from '../domain/audit-kinds';
import { id, returns } from './primitives';

export { AUDIT_KIND_NAMES, AUDIT_KINDS, type AuditKind } from '../domain/audit-kinds';

/** What a write was made on; with targetId (null for the brand's settings, of which there is one). */
export type AuditTargetType =
  | 'settings'
  | 'member'
  | 'coupon'
  | 'segment'
  | 'order'
  | 'mallRedemption'
  | 'lotteryAward'
  | 'campaign'
  | 'mallItem'
  | 'couponTemplate'
  | 'category'
  | 'product'
  | 'flashSale'
  | 'banner'
  | 'export'
  | 'script'
  | 'groupPlanPost'
  | 'momentsPost'
  | 'sopPlan';

/** A row's (or the settings') state as JSON; null before a creation or after a removal. */
export type AuditState = { [key: string]: unknown } | null;

export interface AuditEntryView {
  id: string;
  /** ISO time in brand time. */
  at: string;
  kind: AuditKind;
  kindName: string;
  /** nickname: null when the staff member has none (or erased their account). */
  actor: { id: string; nickname: string | null };
  targetType: AuditTargetType;
  targetId: string | null;
  before: AuditState;
  after: AuditState;
  requestId: string | null;
}

export interface AuditLogPage {
  items: AuditEntryView[];
  /** The last entry's id of this page; null when there is no more. */
  nextCursor: string | null;
}

export const adminAudit = {
  /** Newest first, 50 a page; by one admin and/or one kind. */
  auditLog: {
    params: z.object({ actorId: id.optional(), kind: z.enum(AUDIT_KINDS).optional(), cursor: id.optional() }).strict(),
    result: returns<AuditLogPage>(),
  },
} as const;
