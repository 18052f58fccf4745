import { Text, View } from '@tarojs/components';
import type { RedemptionView } from '@cloud/contract';
import { brandTime } from '../LotteryRules';
import { currencyName, FULFILMENT_LABELS } from '@/utils/money';
// Same rows as 我的奖品.
import '../AwardList/index.css';

export interface RedemptionListProps {
  /** Goods redemptions, newest first. */
  items: RedemptionView[];
  onAddress(redemption: RedemptionView): void;
}

/** 我的兑换: goods redeemed in the mall, with their fulfilment and address. */
export default function RedemptionList({ items, onAddress }: RedemptionListProps) {
  if (items.length === 0) return null;
  return (
    <View className='awards'>
      <View className='awards__title'>我的兑换</View>
      {items.map((r) => (
        <View key={r.redemptionId} className='awards__row' data-fulfilment={r.fulfilment}>
          <View className='awards__main'>
            <Text className='awards__name'>{r.item.name}</Text>
            <Text className='awards__detail'>
              {r.address ? `${r.address.name} ${r.address.phone} · ${r.address.region} ${r.address.detail}` : `消耗 ${r.points} ${currencyName(r.item.currency)}`}
            </Text>
            <Text className='awards__time'>{brandTime(r.createdAt)}</Text>
          </View>
          <View className='awards__side'>
            {r.fulfilment === 'pending_address' ? (
              <View className='awards__action' onClick={() => onAddress(r)}>
                填写收货地址
              </View>
            ) : (
              <Text className={`awards__status awards__status--${r.fulfilment}`}>{FULFILMENT_LABELS[r.fulfilment]}</Text>
            )}
          </View>
        </View>
      ))}
    </View>
  );
}
