/**
 * 商品管理 (admin subpackage): products newest first with category, price, stock and sold; found
 * by name and narrowed to a category (each a new first page), the next page on 加载更多; one opens
 * in 编辑商品, 新建商品 opens it empty.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CategoryAdminView, ProductAdminView } from '@cloud/contract';
import { AdminProductsScreen } from '@/packages/admin/products';
import { setTransport } from '@/services/transports';
import { actionOf, fakeTransport } from './fake-transport';
import { all, paramsOf, tap, text } from './form-helpers';

afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const categories: CategoryAdminView[] = [
  { id: '1', name: '连衣裙', imageUrl: null, position: 0, active: true, productCount: 1 },
  { id: '2', name: '鞋履', imageUrl: null, position: 1, active: true, productCount: 1 },
];

const product = (id: string, name: string, over: Partial<ProductAdminView> = {}): ProductAdminView => ({
  id,
  categoryId: '1',
  categoryName: '连衣裙',
  name,
  subtitle: '',
  description: '',
  images: [],
  launchStartsAt: null,
  launchEndsAt: null,
  active: true,
  position: 0,
  skus: [
    { id: `${id}1`, size: 'S', color: '黑色', priceFen: 29_900, stock: 4, sold: 1, position: 0 },
    { id: `${id}2`, size: 'M', color: '黑色', priceFen: 32_900, stock: 6, sold: 2, position: 1 },
  ],
  stock: 10,
  sold: 3,
  flashSales: [],
  createdAt: '2026-11-01T10:00:00+08:00',
  ...over,
});

describe('商品管理', () => {
  it('lists, searches, filters by category and pages; a product opens in 编辑商品', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    const calls = fakeTransport((c) => {
      if (actionOf(c) === 'admin.categories') return categories;
      if (actionOf(c) !== 'admin.products') return null;
      const p = c.payload as { search?: string; categoryId?: string; cursor?: string };
      if (p.search) return { items: [], nextCursor: null };
      if (p.categoryId) return { items: [product('5', '乐福鞋', { categoryId: '2', categoryName: '鞋履', active: false })], nextCursor: null };
      return p.cursor ? { items: [product('8', '针织背心裙')], nextCursor: null } : { items: [product('9', '法式碎花茶歇裙')], nextCursor: '9' };
    });
    render(<AdminProductsScreen />);
    await waitFor(() => expect(all('.admin-products__item .admin-editor__name')).toEqual(['法式碎花茶歇裙']));
    expect(text('.admin-products__item .admin-editor__prizes')).toBe('连衣裙 · ¥299 起 · 2 个规格');
    expect(text('.admin-products__item .admin-editor__figures')).toBe('库存 10 · 已售 3');
    await tap(document.querySelector('.admin-list__more')!);
    await waitFor(() => expect(all('.admin-products__item .admin-editor__name')).toEqual(['法式碎花茶歇裙', '针织背心裙']));

    await waitFor(() => expect(document.querySelector('[data-category="2"]')).not.toBeNull());
    await tap(document.querySelector('[data-category="2"]')!);
    await waitFor(() => expect(all('.admin-products__item .admin-editor__name')).toEqual(['乐福鞋']));
    expect(text('.admin-products__item .admin-editor__state')).toBe('下架');

    fireEvent.input(document.querySelector('input.admin-products__input')!, { target: { value: ' 风衣 ' } });
    await tap(document.querySelector('.admin-products__go')!);
    await waitFor(() => expect(text('.admin-products__list')).toContain('没有符合条件的商品'));
    expect(paramsOf(calls, 'admin.products')).toEqual([
      { action: 'products' },
      { action: 'products', cursor: '9' },
      { action: 'products', categoryId: '2' },
      { action: 'products', categoryId: '2', search: '风衣' },
    ]);
    await tap(document.querySelector('.admin-products__list .empty-state__action')!);
    await waitFor(() => expect(all('.admin-products__item .admin-editor__name')).toEqual(['法式碎花茶歇裙']));

    await tap(document.querySelector('.admin-products__item')!);
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/product/index?id=9' });
    await tap(document.querySelector('.admin-editor__new')!);
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/product/index' });
  });
});
