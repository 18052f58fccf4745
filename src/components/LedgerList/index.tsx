import { Text, View } from '@tarojs/components';
import type { LedgerEntry } from '@cloud/contract';
import { CHECKIN_URL } from '@/services/navigation';
import { formatDelta, formatExpiring, formatTime, sourceLabel } from '@/utils/format';
import EmptyState from '../EmptyState';
import './index.css';

export interface LedgerListProps {
  items: LedgerEntry[];
  hasMore: boolean;
  loading: boolean;
  loaded: boolean;
  /** Why the list or its next page did not load; tapping it asks again (onMore). */
  error?: string | null;
  /** The points that expire soonest (points.balance), shown under the title. */
  expiring?: { points: number; on: string } | null;
  onMore(): void;
}

/** The points ledger, a page at a time (加载更多 asks for the next cursor). */
export default function LedgerList({ items, hasMore, loading, loaded, error, expiring, onMore }: LedgerListProps) {
  return (
    <View className='ledger'>
      <View className='ledger__title'>积分明细</View>
      {expiring && <View className='ledger__expiring'>{formatExpiring(expiring)}</View>}
      {items.map((e) => (
        <View key={e.id} className='ledger__row'>
          <View className='ledger__main'>
            <Text className='ledger__source'>{sourceLabel(e.source)}</Text>
            <Text className='ledger__time'>{formatTime(e.createdAt)}</Text>
          </View>
          <Text className={`ledger__delta ${e.delta < 0 ? 'ledger__delta--minus' : ''}`}>{formatDelta(e.delta)}</Text>
        </View>
      ))}
      {loaded && items.length === 0 && <EmptyState compact text='还没有积分记录，每天签到都有积分' action={{ text: '去签到', url: CHECKIN_URL }} />}
      {hasMore || (error && !loading) ? (
        <View className='ledger__more' onClick={() => !loading && onMore()}>
          {loading ? '加载中…' : error ? `${error}，点击重试` : '加载更多'}
        </View>
      ) : (
        loaded && items.length > 0 && <View className='ledger__end'>没有更多了</View>
      )}
      {!loaded && loading && <View className='ledger__empty'>加载中…</View>}
    </View>
  );
}
