import { Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import EmptyState from '@/components/EmptyState';
import MemberAvatar from '@/components/MemberAvatar';
import SessionGate from '@/components/SessionGate';
import { usePaged } from '@/hooks/use-paged';
import { call } from '@/services/api';
import { HOME_URL } from '@/services/navigation';
import { formatMonthDay, memberName } from '@/utils/format';
import { formatYuan } from '@/utils/money';
import './index.css';

const open = (id: string) => void Taro.navigateTo({ url: `/packages/guide/member/index?id=${id}` });

/** The members bound to me, a page at a time, newest first; each opens their detail. */
export function GuideMembersScreen() {
  const { items, page, hasMore, loading, error, loadMore, reload } = usePaged((cursor) => call('guide', 'members', cursor ? { cursor } : {}), []);
  useReachBottom(() => void loadMore());

  if (items === null || page === null) {
    return (
      <View className='app-page guide-members'>
        <View className='guide-members__msg' onClick={() => error && void reload()}>
          {error ? `${error}，点击重试` : '加载中…'}
        </View>
      </View>
    );
  }

  return (
    <View className='app-page guide-members'>
      <View className='guide-members__summary'>
        <Text className='guide-members__total'>共 {page.total} 位会员</Text>
        <Text className='guide-members__new'>今日新增 {page.newToday}</Text>
      </View>
      <View className='guide-members__list'>
        {items.length === 0 && (
          <EmptyState compact text='还没有会员通过你的分享加入，把商品卡片分享到群里试试' action={{ text: '去分享商品', url: HOME_URL }} />
        )}
        {items.map((m) => (
          <View key={m.id} className='guide-members__row' data-member-id={m.id} onClick={() => open(m.id)}>
            <MemberAvatar nickname={m.nickname} avatarUrl={m.avatarUrl} />
            <View className='guide-members__main'>
              <View className='guide-members__line'>
                <Text className='guide-members__name'>{memberName(m.nickname)}</Text>
                <Text className='guide-members__tier'>{m.tier.name}</Text>
              </View>
              <Text className='guide-members__bound'>
                {formatMonthDay(m.boundAt.slice(0, 10))}绑定 · {m.lastVisitOn ? `最近到访 ${formatMonthDay(m.lastVisitOn)}` : '未到访'}
              </Text>
            </View>
            <View className='guide-members__figures'>
              <Text className='guide-members__orders'>{m.paidOrders} 单</Text>
              <Text className='guide-members__gmv'>{formatYuan(m.gmvFen)}</Text>
            </View>
          </View>
        ))}
        {error && <View className='guide-members__error'>{error}</View>}
        {hasMore ? (
          <View className='guide-members__more' onClick={() => void loadMore()}>
            {loading ? '加载中…' : '加载更多'}
          </View>
        ) : (
          items.length > 0 && <View className='guide-members__end'>没有更多了</View>
        )}
      </View>
    </View>
  );
}

export default function GuideMembersPage() {
  return (
    <SessionGate>
      <GuideMembersScreen />
    </SessionGate>
  );
}
