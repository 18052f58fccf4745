/**
 * usePaged over the real client and a scripted transport: a list a page at a time, to its end,
 * through failures, reloads racing pages still on their way, and leaving before an answer.
 */
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LedgerEntry } from '@cloud/contract';
import { call } from '@/services/api';
import { setTransport } from '@/services/transports';
import { usePaged } from '@/hooks/use-paged';
import { fail, ok, scriptedTransport } from './fake-transport';

afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const entry = (id: number): LedgerEntry => ({
  id: String(id),
  source: 'checkin',
  delta: 10,
  balanceAfter: 10 * id,
  note: null,
  createdAt: '2026-11-25T10:00:00+08:00',
});

const page = (ids: number[], nextCursor: string | null) => ok({ items: ids.map(entry), nextCursor });
const useLedger = (limit = 2) => usePaged((cursor) => call('points', 'ledger', { limit, ...(cursor ? { cursor } : {}) }), [limit]);
const ids = (items: LedgerEntry[] | null) => items?.map((e) => Number(e.id)) ?? null;

describe('usePaged', () => {
  it.each([
    ['one page', [[[1, 2], null]], [1, 2]],
    ['three pages to the end', [[[1, 2], 'c1'], [[3, 4], 'c2'], [[5], null]], [1, 2, 3, 4, 5]],
    ['an item that moved to the next page is shown once', [[[1, 2], 'c1'], [[2, 3], null]], [1, 2, 3]],
    ['an empty list', [[[], null]], []],
  ] as Array<[string, Array<[number[], string | null]>, number[]]>)('pages to the end: %s', async (_case, pages, shown) => {
    const t = scriptedTransport();
    const { result } = renderHook(() => useLedger());
    expect(result.current).toMatchObject({ items: null, loading: true, hasMore: false });
    for (const [n, [pageIds, next]] of pages.entries()) {
      if (n > 0) act(() => void result.current.loadMore());
      await waitFor(() => expect(t.pending).toHaveLength(1));
      expect(t.pending[0]!.call.payload.cursor).toBe(n === 0 ? undefined : pages[n - 1]![1]);
      await t.answer(0, page(pageIds, next));
      expect(result.current).toMatchObject({ loading: false, hasMore: next !== null, error: null });
    }
    expect(ids(result.current.items)).toEqual(shown);
    // At the end, 加载更多 asks nothing.
    await act(() => result.current.loadMore());
    expect(t.calls).toHaveLength(pages.length);
  });

  it('a tap on 加载更多 while a page is on its way asks once', async () => {
    const t = scriptedTransport();
    const { result } = renderHook(() => useLedger());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, page([1, 2], 'c1'));
    act(() => {
      void result.current.loadMore();
      void result.current.loadMore();
    });
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls).toHaveLength(2);
  });

  it('a next page that fails says why where 加载更多 is, keeps the list, and a retry appends the page', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    const { result } = renderHook(() => useLedger());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, page([1, 2], 'c1'));
    act(() => void result.current.loadMore());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, fail(429, 'RATE_LIMITED', '操作太频繁，请稍后再试'));
    expect(result.current).toMatchObject({ error: '操作太频繁，请稍后再试', hasMore: true, loading: false });
    expect(ids(result.current.items)).toEqual([1, 2]);

    act(() => void result.current.loadMore());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.pending[0]!.call.payload.cursor).toBe('c1');
    await t.answer(0, page([3], null));
    expect(result.current).toMatchObject({ error: null, hasMore: false });
    expect(ids(result.current.items)).toEqual([1, 2, 3]);
    expect(toast).not.toHaveBeenCalled();
  });

  it('a first page that fails says why in place; a retry shows the list', async () => {
    const t = scriptedTransport();
    const { result } = renderHook(() => useLedger());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, fail(503, 'UNAVAILABLE', '服务暂不可用'));
    expect(result.current).toMatchObject({ items: null, error: '服务暂不可用', loading: false });
    act(() => void result.current.reload());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, page([1], null));
    expect(result.current).toMatchObject({ error: null });
    expect(ids(result.current.items)).toEqual([1]);
  });

  it('a reload that fails over a list keeps the list and says so in a toast', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    const { result } = renderHook(() => useLedger());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, page([1, 2], 'c1'));
    act(() => void result.current.reload());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, fail(503, 'UNAVAILABLE', '服务暂不可用'));
    expect(result.current).toMatchObject({ error: null, hasMore: true });
    expect(ids(result.current.items)).toEqual([1, 2]);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务暂不可用' }));
  });

  it('a reload racing a next page still on its way: the late page is not appended to the new list', async () => {
    const t = scriptedTransport();
    const { result } = renderHook(() => useLedger());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, page([1, 2], 'c1'));
    act(() => void result.current.loadMore());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    act(() => void result.current.reload());
    await waitFor(() => expect(t.pending).toHaveLength(2));
    await t.answer(1, page([9, 1], 'c9'));
    await t.answer(0, page([3, 4], null));
    expect(ids(result.current.items)).toEqual([9, 1]);
    expect(result.current).toMatchObject({ hasMore: true, loading: false });
  });

  it('a dependency change starts from nothing, and a page of the old list arriving late is dropped', async () => {
    const t = scriptedTransport();
    const { result, rerender } = renderHook(({ limit }) => useLedger(limit), { initialProps: { limit: 2 } });
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, page([1, 2], 'c1'));
    act(() => void result.current.loadMore());
    rerender({ limit: 5 });
    expect(result.current).toMatchObject({ items: null, loading: true });
    await waitFor(() => expect(t.pending).toHaveLength(2));
    await t.answer(0, page([3, 4], null));
    expect(result.current.items).toBeNull();
    await t.answer(0, page([1, 2, 3, 4, 5], null));
    expect(ids(result.current.items)).toEqual([1, 2, 3, 4, 5]);
  });

  it('unmounted before a reload is answered: its failure toasts nothing', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    const { result, unmount } = renderHook(() => useLedger());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, page([1], 'c1'));
    act(() => void result.current.reload());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    unmount();
    await t.answer(0, fail(500, 'INTERNAL', '系统繁忙'));
    expect(toast).not.toHaveBeenCalled();
  });

  it('setItems changes an item on screen (an action answered with its newer state)', async () => {
    const t = scriptedTransport();
    const { result } = renderHook(() => useLedger());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, page([1, 2], null));
    act(() => result.current.setItems((items) => items.filter((e) => e.id !== '1')));
    expect(ids(result.current.items)).toEqual([2]);
  });
});
