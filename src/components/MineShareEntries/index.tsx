import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role } from '@cloud/contract';
import './index.css';

/** 我的: 邀请好友 for everyone; 导购工作台 (shares, groups, my members) for guides and admins. */
export default function MineShareEntries({ role }: { role: Role | null | undefined }) {
  const staff = role === 'guide' || role === 'admin';
  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <View className='mine-share-entries'>
      <View className='mine-share-entries__item mine-share-entries__item--invite' onClick={() => go('/packages/invite/index')}>
        <Text>邀请好友</Text>
        <Text className='mine-share-entries__sub'>邀好友加入，赢积分和称号 ›</Text>
      </View>
      {staff && (
        <View className='mine-share-entries__item mine-share-entries__item--guide' onClick={() => go('/packages/guide/dashboard/index')}>
          <Text>导购工作台</Text>
          <Text className='mine-share-entries__sub'>分享、社群与我的会员 ›</Text>
        </View>
      )}
    </View>
  );
}
