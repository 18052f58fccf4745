import { View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { ProductCard as ProductCardView } from '@cloud/contract';
import ProductCard, { productUrl } from '@/components/ProductCard';
import SessionGate from '@/components/SessionGate';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { useSessionStore } from '@/stores/session';
import './index.css';

export interface CategoryScreenHandle {
  loadMore(): void;
}

/** A category's products (all products without one), a page at a time. */
export const CategoryScreen = forwardRef<CategoryScreenHandle, { categoryId: string | null }>(function CategoryScreen({ categoryId }, ref) {
  const generation = useSessionStore((s) => s.generation);
  const [items, setItems] = useState<ProductCardView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const loadingRef = useRef(false);

  const load = useCallback(
    async (after: string | null) => {
      if (loadingRef.current) return;
      loadingRef.current = true;
      setLoading(true);
      setError(null);
      try {
        const page = await call('catalog', 'list', { ...(categoryId ? { categoryId } : {}), ...(after ? { cursor: after } : {}) });
        setItems((list) => (after && list ? [...list, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        setError(messageOf(err));
      } finally {
        loadingRef.current = false;
        setLoading(false);
      }
    },
    [categoryId],
  );

  useEffect(() => {
    void load(null);
  }, [generation, load]);

  useImperativeHandle(
    ref,
    () => ({
      loadMore: () => {
        if (cursor) void load(cursor);
      },
    }),
    [cursor, load],
  );

  if (items === null) {
    return (
      <View className='app-page category-page'>
        <View className='category-page__msg' onClick={() => error && void load(null)}>
          {error ? `${error}，点击重试` : '加载中…'}
        </View>
      </View>
    );
  }

  return (
    <View className='app-page category-page'>
      {items.length === 0 ? (
        <View className='category-page__msg'>这个分类还没有商品</View>
      ) : (
        <View className='category-page__grid'>
          {items.map((p) => (
            <ProductCard key={p.id} product={p} onOpen={(product) => void Taro.navigateTo({ url: productUrl(product.id) })} />
          ))}
        </View>
      )}
      {cursor ? (
        <View className='category-page__more' onClick={() => !loading && void load(cursor)}>
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
