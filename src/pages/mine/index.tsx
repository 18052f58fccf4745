import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import LedgerList from '@/components/LedgerList';
import MineShareEntries from '@/components/MineShareEntries';
import MineShortcuts from '@/components/MineShortcuts';
import ProfileHeader from '@/components/ProfileHeader';
import TierCard from '@/components/TierCard';
import SessionGate from '@/components/SessionGate';
import { showError } from '@/services/api';
import { needsConsent, useMemberStore } from '@/stores/member';
import { useSessionStore } from '@/stores/session';
import './index.css';

function MineScreen() {
  const profile = useMemberStore((s) => s.profile);
  const balance = useMemberStore((s) => s.balance);
  const expiring = useMemberStore((s) => s.expiring);
  const tier = useMemberStore((s) => s.tier);
  const ledger = useMemberStore((s) => s.ledger);
  const nextCursor = useMemberStore((s) => s.nextCursor);
  const loaded = useMemberStore((s) => s.ledgerLoaded);
  const loadingLedger = useMemberStore((s) => s.loadingLedger);
  const refresh = useMemberStore((s) => s.refresh);
  const loadMore = useMemberStore((s) => s.loadMoreLedger);
  const generation = useSessionStore((s) => s.generation);
  const devIdentities = useSessionStore((s) => s.devIdentities);
  const openPicker = useSessionStore((s) => s.openPicker);

  useEffect(() => {
    refresh().catch(showError);
  }, [generation, refresh]);

  // Back on the tab: the balance and ledger may have changed (a check-in).
  useDidShow(() => {
    if (useMemberStore.getState().profile) refresh().catch(showError);
  });

  return (
    <View className='app-page mine-page'>
      <ProfileHeader profile={profile} balance={balance} expiring={expiring} />
      <View className='mine-page__menu'>
        <View className='mine-page__item' onClick={() => void Taro.navigateTo({ url: '/packages/profile/index' })}>
          <Text>个人资料</Text>
          <Text className='mine-page__item-sub'>
            {profile && needsConsent(profile) ? '设置头像、昵称和生日' : profile?.birthday ? `生日 ${profile.birthday}` : '头像、昵称、生日'} ›
          </Text>
        </View>
        <View className='mine-page__item mine-page__item--orders' onClick={() => void Taro.navigateTo({ url: '/packages/shop/orders/index' })}>
          <Text>我的订单</Text>
          <Text className='mine-page__item-sub'>待支付、已支付、已取消 ›</Text>
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
          items={ledger}
          hasMore={!!nextCursor}
          loading={loadingLedger}
          loaded={loaded}
          onMore={() => loadMore().catch(showError)}
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
    <SessionGate>
      <MineScreen />
    </SessionGate>
  );
}
