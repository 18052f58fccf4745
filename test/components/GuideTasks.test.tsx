/**
 * 今日任务 (guide subpackage): the day's task cards with the member, the step, the rendered script;
 * 复制话术, 发券 (已发券 after), 完成 and 跳过 with a reason answer from the server; earlier days.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GuideTasks, SopTaskView } from '@cloud/contract';
import { GuideTasksScreen } from '@/packages/guide/tasks';
import { subscribeTaskReminder } from '@/services/reminder';
import { setTransport } from '@/services/transports';
import { actionOf, fail, fakeTransport, scriptedTransport } from './fake-transport';

afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const task = (id: string, over: Partial<SopTaskView> = {}): SopTaskView => ({
  id,
  dueOn: '2026-11-23',
  dueAt: '2026-11-23T10:00:00+08:00',
  expiresOn: '2026-11-25',
  status: 'open',
  overdue: false,
  priority: 'normal',
  plan: { id: '1', name: '新客 1v1', version: 1 },
  step: { key: 'welcome', name: '新会员欢迎', trigger: 'bound', triggerText: '新会员绑定当天' },
  member: {
    id: `m${id}`,
    nickname: '林小姐',
    avatarUrl: null,
    tier: { key: 'normal', name: '普通会员' },
    layer: { key: 'new', name: '新客' },
    tags: ['爱连衣裙'],
    lastOrder: { productName: '羊毛大衣', paidAt: '2026-11-20T20:00:00+08:00', totalFen: 59_900 },
  },
  script: '林小姐您好，我是您的专属导购小美',
  coupon: null,
  product: null,
  doneAt: null,
  onTime: null,
  skipReason: null,
  ...over,
});

const coupon = { templateId: '5', name: '新人礼券', given: null };
const givenCoupon = {
  ...coupon,
  given: {
    id: '77',
    name: '新人礼券',
    kind: 'amount_off' as const,
    amountOffFen: 2000,
    percentOff: null,
    capFen: null,
    thresholdFen: 10_000,
    state: 'available' as const,
    validFrom: '2026-11-23',
    validUntil: '2026-12-23',
    source: 'sop' as const,
    usedAt: null,
  },
};

const today = (items: SopTaskView[], counts: Partial<GuideTasks['counts']> = {}): GuideTasks => ({
  day: '2026-11-23',
  items,
  counts: { open: items.filter((i) => i.status === 'open').length, overdue: 0, done: 0, skipped: 0, ...counts },
});

const card = (id: string) => document.querySelector<HTMLElement>(`.sop-task[data-task-id="${id}"]`)!;
const button = (id: string, cls: string) => card(id).querySelector<HTMLElement>(`.sop-task__${cls}`)!;

describe('今日任务', () => {
  it('shows each task with the member, the step, the script, the overdue badge and the counts', async () => {
    fakeTransport(() =>
      today(
        [
          task('9', { overdue: true, dueOn: '2026-11-21', dueAt: '2026-11-21T10:00:00+08:00', member: { ...task('9').member, nickname: null, layer: null, tags: [], lastOrder: null }, script: '亲您好' }),
          task('10', { coupon, product: { id: '3', name: '碎花连衣裙', imageUrl: null, priceFen: 39_900 } }),
          task('11', { status: 'done', onTime: true, doneAt: '2026-11-23T09:00:00+08:00' }),
        ],
        { open: 2, overdue: 1, done: 1 },
      ),
    );
    render(<GuideTasksScreen />);
    await waitFor(() => expect(card('10')).toBeTruthy());
    expect(document.querySelector('.guide-tasks__counts')!.textContent).toBe('待办 2逾期 1已完成 1已跳过 0');
    expect(document.querySelector('.guide-tasks__day--active')!.textContent).toBe('今天');

    expect(card('9').querySelector('.sop-task__overdue')!.textContent).toBe('逾期');
    expect(card('9').querySelector('.sop-task__time')!.textContent).toBe('11月21日 10:00');
    expect(card('9').querySelector('.sop-task__name')!.textContent).toBe('微信用户');
    expect(card('9').querySelector('.sop-task__order')!.textContent).toBe('还没有购买记录');

    const lin = card('10');
    expect(lin.querySelector('.sop-task__overdue')).toBeNull();
    expect(lin.querySelector('.sop-task__time')!.textContent).toBe('10:00');
    expect(lin.querySelector('.sop-task__tier')!.textContent).toBe('普通会员');
    expect(lin.querySelector('.sop-task__layer')!.textContent).toBe('新客');
    expect(lin.querySelector('.sop-task__tag')!.textContent).toBe('爱连衣裙');
    expect(lin.querySelector('.sop-task__order')!.textContent).toBe('最近购买 羊毛大衣 ¥599 · 11月20日');
    expect(lin.querySelector('.sop-task__step')!.textContent).toBe('新会员欢迎新会员绑定当天');
    expect(lin.querySelector('.sop-task__script')!.textContent).toBe('林小姐您好，我是您的专属导购小美');
    expect(button('10', 'coupon').textContent).toBe('发券 · 新人礼券');
    expect(button('10', 'card').textContent).toBe('发送商品卡');

    expect(card('11').querySelector('.sop-task__status')!.textContent).toBe('已完成 · 按时');
    expect(card('11').querySelector('.sop-task__done')).toBeNull();
  });

  it('复制话术 copies the rendered script', async () => {
    fakeTransport(() => today([task('10')]));
    const copy = vi.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' } as never);
    render(<GuideTasksScreen />);
    await waitFor(() => expect(card('10')).toBeTruthy());
    fireEvent.click(button('10', 'copy'));
    expect(copy.mock.calls.map((c) => c[0].data)).toEqual(['林小姐您好，我是您的专属导购小美']);
  });

  it('发券 shows 已发券 after; 完成 and 跳过 with a reason ask the server and show the list it answers', async () => {
    let list = today([task('10', { coupon }), task('12')]);
    const calls = fakeTransport((c) => {
      switch (actionOf(c)) {
        case 'guide.tasks':
          return list;
        case 'guide.giveTaskCoupon':
          return task('10', { coupon: givenCoupon });
        case 'guide.completeTask':
          list = today([task('12'), task('10', { coupon: givenCoupon, status: 'done', onTime: true })], { open: 1, done: 1 });
          return list.items[1];
        case 'guide.skipTask':
          list = today([task('10', { coupon: givenCoupon, status: 'done', onTime: true }), task('12', { status: 'skipped', skipReason: c.payload.reason as string })], { open: 0, done: 1, skipped: 1 });
          return list.items[1];
        default:
          throw new Error(`unexpected ${actionOf(c)}`);
      }
    });
    render(<GuideTasksScreen />);
    await waitFor(() => expect(card('10')).toBeTruthy());

    await act(async () => {
      fireEvent.click(button('10', 'coupon'));
    });
    await waitFor(() => expect(card('10').querySelector('.sop-task__given')!.textContent).toBe('已发券'));
    expect(card('10').querySelector('.sop-task__coupon')).toBeNull();

    await act(async () => {
      fireEvent.click(button('10', 'done'));
    });
    await waitFor(() => expect(card('10').querySelector('.sop-task__status')!.textContent).toBe('已完成 · 按时'));
    expect(document.querySelector('.guide-tasks__counts')!.textContent).toContain('已完成 1');

    fireEvent.click(button('12', 'skip'));
    expect([...card('12').querySelectorAll('.sop-task__reason')].map((b) => b.textContent)).toEqual(['已联系', '客户不需要', '联系不上', '其他']);
    await act(async () => {
      fireEvent.click([...card('12').querySelectorAll<HTMLElement>('.sop-task__reason')][2]!);
    });
    await waitFor(() => expect(card('12').querySelector('.sop-task__status')!.textContent).toBe('已跳过 · 联系不上'));
    expect(calls.filter((c) => actionOf(c) !== 'guide.tasks').map((c) => c.payload)).toEqual([
      { action: 'giveTaskCoupon', taskId: '10' },
      { action: 'completeTask', taskId: '10' },
      { action: 'skipTask', taskId: '12', reason: '联系不上' },
    ]);
  });

  it('a refused action says why and leaves the task as it was', async () => {
    fakeTransport((c) => (actionOf(c) === 'guide.tasks' ? today([task('10')]) : fail(409, 'SOP_TASK_CLOSED', '这条任务已完成、已跳过或已过期')));
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    render(<GuideTasksScreen />);
    await waitFor(() => expect(card('10')).toBeTruthy());
    await act(async () => {
      fireEvent.click(button('10', 'done'));
    });
    await waitFor(() => expect(toast.mock.calls.map((c) => c[0]?.title)).toContain('这条任务已完成、已跳过或已过期'));
    expect(card('10').dataset.status).toBe('open');
  });

  it('skeleton while loading, then an empty day says what to do; an earlier day is asked for by its date', async () => {
    const t = scriptedTransport();
    render(<GuideTasksScreen />);
    expect(document.querySelectorAll('.guide-tasks__skeleton')).toHaveLength(3);
    await t.answer(0, today([]));
    expect(document.querySelector('.empty-state__text')!.textContent).toContain('新会员通过你的卡片加入后，欢迎任务会出现在这里');
    expect([...document.querySelectorAll('.guide-tasks__day')].map((d) => d.textContent)).toEqual([
      '今天',
      '昨天',
      '11月21日',
      '11月20日',
      '11月19日',
      '11月18日',
      '11月17日',
    ]);
    await act(async () => {
      fireEvent.click(document.querySelector('.guide-tasks__day[data-day="2026-11-22"]')!);
    });
    expect(t.calls.map((c) => c.payload)).toEqual([{ action: 'tasks' }, { action: 'tasks', day: '2026-11-22' }]);
    await t.answer(0, { ...today([task('8', { status: 'expired', dueOn: '2026-11-22' })]), day: '2026-11-22' });
    await waitFor(() => expect(card('8').querySelector('.sop-task__status')!.textContent).toBe('已过期'));
    expect(document.querySelector('.guide-tasks__day--active')!.textContent).toBe('昨天');
    expect(document.querySelector('.guide-tasks__remind')).toBeNull();
  });

  it('明早提醒我今日任务 records an acceptance (in H5 the tap is the acceptance)', async () => {
    const calls = fakeTransport((c) => (actionOf(c) === 'guide.tasks' ? today([task('10')]) : { subscribed: true }));
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    render(<GuideTasksScreen />);
    await waitFor(() => expect(document.querySelector('.guide-tasks__remind')).toBeTruthy());
    await act(async () => {
      fireEvent.click(document.querySelector('.guide-tasks__remind')!);
    });
    await waitFor(() => expect(toast.mock.calls.map((c) => c[0]?.title)).toContain('明早 9 点提醒你今日任务'));
    expect(calls.filter((c) => actionOf(c) === 'guide.subscribeTasks')).toHaveLength(1);
  });
});

describe('subscribeTaskReminder() in weapp', () => {
  it('asks WeChat for the tasks template; only an acceptance reaches the server', async () => {
    const calls = fakeTransport(() => ({ subscribed: true }));
    const asked: string[][] = [];
    const env = (answer: string) => ({
      isWeapp: true,
      templateId: 'tmpl-tasks',
      requestSubscribeMessage: async (ids: string[]) => {
        asked.push(ids);
        return { 'tmpl-tasks': answer };
      },
    });
    expect(await subscribeTaskReminder(env('reject'))).toBe(false);
    expect(calls).toHaveLength(0);
    expect(await subscribeTaskReminder(env('accept'))).toBe(true);
    expect(asked).toEqual([['tmpl-tasks'], ['tmpl-tasks']]);
    expect(calls.map((c) => c.payload)).toEqual([{ action: 'subscribeTasks' }]);
    await expect(subscribeTaskReminder({ ...env('accept'), templateId: '' })).rejects.toThrow('任务提醒暂未开通');
  });
});
