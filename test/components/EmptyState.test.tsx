/**
 * Empty lists offer the next step: the one EmptyState component says what is missing and opens
 * the page that fills it (a tab page is switched to, any other page pushed), on every screen
 * a newcomer meets empty — 我的订单, the wallet's tabs, 积分明细, 我的奖品, the mall, a category,
 * the lottery without a campaign, 邀请好友, the guide's lists.
 */
import Taro from '@tarojs/taro';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import EmptyState from '@/components/EmptyState';
import AwardList from '@/components/AwardList';
import ShareStatsList from '@/components/ShareStatsList';
import { CategoryScreen } from '@/packages/shop/category';
import { LotteryScreen } from '@/packages/lottery';
import { MallScreen } from '@/packages/mall';
import { OrdersScreen } from '@/packages/shop/orders';
import { WalletScreen } from '@/packages/wallet';
import { setTransport } from '@/services/transports';
import { actionOf, fakeTransport } from './fake-transport';

afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

function spyNavigation() {
  return {
    switchTab: vi.spyOn(Taro, 'switchTab').mockResolvedValue(undefined as never),
    navigateTo: vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never),
  };
}

const emptyText = () => document.querySelector('.empty-state__text')?.textContent;
const actionButton = () => document.querySelector<HTMLElement>('.empty-state__action');

describe('EmptyState', () => {
  it.each([
    ['a tab page is switched to (navigateTo refuses tab pages)', '/pages/checkin/index', 'switchTab', { url: '/pages/checkin/index' }],
    ['a tab page with a query is switched to without it', '/pages/home/index?from=empty', 'switchTab', { url: '/pages/home/index' }],
    ['a subpackage page is pushed onto the stack', '/packages/mall/index', 'navigateTo', { url: '/packages/mall/index' }],
  ] as const)('%s', (_, url, method, expected) => {
    const nav = spyNavigation();
    render(<EmptyState text='还没有' action={{ text: '去看看', url }} />);
    fireEvent.click(screen.getByText('去看看'));
    expect(nav[method]).toHaveBeenCalledWith(expected);
    expect(nav[method === 'switchTab' ? 'navigateTo' : 'switchTab']).not.toHaveBeenCalled();
  });

  it('a step on the page itself runs its handler and opens nothing', () => {
    const nav = spyNavigation();
    const onClick = vi.fn();
    render(<EmptyState text='还没有好友' action={{ text: '邀请好友', onClick }} />);
    fireEvent.click(screen.getByText('邀请好友'));
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(nav.navigateTo).not.toHaveBeenCalled();
    expect(nav.switchTab).not.toHaveBeenCalled();
  });

  it('without a step it only says what is missing', () => {
    render(<EmptyState text='没有过期的券' />);
    expect(emptyText()).toBe('没有过期的券');
    expect(actionButton()).toBeNull();
  });
});

describe('a newcomer’s empty screens offer the next step', () => {
  it('我的订单 without orders: 去逛逛 opens 首页', async () => {
    const nav = spyNavigation();
    fakeTransport((c) => {
      if (actionOf(c) === 'order.mine') return { items: [], nextCursor: null };
      throw new Error(`unexpected ${actionOf(c)}`);
    });
    render(<OrdersScreen />);
    await waitFor(() => expect(emptyText()).toBe('还没有订单，挑几件喜欢的吧'));
    expect(document.querySelector('.orders-page__end')).toBeNull();
    fireEvent.click(screen.getByText('去逛逛'));
    expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('the wallet without coupons: 去领券 opens the points mall; 已使用 offers 去逛逛', async () => {
    const nav = spyNavigation();
    fakeTransport((c) => {
      if (actionOf(c) === 'coupon.mine') return [];
      throw new Error(`unexpected ${actionOf(c)}`);
    });
    render(<WalletScreen />);
    await waitFor(() => expect(emptyText()).toBe('暂无可用的券，用积分就能兑换'));
    fireEvent.click(screen.getByText('去领券'));
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/packages/mall/index' });

    await act(async () => {
      fireEvent.click(document.querySelector('.wallet-page__tab[data-tab="used"]')!);
    });
    await waitFor(() => expect(emptyText()).toBe('还没有使用过的券'));
    fireEvent.click(screen.getByText('去逛逛'));
    expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('我的奖品 without awards: 去签到 opens the check-in tab, where chances come from', () => {
    const nav = spyNavigation();
    render(<AwardList items={[]} loaded hasMore={false} onMore={vi.fn()} onAddress={vi.fn()} onWallet={vi.fn()} />);
    expect(emptyText()).toBe('还没有奖品，每天签到送一次抽奖机会');
    fireEvent.click(screen.getByText('去签到'));
    expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/checkin/index' });
  });

  it('我的奖品 still loading says nothing is missing yet', () => {
    render(<AwardList items={[]} loaded={false} hasMore={false} onMore={vi.fn()} onAddress={vi.fn()} onWallet={vi.fn()} />);
    expect(document.querySelector('.empty-state')).toBeNull();
  });

  it('a mall without items offers 去逛逛', async () => {
    const nav = spyNavigation();
    fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'mall.list') return [];
      if (a === 'points.balance') return { balance: 0, groupPoints: 0 };
      if (a === 'mall.redemptions') return [];
      throw new Error(`unexpected ${a}`);
    });
    render(<MallScreen />);
    await waitFor(() => expect(emptyText()).toBe('商城暂无可兑换的商品，新品上架后再来看看'));
    fireEvent.click(screen.getByText('去逛逛'));
    expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('an empty category offers the other categories on 首页', async () => {
    const nav = spyNavigation();
    fakeTransport((c) => {
      if (actionOf(c) === 'catalog.list') return { items: [], nextCursor: null };
      throw new Error(`unexpected ${actionOf(c)}`);
    });
    render(<CategoryScreen categoryId='9' />);
    await waitFor(() => expect(emptyText()).toBe('这个分类还没有商品'));
    fireEvent.click(screen.getByText('看看其他分类'));
    expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('no lottery campaign: 去积分商城', async () => {
    const nav = spyNavigation();
    fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'lottery.current') return null;
      if (a === 'lottery.awards') return { items: [], nextCursor: null };
      throw new Error(`unexpected ${a}`);
    });
    render(<LotteryScreen />);
    await waitFor(() => expect(emptyText()).toBe('暂无进行中的抽奖活动，敬请期待'));
    fireEvent.click(screen.getByText('去积分商城'));
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/packages/mall/index' });
  });

  it('a guide without shares in the period: 去分享商品 opens 首页', () => {
    const nav = spyNavigation();
    render(<ShareStatsList shares={[]} />);
    expect(emptyText()).toBe('这段时间还没有分享，在商品页把卡片分享到群里');
    fireEvent.click(screen.getByText('去分享商品'));
    expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });
});
