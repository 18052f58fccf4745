import { Button, Text, View } from '@tarojs/components';
import type { CheckinResult, CheckinStatus } from '@cloud/contract';
import Skeleton from '@/components/Skeleton';
import { flag } from '@/utils/flag';
import { formatDay } from '@/utils/format';
import './index.css';

export interface CheckinCardProps {
  status: CheckinStatus | null;
  busy: boolean;
  lastResult: CheckinResult | null;
  onCheckin(): void;
}

/** Today's state, the streak and the big 签到 button; blocks in their place until the state is known. */
export default function CheckinCard({ status, busy, lastResult, onCheckin }: CheckinCardProps) {
  if (!status) {
    return (
      <View className='checkin-card checkin-card--loading' aria-busy>
        <View className='checkin-card__top'>
          <Skeleton light className='checkin-card__skeleton-day' />
          <Skeleton light className='checkin-card__skeleton-streak' />
        </View>
        <View className='checkin-card__button checkin-card__button--skeleton' />
        <View className='checkin-card__hint'>
          <Skeleton light className='checkin-card__skeleton-hint' />
        </View>
      </View>
    );
  }
  const done = status.checkedInToday;
  const gained = lastResult && !lastResult.alreadyCheckedIn && lastResult.date === status.today ? lastResult : null;
  return (
    <View className='checkin-card'>
      {status.memberDay && (
        <View className='checkin-card__member-day'>
          今天是会员日 · 签到积分 ×{status.memberDayMultiplier}
        </View>
      )}
      <View className='checkin-card__top'>
        <View className='checkin-card__date'>
          <Text className='checkin-card__today'>{formatDay(status.today)}</Text>
        </View>
        <Text className='checkin-card__streak'>
          连续签到 <Text className='checkin-card__streak-num'>{status.streak}</Text> 天
        </Text>
      </View>
      <Button
        className={`checkin-card__button ${done ? 'checkin-card__button--done' : ''}`}
        disabled={flag(done || busy)}
        loading={flag(busy)}
        onClick={() => {
          if (!done && !busy) onCheckin();
        }}
      >
        {done ? '今日已签到' : busy ? '签到中…' : '签到'}
      </Button>
      <View className='checkin-card__hint'>
        {gained ? (
          <View>
            <Text className='checkin-card__gained'>签到成功 +{gained.pointsGained} 积分</Text>
            {gained.memberDay && <View className='checkin-card__milestone'>会员日积分已加倍</View>}
            {gained.groupPointsGained > 0 && (
              <View className='checkin-card__milestone checkin-card__group-points'>在群里签到 +{gained.groupPointsGained} 社群积分</View>
            )}
            {gained.milestone && (
              <View className='checkin-card__milestone'>
                连续签到 {gained.milestone.days} 天奖励 +{gained.milestone.bonusPoints} 积分
              </View>
            )}
            {gained.lotteryChances > 0 && (
              <View className='checkin-card__milestone'>获得 {gained.lotteryChances} 次抽奖机会</View>
            )}
            {gained.upgradedTo && (
              <View className='checkin-card__upgrade'>恭喜升级为{gained.upgradedTo.name}</View>
            )}
          </View>
        ) : done ? (
          <Text>明天再来，保持连续签到</Text>
        ) : (
          <Text>今日签到可得 {status.pointsPerCheckin} 积分</Text>
        )}
      </View>
      {status.nextMilestone && !gained && (
        <View className='checkin-card__next'>
          再签 {status.nextMilestone.daysLeft} 天得 {status.nextMilestone.bonusPoints} 积分（连续签到 {status.nextMilestone.days}{' '}
          天奖励）
        </View>
      )}
    </View>
  );
}
