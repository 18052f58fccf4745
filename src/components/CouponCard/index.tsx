import { Text, View } from '@tarojs/components';
import type { CouponView } from '@cloud/contract';
import { COUPON_SOURCE_LABELS, COUPON_STATE_LABELS, couponCondition, couponValue } from '@/utils/money';
import './index.css';

export interface CouponCardProps {
  coupon: CouponView;
  onOpen?(coupon: CouponView): void;
}

/** A coupon in the wallet: value, condition, validity, code; usable ones open the detail. */
export default function CouponCard({ coupon, onOpen }: CouponCardProps) {
  const usable = coupon.state === 'available';
  return (
    <View
      className={`coupon-card coupon-card--${coupon.state}`}
      data-code={coupon.code}
      data-state={coupon.state}
      onClick={() => onOpen?.(coupon)}
    >
      <View className='coupon-card__value'>
        <Text className='coupon-card__amount'>{couponValue(coupon)}</Text>
        <Text className='coupon-card__condition'>{couponCondition(coupon)}</Text>
      </View>
      <View className='coupon-card__main'>
        <Text className='coupon-card__name'>{coupon.name}</Text>
        <Text className='coupon-card__validity'>
          {coupon.validFrom} 至 {coupon.validUntil}
        </Text>
        <Text className='coupon-card__code'>券码 {coupon.code}</Text>
        <View className='coupon-card__foot'>
          <Text className='coupon-card__source'>{COUPON_SOURCE_LABELS[coupon.source] ?? ''}</Text>
          <Text className='coupon-card__state'>
            {usable ? '出示券码 ›' : coupon.state === 'used' && coupon.usedAt ? `已使用 ${coupon.usedAt.slice(0, 10)}` : COUPON_STATE_LABELS[coupon.state]}
          </Text>
        </View>
      </View>
    </View>
  );
}
