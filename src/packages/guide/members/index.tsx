import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GuideMemberView } from '@cloud/contract';
import MemberAvatar from '@/components/MemberAvatar';
import SessionGate from '@/components/SessionGate';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { useSessionStore } from '@/stores/session';
import { formatYuan } from '@/utils/money';
import './index.css';

interface MembersState {
  items: GuideMemberView[];
  nextCursor: string | null;
  total: number;
  newToday: number;
}

/** The members bound to me, a page at a time, newest first. */
export function GuideMembersScreen() {
  const generation = useSessionStore((s) => s.generation);
  const [list, setList] = useState<MembersState | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const seq = useRef(0);

  const load = useCallback(async (cursor: string | null) => {
    if (busy.current && cursor) return;
    const mine = ++seq.current;
    busy.current = true;
    setLoading(true);
    setError(null);
    try {
      const page = await call('guide', 'members', cursor ? { cursor } : {});
      if (mine !== seq.current) return;
      setList((prev) => ({
        items: cursor && prev ? [...prev.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        total: page.total,
        newToday: page.newToday,
      }));
    } catch (err) {
      if (mine === seq.current) setError(messageOf(err));
    } finally {
      if (mine === seq.current) {
        busy.current = false;
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    setList(null);
    void load(null);
  }, [generation, load]);

  const more = () => {
    if (list?.nextCursor && !busy.current) void load(list.nextCursor);
  };
  useReachBottom(more);

  if (list === null) {
    return (
      <View className='app-page guide-members'>
        <View className='guide-members__msg' onClick={() => error && void load(null)}>
          {error ? `${error}，点击重试` : '加载中…'}
        </View>
      </View>
    );
  }

  return (
    <View className='app-page guide-members'>
      <View className='guide-members__summary'>
        <Text className='guide-members__total'>共 {list.total} 位会员</Text>
        <Text className='guide-members__new'>今日新增 {list.newToday}</Text>
      </View>
      <View className='guide-members__list'>
        {list.items.length === 0 && <View className='guide-members__empty'>还没有会员通过你的分享加入</View>}
        {list.items.map((m) => (
          <View key={m.id} className='guide-members__row' data-member-id={m.id}>
            <MemberAvatar nickname={m.nickname} avatarUrl={m.avatarUrl} />
            <View className='guide-members__main'>
              <View className='guide-members__line'>
                <Text className='guide-members__name'>{m.nickname?.trim() || '微信用户'}</Text>
                <Text className='guide-members__tier'>{m.tier.name}</Text>
              </View>
              <Text className='guide-members__bound'>{m.boundAt.slice(0, 10)} 绑定</Text>
            </View>
            <View className='guide-members__figures'>
              <Text className='guide-members__orders'>{m.paidOrders} 单</Text>
              <Text className='guide-members__gmv'>{formatYuan(m.gmvFen)}</Text>
            </View>
          </View>
        ))}
        {error && <View className='guide-members__error'>{error}</View>}
        {list.nextCursor ? (
          <View className='guide-members__more' onClick={more}>
            {loading ? '加载中…' : '加载更多'}
          </View>
        ) : (
          list.items.length > 0 && <View className='guide-members__end'>没有更多了</View>
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
