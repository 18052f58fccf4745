/**
 * 首页: banners, 新款首发, 爆款秒杀 in each state (live: flash price, stock, a ticking countdown;
 * upcoming: when it starts; sold out), 晚10点夜市 only while open, categories, member day.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import type { HomeView } from '@cloud/contract';
import { HomeScreen } from '@/pages/home';
import { actionOf, fakeTransport } from './fake-transport';
import { card, flashSale, home, NOW, useShopScreen } from './shop-fixtures';

useShopScreen();

function serve(view: HomeView) {
  return fakeTransport((c) => {
    if (actionOf(c) !== 'catalog.home') throw new Error(`unexpected ${actionOf(c)}`);
    return view;
  });
}

const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';

describe('首页', () => {
  it('晚10点夜市 shows only while the server says it is open, with tonight’s category and closing time', async () => {
    serve(home());
    const { unmount } = render(<HomeScreen />);
    // Everything below the fold is up (categories come last), and no night market among it.
    await waitFor(() => expect(document.querySelector('.home-categories')).toBeTruthy());
    expect(document.querySelector('.home-night')).toBeNull();
    unmount();

    serve(
      home({
        nightMarket: {
          category: { id: '3', name: '鞋履' },
          opensAt: '2026-11-25T22:00:00+08:00',
          closesAt: '2026-11-26T10:00:00+08:00',
          products: [card({ id: '7', name: '复古德训鞋', categoryId: '3' }), card({ id: '8', name: '厚底乐福鞋', categoryId: '3' })],
        },
      }),
    );
    render(<HomeScreen />);
    await waitFor(() => expect(document.querySelector('.home-night')).toBeTruthy());
    expect(text('.home-night .home-section__title')).toBe('晚10点夜市');
    expect(text('.home-night .home-section__sub')).toBe('今晚「鞋履」专场 · 营业至 10:00');
    expect([...document.querySelectorAll('.home-night .product-card__name')].map((n) => n.textContent)).toEqual(['复古德训鞋', '厚底乐福鞋']);
  });

  it('爆款秒杀: live shows the flash price, stock and a countdown that ticks; upcoming its start; sold out 已抢光', async () => {
    serve(
      home({
        flashSales: [
          card({ id: '1', name: '羊毛混纺大衣', flashSale: flashSale() }),
          card({ id: '2', name: '羽绒马甲', flashSale: flashSale({ id: '6', state: 'upcoming', priceFen: 12900, startsAt: '2026-11-25T20:00:00+08:00', endsAt: '2026-11-25T22:00:00+08:00' }) }),
          card({ id: '3', name: '针织开衫', flashSale: flashSale({ id: '7', state: 'sold_out', remaining: 0 }) }),
        ],
      }),
    );
    render(<HomeScreen />);
    await waitFor(() => expect(document.querySelectorAll('.home-flash .product-card')).toHaveLength(3));
    const [live, upcoming, soldOut] = [...document.querySelectorAll<HTMLElement>('.home-flash .product-card')];

    expect(live!.textContent).toContain('秒杀价¥99');
    expect(live!.textContent).toContain('¥199');
    expect(live!.querySelector('.product-card__badge--flash')).toBeTruthy();
    expect(live!.querySelector('.home-flash__remaining')!.textContent).toBe('剩余 12 件');
    expect(live!.querySelector('.countdown')!.textContent).toMatch(/^距结束 (01:00:00|59:59)$/);
    // Half a second before the hour, then tick by tick (under an hour it shows mm:ss).
    vi.setSystemTime(NOW.getTime() - 500);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(live!.querySelector('.countdown')!.textContent).toBe('距结束 59:59');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(live!.querySelector('.countdown')!.textContent).toBe('距结束 59:58');

    // Not started: the member price, no flash badge, the time it starts and the price to come.
    expect(upcoming!.querySelector('.product-card__badge--flash')).toBeNull();
    expect(upcoming!.textContent).toContain('会员价¥179.10');
    expect(upcoming!.querySelector('.home-flash__start')!.textContent).toBe('11月25日 20:00 开抢');
    expect(upcoming!.querySelector('.home-flash__preview')!.textContent).toBe('秒杀价 ¥129');

    expect(soldOut!.querySelector('.home-flash__line--sold-out')!.textContent).toBe('已抢光');
  });

  it('asks the server again when a flash sale starts', async () => {
    const calls = serve(
      home({
        flashSales: [card({ flashSale: flashSale({ state: 'upcoming', startsAt: '2026-11-25T19:00:05+08:00', endsAt: '2026-11-25T21:00:00+08:00' }) })],
      }),
    );
    render(<HomeScreen />);
    await waitFor(() => expect(document.querySelector('.home-flash__start')).toBeTruthy());
    expect(calls).toHaveLength(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(7000);
    });
    expect(calls.filter((c) => actionOf(c) === 'catalog.home')).toHaveLength(2);
  });

  it('member day shows its hint; banners, new launches and categories open their pages', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    serve(home({ memberDay: true }));
    render(<HomeScreen />);
    await waitFor(() => expect(document.querySelector('.home-categories')).toBeTruthy());
    expect(text('.home-page__member-day')).toContain('今天是会员日');
    expect(document.querySelector('[data-banner="1"]')!.getAttribute('aria-label')).toBe('冬季新品首发');
    expect(document.querySelector('.home-new .product-card__badge--new')!.textContent).toBe('新款');

    fireEvent.click(document.querySelector('[data-banner="1"]')!);
    fireEvent.click(document.querySelector('.home-new [data-product="1"]')!);
    fireEvent.click(document.querySelector('[data-category="3"]')!);
    expect(navigate.mock.calls.map((c) => c[0].url)).toEqual([
      '/packages/shop/product/index?id=1',
      '/packages/shop/product/index?id=1',
      `/packages/shop/category/index?id=3&name=${encodeURIComponent('鞋履')}`,
    ]);
  });

  it('without member day there is no hint; a failed load offers 点击重试', async () => {
    let n = 0;
    fakeTransport(() => {
      n++;
      if (n === 1) return { status: 500, body: { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } } };
      return home();
    });
    render(<HomeScreen />);
    await waitFor(() => expect(text('.home-page__msg')).toBe('系统繁忙，请稍后再试，点击重试'));
    await act(async () => {
      fireEvent.click(document.querySelector('.home-page__msg')!);
    });
    await waitFor(() => expect(document.querySelector('.home-categories')).toBeTruthy());
    expect(document.querySelector('.home-page__member-day')).toBeNull();
  });
});
