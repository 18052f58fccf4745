/** How the admin screens name what the server sends as keys. */
import type { Role, SegmentView, TierKey } from '@cloud/contract';
import { formatTime } from '@/utils/format';
import { ruleField } from '@cloud/domain/rule-catalogue';

export const ROLE_NAMES: Record<Role, string> = { member: '会员', guide: '导购', admin: '运营' };

export const TIER_NAMES: Record<TierKey, string> = { normal: '普通会员', silver: '银卡会员', gold: '金卡会员', diamond: '钻石会员' };

export const tierName = (tier: string) => TIER_NAMES[tier as TierKey] ?? tier;

export const sourceName = (source: string) => ruleField('source')?.options?.find((o) => o.value === source)?.name ?? source;

export const SEGMENT_STATUS_NAMES: Record<SegmentView['status'], string> = { pending: '待计算', ready: '已计算', failed: '计算失败' };

export const TAG_KIND_NAMES: Record<string, string> = { basic: '基础', behaviour: '行为', interest: '兴趣', preference: '偏好' };

/** A server time (ISO with offset) → '06-15 10:05' in brand time, read from the string. */
export function shortTime(iso: string): string {
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** When a segment's members were computed, or that they were not yet. */
export function freshness(s: Pick<SegmentView, 'computedAt'>): string {
  return s.computedAt ? `${formatTime(s.computedAt)} 计算` : '尚未计算';
}
