/**
 * 确认订单: my default address (or one picked or added here), the server's quote with my best
 * coupon priced in, choosing another coupon or none asks for a new quote, shipping, a note,
 * 提交订单 sends one request id per submit (the same on a retry after a lost answer), then 模拟支付
 * posts the token to the sandbox and the page waits for the server to say the order is paid.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import type { OrderQuote, OrderView, PaymentStart, SavedAddress } from '@cloud/contract';
import { ConfirmScreen } from '@/packages/shop/confirm';
import { actionOf, fail, fakeTransport } from './fake-transport';
import { fillAddress } from './lottery-fixtures';
import { order, quote, savedAddress, useShopScreen } from './shop-fixtures';

useShopScreen({ signedIn: true });

const SANDBOX: PaymentStart = { orderId: '901', totalFen: 35820, provider: 'sandbox', sandbox: { token: 'tok.sig' }, wechat: null };

/**
 * The server's quotes: without a couponId my best coupon, 全场9折券 (32); 满100减20券 (31) and
 * none (null) change the coupon line and total.
 */
function quoteFor(couponId: unknown): OrderQuote {
  if (couponId === '31') return quote({ coupon: { id: '31', name: '满100减20券' }, couponDiscountFen: 2000, totalFen: 33820 });
  if (couponId === '32' || couponId === undefined) return quote({ coupon: { id: '32', name: '全场9折券' }, couponDiscountFen: 3582, totalFen: 32238 });
  return quote();
}

const HOME = savedAddress();
const OFFICE = savedAddress({ id: '72', region: '上海市 浦东新区', detail: '世纪大道 100 号', isDefault: false });

function serve(handlers: { create?(payload: Record<string, unknown>): unknown; detail?(): OrderView; addresses?(): SavedAddress[] } = {}) {
  return fakeTransport((c) => {
    const a = actionOf(c);
    if (a === 'address.list') return handlers.addresses ? handlers.addresses() : [HOME, OFFICE];
    if (a === 'order.quote') return quoteFor(c.payload.couponId);
    if (a === 'order.create') return handlers.create ? handlers.create(c.payload) : order();
    if (a === 'order.pay') return SANDBOX;
    if (a === 'order.detail') return handlers.detail ? handlers.detail() : order();
    throw new Error(`unexpected ${a}`);
  });
}

const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
const row = (kind: string) => text(`.confirm-page__row--${kind}`);
const submitButton = () => document.querySelector<HTMLElement>('.confirm-page__submit')!;

async function openConfirm() {
  render(<ConfirmScreen skuId='11' qty={2} />);
  await waitFor(() => expect(document.querySelector('.confirm-page__breakdown')).toBeTruthy());
  await waitFor(() => expect(document.querySelector('.confirm-page__address .skeleton')).toBeNull());
}

