/**
 * The guide's playbook pages: 话术库 (blocks until loaded, search and category asked of the
 * server, 复制 puts the answer on the clipboard and the most copied moves first), 社群 SOP (today's
 * posts per named group, 复制文案, 标记已发布; no named group says what to do), 朋友圈素材 (the
 * week's days, a day's posts, 标记已发布).
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GroupPlanDay, GuideScripts, MomentsWeek, ScriptView } from '@cloud/contract';
import { GuideGroupPlanScreen } from '@/packages/guide/group-plan';
import { GuideMomentsScreen } from '@/packages/guide/moments';
import { GuideScriptsScreen } from '@/packages/guide/scripts';
import { setTransport } from '@/services/transports';
import { actionOf, fakeTransport, ok, scriptedTransport } from './fake-transport';

afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const script = (id: string, question: string, copies: number): ScriptView => ({ id, category: 'product', categoryName: '产品', question, answer: `${question}的回答`, copies });
const library: GuideScripts = {
  categories: [
    { key: 'product', name: '产品', count: 2 },
    { key: 'activity', name: '活动', count: 0 },
    { key: 'after_sales', name: '售后', count: 0 },
    { key: 'store', name: '线下门店', count: 0 },
  ],
  items: [script('1', '偏码吗', 3), script('2', '能机洗吗', 2)],
};
const questions = () => [...document.querySelectorAll('.guide-scripts__question')].map((e) => e.textContent);

describe('话术库', () => {
  it('shows blocks first, then the scripts; a copy goes to the clipboard and the most copied moves first', async () => {
    const clipboard = vi.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' } as never);
    const t = scriptedTransport();
    render(<GuideScriptsScreen />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(document.querySelectorAll('.guide-scripts .skeleton').length).toBeGreaterThan(0);
    await t.answer(0, library);
    await waitFor(() => expect(questions()).toEqual(['偏码吗', '能机洗吗']));
    expect(document.querySelector('[data-category="all"]')!.textContent).toBe('全部 2');

    fireEvent.click(document.querySelector('[data-script="2"] .guide-scripts__copy')!);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(clipboard).toHaveBeenCalledWith({ data: '能机洗吗的回答' });
    expect(t.pending[0]!.call.payload).toEqual({ action: 'copyScript', scriptId: '2' });
    await t.answer(0, { scriptId: '2', copies: 4 });
    await waitFor(() => expect(questions()).toEqual(['能机洗吗', '偏码吗']));
    expect(document.querySelector('[data-script="2"] .guide-scripts__copies')!.textContent).toBe('已复制 4 次');
  });

  it('asks the server by category and search, and says when nothing matches', async () => {
    const calls = fakeTransport((c) => (c.payload.search ? { ...library, items: [] } : library));
    render(<GuideScriptsScreen />);
    await waitFor(() => expect(questions()).toHaveLength(2));
    fireEvent.click(document.querySelector('[data-category="activity"]')!);
    await waitFor(() => expect(calls.at(-1)!.payload).toEqual({ action: 'scripts', category: 'activity' }));
    const input = document.querySelector<HTMLInputElement>('.guide-scripts__input input, input.guide-scripts__input')!;
    await act(async () => {
      fireEvent.input(input, { target: { value: '退货' } });
    });
    await waitFor(() => expect(document.body.textContent).toContain('没有找到“退货”相关的话术，换个关键词试试'));
    expect(calls.at(-1)!.payload).toEqual({ action: 'scripts', category: 'activity', search: '退货' });
  });
});

const plan: GroupPlanDay = {
  day: '2026-12-07',
  weekday: '周一',
  groups: [
    {
      groupId: 'g-moms',
      name: '森屿宝妈群',
      posts: [
        { postId: '1', time: '10:00', title: '日签提醒', copy: '12月7日的日签来啦', card: { kind: 'checkin', title: '日签提醒', path: '/pages/checkin/index', productId: null, imageUrl: null }, posted: null },
        { postId: '4', time: '22:00', title: '夜市开场', copy: '今晚是【鞋履】专场', card: null, posted: { by: '李姐', at: '2026-12-07T22:01:00+08:00', me: false } },
      ],
    },
  ],
};

describe('社群 SOP', () => {
  it("shows today's posts per group; 复制文案 copies the rendered copy and 标记已发布 shows who posted", async () => {
    const clipboard = vi.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' } as never);
    const calls = fakeTransport((c) =>
      actionOf(c) === 'guide.markGroupPost' ? { ...plan.groups[0]!.posts[0]!, posted: { by: '王姐', at: '2026-12-07T10:03:00+08:00', me: true } } : plan,
    );
    render(<GuideGroupPlanScreen />);
    await waitFor(() => expect(document.querySelectorAll('.guide-plan__post[data-post]')).toHaveLength(2));
    expect(document.querySelector('.guide-plan__group-name')!.textContent).toBe('森屿宝妈群');
    expect(document.querySelector('[data-post="4"] .guide-plan__posted')!.textContent).toBe('已发布 · 李姐 22:01');
    fireEvent.click(document.querySelector('[data-post="1"] .guide-plan__button')!);
    await waitFor(() => expect(clipboard).toHaveBeenCalledWith({ data: '12月7日的日签来啦' }));
    fireEvent.click(document.querySelector('[data-post="1"] .guide-plan__mark')!);
    await waitFor(() => expect(document.querySelector('[data-post="1"] .guide-plan__posted')!.textContent).toBe('已发布 · 我 10:03'));
    expect(calls.at(-1)!.payload).toEqual({ action: 'markGroupPost', groupId: 'g-moms', postId: '1' });
  });

  it('sends a guide without a named group to 我的群', async () => {
    fakeTransport(() => ({ ...plan, groups: [] }));
    render(<GuideGroupPlanScreen />);
    await waitFor(() => expect(document.body.textContent).toContain('还没有已命名的群'));
    expect(document.querySelector('.empty-state__action')!.textContent).toBe('去命名');
  });
});

const week: MomentsWeek = {
  today: '2026-12-08',
  days: ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13'].map((day, i) => ({
    day,
    weekday: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'][i]!,
    posts:
      day === '2026-12-08'
        ? [{ id: '9', day, kind: 'seeding', kindName: '种草', body: '切尔西短靴到货', images: ['/catalog-images/boot.svg'], product: { id: '5', name: '切尔西短靴' }, postedAt: null }]
        : [],
  })),
};

describe('朋友圈素材', () => {
  it("opens on today's posts; another day without posts says so; 标记已发布 shows the time", async () => {
    const calls = fakeTransport((c) => (actionOf(c) === 'guide.markMomentPosted' ? ok({ ...week.days[1]!.posts[0]!, postedAt: '2026-12-08T09:15:00+08:00' }) : week));
    render(<GuideMomentsScreen />);
    await waitFor(() => expect(document.querySelector('.guide-moments__body')?.textContent).toBe('切尔西短靴到货'));
    expect(document.querySelector('.guide-moments__day--on')!.getAttribute('data-day')).toBe('2026-12-08');
    expect(document.querySelector('.guide-moments__kind')!.textContent).toBe('种草');
    fireEvent.click(document.querySelector('.guide-moments__mark')!);
    await waitFor(() => expect(document.querySelector('.guide-moments__posted')!.textContent).toBe('已发布 09:15'));
    expect(calls.at(-1)!.payload).toEqual({ action: 'markMomentPosted', postId: '9' });
    fireEvent.click(document.querySelector('[data-day="2026-12-09"]')!);
    await waitFor(() => expect(document.body.textContent).toContain('这天还没有朋友圈素材'));
  });
});
