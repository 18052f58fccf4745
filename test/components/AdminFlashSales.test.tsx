/**
 * 秒杀活动 (admin subpackage): the flash sales with state, window, price and taken; one edited in
 * yuan (sent in fen) and refused at the price the server names; a new one made for a picked
 * product and listed first with its product's name.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlashSaleListItem, ProductAdminView } from '@cloud/contract';
import { AdminFlashSalesScreen } from '@/packages/admin/flash-sales';
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

const cardigan: FlashSaleListItem = {
  id: '3',
  productId: '12',
  productName: '羊毛混纺开衫',
  priceFen: 19_900,
  stock: 50,
  taken: 12,
  perMemberLimit: 1,
  startsAt: '2026-11-23T10:00:00+08:00',
  endsAt: '2026-11-23T12:00:00+08:00',
  state: 'live',
};

const jeans = {
  id: '15',
  name: '直筒牛仔裤',
  skus: [{ id: '151', size: '28', color: '蓝色', priceFen: 25_900, stock: 9, sold: 0, position: 0 }],
} as ProductAdminView;

const transport = (save: (c: RecordedCall) => unknown) =>
  answering({ 'admin.flashSales': [cardigan], 'admin.products': { items: [jeans], nextCursor: null }, 'admin.saveFlashSale': save });

describe('秒杀活动', () => {
  it('edits a sale in yuan, sent in fen; a price not below the product’s is refused at the price', async () => {
    const message = '秒杀价必须低于商品所有规格的最低售价';
    const calls = transport(() => refusal('CATALOG_INVALID', [{ path: 'flashSale.priceFen', message }]));
    render(<AdminFlashSalesScreen />);
    await waitFor(() => expect(all('.admin-flash__item .admin-editor__name')).toEqual(['羊毛混纺开衫']));
    expect(text('.admin-flash__item .admin-editor__state')).toBe('进行中');
    expect(text('.admin-flash__item .admin-editor__when')).toBe('2026-11-23 10:00 至 2026-11-23 12:00');
    expect(text('.admin-flash__item .admin-editor__figures')).toBe('秒杀价 ¥199 · 已抢 12/50 · 每人限购 1');

    await tap(document.querySelector('.admin-flash__item')!);
    expect(text('.admin-flash__product')).toBe('羊毛混纺开衫');
    expect([valueAt('priceFen'), valueAt('stock'), valueAt('startsAt')]).toEqual(['199', '50', '2026-11-23 10:00']);
    expect(text('.admin-field[data-path="stock"] .admin-field__hint')).toBe('已抢 12 件；库存不能少于已抢');
    typeAt('priceFen', '339.9');
    typeAt('perMemberLimit', '2');
    fireEvent.input(field('endsAt')!.querySelector('input')!, { target: { value: '2026-11-23 14:00' } });
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(errorAt('priceFen')).toBe(message));
    expect(paramsOf(calls, 'admin.saveFlashSale')).toEqual([
      {
        action: 'saveFlashSale',
        flashSale: { id: '3', productId: '12', priceFen: 33_990, stock: 50, perMemberLimit: 2, startsAt: '2026-11-23T10:00:00+08:00', endsAt: '2026-11-23T14:00:00+08:00' },
      },
    ]);
    expect(paramsOf(calls, 'admin.products')).toEqual([]);
  });

  it('a new sale for a picked product is saved and listed first with the product’s name', async () => {
    const calls = transport((c) => ({ ...(c.payload as { flashSale: object }).flashSale, id: '4', taken: 0, state: 'upcoming' }));
    render(<AdminFlashSalesScreen />);
    await waitFor(() => expect(document.querySelector('.admin-flash__item')).not.toBeNull());
    await tap(document.querySelector('.admin-editor__new')!);
    await tap(field('productId')!.querySelector('.admin-field__pick')!);
    await waitFor(() => expect(document.querySelector('.option-sheet__option[data-value="15"]')).not.toBeNull());
    expect(text('.option-sheet__option[data-value="15"]')).toContain('最低售价 ¥259');
    await tap(document.querySelector('.option-sheet__option[data-value="15"]')!);
    typeAt('priceFen', '159');
    typeAt('stock', '80');
    fireEvent.input(field('startsAt')!.querySelector('input')!, { target: { value: '2026-11-23 14:00' } });
    fireEvent.input(field('endsAt')!.querySelector('input')!, { target: { value: '2026-11-23 16:00' } });
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(all('.admin-flash__item .admin-editor__name')).toEqual(['直筒牛仔裤', '羊毛混纺开衫']));
    expect(paramsOf(calls, 'admin.saveFlashSale')[0]).toMatchObject({ flashSale: { productId: '15', priceFen: 15_900, stock: 80, perMemberLimit: 1 } });
  });
});
