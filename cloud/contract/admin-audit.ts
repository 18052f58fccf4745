/**
 * `admin.auditLog`: every admin write, who made it, when, on what, the state before and after.
 * Merged into `admin` (admin.ts).
 */
import { z } from 'zod';
import { id, returns } from './primitives';

/** What an admin write did, with the name the 运营 tab shows; a new audited write adds its kind here. */
export const AUDIT_KIND_NAMES = {
  'config.set': '修改品牌设置',
  'points.adjust': '调整积分',
  'coupon.issue': '发放优惠券',
  'segment.save': '保存分群',
  'segment.issueCoupon': '分群发券',
  'segment.assignGuide': '分群分配导购',
  'member.tag': '添加标签',
  'member.untag': '移除标签',
  'order.ship': '订单发货',
  'refund.decide': '处理售后',
  'order.refund': '订单退款',
  'campaign.save': '保存抽奖活动',
  'mallItem.save': '保存积分商品',
  'couponTemplate.save': '保存券模板',
  'category.save': '保存分类',
  'product.save': '保存商品',
  'flashSale.save': '保存秒杀',
  'banner.save': '保存横幅',
  'data.export': '导出数据',
} as const;

export type AuditKind = keyof typeof AUDIT_KIND_NAMES;
export const AUDIT_KINDS = Object.keys(AUDIT_KIND_NAMES) as [AuditKind, ...AuditKind[]];

/** What a write was made on; with targetId (null for the brand's settings, of which there is one). */
export type AuditTargetType =
  | 'settings'
  | 'member'
  | 'segment'
  | 'order'
  | 'campaign'
  | 'mallItem'
  | 'couponTemplate'
  | 'category'
  | 'product'
  | 'flashSale'
  | 'banner'
  | 'export';

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
