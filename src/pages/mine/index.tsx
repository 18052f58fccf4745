import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import LedgerList from '@/components/LedgerList';
import MineShareEntries from '@/components/MineShareEntries';
import MineShortcuts from '@/components/MineShortcuts';
import ProfileAsk from '@/components/ProfileAsk';
import ProfileHeader from '@/components/ProfileHeader';
import TierCard from '@/components/TierCard';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import TabPage from '@/components/TabBar/tab-page';
import { useCall } from '@/hooks/use-call';
import { usePaged } from '@/hooks/use-paged';
import { call } from '@/services/api';
import { needsConsent, useMemberStore } from '@/stores/member';
import { useSessionStore } from '@/stores/session';
import './index.css';

const LEDGER_PAGE_SIZE = 20;

export function MineScreen() {
  const profile = useMemberStore((s) => s.profile);
  const balance = useMemberStore((s) => s.balance);
  const expiring = useMemberStore((s) => s.expiring);
  const groupPoints = useMemberStore((s) => s.groupPoints);
  const tier = useMemberStore((s) => s.tier);
  const refresh = useMemberStore((s) => s.refresh);
  const devIdentities = useSessionStore((s) => s.devIdentities);
  const openPicker = useSessionStore((s) => s.openPicker);
  const summary = useCall(refresh, []);
  const ledger = usePaged((cursor) => call('points', 'ledger', { limit: LEDGER_PAGE_SIZE, ...(cursor ? { cursor } : {}) }), []);

  // Back on the tab: the balance and ledger may have changed (a check-in).
  useDidShow(() => {
    if (summary.data) void summary.reload();
    if (ledger.items) void ledger.reload();
  });

  return (
    <View className='app-page mine-page'>
      <ProfileHeader profile={profile} balance={balance} expiring={expiring} />
      <ProfileAsk />
      {summary.error && (
        <View className='mine-page__error' onClick={() => void summary.reload()}>
          {summary.error}，点击重试
        </View>
      )}
      <View className='mine-page__menu'>
        <View className='mine-page__item' onClick={() => void Taro.navigateTo({ url: '/packages/profile/index' })}>
          <Text>个人资料</Text>
          <Text className='mine-page__item-sub'>
            {profile && needsConsent(profile) ? '设置头像、昵称和生日' : profile?.birthday ? `生日 ${profile.birthday}` : '头像、昵称、生日'} ›
          </Text>
        </View>
        <View className='mine-page__item mine-page__item--group-points' onClick={() => void Taro.navigateTo({ url: '/packages/mall/index?section=group' })}>
          <Text>社群积分</Text>
          {groupPoints === null ? (
            <Skeleton className='mine-page__group-points-skeleton' />
          ) : (
            <Text className='mine-page__item-sub'>
              <Text className='mine-page__group-points'>{groupPoints}</Text> · 去兑换 ›
            </Text>
          )}
        </View>
        <View className='mine-page__item mine-page__item--orders' onClick={() => void Taro.navigateTo({ url: '/packages/shop/orders/index' })}>
          <Text>我的订单</Text>
          <Text className='mine-page__item-sub'>待支付、待发货、待收货、售后 ›</Text>
        </View>
        <View className='mine-page__item mine-page__item--addresses' onClick={() => void Taro.navigateTo({ url: '/packages/address/index' })}>
          <Text>收货地址</Text>
          <Text className='mine-page__item-sub'>管理 ›</Text>
        </View>
      </View>
      <MineShortcuts role={profile?.role} />
      <MineShareEntries role={profile?.role} />
      {tier && (
        <View className='mine-page__tier'>
          <TierCard card={tier} />
        </View>
      )}
      <View className='mine-page__ledger'>
        <LedgerList
          items={ledger.items ?? []}
          hasMore={ledger.hasMore}
          loading={ledger.loading}
          loaded={ledger.items !== null}
          error={ledger.error}
          expiring={expiring}
          onMore={() => void (ledger.items ? ledger.loadMore() : ledger.reload())}
        />
      </View>
      {process.env.TARO_ENV === 'h5' && devIdentities && (
        <View className='mine-page__switch' onClick={openPicker}>
          切换身份
        </View>
      )}
    </View>
  );
}

export default function MinePage() {
  return (
    <TabPage path='pages/mine/index'>
      <SessionGate>
        <MineScreen />
      </SessionGate>
    </TabPage>
  );
}
