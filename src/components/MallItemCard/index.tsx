import { Button, Image, Text, View } from '@tarojs/components';
import type { MallItemView } from '@cloud/contract';
import { brandTime } from '../LotteryRules';
import { imageUrl } from '@/services/image-url';
import { blockedReason, currencyName, formatYuan } from '@/utils/money';
import './index.css';
import { flag } from '@/utils/flag';

export interface MallItemCardProps {
  item: MallItemView;
  onRedeem(item: MallItemView): void;
}

/**
 * A points-mall item: its picture, price (points, and cash if any), stock, tier, limit, and 兑换
 * (换购 when there is cash to pay) or why not.
 */
export default function MallItemCard({ item, onRedeem }: MallItemCardProps) {
  const blocked = blockedReason(item);
  const facts: string[] = [item.remaining === null ? '不限量' : `剩余 ${item.remaining} 件`];
  if (item.perMemberLimit !== null) facts.push(`每人限兑 ${item.perMemberLimit} 件（已兑 ${item.myRedeemed}）`);
  if (item.minTier.key !== 'normal') facts.push(`${item.minTier.name}及以上`);
  const src = imageUrl(item.imageUrl);
  return (
    <View className={`mall-item ${blocked ? 'mall-item--blocked' : ''}`} data-item={item.id} data-blocked={item.blockedBy ?? ''}>
      <View className='mall-item__top'>
        {src && <Image className='mall-item__image' src={src} mode='aspectFill' lazyLoad />}
        <View className='mall-item__info'>
          <View className='mall-item__head'>
            <Text className={`mall-item__kind mall-item__kind--${item.kind}`}>{item.kind === 'coupon' ? '优惠券' : '实物'}</Text>
            <Text className='mall-item__name'>{item.name}</Text>
          </View>
          {item.description && <View className='mall-item__desc'>{item.description}</View>}
          <View className='mall-item__facts'>{facts.join(' · ')}</View>
          {(item.startsAt || item.endsAt) && (
            <View className='mall-item__facts'>
              兑换时间：{item.startsAt ? brandTime(item.startsAt) : '即日起'} 至 {item.endsAt ? brandTime(item.endsAt) : '长期'}
            </View>
          )}
        </View>
      </View>
      <View className='mall-item__foot'>
        <View className='mall-item__price'>
          <Text className='mall-item__points'>{item.pointsPrice}</Text>
          <Text className='mall-item__unit'> {currencyName(item.currency)}</Text>
          {item.cashFen > 0 && <Text className='mall-item__cash'> + {formatYuan(item.cashFen)}</Text>}
        </View>
        <Button
          className='mall-item__button'
          disabled={flag(!!blocked)}
          onClick={() => {
            if (!blocked) onRedeem(item);
          }}
        >
          {blocked ? blocked.button : item.cashFen > 0 ? '换购' : '兑换'}
        </Button>
      </View>
      {blocked && <View className='mall-item__reason'>{blocked.text}</View>}
    </View>
  );
}
