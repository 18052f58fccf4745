/** 我的会员 (guide subpackage): the members bound to me, a page at a time, with today's new count. */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GuideMembers, GuideMemberView } from '@cloud/contract';
import { GuideMembersScreen } from '@/packages/guide/members';
import { setTransport } from '@/services/transports';
import { actionOf, fail, fakeTransport } from './fake-transport';

afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const member = (id: number, over: Partial<GuideMemberView> = {}): GuideMemberView => ({
  id: String(id),
  nickname: `会员${id}`,
  avatarUrl: null,
  tier: { key: 'normal', name: '普通会员' },
  boundAt: '2026-11-20T10:00:00+08:00',
  lastVisitOn: null,
  paidOrders: 0,
  gmvFen: 0,
  ...over,
});

const first: GuideMembers = {
  items: [
    member(30, { nickname: '小林', avatarUrl: '/media/7', tier: { key: 'gold', name: '金卡会员' }, boundAt: '2026-11-23T09:30:00+08:00', lastVisitOn: '2026-11-24', paidOrders: 2, gmvFen: 59_800 }),
    member(29, { nickname: null }),
  ],
  nextCursor: '29',
  total: 3,
  newToday: 1,
};
const second: GuideMembers = { items: [member(12, { paidOrders: 1, gmvFen: 19_900 })], nextCursor: null, total: 3, newToday: 1 };

const rows = () => [...document.querySelectorAll<HTMLElement>('.guide-members__row')];

describe('我的会员', () => {
  it('shows the first page with totals, then the next page after 加载更多, until the end', async () => {
    const calls = fakeTransport((c) => {
      if (actionOf(c) !== 'guide.members') throw new Error(`unexpected ${actionOf(c)}`);
      return c.payload.cursor === '29' ? second : first;
    });
    render(<GuideMembersScreen />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(document.querySelector('.guide-members__total')!.textContent).toBe('共 3 位会员');
    expect(document.querySelector('.guide-members__new')!.textContent).toBe('今日新增 1');

    const lin = rows()[0]!;
    expect(lin.querySelector('.guide-members__name')!.textContent).toBe('小林');
    expect(lin.querySelector('.guide-members__tier')!.textContent).toBe('金卡会员');
    expect(lin.querySelector('.guide-members__bound')!.textContent).toBe('11月23日绑定 · 最近到访 11月24日');
    expect(rows()[1]!.querySelector('.guide-members__bound')!.textContent).toBe('11月20日绑定 · 未到访');
    expect(lin.querySelector('.guide-members__orders')!.textContent).toBe('2 单');
    expect(lin.querySelector('.guide-members__gmv')!.textContent).toBe('¥598');
    expect(lin.querySelector('img')!.getAttribute('src')).toBe('/media/7');
    expect(rows()[1]!.querySelector('.guide-members__name')!.textContent).toBe('微信用户');
    expect(rows()[1]!.querySelector('.member-avatar--placeholder')!.textContent).toBe('微');

    await act(async () => {
      fireEvent.click(document.querySelector('.guide-members__more')!);
    });
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().map((r) => r.dataset.memberId)).toEqual(['30', '29', '12']);
    expect(calls.map((c) => c.payload)).toEqual([{ action: 'members' }, { action: 'members', cursor: '29' }]);
    expect(document.querySelector('.guide-members__more')).toBeNull();
    expect(document.querySelector('.guide-members__end')!.textContent).toBe('没有更多了');
  });

  it("opens a member's detail", async () => {
    fakeTransport(() => first);
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    render(<GuideMembersScreen />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(rows()[1]!);
    expect(navigate.mock.calls.map((c) => c[0].url)).toEqual(['/packages/guide/member/index?id=29']);
  });

  it('says so when no member is bound yet', async () => {
    fakeTransport(() => ({ items: [], nextCursor: null, total: 0, newToday: 0 }));
    render(<GuideMembersScreen />);
    const navigate = vi.spyOn(Taro, 'switchTab').mockResolvedValue(undefined as never);
    await waitFor(() => expect(document.querySelector('.empty-state__text')?.textContent).toBe('还没有会员通过你的分享加入，把商品卡片分享到群里试试'));
    fireEvent.click(screen.getByText('去分享商品'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/home/index' });
    expect(document.querySelector('.guide-members__end')).toBeNull();
  });

  it('a failed next page keeps the members shown and can be asked again', async () => {
    let failNext = true;
    fakeTransport((c) => {
      if (!c.payload.cursor) return first;
      return failNext ? fail(0, 'NETWORK', '网络连接失败，请检查网络后重试') : second;
    });
    render(<GuideMembersScreen />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    await act(async () => {
      fireEvent.click(document.querySelector('.guide-members__more')!);
    });
    await waitFor(() => expect(document.querySelector('.guide-members__error')!.textContent).toBe('网络连接失败，请检查网络后重试'));
    expect(rows()).toHaveLength(2);
    failNext = false;
    await act(async () => {
      fireEvent.click(document.querySelector('.guide-members__more')!);
    });
    await waitFor(() => expect(rows()).toHaveLength(3));
  });
});
