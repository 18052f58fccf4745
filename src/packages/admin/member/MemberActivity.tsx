/**
 * 会员详情's activity, a tab at a time: 积分明细, 签到日历, 订单, 优惠券, 抽奖, 邀请 — what the member's
 * own pages show them, read by the admin actions for this member. A tab loads when first opened
 * and keeps what it loaded while others are looked at.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState, type ReactNode } from 'react';
import type { AwardView, CouponView, LedgerEntry, OrderView } from '@cloud/contract';
import Calendar from '@/components/Calendar';
import EmptyState from '@/components/EmptyState';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { usePaged } from '@/hooks/use-paged';
import { call } from '@/services/api';
import { formatDelta, formatTime, memberName, shiftMonth, sourceLabel } from '@/utils/format';
import { COUPON_SOURCE_LABELS, COUPON_STATE_LABELS, FULFILMENT_LABELS, couponCondition, couponValue, formatYuan } from '@/utils/money';
import ListSkeleton from '../components/ListSkeleton';
import PagedList from '../components/PagedList';
import { ADMIN_ORDER_STATUS_NAMES } from '../components/order-labels';
import './MemberActivity.css';

export const ACTIVITY_TABS = [
  { key: 'ledger', name: '积分明细' },
  { key: 'calendar', name: '签到日历' },
  { key: 'orders', name: '订单' },
  { key: 'coupons', name: '优惠券' },
  { key: 'awards', name: '抽奖' },
  { key: 'referrals', name: '邀请' },
] as const;
type TabKey = (typeof ACTIVITY_TABS)[number]['key'];

const open = (url: string) => void Taro.navigateTo({ url });

/** Why nothing is shown, tapped to ask again. */
function Retry({ error, onRetry }: { error: string; onRetry(): void }) {
  return (
    <View className='admin-list__msg' onClick={onRetry}>
      {error}，点击重试
    </View>
  );
}

function Row({ title, sub, side, minus, onClick, data }: { title: string; sub: string; side: string; minus?: boolean; onClick?(): void; data?: string }) {
  return (
    <View className='member-activity__row' data-row={data} onClick={onClick}>
      <View className='member-activity__main'>
        <Text className='member-activity__title'>{title}</Text>
        <Text className='member-activity__sub'>{sub}</Text>
      </View>
      <Text className={`member-activity__side${minus ? ' member-activity__side--minus' : ''}`}>{side}</Text>
    </View>
  );
}

function Ledger({ memberId, changes }: { memberId: string; changes: number }) {
  const list = usePaged((cursor) => call('admin', 'memberLedger', { targetMemberId: memberId, ...(cursor ? { cursor } : {}) }), [memberId, changes]);
  return (
    <PagedList
      list={list}
      empty={<EmptyState compact text='还没有积分记录' />}
      row={(e: LedgerEntry) => (
        <Row key={e.id} data={e.id} title={e.note ? `${sourceLabel(e.source)} · ${e.note}` : sourceLabel(e.source)} sub={`${formatTime(e.createdAt)} · 余额 ${e.balanceAfter}`} side={formatDelta(e.delta)} minus={e.delta < 0} />
      )}
    />
  );
}

function CheckinCalendar({ memberId, joinedAt }: { memberId: string; joinedAt: string }) {
  /** The month the next load asks for (undefined: this month); the shown month stays until it answers. */
  const month = useRef<string | undefined>(undefined);
  const status = useCall(() => call('admin', 'memberCalendar', { targetMemberId: memberId, ...(month.current ? { month: month.current } : {}) }), [memberId]);
  const s = status.data;
  if (!s) {
    return status.error ? (
      <Retry error={status.error} onRetry={() => void status.reload()} />
    ) : (
      <View className='member-activity__calendar-skeleton' aria-busy>
        <Skeleton className='member-activity__skeleton-block' />
      </View>
    );
  }
  const go = (delta: number) => {
    month.current = shiftMonth(s.month, delta);
    void status.reload();
  };
  const checked = s.days.filter((d) => d.state === 'checked' || d.state === 'made_up').length;
  return (
    <View className='member-activity__calendar'>
      <View className='member-activity__facts'>
        <Text className='member-activity__fact'>连续签到 {s.streak} 天</Text>
        <Text className='member-activity__fact'>本月签到 {checked} 天</Text>
        <Text className='member-activity__fact'>{s.checkedInToday ? '今天已签到' : '今天未签到'}</Text>
      </View>
      <Calendar
        month={s.month}
        days={s.days}
        loading={status.loading}
        canPrev={s.month > joinedAt.slice(0, 7) && !status.loading}
        canNext={s.month < s.today.slice(0, 7) && !status.loading}
        onPrev={() => go(-1)}
        onNext={() => go(1)}
      />
    </View>
  );
}

function Orders({ memberId }: { memberId: string }) {
  const list = usePaged((cursor) => call('admin', 'memberOrders', { targetMemberId: memberId, ...(cursor ? { cursor } : {}) }), [memberId]);
  return (
    <PagedList
      list={list}
      empty={<EmptyState compact text='还没有订单' />}
      row={(o: OrderView) => (
        <Row
          key={o.id}
          data={o.id}
          title={`${o.product.name}${o.skuLabel ? ` · ${o.skuLabel}` : ''}`}
          sub={`${formatTime(o.createdAt)} · ${ADMIN_ORDER_STATUS_NAMES[o.status]}`}
          side={o.pointsPrice ? `${o.pointsPrice} 积分 + ${formatYuan(o.totalFen)}` : formatYuan(o.totalFen)}
          onClick={() => open(`/packages/admin/order/index?id=${o.id}`)}
        />
      )}
    />
  );
}

