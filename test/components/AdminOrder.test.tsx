/**
 * 订单详情 (admin subpackage): blocks until orderDetail answers, then status, member (opens the
 * member), the full address and note, goods and amounts. 发货 sends carrier and tracking number,
 * shows the server's refusal in the dialog, and once shipped the order shows its tracking. An
 * open after-sales request shows the member's reason and photos (tapped: previewed); 拒绝 needs a
 * reason, checked at the field; 同意退款 sends the decision; either shows the order again.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdminOrderScreen } from '@/packages/admin/order';
import { setTransport } from '@/services/transports';
import { orderDetail } from './admin-order-fixtures';
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

const text = (selector: string) => document.querySelector(selector)?.textContent;
const all = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
const input = (cls: string) => document.querySelector<HTMLInputElement>(`.${cls} input, input.${cls}`)!;
const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const of = (calls: RecordedCall[], action: string) => calls.filter((c) => actionOf(c) === `admin.${action}`).map((c) => c.payload);

const RETURN = {
  kind: 'return' as const,
  status: 'pending' as const,
  reason: '衣服有破洞',
  photos: ['/media/AAAAAAAAAAAAAAAAAAAAAA', '/media/BBBBBBBBBBBBBBBBBBBBBB'],
  requestedAt: '2026-11-25T09:00:00+08:00',
  decidedAt: null,
  note: null,
};

describe('订单详情 (运营)', () => {
  it('blocks, then status, member, address, note, goods and amounts; the member opens', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    render(<AdminOrderScreen orderId='301' />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[0]!.payload).toEqual({ action: 'orderDetail', orderId: '301' });
    expect(document.querySelectorAll('.admin-order .skeleton').length).toBeGreaterThan(0);
    await t.answer(0, orderDetail());

    await waitFor(() => expect(text('.admin-order__status-name')).toBe('待发货'));
    expect(text('.admin-order__status .admin-order__small')).toBe('订单号 301 · 11-23 09:58 下单');
    expect(text('.admin-order__member')).toBe('小林银卡会员 · ID 21›');
    expect(text('.admin-order__who')).toBe('林小姐 13800138000');
    expect(text('.admin-order__note-text')).toBe('买家备注：放门卫');
    expect(all('.admin-order__line')).toEqual(['商品金额¥318', '会员优惠-¥10', '优惠券 · 满200减20-¥20', '运费¥10', '实付¥298', '付款时间11-23 10:00']);
    expect(document.querySelector('.admin-order__after-sales')).toBeNull();
    expect(document.querySelector('.admin-order__shipment')).toBeNull();
    // 订单进度: the latest step first, as the member's order page shows it.
    expect(all('.admin-order__step')).toEqual(['支付成功11-23 10:00', '提交订单11-23 09:58']);
    await tap(document.querySelector('.admin-order__member')!);
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/member/index?id=21' });
  });

  it('发货: the server’s refusal shows in the dialog; shipped, the order shows its tracking number', async () => {
    let shipped = false;
    let refuse = true;
    const calls = fakeTransport((c) => {
      if (actionOf(c) === 'admin.orderDetail') {
        return shipped ? orderDetail({ status: 'shipped', shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: '2026-11-23T11:00:00+08:00' } }) : orderDetail();
      }
      if (refuse) {
        refuse = false;
        return fail(409, 'ORDER_NOT_SHIPPABLE', '只有待发货的订单可以发货');
      }
      shipped = true;
      return orderDetail({ status: 'shipped' });
    });
    render(<AdminOrderScreen orderId='301' />);
    await waitFor(() => expect(document.querySelector('.admin-order__ship')).not.toBeNull());
    await tap(document.querySelector('.admin-order__ship')!);
    expect(text('.ship-dialog__what')).toBe('法式碎花连衣裙 雾霾蓝 / M × 2');
    fireEvent.input(input('ship-dialog__tracking'), { target: { value: 'SF1234567890' } });
    await tap(document.querySelector('.dialog__button--confirm')!);
    await waitFor(() => expect(text('.dialog__error')).toBe('只有待发货的订单可以发货'));
    await tap(document.querySelector('.dialog__button--confirm')!);

    await waitFor(() => expect(text('.admin-order__tracking')).toBe('顺丰速运 SF1234567890'));
    expect(document.querySelector('.dialog')).toBeNull();
    expect(text('.admin-order__status-name')).toBe('已发货');
    expect(document.querySelector('.admin-order__ship')).toBeNull();
    expect(of(calls, 'shipOrder')).toEqual([
      { action: 'shipOrder', orderId: '301', carrier: '顺丰速运', trackingNo: 'SF1234567890' },
      { action: 'shipOrder', orderId: '301', carrier: '顺丰速运', trackingNo: 'SF1234567890' },
    ]);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发货' }));
  });

  it('an open return shows the member’s reason and photos; 拒绝 needs a reason; 同意退款 sends the decision; each shows the order again', async () => {
    const preview = vi.spyOn(Taro, 'previewImage').mockResolvedValue(undefined as never);
    let decided: 'declined' | 'approved' | null = null;
    const calls = fakeTransport((c) => {
      if (actionOf(c) === 'admin.orderDetail') {
        if (decided === 'declined') return orderDetail({ status: 'shipped', afterSales: { ...RETURN, status: 'declined', decidedAt: '2026-11-25T10:00:00+08:00', note: '影响二次销售' } });
        if (decided === 'approved') return orderDetail({ status: 'refunded', refundedAt: '2026-11-25T10:00:00+08:00', afterSales: { ...RETURN, status: 'approved', decidedAt: '2026-11-25T10:00:00+08:00' } });
        return orderDetail({ status: 'refunding', afterSales: RETURN });
      }
      decided = c.payload.approve ? 'approved' : 'declined';
      return orderDetail();
    });
    render(<AdminOrderScreen orderId='301' />);
    await waitFor(() => expect(text('.admin-order__status-name')).toBe('退货申请待处理'));
    expect(text('.admin-order__after-sales .admin-order__title')).toBe('退货申请 · 待处理11-25 09:00');
    expect(text('.admin-order__reason')).toBe('会员说明：衣服有破洞');
    expect(document.querySelectorAll('.admin-order__photo')).toHaveLength(2);
    expect(document.querySelector('.admin-order__ship')).toBeNull();
    await tap(document.querySelectorAll('.admin-order__photo')[1]!);
    expect(preview).toHaveBeenCalledWith({ current: expect.stringContaining('/media/BBBBBBBBBBBBBBBBBBBBBB'), urls: [expect.stringContaining('/media/AAAA'), expect.stringContaining('/media/BBBB')] });

    // 拒绝: without a reason nothing is sent and the field says why.
    await tap(document.querySelector('.admin-order__decline')!);
    await tap(document.querySelector('.dialog__button--confirm')!);
    expect(text('.admin-order__note-hint')).toBe('请填写拒绝原因（至少 2 个字），会员会看到');
    expect(of(calls, 'decideRefund')).toEqual([]);
    fireEvent.input(input('admin-order__note'), { target: { value: ' 影响二次销售 ' } });
    expect(document.querySelector('.admin-order__note-hint')).toBeNull();
    await tap(document.querySelector('.dialog__button--confirm')!);
    await waitFor(() => expect(text('.admin-order__status-name')).toBe('已发货'));
    expect(text('.admin-order__after-sales .admin-order__title')).toBe('退货申请 · 已拒绝11-25 09:00');
    expect(all('.admin-order__after-sales .admin-order__small')).toEqual(['处理说明：影响二次销售']);
    expect(document.querySelector('.admin-order__approve')).toBeNull();
    expect(of(calls, 'decideRefund')).toEqual([{ action: 'decideRefund', orderId: '301', approve: false, note: '影响二次销售' }]);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已拒绝' }));
  });

  it('同意退款 with no note sends approve alone; the refunded order says when', async () => {
    let approved = false;
    const calls = fakeTransport((c) => {
      if (actionOf(c) === 'admin.decideRefund') {
        approved = true;
        return orderDetail({ status: 'refunded' });
      }
      return approved
        ? orderDetail({ status: 'refunded', refundedAt: '2026-11-25T10:00:00+08:00', afterSales: { ...RETURN, kind: 'refund', photos: [], status: 'approved', decidedAt: '2026-11-25T10:00:00+08:00' } })
        : orderDetail({ status: 'refunding', afterSales: { ...RETURN, kind: 'refund', photos: [] } });
    });
    render(<AdminOrderScreen orderId='301' />);
    await waitFor(() => expect(text('.admin-order__status-name')).toBe('退款申请待处理'));
    expect(document.querySelector('.admin-order__photo')).toBeNull();
    await tap(document.querySelector('.admin-order__approve')!);
    expect(text('.admin-order__decide-text')).toBe('同意后将原路退款 ¥298，退回库存、优惠券，扣回赠送的积分。');
    await tap(document.querySelector('.dialog__button--confirm')!);
    await waitFor(() => expect(text('.admin-order__status-name')).toBe('已退款'));
    expect(of(calls, 'decideRefund')).toEqual([{ action: 'decideRefund', orderId: '301', approve: true }]);
    expect(all('.admin-order__line--refunded')).toEqual(['退款时间11-25 10:00']);
    expect(text('.admin-order__after-sales .admin-order__title')).toBe('退款申请 · 已同意11-25 09:00');
  });

  it('an approved refund that did not go through offers 重试退款, which approves again', async () => {
    const calls = fakeTransport((c) =>
      actionOf(c) === 'admin.decideRefund' ? fail(503, 'PAYMENT_NOT_CONFIGURED', '微信支付暂未开通，请联系管理员') : orderDetail({ status: 'refunding', afterSales: { ...RETURN, kind: 'refund', photos: [], status: 'approved', decidedAt: '2026-11-25T10:00:00+08:00' } }),
    );
    render(<AdminOrderScreen orderId='301' />);
    await waitFor(() => expect(text('.admin-order__unfinished')).toBe('退款未完成'));
    expect(text('.admin-order__status-name')).toBe('售后中');
    expect(document.querySelector('.admin-order__decline')).toBeNull();
    await tap(document.querySelector('.admin-order__retry')!);
    await tap(document.querySelector('.dialog__button--confirm')!);
    await waitFor(() => expect(text('.dialog__error')).toBe('微信支付暂未开通，请联系管理员'));
    expect(of(calls, 'decideRefund')).toEqual([{ action: 'decideRefund', orderId: '301', approve: true }]);
  });

  it('a failed load says why and 点击重试 asks again; an id that is no id is not asked for', async () => {
    let answers = 0;
    const calls = fakeTransport(() => (++answers === 1 ? fail(404, 'NOT_FOUND', '订单不存在') : orderDetail()));
    render(<AdminOrderScreen orderId='301' />);
    await waitFor(() => expect(text('.admin-order__msg')).toBe('订单不存在，点击重试'));
    await tap(document.querySelector('.admin-order__msg')!);
    await waitFor(() => expect(text('.admin-order__status-name')).toBe('待发货'));
    cleanup();
    calls.length = 0;
    render(<AdminOrderScreen orderId='abc' />);
    await waitFor(() => expect(text('.admin-order__msg')).toBe('订单不存在，点击重试'));
    expect(calls).toEqual([]);
  });
});
