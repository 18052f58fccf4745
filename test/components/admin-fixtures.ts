/** What the admin screens' tests answer with: members, a member's detail, segments, tags, coupon templates. */
import type {
  AdminMemberDetail,
  AdminMemberListItem,
  CouponTemplateView,
  LayerReport,
  MemberProfile,
  Role,
  SegmentActionView,
  SegmentPreview,
  SegmentView,
  TagDefinitionView,
} from '@cloud/contract';

export const profile = (role: Role): MemberProfile => ({
  id: '9',
  nickname: '小陈',
  avatarUrl: null,
  role,
  pointsBalance: 0,
  tier: { key: 'normal', name: '普通会员' },
  joinedOn: '2026-11-01',
  birthday: null,
  consent: null,
  consentVersionRequired: '2026-11-01',
  pendingReminders: 0,
  askProfile: false,
});

export const listItem = (over: Partial<AdminMemberListItem> = {}): AdminMemberListItem => ({
  id: '21',
  nickname: '小林',
  avatarUrl: null,
  role: 'member',
  tier: 'silver',
  pointsBalance: 320,
  joinedAt: '2026-10-09T10:00:00+08:00',
  layer: { key: 'high', name: '高价值' },
  lastActiveOn: '2026-11-23',
  gmv365Fen: 50_600,
  churnRisk: false,
  deleted: false,
  ...over,
});

export const layerReport = (over: Partial<LayerReport> = {}): LayerReport => ({
  day: '2026-11-24',
  layers: [
    { key: 'new', name: '新客', members: 12 },
    { key: 'high', name: '高价值', members: 8 },
    { key: 'potential', name: '潜力', members: 5 },
    { key: 'dormant', name: '沉睡', members: 30 },
    { key: 'at_risk', name: '流失预警', members: 4 },
    { key: 'regular', name: '一般', members: 41 },
  ],
  movements: [
    { from: 'none', to: 'new', members: 3 },
    { from: 'regular', to: 'at_risk', members: 2 },
  ],
  ...over,
});

export const memberDetail = (over: Partial<AdminMemberDetail['member']> = {}, seg: Partial<AdminMemberDetail['segmentation']> = {}): AdminMemberDetail => ({
  member: {
    id: '21',
    nickname: '小林',
    avatarUrl: null,
    role: 'member',
    tier: 'silver',
    pointsBalance: 320,
    joinedAt: '2026-10-09T10:00:00+08:00',
    source: 'guide',
    guide: { id: '3', nickname: '王姐' },
    deleted: false,
    ...over,
  },
  segmentation: {
    day: '2026-11-24',
    layer: { key: 'at_risk', name: '流失预警', since: '2026-11-20' },
    rfm: { r: 3, f: 4, m: 5 },
    churn: { risk: true, reason: '平时约 2 天来一次，已 9 天没来' },
    facts: { visitDays30: 6, checkins30: 12, orders365: 4, gmv365: 506, daysSinceActive: 9, medianIntervalDays: 2 },
    tags: [
      {
        key: 'rule:checkin-star',
        name: '签到达人',
        kind: 'behaviour',
        source: 'rule',
        why: '近30天签到 ≥ 20 次（近30天签到 22 次）',
        addedAt: '2026-11-20T00:30:00+08:00',
        addedBy: null,
      },
      {
        key: 'manual:abc',
        name: '爱穿连衣裙',
        kind: 'basic',
        source: 'manual',
        why: '小陈 手动添加',
        addedAt: '2026-11-21T10:00:00+08:00',
        addedBy: { id: '9', nickname: '小陈' },
      },
    ],
    segments: [{ id: '5', name: '签到达人' }],
    ...seg,
  },
});

export const tags: TagDefinitionView[] = [
  { key: 'rule:tier:gold', name: '金卡', kind: 'basic', source: 'rule', ruleText: '会员等级 = 金卡', members: 3 },
  { key: 'rule:checkin-star', name: '签到达人', kind: 'behaviour', source: 'rule', ruleText: '近30天签到 ≥ 20 次', members: 7 },
  { key: 'rule:coupon-sensitive', name: '券敏感', kind: 'preference', source: 'rule', ruleText: '用券订单占比 ≥ 50%', members: 2 },
];

export const template = (over: Partial<CouponTemplateView> = {}): CouponTemplateView => ({
  id: '2',
  name: '满100减20',
  kind: 'amount_off',
  amountOffFen: 2000,
  percentOff: null,
  capFen: null,
  thresholdFen: 10_000,
  validFrom: null,
  validUntil: null,
  validDays: 30,
  categoryIds: [],
  perMemberLimit: null,
  active: true,
  ...over,
});

export const templates: CouponTemplateView[] = [template(), template({ id: '3', name: '已停用的券', active: false }), template({ id: '4', name: '全场9折', kind: 'percent_off', amountOffFen: null, percentOff: 10, capFen: 5000, thresholdFen: 0 })];

export const segment = (over: Partial<SegmentView> = {}): SegmentView => ({
  id: '5',
  name: '签到达人',
  rule: { all: [{ field: 'checkins30', op: 'gte', value: 20 }, { not: { tag: 'rule:coupon-sensitive' } }] },
  ruleText: '近30天签到 ≥ 20 次 且 非「券敏感」',
  status: 'ready',
  memberCount: 12,
  entered: 3,
  exited: 1,
  computedAt: '2026-11-24T00:31:00+08:00',
  error: null,
  ...over,
});

export const preview = (over: Partial<SegmentPreview> = {}): SegmentPreview => ({
  count: 7,
  sample: [
    { memberId: '21', nickname: '小林', layer: 'high', layerName: '高价值', lastActiveOn: '2026-11-23', gmv365Fen: 50_600 },
    { memberId: '22', nickname: null, layer: 'regular', layerName: '一般', lastActiveOn: null, gmv365Fen: 0 },
  ],
  factsDay: '2026-11-24',
  ruleText: '近30天签到 ≥ 10 次',
  ...over,
});

export const action = (over: Partial<SegmentActionView> = {}): SegmentActionView => ({
  id: '77',
  segmentId: '5',
  kind: 'coupon',
  status: 'running',
  total: 12,
  done: 0,
  applied: 0,
  skipped: 0,
  error: null,
  createdAt: '2026-11-24T10:00:00+08:00',
  finishedAt: null,
  ...over,
});