function Coupons({ memberId, changes }: { memberId: string; changes: number }) {
  const coupons = useCall(() => call('admin', 'memberCoupons', { targetMemberId: memberId }), [memberId, changes]);
  if (!coupons.data) return coupons.error ? <Retry error={coupons.error} onRetry={() => void coupons.reload()} /> : <ListSkeleton rows={3} />;
  return (
    <View className='member-activity__list'>
      {coupons.data.length === 0 && <EmptyState compact text='还没有优惠券' />}
      {coupons.data.map((c: CouponView) => (
        <Row
          key={c.id}
          data={c.id}
          title={`${c.name} · ${couponValue(c)}`}
          sub={`${couponCondition(c)} · ${c.validFrom} 至 ${c.validUntil} · ${COUPON_SOURCE_LABELS[c.source] ?? ''}`}
          side={c.state === 'used' && c.usedAt ? `已使用 ${c.usedAt.slice(5, 10)}` : COUPON_STATE_LABELS[c.state]}
        />
      ))}
    </View>
  );
}

function awardDetail(a: AwardView): string {
  if (a.coupon) return `${couponValue(a.coupon)} 优惠券`;
  if (a.points !== null) return `${a.points} 积分`;
  return '实物奖品';
}

function Awards({ memberId }: { memberId: string }) {
  const list = usePaged((cursor) => call('admin', 'memberAwards', { targetMemberId: memberId, ...(cursor ? { cursor } : {}) }), [memberId]);
  return (
    <PagedList
      list={list}
      empty={<EmptyState compact text='还没有中奖记录' />}
      row={(a: AwardView) => <Row key={a.id} data={a.id} title={a.prize.name} sub={`${formatTime(a.drawnAt)} · ${awardDetail(a)}`} side={FULFILMENT_LABELS[a.fulfilment]} />}
    />
  );
}

function Referrals({ memberId }: { memberId: string }) {
  const summary = useCall(() => call('admin', 'memberReferrals', { targetMemberId: memberId }), [memberId]);
  const r = summary.data;
  if (!r) return summary.error ? <Retry error={summary.error} onRetry={() => void summary.reload()} /> : <ListSkeleton rows={3} />;
  return (
    <View className='member-activity__list'>
      {r.invitedBy ? (
        <Row
          data='invited-by'
          title={`由 ${memberName(r.invitedBy.nickname)} 邀请入会`}
          sub={formatTime(r.invitedBy.at)}
          side='查看 ›'
          onClick={() => open(`/packages/admin/member/index?id=${r.invitedBy!.id}`)}
        />
      ) : (
        <View className='member-activity__note'>自行入会，不是被邀请来的</View>
      )}
      <View className='member-activity__facts'>
        <Text className='member-activity__fact'>邀请 {r.invited} 人</Text>
        <Text className='member-activity__fact'>已奖励 {r.rewarded} 人</Text>
        {r.title && <Text className='member-activity__fact'>称号 {r.title}</Text>}
      </View>
      {r.friends.length === 0 && <EmptyState compact text='还没有邀请过好友' />}
      {r.friends.map((f, i) => (
        <Row key={`${f.joinedAt}-${i}`} title={memberName(f.nickname)} sub={`${formatTime(f.joinedAt)} 入会`} side={f.rewarded ? '已奖励' : '未奖励'} />
      ))}
    </View>
  );
}

/**
 * The tabs and the open one's content; a tab once opened stays loaded. `changes` counts the
 * screen's points changes and coupons given: the ledger and the coupons are read again.
 */
export default function MemberActivity({ memberId, joinedAt, changes }: { memberId: string; joinedAt: string; changes: number }) {
  const [tab, setTab] = useState<TabKey>('ledger');
  const [opened, setOpened] = useState<ReadonlySet<TabKey>>(() => new Set(['ledger']));
  const pick = (key: TabKey) => {
    setTab(key);
    setOpened((o) => new Set(o).add(key));
  };
  const panes: Record<TabKey, ReactNode> = {
    ledger: <Ledger memberId={memberId} changes={changes} />,
    calendar: <CheckinCalendar memberId={memberId} joinedAt={joinedAt} />,
    orders: <Orders memberId={memberId} />,
    coupons: <Coupons memberId={memberId} changes={changes} />,
    awards: <Awards memberId={memberId} />,
    referrals: <Referrals memberId={memberId} />,
  };
  return (
    <View className='admin-member__card member-activity'>
      <View className='member-activity__tabs' role='tablist'>
        {ACTIVITY_TABS.map((t) => (
          <View key={t.key} role='tab' aria-selected={tab === t.key} className={`member-activity__tab${tab === t.key ? ' member-activity__tab--on' : ''}`} data-tab={t.key} onClick={() => pick(t.key)}>
            {t.name}
          </View>
        ))}
      </View>
      {ACTIVITY_TABS.filter((t) => opened.has(t.key)).map((t) => (
        <View key={t.key} className={`member-activity__pane member-activity__pane--${t.key}`} style={tab === t.key ? undefined : { display: 'none' }}>
          {panes[t.key]}
        </View>
      ))}
    </View>
  );
}
