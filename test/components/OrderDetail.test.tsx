/**
 * 订单详情: the status and what comes next, tracking, address, goods and amounts (shipping, coupon,
 * points), the timeline newest first, and the actions the server allows: 确认收货, 申请退款 (a
 * reason picked) and 申请退货 (with a photo uploaded), each shown afterwards on the order.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import type { OrderDetail } from '@cloud/contract';
import { OrderDetailScreen } from '@/packages/shop/order';
import { actionOf, fakeTransport, scriptedTransport } from './fake-transport';
import { order, useShopScreen } from './shop-fixtures';

useShopScreen({ signedIn: true });

const detail = (over: Partial<OrderDetail> = {}): OrderDetail => ({
  ...order({ id: '906', status: 'paid', pointsEarned: 358, paidAt: '2026-11-24T10:00:05+08:00', coupon: { id: '32', name: '全场9折券' }, couponDiscountFen: 3582, totalFen: 32238 }),
  timeline: [
    { step: 'created', at: '2026-11-24T10:00:00+08:00' },
    { step: 'paid', at: '2026-11-24T10:00:05+08:00' },
  ],
  ...over,
});

const SHIPPED = detail({
  status: 'shipped',
  actions: ['confirmReceipt', 'requestReturn'],
  shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: '2026-11-25T09:00:00+08:00' },
  timeline: [
    { step: 'created', at: '2026-11-24T10:00:00+08:00' },
    { step: 'paid', at: '2026-11-24T10:00:05+08:00' },
    { step: 'shipped', at: '2026-11-25T09:00:00+08:00' },
  ],
});

const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
const all = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);

describe('订单详情', () => {
  it('a skeleton until the server answers, then status, tracking, address, amounts, points and the timeline newest first', async () => {
    const copy = vi.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' } as never);
    const t = scriptedTransport();
    render(<OrderDetailScreen orderId='906' />);
    expect(document.querySelector('.order-page .skeleton')).toBeTruthy();
    expect(t.calls[0]!.payload).toEqual({ action: 'detail', orderId: '906' });
    await t.answer(0, { ...SHIPPED, note: '放门卫' });
    expect(text('.order-page__status-title')).toBe('已发货');
    expect(text('.order-page__status-note')).toBe('商品已在路上，收到后请确认收货');
    expect(text('.order-page__tracking')).toBe('顺丰速运 SF1234567890');
    fireEvent.click(document.querySelector('.order-page__copy')!);
    expect(copy).toHaveBeenCalledWith({ data: 'SF1234567890' });
    expect(text('.address-card')).toBe('林小姐138****8000上海市 静安区 南京西路 1266 号');
    expect(all('.order-page__amount')).toEqual([
      '商品原价¥199 × 2',
      '会员优惠-¥39.80',
      '优惠券 · 全场9折券-¥35.82',
      '运费包邮',
      '实付¥322.38',
      '订单备注放门卫',
      '订单编号906',
      '下单时间11-25 18:50',
    ]);
    expect(text('.order-page__points')).toBe('获得 358 积分');
    expect(all('.order-page__step')).toEqual(['商家已发货11-25 09:00', '支付成功11-24 10:00', '提交订单11-24 10:00']);
    expect(document.querySelector('.order-page__step--latest')!.getAttribute('data-step')).toBe('shipped');
    expect(all('.order-page__button')).toEqual(['申请退货', '确认收货']);
  });

  it('确认收货 asks first, then shows the order completed', async () => {
    let confirmed = false;
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'order.confirmReceipt') {
        confirmed = true;
        return { ...SHIPPED, status: 'completed' };
      }
      if (a === 'order.detail')
        return confirmed
          ? { ...SHIPPED, status: 'completed', actions: ['requestReturn'], completedAt: '2026-11-25T19:00:00+08:00', timeline: [...SHIPPED.timeline, { step: 'completed', at: '2026-11-25T19:00:00+08:00' }] }
          : SHIPPED;
      throw new Error(`unexpected ${a}`);
    });
    render(<OrderDetailScreen orderId='906' />);
    await waitFor(() => expect(text('.order-page__status-title')).toBe('已发货'));
    fireEvent.click(document.querySelector('.order-page__confirm')!);
    expect(text('.dialog__body')).toBe('确认已收到「羊毛混纺大衣」？确认后订单完成。');
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(text('.order-page__status-title')).toBe('已完成'));
    expect(all('.order-page__step')[0]).toBe('确认收货11-25 19:00');
    expect(all('.order-page__button')).toEqual(['申请退货']);
    expect(calls.filter((c) => actionOf(c) === 'order.confirmReceipt').map((c) => c.payload)).toEqual([{ action: 'confirmReceipt', orderId: '906' }]);
  });

  it('申请退款 before shipment: a reason picked and words added; then 退款中 with the request on the order', async () => {
    let asked = false;
    const REFUNDING = detail({
      status: 'refunding',
      actions: [],
      afterSales: { kind: 'refund', status: 'pending', reason: '尺码或颜色拍错了：想换 L 码', photos: [], requestedAt: '2026-11-25T19:00:00+08:00', decidedAt: null, note: null },
      timeline: [...detail().timeline, { step: 'refund_requested', at: '2026-11-25T19:00:00+08:00' }],
    });
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'order.requestRefund') {
        asked = true;
        return REFUNDING;
      }
      if (a === 'order.detail') return asked ? REFUNDING : detail();
      throw new Error(`unexpected ${a}`);
    });
    render(<OrderDetailScreen orderId='906' />);
    await waitFor(() => expect(text('.order-page__status-title')).toBe('待发货'));
    expect(all('.order-page__button')).toEqual(['申请退款']);
    fireEvent.click(document.querySelector('.order-page__refund')!);
    expect(text('.dialog__title')).toBe('申请退款');
    fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    expect(text('.dialog__error')).toBe('请选择或填写原因');
    expect(document.querySelector('.after-sales__add')).toBeNull();
    fireEvent.click([...document.querySelectorAll<HTMLElement>('.after-sales__reason')].find((r) => r.textContent === '尺码或颜色拍错了')!);
    fireEvent.input(document.querySelector('.after-sales__words input, input.after-sales__words')!, { target: { value: '想换 L 码' } });
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(text('.order-page__status-title')).toBe('退款中'));
    expect(calls.find((c) => actionOf(c) === 'order.requestRefund')!.payload).toEqual({ action: 'requestRefund', orderId: '906', reason: '尺码或颜色拍错了：想换 L 码' });
    expect(text('.order-page__after-sales .order-page__label')).toBe('退款申请 · 处理中');
    expect(text('.order-page__after-sales')).toContain('原因：尺码或颜色拍错了：想换 L 码');
    expect(document.querySelector('.order-page__bar')).toBeNull();
  });

  it('申请退货 with a photo uploaded through the media upload', async () => {
    const upload = vi.fn(async () => new Response(JSON.stringify({ ok: true, data: { url: '/media/AbCdEfGhIjKlMnOpQrStUv' } }), { status: 200 }));
    vi.stubGlobal('fetch', upload);
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'order.detail') return SHIPPED;
      if (a === 'order.requestReturn') return { ...SHIPPED, status: 'refunding' };
      throw new Error(`unexpected ${a}`);
    });
    render(<OrderDetailScreen orderId='906' />);
    await waitFor(() => expect(text('.order-page__status-title')).toBe('已发货'));
    fireEvent.click(document.querySelector('.order-page__return')!);
    expect(text('.dialog__title')).toBe('申请退货');
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'damage.png', { type: 'image/png' });
    await act(async () => {
      fireEvent.change(document.querySelector('.after-sales__file')!, { target: { files: [file] } });
    });
    await waitFor(() => expect(document.querySelectorAll('.after-sales__photo')).toHaveLength(1));
    expect(upload).toHaveBeenCalledWith('/api/media/photo', expect.objectContaining({ method: 'POST', body: file }));
    fireEvent.click([...document.querySelectorAll<HTMLElement>('.after-sales__reason')].find((r) => r.textContent === '收到时已破损')!);
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(calls.some((c) => actionOf(c) === 'order.requestReturn')).toBe(true));
    expect(calls.find((c) => actionOf(c) === 'order.requestReturn')!.payload).toEqual({
      action: 'requestReturn',
      orderId: '906',
      reason: '收到时已破损',
      photos: ['/media/AbCdEfGhIjKlMnOpQrStUv'],
    });
    vi.unstubAllGlobals();
  });

  it('refunded: the money back and no actions left', async () => {
    fakeTransport(() =>
      detail({
        status: 'refunded',
        actions: [],
        refundedAt: '2026-11-25T15:00:00+08:00',
        afterSales: { kind: 'refund', status: 'approved', reason: '不想要了', photos: [], requestedAt: '2026-11-25T14:00:00+08:00', decidedAt: '2026-11-25T15:00:00+08:00', note: null },
        timeline: [...detail().timeline, { step: 'refund_requested', at: '2026-11-25T14:00:00+08:00' }, { step: 'refunded', at: '2026-11-25T15:00:00+08:00' }],
      }),
    );
    render(<OrderDetailScreen orderId='906' />);
    await waitFor(() => expect(text('.order-page__status-title')).toBe('已退款'));
    expect(text('.order-page__status-note')).toBe('¥322.38 已原路退回');
    expect(all('.order-page__step')[0]).toBe('退款成功11-25 15:00');
    expect(document.querySelector('.order-page__bar')).toBeNull();
  });
});
