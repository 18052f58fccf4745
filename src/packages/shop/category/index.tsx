import { View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import EmptyState from '@/components/EmptyState';
import ProductCard, { productUrl } from '@/components/ProductCard';
import SessionGate from '@/components/SessionGate';
import { usePaged } from '@/hooks/use-paged';
import { call } from '@/services/api';
import { HOME_URL } from '@/services/navigation';
import './index.css';

export interface CategoryScreenHandle {
  loadMore(): void;
}

/** A category's products (all products without one), a page at a time. */
export const CategoryScreen = forwardRef<CategoryScreenHandle, { categoryId: string | null }>(function CategoryScreen({ categoryId }, ref) {
  const { items, hasMore, loading, error, loadMore, reload } = usePaged(
    (cursor) => call('catalog', 'list', { ...(categoryId ? { categoryId } : {}), ...(cursor ? { cursor } : {}) }),
    [categoryId],
  );

  useImperativeHandle(ref, () => ({ loadMore: () => void loadMore() }), [loadMore]);

  if (items === null) {
    return (
      <View className='app-page category-page'>
        <View className='category-page__msg' onClick={() => error && void reload()}>
          {error ? `${error}，点击重试` : '加载中…'}
        </View>
      </View>
    );
  }

  return (
    <View className='app-page category-page'>
      {items.length === 0 ? (
        <EmptyState text='这个分类还没有商品' action={{ text: '看看其他分类', url: HOME_URL }} />
      ) : (
        <View className='category-page__grid'>
          {items.map((p) => (
            <ProductCard key={p.id} product={p} onOpen={(product) => void Taro.navigateTo({ url: productUrl(product.id) })} />
          ))}
        </View>
      )}
      {hasMore ? (
        <View className='category-page__more' onClick={() => void loadMore()}>
          {loading ? '加载中…' : error ? `${error}，点击重试` : '加载更多'}
        </View>
      ) : (
        items.length > 0 && <View className='category-page__end'>没有更多了</View>
      )}
    </View>
  );
});

/** weapp hands query values over still encoded, H5 already decoded: decode once, safely. */
function decoded(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export default function CategoryPage() {
  const { params } = useRouter();
  const handle = useRef<CategoryScreenHandle | null>(null);
  const name = decoded(params.name);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: name || '全部商品' });
  }, [name]);

  useReachBottom(() => handle.current?.loadMore());

  return (
    <SessionGate>
      <CategoryScreen ref={handle} categoryId={params.id || null} />
    </SessionGate>
  );
}
