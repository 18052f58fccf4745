import { Text, View } from '@tarojs/components';
import type { AwardView } from '@cloud/contract';
import { brandTime } from '../LotteryRules';
import { CHECKIN_URL } from '@/services/navigation';
import { FULFILMENT_LABELS, couponValue } from '@/utils/money';
import EmptyState from '../EmptyState';
import './index.css';

export interface AwardListProps {
  items: AwardView[];
  loaded: boolean;
  hasMore: boolean;
  loading?: boolean;
  /** Why the list or its next page did not load; tapping it asks again (onMore). */
  error?: string | null;
  onMore(): void;
  onAddress(award: AwardView): void;
  onWallet(): void;
}

function detail(a: AwardView): string {
  if (a.coupon) return `${couponValue(a.coupon)} 优惠券 · 已放入卡包`;
  if (a.points !== null) return `+${a.points} 积分 · 已到账`;
  if (a.address) return `${a.address.name} ${a.address.phone} · ${a.address.region} ${a.address.detail}`;
  return '';
}

/** 我的奖品: what I won, newest first, with the goods' fulfilment and address. */
export default function AwardList({ items, loaded, hasMore, loading, error, onMore, onAddress, onWallet }: AwardListProps) {
  return (
    <View className='awards'>
      <View className='awards__title'>我的奖品</View>
      {loaded && items.length === 0 && (
        <EmptyState compact text='还没有奖品，每天签到送一次抽奖机会' action={{ text: '去签到', url: CHECKIN_URL }} />
      )}
      {items.map((a) => (
        <View key={a.id} className='awards__row' data-fulfilment={a.fulfilment}>
          <View className='awards__main'>
            <Text className='awards__name'>{a.prize.name}</Text>
            <Text className='awards__detail'>{detail(a)}</Text>
            <Text className='awards__time'>{brandTime(a.drawnAt)}</Text>
          </View>
          <View className='awards__side'>
            {a.fulfilment === 'pending_address' ? (
              <View className='awards__action' onClick={() => onAddress(a)}>
                填写收货地址
              </View>
            ) : a.coupon ? (
              <View className='awards__link' onClick={onWallet}>
                去卡包 ›
              </View>
            ) : (
              <Text className={`awards__status awards__status--${a.fulfilment}`}>{FULFILMENT_LABELS[a.fulfilment]}</Text>
            )}
          </View>
        </View>
      ))}
      {(hasMore || error) && (
        <View className='awards__more' onClick={() => !loading && onMore()}>
          {loading ? '加载中…' : error ? `${error}，点击重试` : '查看更多'}
        </View>
      )}
    </View>
  );
}
