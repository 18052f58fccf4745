/**
 * 导购工作台 (guide subpackage): the period switch asks guide.dashboard {days}; totals, each share
 * (found by data-share-id) and each group's three layers of value show; links open 我的会员 and 核销.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GuideDashboard, GuideTasks } from '@cloud/contract';
import { GuideDashboardScreen } from '@/packages/guide/dashboard';
import { setTransport } from '@/services/transports';
import { actionOf, fail, fakeTransport, type RecordedCall } from './fake-transport';

afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const week: GuideDashboard = {
  days: 7,
  since: '2026-11-17',
  totals: { shares: 4, clicks: 37, orders: 5, gmvFen: 129_900, members: 58, newMembersToday: 3 },
  shares: [
    {
      shareId: 'Kx7pQ2mZ',
      product: { id: '3', name: '羊毛混纺大衣', imageUrl: '/catalog-images/coat.svg' },
      createdAt: '2026-11-22T20:15:00+08:00',
      clicks: 21,
      orders: 3,
      gmvFen: 89_700,
    },
    { shareId: 'Inv1te99', product: null, createdAt: '2026-11-20T09:00:00+08:00', clicks: 4, orders: 0, gmvFen: 0 },
  ],
  groups: [
    { groupId: 'tGx8Zq0aBcDeFgHiJk12', name: null, activeMembers: 42, clicks: 18, orders: 3, gmvFen: 89_700, conversion: 0.1667 },
    { groupId: 'wx-a', name: null, activeMembers: 9, clicks: 2, orders: 0, gmvFen: 0, conversion: 0 },
    { groupId: 'tGnamedGroup0001', name: '森屿宝妈群', activeMembers: 30, clicks: 7, orders: 1, gmvFen: 19_900, conversion: 0.1429 },
  ],
};

const today: GuideDashboard = {
  ...week,
  days: 1,
  since: '2026-11-23',
  totals: { shares: 1, clicks: 6, orders: 1, gmvFen: 19_900, members: 58, newMembersToday: 3 },
  shares: [week.shares[0]!],
  groups: [],
};

/** 今日任务's link shows the open count from guide.tasks. */
const tasks = (open: number): GuideTasks => ({ day: '2026-11-23', items: [], counts: { open, overdue: 0, done: 0, skipped: 0 } });
const dashboardCalls = (calls: RecordedCall[]) => calls.filter((c) => actionOf(c) === 'guide.dashboard');

function serve(openTasks = 0) {
  return fakeTransport((c) => {
    if (actionOf(c) === 'guide.tasks') return tasks(openTasks);
    if (actionOf(c) !== 'guide.dashboard') throw new Error(`unexpected ${actionOf(c)}`);
    return c.payload.days === 1 ? today : { ...week, days: c.payload.days as number };
  });
}

const tile = (key: string) => document.querySelector(`.stat-tiles__tile[data-stat="${key}"]`)!.textContent;
const period = (days: number) => document.querySelector<HTMLElement>(`.guide-dashboard__period[data-days="${days}"]`)!;
const shareRow = (id: string) => document.querySelector(`[data-share-id="${id}"]`);

