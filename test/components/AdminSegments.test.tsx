/**
 * 分群 list (admin subpackage): blocks until the list answers; each segment with its status,
 * size, moves since the computation before, freshness and error; none yet says how to start;
 * a card opens its segment, 新建分群 a new one.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AdminSegmentsScreen } from '@/packages/admin/segments';
import { setTransport } from '@/services/transports';
import { segment } from './admin-fixtures';
import { fakeTransport, scriptedTransport } from './fake-transport';
import { stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const cards = () => [...document.querySelectorAll<HTMLElement>('.admin-segments__card')];

describe('分群列表', () => {
  it('shows each segment’s status, size, moves, freshness and error; a card opens it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-11-24T10:00:00+08:00'));
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    render(<AdminSegmentsScreen />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(document.querySelectorAll('.admin-segments .skeleton').length).toBeGreaterThan(0);
    await t.answer(0, [
      segment(),
      segment({ id: '6', name: '新分群', status: 'pending', memberCount: null, entered: null, exited: null, computedAt: null, ruleText: '分层为沉睡' }),
      segment({ id: '7', name: '坏了的', status: 'failed', error: 'canceling statement due to statement timeout' }),
    ]);
    await waitFor(() => expect(cards()).toHaveLength(3));
    expect(cards()[0]!.textContent).toBe('签到达人已计算近30天签到 ≥ 20 次 且 非「券敏感」12 人新进 3 · 退出 111-24 00:31 计算');
    expect(cards()[1]!.textContent).toBe('新分群待计算分层为沉睡—尚未计算');
    expect(cards()[2]!.querySelector('.admin-segments__status')!.textContent).toBe('计算失败');
    expect(cards()[2]!.querySelector('.admin-segments__error')!.textContent).toBe('canceling statement due to statement timeout');

    fireEvent.click(cards()[1]!);
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/segment/index?id=6' });
    fireEvent.click(document.querySelector('.admin-segments__new')!);
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/segment/index' });
  });

  it('no segment yet: says how to start, and 新建分群 opens the editor', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    fakeTransport(() => []);
    render(<AdminSegmentsScreen />);
    await waitFor(() => expect(document.querySelector('.empty-state__text')?.textContent).toBe('还没有分群：用规则圈出一群会员，预览人数后保存'));
    fireEvent.click(document.querySelector('.empty-state__action')!);
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/segment/index' });
  });
});
