import { Text, View } from '@tarojs/components';
import type { GroupBoard as Board } from '@cloud/contract';
import { memberName } from '@/utils/format';
import MemberAvatar from '../MemberAvatar';
import Skeleton from '../Skeleton';
import './index.css';

export interface GroupBoardProps {
  /** null while it loads: blocks where the figures will be. */
  board: Board | null;
}

/**
 * 签到 opened from a group: the group's own check-ins today (my place among them once I checked
 * in, and how many did) and its longest current streaks. Activity of the group only: nothing on
 * it is a reward, least of all for sharing.
 */
export default function GroupBoard({ board }: GroupBoardProps) {
  if (!board) {
    return (
      <View className='group-board' aria-busy>
        <Skeleton className='group-board__skeleton-title' />
        <Skeleton className='group-board__skeleton-line' />
        <Skeleton className='group-board__skeleton-line' />
      </View>
    );
  }
  const group = board.groupName ?? '本群';
  return (
    <View className='group-board'>
      <View className='group-board__title'>{group}今日签到</View>
      <View className='group-board__rank'>
        {board.myRank !== null ? `本群今日第 ${board.myRank} 位签到` : '签到后看看你是本群今日第几位'}
      </View>
      <View className='group-board__count'>本群今日已有 {board.checkedInToday} 人签到</View>
      <View className='group-board__subtitle'>连签榜</View>
      {board.leaders.length === 0 ? (
        <View className='group-board__empty'>群里还没有人连续签到，今天就从你开始</View>
      ) : (
        board.leaders.map((l, i) => (
          <View key={i} className={`group-board__leader ${l.me ? 'group-board__leader--me' : ''}`}>
            <Text className='group-board__place'>{i + 1}</Text>
            <MemberAvatar nickname={l.nickname} avatarUrl={l.avatarUrl} size='small' />
            <Text className='group-board__name'>
              {memberName(l.nickname)}
              {l.me ? '（我）' : ''}
            </Text>
            <Text className='group-board__streak'>连签 {l.streak} 天</Text>
          </View>
        ))
      )}
    </View>
  );
}