describe('导购工作台', () => {
  it('shows the last 7 days first: totals, every share and the three layers of each group', async () => {
    const calls = serve();
    render(<GuideDashboardScreen />);
    await waitFor(() => expect(shareRow('Kx7pQ2mZ')).toBeTruthy());
    expect(dashboardCalls(calls).map((c) => c.payload)).toEqual([{ action: 'dashboard', days: 7 }]);
    expect([...document.querySelectorAll('.guide-dashboard__period')].map((p) => p.textContent)).toEqual(['今天', '7天', '30天']);
    expect(period(7).className).toContain('--active');
    expect(document.querySelector('.guide-dashboard__since')!.textContent).toBe('统计自 11月17日');

    expect(tile('shares')).toBe('4分享次数');
    expect(tile('clicks')).toBe('37点击人数');
    expect(tile('orders')).toBe('5订单');
    expect(tile('gmv')).toBe('¥1299GMV');
    expect(tile('members')).toBe('58我的会员');
    expect(tile('new-members')).toBe('3今日新增');

    const coat = shareRow('Kx7pQ2mZ')!;
    expect(coat.textContent).toContain('羊毛混纺大衣');
    expect(coat.textContent).toContain('点击 21');
    expect(coat.textContent).toContain('订单 3');
    expect(coat.textContent).toContain('GMV ¥897');
    expect(coat.textContent).toContain('分享于 11月22日 20:15');
    expect(coat.querySelector('img')!.getAttribute('src')).toBe('/catalog-images/coat.svg');
    expect(shareRow('Inv1te99')!.textContent).toContain('邀请好友');

    const groups = [...document.querySelectorAll<HTMLElement>('.group-value__row')];
    // A group staff named shows by its name; the others by the end of their id.
    expect(groups.map((g) => g.querySelector('.group-value__name')!.textContent)).toEqual(['群 …HiJk12', '群 wx-a', '森屿宝妈群']);
    expect(groups[0]!.querySelector('.group-value__active')!.textContent).toBe('42 人');
    expect(groups[0]!.querySelector('.group-value__clicks')!.textContent).toBe('18 人');
    expect(groups[0]!.querySelector('.group-value__conversion')!.textContent).toBe('3 单 · ¥897转化率 16.7%');
    expect(groups[1]!.querySelector('.group-value__conversion')!.textContent).toContain('转化率 0%');
  });

  it('switching to 今天 and 30天 asks for that period and shows its figures', async () => {
    const calls = serve();
    render(<GuideDashboardScreen />);
    await waitFor(() => expect(shareRow('Inv1te99')).toBeTruthy());

    await act(async () => {
      fireEvent.click(period(1));
    });
    await waitFor(() => expect(tile('shares')).toBe('1分享次数'));
    expect(period(1).className).toContain('--active');
    expect(shareRow('Inv1te99')).toBeNull();
    expect(document.querySelector('.group-value__empty')!.textContent).toBe('这段时间还没有来自群的点击：分享到群里的卡片被点开后，群会出现在这里');

    await act(async () => {
      fireEvent.click(period(30));
    });
    await waitFor(() => expect(document.querySelector('.guide-dashboard__body')!.getAttribute('data-days')).toBe('30'));
    expect(dashboardCalls(calls).map((c) => c.payload.days)).toEqual([7, 1, 30]);
  });

  it('opens 我的会员, 我的群 and 券码核销', async () => {
    serve();
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    render(<GuideDashboardScreen />);
    await waitFor(() => expect(document.querySelector('.guide-dashboard__link--members')).toBeTruthy());
    expect(document.querySelector('.guide-dashboard__link--members')!.textContent).toContain('58 人');
    fireEvent.click(document.querySelector('.guide-dashboard__link--members')!);
    fireEvent.click(document.querySelector('.guide-dashboard__link--groups')!);
    fireEvent.click(document.querySelector('.guide-dashboard__link--verify')!);
    expect(navigate.mock.calls.map((c) => c[0].url)).toEqual([
      '/packages/guide/members/index',
      '/packages/guide/groups/index',
      '/packages/guide/verify/index',
    ]);
  });

  it('links 今日任务 with the open count, and says so when there is none', async () => {
    serve(12);
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    render(<GuideDashboardScreen />);
    await waitFor(() => expect(document.querySelector('.guide-dashboard__link--tasks')!.textContent).toBe('今日任务12 条待办 ›'));
    fireEvent.click(document.querySelector('.guide-dashboard__link--tasks')!);
    expect(navigate.mock.calls.map((c) => c[0].url)).toEqual(['/packages/guide/tasks/index']);
    cleanup();
    serve(0);
    render(<GuideDashboardScreen />);
    await waitFor(() => expect(document.querySelector('.guide-dashboard__link--tasks')!.textContent).toBe('今日任务暂无待办 ›'));
  });

  it('a member who is not a guide sees the server refusal, and can try again', async () => {
    let refuse = true;
    const calls = fakeTransport((c) => (actionOf(c) === 'guide.tasks' ? tasks(0) : refuse ? fail(403, 'FORBIDDEN', '仅限导购使用') : week));
    render(<GuideDashboardScreen />);
    await waitFor(() => expect(document.querySelector('.guide-dashboard__msg')!.textContent).toBe('仅限导购使用，点击重试'));
    expect(document.querySelector('.stat-tiles')).toBeNull();
    refuse = false;
    await act(async () => {
      fireEvent.click(document.querySelector('.guide-dashboard__msg')!);
    });
    await waitFor(() => expect(shareRow('Kx7pQ2mZ')).toBeTruthy());
    expect(dashboardCalls(calls)).toHaveLength(2);
  });
});
