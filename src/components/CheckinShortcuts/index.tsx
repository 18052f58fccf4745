import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './index.css';

export interface CheckinShortcutsProps {
  /** Today's check-in is done: its lottery chance is waiting. */
  checkedInToday: boolean;
}

/** Under the check-in card: 去抽奖 (each check-in gives a chance) and 积分商城. */
export default function CheckinShortcuts({ checkedInToday }: CheckinShortcutsProps) {
  return (
    <View className='checkin-shortcuts'>
      <View
        className={`checkin-shortcuts__item checkin-shortcuts__lottery ${checkedInToday ? 'checkin-shortcuts__item--hot' : ''}`}
        onClick={() => void Taro.navigateTo({ url: '/packages/lottery/index' })}
      >
        <Text className='checkin-shortcuts__label'>去抽奖</Text>
        <Text className='checkin-shortcuts__sub'>{checkedInToday ? '签到送的抽奖机会已到账' : '每天签到得 1 次抽奖机会'}</Text>
      </View>
      <View className='checkin-shortcuts__item checkin-shortcuts__mall' onClick={() => void Taro.navigateTo({ url: '/packages/mall/index' })}>
        <Text className='checkin-shortcuts__label'>积分商城</Text>
        <Text className='checkin-shortcuts__sub'>积分兑好券、好礼</Text>
      </View>
    </View>
  );
}
