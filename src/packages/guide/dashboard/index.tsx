import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import GroupValueTable from '@/components/GroupValueTable';
import SessionGate from '@/components/SessionGate';
import ShareStatsList from '@/components/ShareStatsList';
import StatTiles from '@/components/StatTiles';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { formatMonthDay } from '@/utils/format';
import { formatYuan } from '@/utils/money';
import './index.css';

export type PeriodDays = 1 | 7 | 30;

export const PERIODS: Array<{ days: PeriodDays; label: string }> = [
  { days: 1, label: '今天' },
  { days: 7, label: '7天' },
  { days: 30, label: '30天' },
];

export function GuideDashboardScreen() {
  const [days, setDays] = useState<PeriodDays>(7);
  const { data, error, reload } = useCall(() => call('guide', 'dashboard', { days }), [days]);
  const tasks = useCall(() => call('guide', 'tasks', {}), []);

  // Back from a share or the till: the figures may have moved.
  useDidShow(() => {
    if (data) void reload();
    if (tasks.data) void tasks.reload();
  });

  const switchPeriod = (next: PeriodDays) => {
    if (next !== days) setDays(next);
  };

  const go = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className='app-page guide-dashboard'>
      <View className='guide-dashboard__periods' role='tablist'>
        {PERIODS.map((p) => (
          <View
            key={p.days}
            className={`guide-dashboard__period ${p.days === days ? 'guide-dashboard__period--active' : ''}`}
            role='tab'
            aria-selected={p.days === days}
            data-days={p.days}
            onClick={() => switchPeriod(p.days)}
          >
            {p.label}
          </View>
        ))}
      </View>
      {data === null ? (
        <View className='guide-dashboard__msg' onClick={() => error && void reload()}>
          {error ? `${error}，点击重试` : '加载中…'}
        </View>
      ) : (
        <View className='guide-dashboard__body' data-days={data.days}>
          <View className='guide-dashboard__since'>统计自 {formatMonthDay(data.since.slice(0, 10))}</View>
          <StatTiles
            tiles={[
              { key: 'shares', label: '分享次数', value: data.totals.shares },
              { key: 'clicks', label: '点击人数', value: data.totals.clicks },
              { key: 'orders', label: '订单', value: data.totals.orders },
              { key: 'gmv', label: 'GMV', value: formatYuan(data.totals.gmvFen) },
              { key: 'members', label: '我的会员', value: data.totals.members },
              { key: 'new-members', label: '今日新增', value: data.totals.newMembersToday },
            ]}
          />
          <View className='guide-dashboard__links'>
            <View className='guide-dashboard__link guide-dashboard__link--tasks' onClick={() => go('/packages/guide/tasks/index')}>
              <Text>今日任务</Text>
              <Text className='guide-dashboard__link-sub'>
                {tasks.data ? (tasks.data.counts.open > 0 ? `${tasks.data.counts.open} 条待办 ›` : '暂无待办 ›') : '›'}
              </Text>
            </View>
            <View className='guide-dashboard__link guide-dashboard__link--members' onClick={() => go('/packages/guide/members/index')}>
              <Text>我的会员</Text>
              <Text className='guide-dashboard__link-sub'>{data.totals.members} 人 ›</Text>
            </View>
            <View className='guide-dashboard__link guide-dashboard__link--groups' onClick={() => go('/packages/guide/groups/index')}>
              <Text>我的群</Text>
              <Text className='guide-dashboard__link-sub'>给群起名字 ›</Text>
            </View>
            <View className='guide-dashboard__link guide-dashboard__link--scripts' onClick={() => go('/packages/guide/scripts/index')}>
              <Text>话术库</Text>
              <Text className='guide-dashboard__link-sub'>会员常问，一键复制 ›</Text>
            </View>
            <View className='guide-dashboard__link guide-dashboard__link--group-plan' onClick={() => go('/packages/guide/group-plan/index')}>
              <Text>社群 SOP</Text>
              <Text className='guide-dashboard__link-sub'>今天各群发什么 ›</Text>
            </View>
            <View className='guide-dashboard__link guide-dashboard__link--moments' onClick={() => go('/packages/guide/moments/index')}>
              <Text>朋友圈素材</Text>
              <Text className='guide-dashboard__link-sub'>文案与图片 ›</Text>
            </View>
            <View className='guide-dashboard__link guide-dashboard__link--verify' onClick={() => go('/packages/guide/verify/index')}>
              <Text>券码核销</Text>
              <Text className='guide-dashboard__link-sub'>扫码核销顾客的券 ›</Text>
            </View>
          </View>
          <View className='guide-dashboard__title'>我的分享</View>
          <ShareStatsList shares={data.shares} />
          <View className='guide-dashboard__title'>社群价值</View>
          <GroupValueTable groups={data.groups} />
        </View>
      )}
    </View>
  );
}

export default function GuideDashboardPage() {
  return (
    <SessionGate>
      <GuideDashboardScreen />
    </SessionGate>
  );
}
