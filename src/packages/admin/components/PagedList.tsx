import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Page, PagedState } from '@/hooks/use-paged';
import ListSkeleton from './ListSkeleton';
import './list.css';

export interface PagedListProps<T> {
  list: PagedState<Page<T>>;
  className?: string;
  /** What shows when the list has nothing (an EmptyState). */
  empty: ReactNode;
  row(item: T): ReactNode;
}

/** A list of an admin screen, a page at a time: a skeleton, or the first page's error with 点击重试; its rows or `empty`; 加载更多, then 没有更多了. */
export default function PagedList<T>({ list, className = '', empty, row }: PagedListProps<T>) {
  if (list.items === null) {
    return list.error ? (
      <View className='admin-list admin-list__msg' onClick={() => void list.reload()}>
        {list.error}，点击重试
      </View>
    ) : (
      <ListSkeleton />
    );
  }
  return (
    <View className={`admin-list ${className}`}>
      {list.items.length === 0 && empty}
      {list.items.map(row)}
      {list.error && <View className='admin-list__error'>{list.error}</View>}
      {list.hasMore ? (
        <View className='admin-list__more' onClick={() => void list.loadMore()}>
          {list.loading ? '加载中…' : '加载更多'}
        </View>
      ) : (
        list.items.length > 0 && <View className='admin-list__end'>没有更多了</View>
      )}
    </View>
  );
}
