import { View } from '@tarojs/components';
import Skeleton from '@/components/Skeleton';
import './list.css';

/** Rows of blocks where a list will be once the server answered. */
export default function ListSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <View className='admin-list' aria-busy>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='admin-list__skeleton-row'>
          <Skeleton className='admin-list__skeleton-avatar' />
          <Skeleton className='admin-list__skeleton-line' />
        </View>
      ))}
    </View>
  );
}
