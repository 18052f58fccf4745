import { Text, View } from '@tarojs/components';
import type { Leaderboard } from '@cloud/contract';
import { memberName } from '@/utils/format';
import EmptyState from '../EmptyState';
import MemberAvatar from '../MemberAvatar';
import './index.css';

/** A month's invite leaderboard: rank, member, honour title, friends invited; then my rank. */
export default function LeaderboardList({ board }: { board: Leaderboard }) {
  return (
    <View className='leaderboard'>
      {board.items.length === 0 ? (
        <EmptyState compact text='这个月还没有人上榜，邀请好友就能上榜' />
      ) : (
        board.items.map((item) => (
          <View key={item.rank} className={`leaderboard__row ${item.rank <= 3 ? 'leaderboard__row--top' : ''}`} data-rank={item.rank}>
            <Text className='leaderboard__rank'>{item.rank}</Text>
            <MemberAvatar nickname={item.nickname} avatarUrl={item.avatarUrl} size='small' />
            <View className='leaderboard__who'>
              <Text className='leaderboard__name'>{memberName(item.nickname)}</Text>
              {item.title && <Text className='leaderboard__title'>{item.title}</Text>}
            </View>
            <Text className='leaderboard__count'>邀请 {item.count} 人</Text>
          </View>
        ))
      )}
      <View className='leaderboard__me'>
        {board.me.rank ? `我的排名：第 ${board.me.rank} 名，邀请 ${board.me.count} 人` : `我本月邀请 ${board.me.count} 人，暂未上榜`}
      </View>
    </View>
  );
}
