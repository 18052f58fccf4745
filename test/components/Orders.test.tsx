/**
 * 我的订单: status tabs, status labels, paging with the cursor, a pending order's time to pay,
 * 取消订单 (asks first, then order.cancel) and 去支付 through the same payment step as 确认订单,
 * 确认收货 on a shipped order; ?pay=<orderId> (from 加钱换购) opens that payment at once; a 积分换购
 * order shows its points; every card opens its order's detail.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import type { OrderView } from '@cloud/contract';
import { OrdersScreen } from '@/packages/shop/orders';
import { actionOf, fakeTransport } from './fake-transport';
import { order, useShopScreen, mallOrder } from './shop-fixtures';

useShopScreen({ signedIn: true });

const FIRST_PAGE: OrderView[] = [
  order({ id: '905' }),
  order({ id: '904', status: 'paid', pointsEarned: 120, paidAt: '2026-11-24T10:00:00+08:00' }),
  order({ id: '903', status: 'cancelled', cancelledAt: '2026-11-23T10:00:00+08:00' }),
];
const SHIPPED = order({
  id: '906',
  status: 'shipped',
  pointsEarned: 358,
  paidAt: '2026-11-24T10:00:00+08:00',
  shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: '2026-11-25T09:00:00+08:00' },
});
const SECOND_PAGE: OrderView[] = [order({ id: '902', status: 'refunded', refundedAt: '2026-11-20T10:00:00+08:00' })];

function serve(firstPage: OrderView[] = FIRST_PAGE, byId: Record<string, OrderView> = {}) {
  return fakeTransport((c) => {
    const a = actionOf(c);
    if (a === 'order.mine') return c.payload.cursor === '903' ? { items: SECOND_PAGE, nextCursor: null } : { items: firstPage, nextCursor: '903' };
    if (a === 'order.cancel') return order({ id: String(c.payload.orderId), status: 'cancelled', cancelledAt: '2026-11-25T19:00:01+08:00' });
    if (a === 'order.pay') {
      const known = [...firstPage, ...Object.values(byId)].find((o) => o.id === c.payload.orderId);
      return { orderId: c.payload.orderId, totalFen: known?.totalFen ?? 35820, provider: 'sandbox', sandbox: { token: 'tok.sig' }, wechat: null };
    }
    if (a === 'order.detail') return byId[String(c.payload.orderId)] ?? order({ id: String(c.payload.orderId) });
    throw new Error(`unexpected ${a}`);
  });
}

const card = (id: string) => document.querySelector<HTMLElement>(`.order-card[data-order="${id}"]`)!;
const statuses = () => [...document.querySelectorAll('.order-card__status')].map((s) => s.textContent);

describe('我的订单', () => {
  it('labels each status, pages on with the cursor, and shows a pending order’s time to pay', async () => {
    const calls = serve();
    render(<OrdersScreen />);
    await waitFor(() => expect(statuses()).toEqual(['待支付', '待发货', '已取消']));
    expect([...document.querySelectorAll('.orders-page__tab')].map((t) => t.textContent)).toEqual(['全部', '待支付', '待发货', '待收货', '已完成', '售后']);
    expect(card('905').querySelector('.order-card__deadline')!.textContent).toMatch(/^剩余支付时间 (20:00|19:59)$/);
    expect(card('905').querySelector('.order-card__pay')).toBeTruthy();
    expect(card('904').querySelector('.order-card__pay')).toBeNull();
    expect(card('904').querySelector('.order-card__points')!.textContent).toBe('获得 120 积分');
    expect(card('905').textContent).toContain('羊毛混纺大衣');
    expect(card('905').textContent).toContain('黑色 / M × 2');
    expect(card('905').textContent).toContain('¥358.20');

    await act(async () => {
      fireEvent.click(document.querySelector('.orders-page__more')!);
    });
    await waitFor(() => expect(statuses()).toEqual(['待支付', '待发货', '已取消', '已退款']));
    expect(calls.map((c) => c.payload)).toEqual([{ action: 'mine' }, { action: 'mine', cursor: '903' }]);
    expect(document.querySelector('.orders-page__end')!.textContent).toBe('没有更多了');
  });

  it('取消订单 asks first, then cancels the order on the server and shows it cancelled', async () => {
    const calls = serve();
    render(<OrdersScreen />);
    await waitFor(() => expect(card('905')).toBeTruthy());
    fireEvent.click(card('905').querySelector('.order-card__cancel')!);
    expect(document.querySelector('.dialog')!.textContent).toContain('取消「羊毛混纺大衣」的订单（¥358.20）？');
    // 再想想: nothing is sent.
    fireEvent.click(document.querySelector('.dialog__button--cancel')!);
    expect(calls.some((c) => actionOf(c) === 'order.cancel')).toBe(false);

    fireEvent.click(card('905').querySelector('.order-card__cancel')!);
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(card('905').getAttribute('data-status')).toBe('cancelled'));
    expect(calls.filter((c) => actionOf(c) === 'order.cancel').map((c) => c.payload)).toEqual([{ action: 'cancel', orderId: '905' }]);
    expect(card('905').querySelector('.order-card__status')!.textContent).toBe('已取消');
    expect(card('905').querySelector('.order-card__pay')).toBeNull();
    expect(document.querySelector('.dialog')).toBeNull();
  });

  it('去支付 pays a pending order through 模拟支付 and shows it paid', async () => {
    vi.spyOn(Taro, 'request').mockResolvedValue({
      statusCode: 200,
      data: { ok: true, data: order({ id: '905', status: 'paid', pointsEarned: 358, paidAt: '2026-11-25T19:00:05+08:00' }) },
    } as never);
    const calls = serve();
    render(<OrdersScreen />);
    await waitFor(() => expect(card('905')).toBeTruthy());
    await act(async () => {
      fireEvent.click(card('905').querySelector('.order-card__pay')!);
    });
    await waitFor(() => expect(document.querySelector('.dialog__title')!.textContent).toBe('模拟支付 ¥358.20'));
    expect(calls.find((c) => actionOf(c) === 'order.pay')!.payload).toEqual({ action: 'pay', orderId: '905' });
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(card('905').getAttribute('data-status')).toBe('paid'));
    expect(card('905').querySelector('.order-card__points')!.textContent).toBe('获得 358 积分');
    expect(document.querySelector('.dialog')).toBeNull();
  });

  it('?pay=<orderId>: opens the payment of that pending order once the list is loaded, and only once', async () => {
    const calls = serve([mallOrder(), ...FIRST_PAGE]);
    render(<OrdersScreen payOrderId='907' />);
    await waitFor(() => expect(document.querySelector('.dialog__title')?.textContent).toBe('模拟支付 ¥19.90'));
    expect(calls.filter((c) => actionOf(c) === 'order.pay').map((c) => c.payload)).toEqual([{ action: 'pay', orderId: '907' }]);
    expect(calls.some((c) => actionOf(c) === 'order.detail')).toBe(false);
    // 取消 leaves it pending; loading more does not open it again.
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--cancel')!);
    });
    await waitFor(() => expect(document.querySelector('.dialog')).toBeNull());
    await act(async () => {
      fireEvent.click(document.querySelector('.orders-page__more')!);
    });
    await waitFor(() => expect(card('902')).toBeTruthy());
    expect(document.querySelector('.dialog')).toBeNull();
    expect(calls.filter((c) => actionOf(c) === 'order.pay')).toHaveLength(1);
  });

  it('?pay=<orderId> beyond the first page: fetches the order alone, and pays it only while pending', async () => {
    let calls = serve(FIRST_PAGE, { '880': mallOrder({ id: '880' }) });
    render(<OrdersScreen payOrderId='880' />);
    await waitFor(() => expect(document.querySelector('.dialog__title')?.textContent).toBe('模拟支付 ¥19.90'));
    expect(calls.filter((c) => actionOf(c) === 'order.detail').map((c) => c.payload)).toEqual([{ action: 'detail', orderId: '880' }]);
    expect(calls.find((c) => actionOf(c) === 'order.pay')!.payload).toEqual({ action: 'pay', orderId: '880' });
    cleanup();

    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    calls = serve(FIRST_PAGE, { '880': mallOrder({ id: '880', status: 'cancelled', cancelledAt: '2026-11-25T18:40:00+08:00' }) });
    render(<OrdersScreen payOrderId='880' />);
    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '订单已取消' })));
    expect(calls.some((c) => actionOf(c) === 'order.pay')).toBe(false);
    expect(document.querySelector('.dialog')).toBeNull();
  });

  it('a 积分换购 order: labelled as such, priced in points plus cash; every card opens its order’s detail', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    serve([mallOrder(), mallOrder({ id: '908', status: 'paid' }), ...FIRST_PAGE]);
    render(<OrdersScreen />);
    await waitFor(() => expect(card('907')).toBeTruthy());
    expect(card('907').querySelector('.order-card__name')!.textContent).toBe('品牌帆布袋');
    expect(card('907').querySelector('.order-card__sku')!.textContent).toBe('积分换购');
    expect(card('907').querySelector('.order-card__total')!.textContent).toBe('800 积分 + ¥19.90');
    expect(card('907').querySelector('.order-card__pay')).toBeTruthy();
    expect(card('908').querySelector('.order-card__status')!.textContent).toBe('已兑换');
    fireEvent.click(card('907').querySelector('.order-card__body')!);
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/shop/order/index?id=907' });
    fireEvent.click(card('905').querySelector('.order-card__head')!);
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/shop/order/index?id=905' });
    fireEvent.click(card('907').querySelector('.order-card__cancel')!);
    expect(document.querySelector('.dialog')!.textContent).toContain('取消「品牌帆布袋」的换购（800 积分 + ¥19.90）？积分将退回。');
  });

  it('a tab asks for its orders alone; an empty tab offers 去逛逛', async () => {
    const switchTab = vi.spyOn(Taro, 'switchTab').mockResolvedValue(undefined as never);
    const calls = fakeTransport((c) => {
      if (actionOf(c) !== 'order.mine') throw new Error(`unexpected ${actionOf(c)}`);
      return c.payload.status === 'to_receive' ? { items: [SHIPPED], nextCursor: null } : { items: [], nextCursor: null };
    });
    render(<OrdersScreen />);
    await waitFor(() => expect(document.querySelector('.empty-state')).toBeTruthy());
    expect(document.querySelector('.empty-state__text')!.textContent).toBe('还没有订单，挑几件喜欢的吧');
    await act(async () => {
      fireEvent.click(document.querySelector('.orders-page__tab[data-tab="to_receive"]')!);
    });
    await waitFor(() => expect(statuses()).toEqual(['已发货']));
    expect(document.querySelector('.orders-page__tab--active')!.textContent).toBe('待收货');
    expect(card('906').querySelector('.order-card__tracking')!.textContent).toBe('顺丰速运 SF1234567890');
    await act(async () => {
      fireEvent.click(document.querySelector('.orders-page__tab[data-tab="after_sales"]')!);
    });
    await waitFor(() => expect(document.querySelector('.empty-state__text')!.textContent).toBe('没有售后中的订单'));
    fireEvent.click(document.querySelector('.empty-state__action')!);
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
    expect(calls.map((c) => c.payload)).toEqual([{ action: 'mine' }, { action: 'mine', status: 'to_receive' }, { action: 'mine', status: 'after_sales' }]);
  });

  it('确认收货 on a shipped order asks first, then completes it', async () => {
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'order.mine') return { items: [SHIPPED], nextCursor: null };
      if (a === 'order.confirmReceipt') return order({ ...SHIPPED, status: 'completed', completedAt: '2026-11-25T19:00:01+08:00', actions: ['requestReturn'] });
      throw new Error(`unexpected ${a}`);
    });
    render(<OrdersScreen initialTab='to_receive' />);
    await waitFor(() => expect(card('906')).toBeTruthy());
    expect(calls[0]!.payload).toEqual({ action: 'mine', status: 'to_receive' });
    fireEvent.click(card('906').querySelector('.order-card__confirm')!);
    expect(document.querySelector('.dialog')!.textContent).toContain('确认已收到「羊毛混纺大衣」？');
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(card('906').getAttribute('data-status')).toBe('completed'));
    expect(card('906').querySelector('.order-card__status')!.textContent).toBe('已完成');
    expect(card('906').querySelector('.order-card__confirm')).toBeNull();
    expect(calls.filter((c) => actionOf(c) === 'order.confirmReceipt').map((c) => c.payload)).toEqual([{ action: 'confirmReceipt', orderId: '906' }]);
  });
});
