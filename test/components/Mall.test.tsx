/**
 * 积分商城: each blockedBy shows its Chinese reason on a disabled button; 兑换 asks first, sends
 * mall.redeem {itemId, requestId} once, shows the coupon (or asks for an address for goods),
 * and a retry after a lost answer reuses the requestId. 换购 (points plus cash) answers with an
 * order to pay: 待支付 leads to 我的订单's payment step.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RedemptionView, MallItemView, RedeemResult } from '@cloud/contract';
import MallItemCard from '@/components/MallItemCard';
import { MallScreen } from '@/packages/mall';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { formatYuan } from '@/utils/money';
import { actionOf, fail, fakeTransport } from './fake-transport';
import { coupon, fillAddress } from './lottery-fixtures';
import { mallOrder, stubIntersectionObserver } from './shop-fixtures';

// Item pictures load when scrolled near.
beforeAll(stubIntersectionObserver);

afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});
beforeEach(() => useMemberStore.getState().reset());

const item = (over: Partial<MallItemView> = {}): MallItemView => ({
  id: '1',
  name: '满100减20券',
  description: '全场满 100 元可用，30 天有效',
  imageUrl: null,
  kind: 'coupon',
  currency: 'points',
  pointsPrice: 200,
  cashFen: 0,
  remaining: null,
  perMemberLimit: null,
  myRedeemed: 0,
  minTier: { key: 'normal', name: '普通会员' },
  blockedBy: null,
  startsAt: null,
  endsAt: null,
  ...over,
});

const cardButton = () => document.querySelector<HTMLElement>('.mall-item__button')!;
const isDisabled = (el: HTMLElement) => el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false';

describe('MallItemCard', () => {
  const cases: Array<[MallItemView['blockedBy'], Partial<MallItemView>, string, string]> = [
    ['TIER_REQUIRED', { minTier: { key: 'gold', name: '金卡会员' } }, '金卡会员专享', '金卡会员及以上会员可兑换'],
    ['OUT_OF_STOCK', { remaining: 0 }, '已兑完', '已兑完，下次早点来'],
    ['REDEEM_LIMIT', { perMemberLimit: 1, myRedeemed: 1 }, '已达上限', '已达到每人兑换上限'],
    ['NOT_IN_WINDOW', { startsAt: '2026-12-01T10:00:00+08:00' }, '未开放', '不在兑换时间内'],
    ['INSUFFICIENT_POINTS', {}, '积分不足', '积分不足，签到可以攒积分'],
  ];
  for (const [blockedBy, over, button, reason] of cases) {
    it(`${blockedBy}: ${button}, disabled, with the reason`, () => {
      const onRedeem = vi.fn();
      render(<MallItemCard item={item({ ...over, blockedBy })} onRedeem={onRedeem} />);
      expect(cardButton().textContent).toBe(button);
      expect(isDisabled(cardButton())).toBe(true);
      expect(document.querySelector('.mall-item__reason')!.textContent).toContain(reason);
      fireEvent.click(cardButton());
      expect(onRedeem).not.toHaveBeenCalled();
    });
  }

  it('redeemable: price, cash part, stock, tier and per-member limit, and 换购 for points plus cash', () => {
    const onRedeem = vi.fn();
    render(
      <MallItemCard
        item={item({ kind: 'goods', name: '品牌帆布袋', pointsPrice: 800, cashFen: 1990, remaining: 50, perMemberLimit: 2, myRedeemed: 1, minTier: { key: 'silver', name: '银卡会员' } })}
        onRedeem={onRedeem}
      />,
    );
    const text = document.querySelector('.mall-item')!.textContent!;
    expect(text).toContain('800 积分');
    expect(text).toContain('+ ¥19.90');
    expect(text).toContain('剩余 50 件');
    expect(text).toContain('每人限兑 2 件（已兑 1）');
    expect(text).toContain('银卡会员及以上');
    expect(text).toContain('实物');
    expect(cardButton().textContent).toBe('换购');
    fireEvent.click(cardButton());
    expect(onRedeem).toHaveBeenCalledTimes(1);
  });

  it('shows the item’s picture beside its name; an item without one shows none', () => {
    render(<MallItemCard item={item({ imageUrl: '/catalog-images/goods-tote.svg' })} onRedeem={vi.fn()} />);
    // Loaded once scrolled near (lazyLoad): the address waits in data-src.
    expect(document.querySelector('.mall-item__top img')!.getAttribute('data-src')).toBe('/catalog-images/goods-tote.svg');
    cleanup();
    render(<MallItemCard item={item({ imageUrl: null })} onRedeem={vi.fn()} />);
    expect(document.querySelector('.mall-item img')).toBeNull();
    expect(document.querySelector('.mall-item__name')).toBeTruthy();
  });

  it('points only: 兑换', () => {
    render(<MallItemCard item={item()} onRedeem={vi.fn()} />);
    expect(document.querySelector('.mall-item')!.textContent).not.toContain('+');
    expect(cardButton().textContent).toBe('兑换');
  });

  it('fen as ¥ with two decimals or whole yuan', () => {
    expect(formatYuan(2000)).toBe('¥20');
    expect(formatYuan(1990)).toBe('¥19.90');
    expect(formatYuan(5)).toBe('¥0.05');
  });
});

describe('the mall screen', () => {
  const redeemed: RedeemResult = {
    redemptionId: '41',
    item: { id: '1', name: '满100减20券' },
    currency: 'points',
    points: 200,
    balance: 600,
    coupon: coupon({ source: 'mall' }),
    needsAddress: false,
    order: null,
  };

  function serve(
    redeem: (payload: Record<string, unknown>) => unknown,
    items = [item(), item({ id: '4', name: '金卡专享保温杯', blockedBy: 'TIER_REQUIRED', minTier: { key: 'gold', name: '金卡会员' } })],
    redemptions: RedemptionView[] = [],
  ) {
    let balance = 800;
    let groupPoints = 120;
    return fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'mall.list') return items;
      if (a === 'points.balance') return { balance, expiring: null, groupPoints };
      if (a === 'mall.redeem') {
        const answer = redeem(c.payload) as RedeemResult;
        if ('balance' in answer) {
          if (answer.currency === 'group_points') groupPoints = answer.balance;
          else balance = answer.balance;
        }
        return answer;
      }
      if (a === 'mall.setAddress') return { redemptionId: '42', fulfilment: 'to_ship' };
      if (a === 'mall.redemptions') return redemptions;
      throw new Error(`unexpected ${a}`);
    });
  }

  it('兑换 → confirm with the price → one redeem → 兑换成功 with the coupon and 去卡包', async () => {
    const calls = serve(() => redeemed);
    render(<MallScreen />);
    await waitFor(() => expect(document.querySelectorAll('.mall-item')).toHaveLength(2));
    expect(document.querySelector('.mall-page__balance')!.textContent).toContain('800');
    fireEvent.click(document.querySelector<HTMLElement>('[data-item="1"] .mall-item__button')!);
    expect(document.querySelector('.dialog')!.textContent).toContain('用 200 积分 兑换「满100减20券」');
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(document.querySelector('.dialog__title')?.textContent).toBe('兑换成功'));
    const redeems = calls.filter((c) => actionOf(c) === 'mall.redeem');
    expect(redeems).toHaveLength(1);
    expect(redeems[0]!.payload).toEqual({ action: 'redeem', itemId: '1', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(document.querySelector('.dialog')!.textContent).toContain('已放入卡包');
    expect(document.querySelector('.dialog__button--confirm')!.textContent).toBe('去卡包');
    expect(useMemberStore.getState().balance).toBe(600);
  });

  it('a lost answer shows 重试, which sends the same requestId; a refusal shows its message', async () => {
    let n = 0;
    const calls = serve(() => {
      n++;
      if (n === 1) return fail(500, 'INTERNAL', '系统繁忙，请稍后再试');
      return fail(409, 'INSUFFICIENT_POINTS', '积分不足');
    });
    render(<MallScreen />);
    await waitFor(() => expect(document.querySelector('.mall-item')).toBeTruthy());
    fireEvent.click(document.querySelector<HTMLElement>('[data-item="1"] .mall-item__button')!);
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(document.querySelector('.dialog__error')?.textContent).toBe('系统繁忙，请稍后再试'));
    expect(document.querySelector('.dialog__button--confirm')!.textContent).toBe('重试');
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(document.querySelector('.dialog__error')?.textContent).toBe('积分不足'));
    const ids = calls.filter((c) => actionOf(c) === 'mall.redeem').map((c) => c.payload.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    // Cancel and 兑换 again: a new intent.
    fireEvent.click(document.querySelector('.dialog__button--cancel')!);
    fireEvent.click(document.querySelector<HTMLElement>('[data-item="1"] .mall-item__button')!);
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(calls.filter((c) => actionOf(c) === 'mall.redeem')).toHaveLength(3));
    expect(calls.filter((c) => actionOf(c) === 'mall.redeem')[2]!.payload.requestId).not.toBe(ids[0]);
  });

  it('我的兑换 lists goods waiting for an address, and fills it in later', async () => {
    const pending: RedemptionView = {
      redemptionId: '77',
      item: { id: '3', name: '品牌帆布袋', kind: 'goods', currency: 'points' },
      points: 800,
      createdAt: '2026-11-20T10:00:00+08:00',
      fulfilment: 'pending_address',
      address: null,
    };
    const shipped: RedemptionView = { ...pending, redemptionId: '76', fulfilment: 'shipped', address: { name: '小林', phone: '13812345678', region: '上海市', detail: '南京西路 1 号' } };
    const couponOne: RedemptionView = { ...pending, redemptionId: '75', item: { id: '1', name: '满100减20券', kind: 'coupon', currency: 'points' }, fulfilment: 'done' };
    const calls = serve(() => redeemed, [item()], [pending, shipped, couponOne]);
    render(<MallScreen />);
    await waitFor(() => expect(document.querySelectorAll('.awards__row')).toHaveLength(2));
    expect(document.querySelector('.awards')!.textContent).toContain('我的兑换');
    expect(document.querySelector('[data-fulfilment="shipped"]')!.textContent).toContain('已发货');
    fireEvent.click(document.querySelector<HTMLElement>('[data-fulfilment="pending_address"] .awards__action')!);
    await waitFor(() => expect(document.querySelector('.address-form')).toBeTruthy());
    // Bought or redeemed in the mall, it is goods (商品), not a lottery prize.
    expect(document.querySelector('.address-form__item')!.textContent).toBe(`商品：${pending.item.name}`);
    fillAddress();
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(calls.some((c) => actionOf(c) === 'mall.setAddress')).toBe(true));
    expect(calls.find((c) => actionOf(c) === 'mall.setAddress')!.payload).toMatchObject({ redemptionId: '77' });
  });

  it('goods: asks for the address and sends mall.setAddress with the redemption id', async () => {
    const calls = serve(() => ({ ...redeemed, redemptionId: '42', item: { id: '3', name: '品牌帆布袋' }, coupon: null, needsAddress: true }), [
      item({ id: '3', kind: 'goods', name: '品牌帆布袋', pointsPrice: 800, remaining: 50, perMemberLimit: 1 }),
    ]);
    render(<MallScreen />);
    await waitFor(() => expect(document.querySelector('.mall-item')).toBeTruthy());
    fireEvent.click(cardButton());
    expect(document.querySelector('.dialog')!.textContent).toContain('兑换后请填写收货地址');
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(document.querySelector('.address-form')).toBeTruthy());
    expect(document.querySelector('.address-form__item')!.textContent).toBe('商品：品牌帆布袋');
    fillAddress();
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(document.querySelector('.address-form')).toBeNull());
    expect(calls.find((c) => actionOf(c) === 'mall.setAddress')!.payload).toEqual({
      action: 'setAddress',
      redemptionId: '42',
      address: { name: '小林', phone: '13812345678', region: '上海市 静安区', detail: '南京西路 1 号' },
    });
  });

  it('换购: the points are taken, 待支付 says how long is left to pay, and 去支付 opens the order’s payment', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    const bag = item({ id: '3', kind: 'goods', name: '品牌帆布袋', pointsPrice: 800, cashFen: 1990, remaining: 50 });
    const pending = mallOrder({
      // A little under 15 minutes by the time the dialog shows: rounded to whole minutes.
      expiresAt: new Date(Date.now() + 15 * 60_000 - 20_000).toISOString(),
    });
    const calls = serve(() => ({ ...redeemed, redemptionId: null, item: { id: '3', name: '品牌帆布袋' }, points: 800, balance: 0, coupon: null, needsAddress: false, order: pending }), [bag]);
    render(<MallScreen />);
    await waitFor(() => expect(document.querySelector('.mall-item')).toBeTruthy());
    expect(document.querySelector('.mall-item')!.textContent).toContain('800 积分 + ¥19.90');
    expect(cardButton().textContent).toBe('换购');
    fireEvent.click(cardButton());
    expect(document.querySelector('.dialog__title')!.textContent).toBe('确认换购');
    expect(document.querySelector('.dialog')!.textContent).toContain('用 800 积分 + ¥19.90 换购「品牌帆布袋」？支付后请填写收货地址。');
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(document.querySelector('.dialog__title')?.textContent).toBe('待支付'));
    expect(calls.filter((c) => actionOf(c) === 'mall.redeem').map((c) => c.payload)).toEqual([
      { action: 'redeem', itemId: '3', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
    ]);
    expect(document.querySelector('.dialog__body')!.textContent).toBe(
      '已扣除 800 积分并为你保留商品，请在 15 分钟内支付 ¥19.90，超时未支付将自动取消并退回积分。',
    );
    expect(document.querySelector('.address-form')).toBeNull();
    expect(useMemberStore.getState().balance).toBe(0);
    expect(document.querySelector('.dialog__button--cancel')!.textContent).toBe('稍后支付');
    fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/shop/orders/index?pay=907' });
    expect(document.querySelector('.dialog')).toBeNull();
  });
});

describe('the mall\'s 社群积分 section', () => {
  it('lists the group-points items apart, with my 社群积分; 兑换 spends them and leaves the points as they were', async () => {
    const groupCoupon = item({ id: '9', name: '群友专享券', currency: 'group_points', pointsPrice: 100 });
    const tooDear = item({ id: '10', name: '群友专享帆布袋', kind: 'goods', currency: 'group_points', pointsPrice: 1000, blockedBy: 'INSUFFICIENT_GROUP_POINTS' });
    let groupPoints = 120;
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'mall.list') return [item(), groupCoupon, tooDear];
      if (a === 'points.balance') return { balance: 800, expiring: null, groupPoints };
      if (a === 'mall.redemptions') return [];
      if (a === 'mall.redeem') {
        groupPoints = 20;
        return { redemptionId: '50', item: { id: '9', name: '群友专享券' }, currency: 'group_points', points: 100, balance: 20, coupon: coupon({ source: 'mall' }), needsAddress: false, order: null };
      }
      throw new Error(`unexpected ${a}`);
    });
    render(<MallScreen />);
    await waitFor(() => expect(document.querySelectorAll('.mall-page__group .mall-item')).toHaveLength(2));
    expect(document.querySelectorAll('.mall-item')).toHaveLength(3);
    expect(document.querySelector('.mall-page__group-balance')!.textContent).toBe('我的社群积分 120');
    expect(document.querySelector('[data-item="9"] .mall-item__unit')!.textContent).toBe(' 社群积分');
    expect(document.querySelector('[data-item="10"] .mall-item__button')!.textContent).toBe('社群积分不足');

    fireEvent.click(document.querySelector<HTMLElement>('[data-item="9"] .mall-item__button')!);
    expect(document.querySelector('.dialog')!.textContent).toContain('用 100 社群积分 兑换「群友专享券」？');
    expect(document.querySelector('.mall-page__confirm-sub')!.textContent).toBe('当前社群积分 120，兑换后剩余 20');
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(document.querySelector('.dialog__title')?.textContent).toBe('兑换成功'));
    expect(document.querySelector('.mall-page__done')!.textContent).toContain('消耗 100 社群积分，剩余 20 社群积分');
    expect(calls.filter((c) => actionOf(c) === 'mall.redeem')[0]!.payload).toMatchObject({ itemId: '9' });
    expect(useMemberStore.getState()).toMatchObject({ balance: 800, groupPoints: 20 });
  });
});
