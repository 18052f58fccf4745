/**
 * 商品分类 (admin subpackage): the categories with their order and product count; one stopped and
 * moved, its emptied icon sent as none; a new one whose name the server refuses at its field.
 */
import { cleanup, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CategoryAdminView } from '@cloud/contract';
import { AdminCategoriesScreen } from '@/packages/admin/categories';
import { setTransport } from '@/services/transports';
import type { RecordedCall } from './fake-transport';
import { all, answering, errorAt, field, paramsOf, refusal, tap, text, typeAt } from './form-helpers';

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const dresses: CategoryAdminView = { id: '1', name: '连衣裙', imageUrl: '/catalog-images/category-dress.svg', position: 0, active: true, productCount: 6 };
const transport = (save: (c: RecordedCall) => unknown) => answering({ 'admin.categories': [dresses], 'admin.saveCategory': save });

describe('商品分类', () => {
  it('a category stopped and moved, its emptied icon sent as none, is listed so', async () => {
    const calls = transport((c) => ({ ...(c.payload as { category: object }).category, productCount: 6 }));
    render(<AdminCategoriesScreen />);
    await waitFor(() => expect(all('.admin-categories__item .admin-editor__name')).toEqual(['连衣裙']));
    expect(text('.admin-categories__item .admin-editor__figures')).toBe('排序 0 · 6 件商品');
    await tap(document.querySelector('.admin-categories__item')!);
    typeAt('imageUrl', '');
    typeAt('position', '3');
    await tap(field('active')!.querySelector('[data-value="false"]')!);
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(text('.admin-categories__item .admin-editor__figures')).toBe('排序 3 · 6 件商品'));
    expect(text('.admin-categories__item .admin-editor__state')).toBe('停用');
    expect(paramsOf(calls, 'admin.saveCategory')).toEqual([{ action: 'saveCategory', category: { id: '1', name: '连衣裙', imageUrl: null, position: 3, active: false } }]);
  });

  it('a new category whose name the server refuses shows it at the name', async () => {
    const calls = transport(() => refusal('INVALID_PARAMS', [{ path: 'category.name', message: '请填写分类名称' }]));
    render(<AdminCategoriesScreen />);
    await waitFor(() => expect(document.querySelector('.admin-categories__item')).not.toBeNull());
    await tap(document.querySelector('.admin-editor__new')!);
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(errorAt('name')).toBe('请填写分类名称'));
    expect(paramsOf(calls, 'admin.saveCategory')).toEqual([{ action: 'saveCategory', category: { name: '', imageUrl: null, position: 0, active: true } }]);
  });
});
