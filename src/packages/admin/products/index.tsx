import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { ProductAdminView } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { usePaged } from '@/hooks/use-paged';
import { call } from '@/services/api';
import { formatYuan } from '@/utils/money';
import PagedList from '../components/PagedList';
import '../components/editor.css';
import './index.css';

export const productUrl = (id?: string) => `/packages/admin/product/index${id ? `?id=${id}` : ''}`;

/** '¥199 起' over the SKUs on sale (stock left or not), or the one price. */
function priceText(p: ProductAdminView): string {
  const prices = p.skus.map((s) => s.priceFen);
  const low = Math.min(...prices);
  return low === Math.max(...prices) ? formatYuan(low) : `${formatYuan(low)} 起`;
}

function ProductRow({ product: p }: { product: ProductAdminView }) {
  const live = p.flashSales.find((f) => f.state === 'live' || f.state === 'upcoming');
  return (
    <View className='admin-editor__card admin-editor__item admin-products__item' data-product={p.id} onClick={() => void Taro.navigateTo({ url: productUrl(p.id) })}>
      <View className='admin-editor__line'>
        <Text className='admin-editor__name'>{p.name}</Text>
        <Text className={`admin-editor__state admin-editor__state--${p.active ? 'running' : 'ended'}`}>{p.active ? '上架' : '下架'}</Text>
      </View>
      <Text className='admin-editor__prizes'>
        {p.categoryName} · {priceText(p)} · {p.skus.length} 个规格
        {live ? ` · 秒杀${live.state === 'live' ? '中' : '待开始'}` : ''}
      </Text>
      <Text className='admin-editor__figures'>
        库存 {p.stock} · 已售 {p.sold}
      </Text>
    </View>
  );
}

/**
 * 商品管理: products newest first, a page at a time, found by a part of the name and narrowed to a
 * category; one opens in 编辑商品, 新建商品 opens it empty. Shown again (back from an edit), the
 * first page is read again.
 */
export function AdminProductsScreen() {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const categories = useCall(() => call('admin', 'categories', {}), []);
  const list = usePaged(
    (cursor) => call('admin', 'products', { ...(categoryId ? { categoryId } : {}), ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) }),
    [categoryId, search],
  );
  useReachBottom(() => void list.loadMore());
  useDidShow(() => {
    if (list.items) void list.reload();
  });
  const clear = () => {
    setTyped('');
    setSearch('');
    setCategoryId(null);
  };
  const filtered = search !== '' || categoryId !== null;

  return (
    <View className='app-page admin-editor admin-products'>
      <Button className='admin-editor__new' onClick={() => void Taro.navigateTo({ url: productUrl() })}>
        新建商品
      </Button>
      <View className='admin-products__search'>
        <Input
          className='admin-products__input'
          value={typed}
          maxlength={20}
          confirmType='search'
          placeholder='商品名称'
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={() => setSearch(typed.trim())}
        />
        <Button className='admin-products__go' size='mini' onClick={() => setSearch(typed.trim())}>
          搜索
        </Button>
      </View>
      <View className='admin-products__categories'>
        {[{ id: null, name: '全部' }, ...(categories.data ?? [])].map((c) => (
          <Text
            key={c.id ?? 'all'}
            className={`admin-products__category ${categoryId === c.id ? 'admin-products__category--on' : ''}`}
            data-category={c.id ?? 'all'}
            onClick={() => setCategoryId(c.id)}
          >
            {c.name}
          </Text>
        ))}
      </View>
      <PagedList
        list={list}
        className='admin-products__list'
        empty={filtered ? <EmptyState compact text='没有符合条件的商品' action={{ text: '清除筛选', onClick: clear }} /> : <EmptyState compact text='还没有商品' />}
        row={(p) => <ProductRow key={p.id} product={p} />}
      />
    </View>
  );
}

export default function AdminProductsPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminProductsScreen />
      </AdminGate>
    </SessionGate>
  );
}
