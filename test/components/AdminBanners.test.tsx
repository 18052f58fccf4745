/**
 * 首页横幅 (admin subpackage): the banners with their order and the product each opens; one
 * pointed at no product (不跳转) and hidden; a new one for a picked product, its image URL refused
 * at its field by the server.
 */
import { cleanup, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BannerAdminView, ProductAdminView } from '@cloud/contract';
import { AdminBannersScreen } from '@/packages/admin/banners';
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

const launch: BannerAdminView = { id: '1', title: '新款首发', imageUrl: '/catalog-images/banner-new.svg', productId: '7', productName: '法式碎花茶歇裙', position: 0, active: true };
const cardigan = { id: '12', name: '羊毛混纺开衫', categoryName: '外套' } as ProductAdminView;

const transport = (save: (c: RecordedCall) => unknown) =>
  answering({ 'admin.banners': [launch], 'admin.products': { items: [cardigan], nextCursor: null }, 'admin.saveBanner': save });

describe('首页横幅', () => {
  it('a banner set to open no product and hidden is saved so and listed with it', async () => {
    const calls = transport((c) => ({ ...(c.payload as { banner: object }).banner, productName: null }));
    render(<AdminBannersScreen />);
    await waitFor(() => expect(all('.admin-banners__item .admin-editor__name')).toEqual(['新款首发']));
    expect(text('.admin-banners__item .admin-editor__figures')).toBe('排序 0 · 打开 法式碎花茶歇裙');
    await tap(document.querySelector('.admin-banners__item')!);
    // Its product is older than the newest page, and still shown by name.
    expect(text('.admin-field[data-path="productId"] .admin-form__picked')).toBe('法式碎花茶歇裙');
    await tap(field('productId')!.querySelector('.admin-field__pick')!);
    await tap(document.querySelector('.option-sheet__option[data-value=""]')!);
    await tap(field('active')!.querySelector('[data-value="false"]')!);
    typeAt('position', '2');
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(text('.admin-banners__item .admin-editor__figures')).toBe('排序 2 · 不跳转'));
    expect(text('.admin-banners__item .admin-editor__state')).toBe('隐藏');
    expect(paramsOf(calls, 'admin.saveBanner')).toEqual([
      { action: 'saveBanner', banner: { id: '1', title: '新款首发', imageUrl: '/catalog-images/banner-new.svg', productId: null, position: 2, active: false } },
    ]);
  });

  it('a new banner for a picked product; an image URL the server refuses is shown at it', async () => {
    const message = '图片地址有误';
    const calls = transport(() => refusal('INVALID_PARAMS', [{ path: 'banner.imageUrl', message }], '请求参数有误：banner.imageUrl'));
    render(<AdminBannersScreen />);
    await waitFor(() => expect(document.querySelector('.admin-banners__item')).not.toBeNull());
    await tap(document.querySelector('.admin-editor__new')!);
    typeAt('title', '秋冬外套');
    typeAt('imageUrl', 'ftp://x');
    await tap(field('productId')!.querySelector('.admin-field__pick')!);
    await tap(document.querySelector('.option-sheet__option[data-value="12"]')!);
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(errorAt('imageUrl')).toBe(message));
    expect(paramsOf(calls, 'admin.saveBanner')).toEqual([
      { action: 'saveBanner', banner: { title: '秋冬外套', imageUrl: 'ftp://x', productId: '12', position: 0, active: true } },
    ]);
  });
});
