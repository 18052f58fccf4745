/** What 会员详情's activity tabs, role and guide answer with in the component tests. */
import type { AdminMemberReferrals, AwardView, CheckinStatus, GuideOption, LedgerEntry, LedgerPage } from '@cloud/contract';
import { monthCalendar } from '@cloud/domain/calendar';
import type { RecordedCall } from './fake-transport';
import { coupon } from './lottery-fixtures';
import { order } from './shop-fixtures';

export const entry = (id: string, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id,
  source: 'checkin',
  delta: 10,
  balanceAfter: 320,
  note: null,
  createdAt: '2026-11-24T09:00:00+08:00',
  ...over,
});

export const ledgerPage = (items: LedgerEntry[] = [entry('51')], nextCursor: string | null = null): LedgerPage => ({ items, nextCursor });

/** The member's check-in page of a month: checked in on the days given, joined 2026-10-09, today 2026-11-24. */
export const calendar = (month: string, checked: string[] = []): CheckinStatus => ({
  today: '2026-11-24',
  checkedInToday: checked.includes('2026-11-24'),
  streak: 2,
  pointsPerCheckin: 10,
  memberDay: false,
  memberDayMultiplier: 1,
  nextMilestone: { days: 7, bonusPoints: 50, daysLeft: 5 },
  makeup: { remainingThisMonth: 2, perMonth: 2, costPoints: 20, windowDays: 7, days: [] },
  month,
  days: monthCalendar(month, '2026-11-24', '2026-10-09', new Map(checked.map((d) => [d, 'checkin' as const]))),
});

export const award = (id: string, over: Partial<AwardView> = {}): AwardView => ({
  id,
  drawnAt: '2026-11-23T10:00:00+08:00',
  prize: { id: '5', kind: 'points', name: '10 积分' },
  coupon: null,
  points: 10,
  fulfilment: 'done',
  address: null,
  ...over,
});

export const referrals = (over: Partial<AdminMemberReferrals> = {}): AdminMemberReferrals => ({
  invited: 2,
  rewarded: 1,
  rewardOn: 'first_checkin',
  inviterPoints: 100,
  title: null,
  nextTitle: { name: '邀请达人', count: 3, needed: 2 },
  friends: [
    { nickname: '阿青', joinedAt: '2026-11-20T10:00:00+08:00', rewarded: true },
    { nickname: null, joinedAt: '2026-11-21T10:00:00+08:00', rewarded: false },
  ],
  invitedBy: { id: '7', nickname: '木子', at: '2026-10-09T10:00:00+08:00' },
  ...over,
});

export const guides: GuideOption[] = [
  { id: '3', nickname: '王姐', avatarUrl: null, members: 12 },
  { id: '4', nickname: '李姐', avatarUrl: null, members: 0 },
];

/** The activity reads' answers (the ledger's first tab, and the others when a test opens them); undefined for any other call. */
export function activityAnswer(c: RecordedCall): unknown {
  switch (c.payload.action) {
    case 'memberLedger':
      return ledgerPage();
    case 'memberCalendar':
      return calendar((c.payload.month as string | undefined) ?? '2026-11', ['2026-11-23', '2026-11-24']);
    case 'memberOrders':
      return { items: [order({ id: '901', status: 'paid' })], nextCursor: null };
    case 'memberCoupons':
      return [coupon({ id: '11' }), coupon({ id: '12', name: '全场9折', kind: 'percent_off', amountOffFen: null, percentOff: 10, state: 'used', usedAt: '2026-11-22T15:00:00+08:00' })];
    case 'memberAwards':
      return { items: [award('81')], nextCursor: null };
    case 'memberReferrals':
      return referrals();
    case 'guides':
      return guides;
    default:
      return undefined;
  }
}
