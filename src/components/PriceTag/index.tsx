import { Text, View } from '@tarojs/components';
import { formatYuan } from '@/utils/money';
import './index.css';

export interface PriceTagProps {
  /** The price the member pays, in fen. */
  fen: number;
  /** The list price, struck through when higher than `fen`. */
  wasFen?: number | null;
  /** What the price is: '会员价', '秒杀价'. */
  label?: string | null;
  /** '起' when the price is the lowest of several. */
  from?: boolean;
  size?: 'small' | 'large';
}

/** A price in the brand colour, with its label and the struck-through list price. */
export default function PriceTag({ fen, wasFen, label, from, size = 'small' }: PriceTagProps) {
  return (
    <View className={`price-tag price-tag--${size}`}>
      {label && <Text className='price-tag__label'>{label}</Text>}
      <Text className='price-tag__now'>{formatYuan(fen)}</Text>
      {from && <Text className='price-tag__from'>起</Text>}
      {wasFen != null && wasFen > fen && <Text className='price-tag__was'>{formatYuan(wasFen)}</Text>}
    </View>
  );
}
