/**
 * useCall over the real client and a scripted transport: what a screen shows of one answer
 * while it loads, when it fails, when it is asked again, and when answers arrive out of order.
 */
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call } from '@/services/api';
import { setTransport } from '@/services/transports';
import { useCall } from '@/hooks/use-call';
import { preload, preloaded, takeArrived } from '@/services/preload';
import { useSessionStore } from '@/stores/session';
import { fail, ok, scriptedTransport } from './fake-transport';

afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const balance = (n: number) => ok({ balance: n, expiring: null });
const useBalance = (month = '') => useCall(() => call('points', 'balance', {}).then((b) => `${month}${b.balance}`), [month]);

describe('useCall', () => {
  it('first load: loading with no data, then the answer', async () => {
    const t = scriptedTransport();
    const { result } = renderHook(() => useBalance());
    expect(result.current).toMatchObject({ data: null, error: null, loading: true });
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, balance(3));
    expect(result.current).toMatchObject({ data: '3', error: null, loading: false });
  });

  it.each([
    ['the server refuses', fail(429, 'RATE_LIMITED', '操作太频繁，请稍后再试'), '操作太频繁，请稍后再试'],
    ['the network fails', new ApiError('NETWORK'), '网络连接失败，请检查网络后重试'],
  ])('a failed first load (%s) says why in place, and a retry shows the answer', async (_case, reply, message) => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    const { result } = renderHook(() => useBalance());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, reply);
    expect(result.current).toMatchObject({ data: null, error: message, loading: false });

    let retried: Promise<void> = Promise.resolve();
    act(() => {
      retried = result.current.reload();
    });
    expect(result.current).toMatchObject({ data: null, error: null, loading: true });
    await t.answer(0, balance(5));
    await act(() => retried);
    expect(result.current).toMatchObject({ data: '5', error: null, loading: false });
    expect(toast).not.toHaveBeenCalled();
  });

  it('a reload that fails keeps the data on screen and says so in a toast', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    const { result } = renderHook(() => useBalance());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, balance(3));
    act(() => void result.current.reload());
    expect(result.current).toMatchObject({ data: '3', loading: true });
    await t.answer(0, fail(503, 'UNAVAILABLE', '服务暂不可用'));
    expect(result.current).toMatchObject({ data: '3', error: null, loading: false });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务暂不可用' }));
  });

  it.each([
    ['the late answer is data', balance(1)],
    ['the late answer is a failure', fail(500, 'INTERNAL', '系统繁忙')],
  ])('a reload racing a late answer: the newer answer stays (%s)', async (_case, late) => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    const { result } = renderHook(() => useBalance());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    act(() => void result.current.reload());
    await waitFor(() => expect(t.pending).toHaveLength(2));
    await t.answer(1, balance(2));
    expect(result.current).toMatchObject({ data: '2', loading: false });
    await t.answer(0, late);
    expect(result.current).toMatchObject({ data: '2', error: null, loading: false });
    expect(toast).not.toHaveBeenCalled();
  });

  it('a dependency change shows nothing of the old answer, and the old answer arriving late is dropped', async () => {
    const t = scriptedTransport();
    const { result, rerender } = renderHook(({ month }) => useBalance(month), { initialProps: { month: '10月' } });
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, balance(1));
    expect(result.current.data).toBe('10月1');

    act(() => void result.current.reload());
    rerender({ month: '11月' });
    expect(result.current).toMatchObject({ data: null, loading: true });
    await waitFor(() => expect(t.pending).toHaveLength(2));
    await t.answer(0, balance(7));
    expect(result.current).toMatchObject({ data: null, loading: true });
    await t.answer(0, balance(2));
    expect(result.current).toMatchObject({ data: '11月2', loading: false });
  });

  it('asks again when the signed-in identity changes', async () => {
    const t = scriptedTransport();
    renderHook(() => useBalance());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, balance(1));
    act(() => useSessionStore.setState((s) => ({ generation: s.generation + 1 })));
    await waitFor(() => expect(t.calls).toHaveLength(2));
  });

  it('unmounted before a reload is answered: its failure toasts nothing', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    const { result, unmount } = renderHook(() => useBalance());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, balance(1));
    act(() => void result.current.reload());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    unmount();
    // Mounted, a failed reload keeps the data and toasts ('a reload that fails …'): gone, it does neither.
    await t.answer(0, fail(500, 'INTERNAL', '系统繁忙'));
    expect(toast).not.toHaveBeenCalled();
  });

  it('setData replaces what is on screen (an action answered with a newer state)', async () => {
    const t = scriptedTransport();
    const { result } = renderHook(() => useBalance());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, balance(3));
    act(() => result.current.setData((d) => `${d}+1`));
    expect(result.current.data).toBe('3+1');
  });

  it('an answer already in hand shows in the first render, without asking; a reload asks', async () => {
    const t = scriptedTransport();
    const { result } = renderHook(() => useCall(() => call('points', 'balance', {}).then((b) => String(b.balance)), [], { inHand: () => '9' }));
    expect(result.current).toMatchObject({ data: '9', loading: false, error: null });
    await act(async () => undefined);
    expect(t.calls).toHaveLength(0);
    act(() => void result.current.reload());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, balance(10));
    expect(result.current.data).toBe('10');
  });
});

describe('preload', () => {
  it('an early answer that arrived is taken once, at once; after that the screen asks itself', async () => {
    preload('k', async () => 'early');
    expect(takeArrived('k')).toBeNull();
    await Promise.resolve();
    await Promise.resolve();
    expect(takeArrived('k')).toBe('early');
    expect(takeArrived('k')).toBeNull();
    expect(await preloaded('k', async () => 'fresh')).toBe('fresh');
  });

  it('an early answer still on its way is taken by the first load, which asks itself when it failed', async () => {
    preload('a', async () => 'early');
    expect(await preloaded('a', async () => 'fresh')).toBe('early');
    preload('b', async () => {
      throw new Error('lost');
    });
    expect(await preloaded('b', async () => 'fresh')).toBe('fresh');
  });
});
