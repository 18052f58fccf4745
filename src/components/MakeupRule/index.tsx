import { Text, View } from '@tarojs/components';
import type { CheckinStatus } from '@cloud/contract';
import { formatMonthDay } from '@/utils/format';
import './index.css';

export interface MakeupRuleProps {
  makeup: CheckinStatus['makeup'];
  /** A day to make up was picked. */
  onPick(date: string): void;
}

/**
 * 补签's rule as the brand set it, shown before any day qualifies, what is left of it this
 * month, and the days that can be made up now — last month's too, one tap each.
 */
export default function MakeupRule({ makeup, onPick }: MakeupRuleProps) {
  const { windowDays, perMonth, costPoints, remainingThisMonth, days } = makeup;
  if (perMonth === 0) return null;
  return (
    <View className='makeup-rule'>
      <View className='makeup-rule__text'>
        可补签最近 {windowDays} 天内漏签的日期，每月 {perMonth} 次，{costPoints > 0 ? `每次 ${costPoints} 积分` : '不消耗积分'}
      </View>
      <View className='makeup-rule__left'>本月还可补签 {remainingThisMonth} 次</View>
      {remainingThisMonth > 0 && days.length > 0 && (
        <View className='makeup-rule__days'>
          <Text className='makeup-rule__label'>可补签</Text>
          {days.map((d) => (
            <View key={d} className='makeup-rule__day' data-day={d} onClick={() => onPick(d)}>
              {formatMonthDay(d)}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
