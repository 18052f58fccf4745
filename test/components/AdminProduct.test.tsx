/**
 * 编辑商品 (admin subpackage): a product's SKUs edited in yuan (sent in fen exactly) with the stock
 * the form saw; a stock an order changed since is refused at that SKU, the product read again,
 * and the next 保存 carries the stock there is now (a stock left untouched is not put back). A new product: category, image and SKUs.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CategoryAdminView, ProductAdminView } from '@cloud/contract';
import { AdminProductScreen } from '@/packages/admin/product';
import { setTransport } from '@/services/transports';
import type { RecordedCall } from './fake-transport';
import { all, answering, errorAt, field, paramsOf, refusal, tap, text, typeAt, valueAt } from './form-helpers';

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const categories: CategoryAdminView[] = [
  { id: '1', name: '连衣裙', imageUrl: null, position: 0, active: true, productCount: 6 },
  { id: '2', name: '鞋履', imageUrl: null, position: 1, active: true, productCount: 6 },
];

const dress: ProductAdminView = {
  id: '7',
  categoryId: '1',
  categoryName: '连衣裙',
  name: '法式碎花茶歇裙',
  subtitle: '收腰显瘦',
  description: '',
  images: ['/catalog-images/dress-floral-tea-1.svg'],
  launchStartsAt: null,
  launchEndsAt: null,
  active: true,
  position: 0,
  skus: [
    { id: '71', size: 'S', color: '黑色', priceFen: 32_900, stock: 10, sold: 1, position: 0 },
    { id: '72', size: 'M', color: '黑色', priceFen: 32_900, stock: 10, sold: 3, position: 1 },
  ],
  stock: 20,
  sold: 4,
  flashSales: [],
  createdAt: '2026-11-01T10:00:00+08:00',
};

const transport = (product: () => ProductAdminView, save: (c: RecordedCall) => unknown) =>
  answering({ 'admin.product': product, 'admin.categories': categories, 'admin.saveProduct': save });

const skuParams = (calls: RecordedCall[]) => paramsOf(calls, 'admin.saveProduct').map((p) => (p as { product: ProductAdminView }).product.skus);

describe('编辑商品', () => {
  it('saves prices in fen from yuan and the stock the form saw; a stock changed by an order since is refused at its SKU and the next save starts from it', async () => {
    let shown = dress;
    const stale = 'M / 黑色 的库存已变为 8（期间有订单或他人修改），请按现有库存重新填写';
    let saves = 0;
    const calls = transport(
      () => shown,
      (c) => (++saves === 1 ? { ...refusal('STOCK_CHANGED', [{ path: 'product.skus.1.stock', message: stale }]), status: 409 } : { ...dress, ...(c.payload as { product: object }).product }),
    );
    render(<AdminProductScreen id='7' />);
    await waitFor(() => expect(valueAt('name')).toBe('法式碎花茶歇裙'));
    expect([valueAt('skus.0.priceFen'), valueAt('skus.1.stock')]).toEqual(['329', '10']);
    expect(text('.admin-field[data-path="skus.1.stock"] .admin-field__hint')).toBe('当前库存 10 件 · 已售 3 件');

    typeAt('skus.0.priceFen', '299.9');
    typeAt('skus.1.priceFen', '19.99');
    expect(text('.admin-editor__preview')).toBe('¥19.99 起 · 2 个规格');
    typeAt('skus.1.stock', '15');
    // Meanwhile members ordered 2 of the medium ones and 1 of the small ones.
    shown = { ...dress, skus: [{ ...dress.skus[0]!, stock: 9 }, { ...dress.skus[1]!, stock: 8 }] };
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(errorAt('skus.1.stock')).toBe(stale));
    expect(text('.admin-editor__refusal')).toBe(stale);
    // The product is read again, for the stock there is now.
    await waitFor(() => expect(paramsOf(calls, 'admin.product')).toHaveLength(2));
    // What the admin typed stays; saved again, it is from the stock there is now, and the stock left untouched is the one there is now.
    expect(valueAt('skus.1.stock')).toBe('15');
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(saves).toBe(2));
    expect(skuParams(calls)).toEqual([
      [
        { size: 'S', color: '黑色', priceFen: 29_990, stock: 10, stockSeen: 10 },
        { size: 'M', color: '黑色', priceFen: 1999, stock: 15, stockSeen: 10 },
      ],
      [
        { size: 'S', color: '黑色', priceFen: 29_990, stock: 9, stockSeen: 9 },
        { size: 'M', color: '黑色', priceFen: 1999, stock: 15, stockSeen: 8 },
      ],
    ]);
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' })));
    expect(errorAt('skus.1.stock')).toBeNull();
  });

  it('a new product: category picked, an image and a second SKU added, a launch window; the server’s message at the SKU it names', async () => {
    const duplicate = '规格重复：同一尺码和颜色只能有一个规格';
    const calls = transport(
      () => dress,
      () => refusal('CATALOG_INVALID', [{ path: 'product.skus.1.size', message: duplicate }]),
    );
    render(<AdminProductScreen id={null} />);
    await waitFor(() => expect(field('name')).not.toBeNull());
    typeAt('name', '乐福鞋');
    await tap(field('categoryId')!.querySelector('.admin-field__pick')!);
    await tap(document.querySelector('.option-sheet__option[data-value="2"]')!);
    await tap(document.querySelector('.admin-product__add-image')!);
    typeAt('images.0', '/catalog-images/shoes-loafer-1.svg');
    typeAt('skus.0.size', '37');
    typeAt('skus.0.priceFen', '459');
    typeAt('skus.0.stock', '5');
    await tap(document.querySelector('.admin-product__add-sku')!);
    typeAt('skus.1.size', '37');
    typeAt('skus.1.priceFen', '459');
    fireEvent.input(field('launchStartsAt')!.querySelector('input')!, { target: { value: '2026-12-01 10:00' } });
    fireEvent.input(field('launchEndsAt')!.querySelector('input')!, { target: { value: '2026-12-15 10:00' } });
    expect(all('.admin-product__sku .admin-editor__prize-title')).toEqual(['规格 1', '规格 2']);
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(errorAt('skus.1.size')).toBe(duplicate));
    const [params] = paramsOf(calls, 'admin.saveProduct') as Array<{ product: Record<string, unknown> }>;
    expect(params!.product).toMatchObject({
      categoryId: '2',
      name: '乐福鞋',
      images: ['/catalog-images/shoes-loafer-1.svg'],
      launchStartsAt: expect.stringMatching(/^2026-12-01T10:00:00[+-]\d\d:\d\d$/),
      skus: [
        { size: '37', color: '', priceFen: 45_900, stock: 5, stockSeen: null },
        { size: '37', color: '', priceFen: 45_900, stock: 0, stockSeen: null },
      ],
    });
    expect(params!.product).not.toHaveProperty('id');
    expect(paramsOf(calls, 'admin.product')).toEqual([]);
  });
});
