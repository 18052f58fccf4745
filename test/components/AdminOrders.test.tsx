/**
 * 订单 (admin subpackage): blocks until the first page, then 待发货 orders newest first with
 * goods, member, time and total; the tabs ask for their status (售后 shows the request's kind,
 * 全部 no status); a search by order or member id asks with it (anything but digits is refused
 * at the field); 加载更多 sends the cursor; an empty tab says so, a failed one offers 点击重试; a
 * row opens the order. 礼品待发 lists mall goods and lottery prizes with their address; 发货
 * checks carrier and tracking number at their fields, shows the server's refusal, and takes the
 * shipped gift off the list.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdminOrdersScreen } from '@/packages/admin/orders';
import { setTransport } from '@/services/transports';
import { gift, orderItem } from './admin-order-fixtures';
import { actionOf, fail, fakeTransport, scriptedTransport, type RecordedCall } from './fake-transport';
import { stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
let toast: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const rows = () => [...document.querySelectorAll<HTMLElement>('.admin-order-row')];
const giftRows = () => [...document.querySelectorAll<HTMLElement>('.admin-gift-row')];
const text = (selector: string) => document.querySelector(selector)?.textContent;
const input = (cls: string) => document.querySelector<HTMLInputElement>(`.${cls} input, input.${cls}`)!;
const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const of = (calls: RecordedCall[], action: string) => calls.filter((c) => actionOf(c) === `admin.${action}`).map((c) => ({ ...c.payload, action: undefined }));

describe('订单', () => {
  it('blocks, then 待发货 orders newest first; 加载更多 sends the cursor; a row opens the order', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    render(<AdminOrdersScreen />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[0]!.payload).toEqual({ action: 'orders', status: 'paid' });
    expect(document.querySelectorAll('.admin-orders .skeleton').length).toBeGreaterThan(0);
    expect(text('.admin-orders__tab--on')).toBe('待发货');
    await t.answer(0, { items: [orderItem(), orderItem({ id: '300', member: { id: '22', nickname: null }, goods: { name: '羊毛开衫', skuLabel: '燕麦色 / L', qty: 2, imageUrl: null }, totalFen: 45_800 })], nextCursor: '300' });

    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]!.textContent).toBe('法式碎花连衣裙待发货雾霾蓝 / M × 1 · 小林#301 · 11-23 10:00 付款¥299');
    expect(rows()[1]!.querySelector('.admin-order-row__sub')!.textContent).toBe('燕麦色 / L × 2 · 微信用户');

    await tap(document.querySelector('.admin-list__more')!);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[1]!.payload).toEqual({ action: 'orders', status: 'paid', cursor: '300' });
    await t.answer(0, { items: [orderItem({ id: '299' })], nextCursor: null });
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(text('.admin-list__end')).toBe('没有更多了');

    await tap(rows()[2]!);
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/order/index?id=299' });
  });

  it('each tab asks for its status; 售后 names the request; a search by id asks with it, anything else is refused at the field', async () => {
    const calls = fakeTransport((c) => {
      const status = c.payload.status;
      if (status === 'refunding') return { items: [orderItem({ id: '288', status: 'refunding', openAfterSales: 'return' })], nextCursor: null };
      if (c.payload.query === '404') return { items: [], nextCursor: null };
      return { items: [orderItem({ status: (status as never) ?? 'completed' })], nextCursor: null };
    });
    render(<AdminOrdersScreen />);
    await waitFor(() => expect(rows()).toHaveLength(1));

    await tap(document.querySelector('.admin-orders__tab--refunding')!);
    await waitFor(() => expect(text('.admin-order-row__status')).toBe('退货申请'));
    await tap(document.querySelector('.admin-orders__tab--shipped')!);
    await waitFor(() => expect(text('.admin-order-row__status')).toBe('已发货'));
    await tap(document.querySelector('.admin-orders__tab--all')!);
    await waitFor(() => expect(text('.admin-order-row__status')).toBe('已完成'));
    expect(of(calls, 'orders')).toEqual([{ status: 'paid' }, { status: 'refunding' }, { status: 'shipped' }, {}].map((p) => ({ ...p, action: undefined })));

    fireEvent.input(input('admin-orders__input'), { target: { value: '小林' } });
    await tap(document.querySelector('.admin-orders__go')!);
    expect(text('.admin-orders__hint')).toBe('请输入数字订单号或会员 ID');
    expect(of(calls, 'orders')).toHaveLength(4);

    fireEvent.input(input('admin-orders__input'), { target: { value: ' 404 ' } });
    await tap(document.querySelector('.admin-orders__go')!);
    await waitFor(() => expect(text('.empty-state__text')).toBe('没有找到这个订单号或会员的订单'));
    expect(document.querySelector('.admin-orders__hint')).toBeNull();
    expect(of(calls, 'orders').at(-1)).toEqual({ query: '404', action: undefined });
    await tap(document.querySelector('.empty-state__action')!);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(of(calls, 'orders').at(-1)).toEqual({ action: undefined });
  });

  it('an empty tab says so; a first page that fails says why and 点击重试 asks again', async () => {
    let answers = 0;
    fakeTransport(() => (++answers === 1 ? fail(503, 'SCHEMA_BEHIND', '系统升级中，请稍后再试') : { items: [], nextCursor: null }));
    render(<AdminOrdersScreen initialTab='refunding' />);
    await waitFor(() => expect(text('.admin-list__msg')).toBe('系统升级中，请稍后再试，点击重试'));
    await tap(document.querySelector('.admin-list__msg')!);
    await waitFor(() => expect(text('.empty-state__text')).toBe('没有待处理的售后申请'));
  });

  it('礼品待发: gifts with their address; 发货 checks the fields, shows a refusal, and takes the shipped one off the list', async () => {
    let refuse = true;
    const calls = fakeTransport((c) => {
      const action = actionOf(c);
      if (action === 'admin.orders') return { items: [], nextCursor: null };
      if (action === 'admin.fulfilment') {
        return {
          items: [gift(), gift({ kind: 'lottery', id: '9', name: '新款针织开衫', member: { id: '23', nickname: '阿青' }, fulfilment: 'pending_address', address: null })],
          nextCursor: null,
        };
      }
      if (refuse) {
        refuse = false;
        return fail(409, 'GIFT_NOT_SHIPPABLE', '这份礼品已取消（已退款或会员已注销），无需发货');
      }
      return gift({ fulfilment: 'shipped', shipment: { carrier: c.payload.carrier as string, trackingNo: c.payload.trackingNo as string, shippedAt: '2026-11-23T11:00:00+08:00' } });
    });
    render(<AdminOrdersScreen />);
    await tap(document.querySelector('.admin-orders__tab--gifts')!);
    await waitFor(() => expect(giftRows()).toHaveLength(2));
    expect(document.querySelector('.admin-orders__search')).toBeNull();
    expect(giftRows()[0]!.textContent).toBe('品牌帆布袋待发货积分兑换 · 小林（ID 21）· 11-22 15:30林小姐 13800138000上海市 静安区 南京西路 1266 号发货');
    expect(giftRows()[1]!.textContent).toBe('新款针织开衫待会员填地址抽奖奖品 · 阿青（ID 23）· 11-22 15:30会员还没有填写收货地址');
    expect(giftRows()[1]!.querySelector('.admin-gift-row__ship')).toBeNull();

    await tap(giftRows()[0]!.querySelector('.admin-gift-row__ship')!);
    expect(text('.ship-dialog__what')).toBe('积分兑换 · 品牌帆布袋 · 小林');
    // Nothing typed: 确认发货 says what is missing, at the field, and sends nothing.
    await tap(document.querySelector('.dialog__button--confirm')!);
    expect(text('.ship-dialog__hint--tracking')).toBe('请填写快递单号');
    fireEvent.input(input('ship-dialog__tracking'), { target: { value: 'ZT 12' } });
    expect(text('.ship-dialog__hint--tracking')).toBe('快递单号为 6–40 位字母、数字或 -');
    await tap(document.querySelector('[data-carrier="其他"]')!);
    expect(text('.ship-dialog__hint--carrier')).toBe('请选择或填写快递公司');
    await tap(document.querySelector('[data-carrier="中通快递"]')!);
    expect(document.querySelector('.ship-dialog__hint--carrier')).toBeNull();
    await tap(document.querySelector('.dialog__button--confirm')!);
    expect(of(calls, 'shipPrize')).toEqual([]);

    fireEvent.input(input('ship-dialog__tracking'), { target: { value: 'ZT1234567890' } });
    expect(document.querySelector('.ship-dialog__hint--tracking')).toBeNull();
    await tap(document.querySelector('.dialog__button--confirm')!);
    await waitFor(() => expect(text('.dialog__error')).toBe('这份礼品已取消（已退款或会员已注销），无需发货'));
    await tap(document.querySelector('.dialog__button--confirm')!);
    await waitFor(() => expect(document.querySelector('.dialog')).toBeNull());
    expect(of(calls, 'shipPrize')).toEqual([
      { kind: 'mall', id: '41', carrier: '中通快递', trackingNo: 'ZT1234567890', action: undefined },
      { kind: 'mall', id: '41', carrier: '中通快递', trackingNo: 'ZT1234567890', action: undefined },
    ]);
    expect(giftRows().map((r) => r.dataset.gift)).toEqual(['lottery-9']);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发货' }));
  });
});
