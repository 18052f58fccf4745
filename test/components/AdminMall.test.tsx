/**
 * 积分商城 (admin subpackage): the items with price, stock and redeemed; one edited (cash in yuan,
 * sent in fen, without the redeemed count) and refused by the server at its stock; a new coupon
 * item picks its template and is listed first.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MallItemAdminView } from '@cloud/contract';
import { AdminMallScreen } from '@/packages/admin/mall';
import { setTransport } from '@/services/transports';
import { templates } from './admin-fixtures';
import { type RecordedCall } from './fake-transport';
import { all, answering, field, paramsOf, refusal, tap, text, typeAt, valueAt } from './form-helpers';

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const bag: MallItemAdminView = {
  id: '31',
  name: '帆布袋',
  description: '限量款',
  imageUrl: null,
  kind: 'goods',
  couponTemplateId: null,
  currency: 'points',
  pointsPrice: 800,
  cashFen: 990,
  stock: 50,
  redeemed: 12,
  perMemberLimit: 1,
  minTier: 'silver',
  startsAt: '2026-11-01T00:00:00+08:00',
  endsAt: null,
  active: true,
};


const transport = (save: (c: RecordedCall) => unknown) => answering({ 'admin.mallItems': [bag], 'admin.couponTemplates': templates, 'admin.saveMallItem': save });

describe('积分商城', () => {
  it('edits an item in yuan, sent in fen without the redeemed count; a stock below it refused at the stock', async () => {
    const calls = transport(() => refusal('INVALID_PARAMS', [{ path: 'item.stock', message: '商品不存在，或库存低于已兑换数量' }]));
    render(<AdminMallScreen />);
    await waitFor(() => expect(all('.admin-editor__name')).toEqual(['帆布袋']));
    expect(text('.admin-mall__item .admin-editor__prizes')).toBe('实物 · 800 积分 + ¥9.90 · 银卡会员及以上');
    expect(text('.admin-mall__item .admin-editor__figures')).toBe('库存 50 · 已兑换 12');

    await tap(document.querySelector('.admin-mall__item')!);
    expect([valueAt('cashFen'), valueAt('stock'), valueAt('startsAt'), valueAt('endsAt')]).toEqual(['9.9', '50', '2026-11-01 00:00', '']);
    expect(text('.admin-field[data-path="stock"] .admin-field__hint')).toBe('已兑换 12 件；总库存不能少于已兑换');
    typeAt('cashFen', '12.3');
    typeAt('stock', '10');
    fireEvent.input(field('endsAt')!.querySelector('input')!, { target: { value: '2026-12-31 23:59' } });
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(field('stock')!.querySelector('.admin-field__error')?.textContent).toBe('商品不存在，或库存低于已兑换数量'));
    const { redeemed: _counted, ...input } = bag;
    expect(paramsOf(calls, 'admin.saveMallItem')).toEqual([{ action: 'saveMallItem', item: { ...input, cashFen: 1230, stock: 10, endsAt: '2026-12-31T23:59:00+08:00' } }]);
  });

  it('a new coupon item: its template picked, saved and listed first', async () => {
    const calls = transport((c) => ({ ...(c.payload as { item: MallItemAdminView }).item, id: '40', redeemed: 0 }));
    render(<AdminMallScreen />);
    await waitFor(() => expect(document.querySelector('.admin-mall__item')).not.toBeNull());
    await tap(document.querySelector('.admin-editor__new')!);
    fireEvent.input(field('name')!.querySelector('input')!, { target: { value: '满100减20券' } });
    await tap(field('kind')!.querySelector('[data-value="coupon"]')!);
    await tap(field('couponTemplateId')!.querySelector('.admin-field__pick')!);
    await tap(document.querySelector('.option-sheet__option[data-value="2"]')!);
    typeAt('pointsPrice', '300');
    typeAt('perMemberLimit', '2');
    await tap(field('minTier')!.querySelector('[data-value="gold"]')!);
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(all('.admin-editor__name')).toEqual(['满100减20券', '帆布袋']));
    expect(paramsOf(calls, 'admin.saveMallItem')[0]).toEqual({
      action: 'saveMallItem',
      item: {
        name: '满100减20券',
        description: '',
        imageUrl: null,
        kind: 'coupon',
        couponTemplateId: '2',
        currency: 'points',
        pointsPrice: 300,
        cashFen: 0,
        stock: null,
        perMemberLimit: 2,
        minTier: 'gold',
        startsAt: null,
        endsAt: null,
        active: true,
      },
    });
  });

  it('a 社群积分 item: priced in group points, with no cash part to fill in or send', async () => {
    const calls = transport((c) => ({ ...(c.payload as { item: MallItemAdminView }).item, id: '41', redeemed: 0 }));
    render(<AdminMallScreen />);
    await waitFor(() => expect(document.querySelector('.admin-mall__item')).not.toBeNull());
    await tap(document.querySelector('.admin-mall__item')!);
    expect(field('cashFen')).not.toBeNull();
    await tap(field('currency')!.querySelector('[data-value="group_points"]')!);
    expect(field('cashFen')).toBeNull();
    typeAt('pointsPrice', '150');
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(text('.admin-mall__item .admin-editor__prizes')).toBe('实物 · 150 社群积分 · 银卡会员及以上'));
    const { redeemed: _counted, ...input } = bag;
    expect(paramsOf(calls, 'admin.saveMallItem')).toEqual([
      { action: 'saveMallItem', item: { ...input, id: '31', currency: 'group_points', pointsPrice: 150, cashFen: 0 } },
    ]);
  });
});