describe('确认订单', () => {
  it('shows my default address and the quote with my best coupon priced in: list price, member discount, coupon, shipping, total and points', async () => {
    const calls = serve();
    await openConfirm();
    expect(calls.find((c) => actionOf(c) === 'order.quote')!.payload).toEqual({ action: 'quote', skuId: '11', qty: 2 });
    expect(text('.confirm-page__address')).toBe('林小姐138****8000默认上海市 静安区 南京西路 1266 号›');
    expect(text('.confirm-page__product-name')).toBe('羊毛混纺大衣');
    expect(text('.confirm-page__product-sku')).toBe('黑色 / M');
    expect(row('list')).toBe('商品原价¥199 × 2');
    expect(row('member')).toBe('会员优惠-¥39.80');
    expect(document.querySelector('.confirm-page__row--member-day')).toBeNull();
    expect(row('coupon')).toBe('优惠券全场9折券 -¥35.82 ›');
    expect(row('shipping')).toBe('运费包邮（满 ¥99）');
    expect(row('total')).toBe('实付¥322.38');
    expect(text('.confirm-page__points')).toBe('支付后可得 358 积分');
  });

  it('shows the fee and what makes shipping free when it is charged', async () => {
    fakeTransport((c) => (actionOf(c) === 'address.list' ? [HOME] : quote({ shippingFen: 1000, totalFen: 36820 })));
    await openConfirm();
    expect(row('shipping')).toBe('运费¥10（满 ¥99 包邮）');
    expect(row('total')).toBe('实付¥368.20');
  });

  it('choosing a coupon asks for a new quote with it; 不使用优惠券 asks for none', async () => {
    const calls = serve();
    await openConfirm();
    fireEvent.click(document.querySelector('.confirm-page__row--coupon')!);
    expect([...document.querySelectorAll('.confirm-page__coupon-option')].map((o) => o.textContent)).toEqual([
      '不使用优惠券',
      '满100减20券-¥20',
      '全场9折券-¥35.82',
    ]);
    expect(document.querySelector('.confirm-page__coupon-option--active')!.getAttribute('data-coupon')).toBe('32');
    await act(async () => {
      fireEvent.click(document.querySelector('.confirm-page__coupon-option[data-coupon="31"]')!);
    });
    await waitFor(() => expect(row('total')).toBe('实付¥338.20'));
    expect(calls.at(-1)!.payload).toEqual({ action: 'quote', skuId: '11', qty: 2, couponId: '31' });
    expect(row('coupon')).toBe('优惠券满100减20券 -¥20 ›');

    fireEvent.click(document.querySelector('.confirm-page__row--coupon')!);
    await act(async () => {
      fireEvent.click(document.querySelector('.confirm-page__coupon-option[data-coupon=""]')!);
    });
    await waitFor(() => expect(row('total')).toBe('实付¥358.20'));
    expect(calls.at(-1)!.payload).toEqual({ action: 'quote', skuId: '11', qty: 2, couponId: null });
    expect(row('coupon')).toBe('优惠券2 张可用 ›');
  });

  it('a submit whose answer was lost is retried with the same requestId and the chosen coupon', async () => {
    let n = 0;
    const calls = serve({
      create: () => {
        n++;
        return n === 1 ? fail(500, 'INTERNAL', '系统繁忙，请稍后再试') : order({ coupon: { id: '31', name: '满100减20券' } });
      },
    });
    await openConfirm();
    fireEvent.click(document.querySelector('.confirm-page__row--coupon')!);
    await act(async () => {
      fireEvent.click(document.querySelector('.confirm-page__coupon-option[data-coupon="31"]')!);
    });
    await waitFor(() => expect(row('total')).toBe('实付¥338.20'));

    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(text('.confirm-page__error')).toBe('系统繁忙，请稍后再试'));
    expect(submitButton().textContent).toBe('重新提交');
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(document.querySelector('.dialog')).toBeTruthy());
    const creates = calls.filter((c) => actionOf(c) === 'order.create');
    expect(creates).toHaveLength(2);
    expect(creates[0]!.payload).toEqual({
      action: 'create',
      skuId: '11',
      qty: 2,
      couponId: '31',
      addressId: '71',
      expectedTotalFen: 33820,
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    });
    expect(creates[1]!.payload.requestId).toBe(creates[0]!.payload.requestId);
  });

  it('a price that changed since the quote is refused, and the page shows the new total to confirm', async () => {
    let quotes = 0;
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'address.list') return [HOME];
      if (a === 'order.quote') return ++quotes === 1 ? quote({ totalFen: 9800 }) : quote({ totalFen: 35820 });
      if (a === 'order.create') return fail(409, 'PRICE_CHANGED', '价格有变化，请确认新价格后再提交');
      throw new Error(`unexpected ${a}`);
    });
    await openConfirm();
    await waitFor(() => expect(row('total')).toBe('实付¥98'));
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(row('total')).toBe('实付¥358.20'));
    expect(text('.confirm-page__error')).toBe('价格有变化，请确认新价格后再提交');
    expect(calls.find((c) => actionOf(c) === 'order.create')!.payload.expectedTotalFen).toBe(9800);
  });

  it('my flash-sale allowance used: the quote is at my member price and says why', async () => {
    fakeTransport((c) => (actionOf(c) === 'address.list' ? [HOME] : quote({ flashAllowance: { limit: 1, used: 1, left: 0 } })));
    await openConfirm();
    expect(text('.confirm-page__allowance')).toBe('秒杀每人限购 1 件，你已抢购 1 件，本单按会员价计');
    expect(document.querySelector('.confirm-page__row--flash')).toBeNull();
    expect(row('member')).toBe('会员优惠-¥39.80');
    expect(submitButton().textContent).toBe('提交订单');
  });

  it.each([
    ['FLASH_SALE_LIMIT', '秒杀商品每人限购 2 件，你还可抢购 1 件'],
    ['OUT_OF_STOCK', '这个规格已售罄'],
    ['NOT_FOUND', '商品不存在或已下架'],
  ])('a quote refused with %s shows the reason and 返回商品, never 点击重试', async (code, message) => {
    const calls = fakeTransport((c) => (actionOf(c) === 'address.list' ? [HOME] : fail(409, code, message)));
    const back = vi.spyOn(Taro, 'navigateBack').mockResolvedValue(undefined as never);
    vi.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as never);
    render(<ConfirmScreen skuId='11' qty={2} />);
    await waitFor(() => expect(text('.confirm-page__refusal-reason')).toBe(message));
    expect(document.body.textContent).not.toContain('重试');
    expect(document.querySelector('.confirm-page__submit')).toBeNull();
    fireEvent.click(document.querySelector('.confirm-page__refusal-reason')!);
    expect(calls.filter((c) => actionOf(c) === 'order.quote')).toHaveLength(1);
    expect(text('.confirm-page__back')).toBe('返回商品');
    fireEvent.click(document.querySelector('.confirm-page__back')!);
    expect(back).toHaveBeenCalledTimes(1);
  });

  it('opened with no page behind it, the way back goes home and says so', async () => {
    fakeTransport((c) => (actionOf(c) === 'address.list' ? [HOME] : fail(409, 'FLASH_SALE_LIMIT', '秒杀商品每人限购 2 件，你还可抢购 1 件')));
    const home = vi.spyOn(Taro, 'switchTab').mockResolvedValue(undefined as never);
    vi.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}] as never);
    render(<ConfirmScreen skuId='11' qty={2} />);
    await waitFor(() => expect(text('.confirm-page__back')).toBe('去首页逛逛'));
    fireEvent.click(document.querySelector('.confirm-page__back')!);
    expect(home).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('a quote that failed on the way (server error) offers 点击重试, and the retry shows the quote', async () => {
    let quotes = 0;
    fakeTransport((c) => (actionOf(c) === 'address.list' ? [HOME] : ++quotes === 1 ? fail(500, 'INTERNAL', '系统繁忙，请稍后再试') : quote()));
    render(<ConfirmScreen skuId='11' qty={2} />);
    await waitFor(() => expect(text('.confirm-page__msg')).toBe('系统繁忙，请稍后再试，点击重试'));
    expect(document.querySelector('.confirm-page__back')).toBeNull();
    await act(async () => {
      fireEvent.click(document.querySelector('.confirm-page__msg')!);
    });
    await waitFor(() => expect(row('total')).toBe('实付¥358.20'));
  });

  it('an order refused because the goods are gone, and the new quote refused too: the reason and 返回商品 instead of 重新提交', async () => {
    vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    vi.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as never);
    let quotes = 0;
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'address.list') return [HOME];
      if (a === 'order.quote') return ++quotes === 1 ? quote() : fail(409, 'OUT_OF_STOCK', '这个规格已售罄');
      if (a === 'order.create') return fail(409, 'OUT_OF_STOCK', '这个规格已售罄');
      throw new Error(`unexpected ${a}`);
    });
    await openConfirm();
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(text('.confirm-page__refusal-reason')).toBe('这个规格已售罄'));
    expect(text('.confirm-page__back')).toBe('返回商品');
    expect(document.querySelector('.confirm-page__submit')).toBeNull();
    expect(document.body.textContent).not.toContain('重新提交');
    expect(calls.filter((c) => actionOf(c) === 'order.create')).toHaveLength(1);
  });

  it('模拟支付: 确认支付 posts the token with the session, then waits until the order is paid', async () => {
    const request = vi.spyOn(Taro, 'request').mockResolvedValue({ statusCode: 200, data: { ok: true, data: order() } } as never);
    let details = 0;
    const calls = serve({
      detail: () => {
        details++;
        return details < 2 ? order() : order({ status: 'paid', pointsEarned: 358, paidAt: '2026-11-25T19:00:10+08:00' });
      },
    });
    await openConfirm();
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(text('.dialog__title')).toBe('模拟支付 ¥358.20'));
    expect(calls.find((c) => actionOf(c) === 'order.pay')!.payload).toEqual({ action: 'pay', orderId: '901' });
    expect(calls.find((c) => actionOf(c) === 'order.create')!.payload).toMatchObject({ couponId: '32', addressId: '71', expectedTotalFen: 32238 });
    expect(text('.dialog__button--confirm')).toBe('确认支付');
    expect(text('.dialog__button--cancel')).toBe('取消');

    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3000);
    });
    await waitFor(() => expect(text('.confirm-page__paid-title')).toBe('支付成功'));
    expect(request).toHaveBeenCalledTimes(1);
    const sent = request.mock.calls[0]![0];
    expect(sent.url).toBe('/api/pay/sandbox/confirm');
    expect(sent.method).toBe('POST');
    expect(sent.data).toEqual({ token: 'tok.sig' });
    expect((sent.header as Record<string, string>).Authorization).toBe('Bearer session-token-1');
    expect(details).toBe(2);
    expect(text('.confirm-page__paid-points')).toBe('获得 358 积分');
    expect(text('.confirm-page__paid-total')).toBe('实付 ¥358.20');

    const redirect = vi.spyOn(Taro, 'redirectTo').mockResolvedValue(undefined as never);
    fireEvent.click(document.querySelector('.confirm-page__orders-link')!);
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/shop/order/index?id=901' });
  });

  it('another address picked, a note written: the order goes there with the note', async () => {
    const calls = serve();
    await openConfirm();
    fireEvent.click(document.querySelector('.confirm-page__address .address-card')!);
    expect([...document.querySelectorAll('.address-picker__option')].map((o) => o.getAttribute('data-address'))).toEqual(['71', '72']);
    fireEvent.click(document.querySelector('.address-picker__option[data-address="72"]')!);
    expect(text('.confirm-page__address')).toContain('世纪大道 100 号');
    fireEvent.input(document.querySelector<HTMLInputElement>('.confirm-page__note-input input, input.confirm-page__note-input')!, { target: { value: ' 工作日送到公司 ' } });
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(calls.some((c) => actionOf(c) === 'order.create')).toBe(true));
    expect(calls.find((c) => actionOf(c) === 'order.create')!.payload).toMatchObject({ addressId: '72', note: '工作日送到公司' });
  });

  it('without an address, 提交订单 asks for one first: saved, the order goes to it', async () => {
    let book: SavedAddress[] = [];
    const calls = serve({
      addresses: () => book,
      create: () => order(),
    });
    await openConfirm();
    expect(text('.confirm-page__add-address')).toBe('＋ 添加收货地址›');
    await act(async () => {
      fireEvent.click(submitButton());
    });
    expect(text('.confirm-page__error')).toBe('请先添加收货地址');
    expect(text('.dialog__title')).toBe('新增收货地址');
    expect(calls.some((c) => actionOf(c) === 'order.create')).toBe(false);

    fakeTransport((c) => {
      calls.push(c);
      const a = actionOf(c);
      if (a === 'address.save') {
        book = [savedAddress({ id: '80', name: '小林', phone: '13812345678', region: '上海市 静安区', detail: '南京西路 1 号' })];
        return { id: '80' };
      }
      if (a === 'address.list') return book;
      if (a === 'order.create') return order();
      if (a === 'order.pay') return SANDBOX;
      throw new Error(`unexpected ${a}`);
    });
    fillAddress();
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(text('.confirm-page__address')).toContain('南京西路 1 号'));
    expect(calls.find((c) => actionOf(c) === 'address.save')!.payload).toEqual({
      action: 'save',
      address: { name: '小林', phone: '13812345678', region: '上海市 静安区', detail: '南京西路 1 号' },
    });
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(calls.some((c) => actionOf(c) === 'order.create')).toBe(true));
    expect(calls.find((c) => actionOf(c) === 'order.create')!.payload).toMatchObject({ addressId: '80' });
  });

  it('a refused sandbox confirm shows the reason and 重试; 取消 leaves a pending order with its time to pay', async () => {
    vi.spyOn(Taro, 'request').mockResolvedValue({ statusCode: 409, data: { ok: false, error: { code: 'ORDER_EXPIRED', message: '订单已超时取消，请重新下单' } } } as never);
    const calls = serve();
    await openConfirm();
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(document.querySelector('.dialog')).toBeTruthy());
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(text('.dialog__error')).toBe('订单已超时取消，请重新下单'));
    expect(text('.dialog__button--confirm')).toBe('重试');

    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--cancel')!);
    });
    await waitFor(() => expect(document.querySelector('.dialog')).toBeNull());
    expect(text('.confirm-page__pending-title')).toBe('订单已提交，待支付');
    expect(text('.confirm-page__deadline')).toMatch(/^剩余支付时间 (20:00|19:59)$/);

    // 去支付 starts the same payment again.
    await act(async () => {
      fireEvent.click(document.querySelector('.confirm-page__pay')!);
    });
    await waitFor(() => expect(text('.dialog__title')).toBe('模拟支付 ¥358.20'));
    expect(calls.filter((c) => actionOf(c) === 'order.pay')).toHaveLength(2);
    expect(calls.filter((c) => actionOf(c) === 'order.create')).toHaveLength(1);
  });
});
