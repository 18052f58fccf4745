import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role } from '@cloud/contract';
import './index.css';

const ITEMS = [
  { key: 'lottery', label: '疯狂抽奖机', sub: '签到得机会，好礼抽不停', url: '/packages/lottery/index' },
  { key: 'mall', label: '积分商城', sub: '积分兑券兑礼', url: '/packages/mall/index' },
  { key: 'wallet', label: '我的卡包', sub: '优惠券与券码', url: '/packages/wallet/index' },
] as const;

/** 我的: the lottery, the points mall and the coupon wallet; 券码核销 for guides and admins. */
export default function MineShortcuts({ role }: { role: Role | null | undefined }) {
  const staff = role === 'guide' || role === 'admin';
  return (
    <View className='mine-shortcuts'>
      {ITEMS.map((item) => (
        <View
          key={item.key}
          className={`mine-shortcuts__item mine-shortcuts__item--${item.key}`}
          onClick={() => void Taro.navigateTo({ url: item.url })}
        >
          <Text>{item.label}</Text>
          <Text className='mine-shortcuts__sub'>{item.sub} ›</Text>
        </View>
      ))}
      {staff && (
        <View
          className='mine-shortcuts__item mine-shortcuts__item--verify'
          onClick={() => void Taro.navigateTo({ url: '/packages/guide/verify/index' })}
        >
          <Text>券码核销</Text>
          <Text className='mine-shortcuts__sub'>导购扫码核销顾客的券 ›</Text>
        </View>
      )}
    </View>
  );
}
