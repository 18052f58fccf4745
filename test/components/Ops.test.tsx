/**
 * 运营 (tab page, main package): the workbench shows blocks until the layer report answers, then
 * each layer's size (a tap lists its members) and the entries to the admin subpackage; with no
 * run yet it offers 立即计算. Anyone but an admin who reaches an admin page gets a sentence and
 * no call is made; with the role unknown, the profile decides.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import AdminGate, { ADMIN_ONLY } from '@/components/AdminGate';
import { OPS_ENTRIES, OpsScreen } from '@/pages/ops';
import { ROLE_KEY } from '@/services/session-storage';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { useSessionStore } from '@/stores/session';
import { layerReport, profile } from './admin-fixtures';
import { actionOf, fakeTransport, scriptedTransport } from './fake-transport';
import { stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
beforeEach(() => {
  useMemberStore.getState().reset();
  useSessionStore.setState({ member: null });
  Taro.removeStorageSync(ROLE_KEY);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const text = (selector: string) => document.querySelector(selector)?.textContent;

describe('运营工作台', () => {
  it('shows blocks, then the layers with their sizes and the day, and the entries; a layer opens its members', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    render(<OpsScreen />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(actionOf(t.calls[0]!)).toBe('admin.layerReport');
    expect(document.querySelectorAll('.ops-page .skeleton').length).toBe(6);
    await t.answer(0, layerReport());

    await waitFor(() => expect(text('[data-layer="high"]')).toBe('8高价值'));
    expect([...document.querySelectorAll('.ops-page__layer')].map((l) => l.textContent)).toEqual(['12新客', '8高价值', '5潜力', '30沉睡', '4流失预警', '41一般']);
    expect(text('.ops-page__day')).toBe('11月24日计算 · 共 100 人');
    expect(text('.ops-page__moves')).toBe('今日变动：一般→流失预警 2 人');
    const titles = [...document.querySelectorAll('.ops-page__entry-title')].map((e) => e.textContent);
    expect(titles).toEqual(OPS_ENTRIES.map((e) => e.title));
    expect(titles).toEqual(expect.arrayContaining(['会员', '分群', '导出', '操作记录']));

    fireEvent.click(document.querySelector('[data-layer="at_risk"]')!);
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/members/index?layer=at_risk' });
    fireEvent.click(document.querySelector('.ops-page__entry--segments')!);
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/segments/index' });
  });

  it('before the first run: says so and computes now on 立即计算, then shows the layers', async () => {
    let computed = false;
    const calls = fakeTransport((c) => {
      if (actionOf(c) === 'segment.recompute') {
        computed = true;
        return { run: { day: '2026-11-24', state: 'finished', counts: {}, error: null }, segment: null };
      }
      return computed ? layerReport() : layerReport({ day: null, movements: [] });
    });
    render(<OpsScreen />);
    await waitFor(() => expect(document.querySelector('.empty-state')?.textContent).toContain('还没有分层数据'));
    await act(async () => {
      fireEvent.click(document.querySelector('.empty-state__action')!);
    });
    await waitFor(() => expect(text('[data-layer="dormant"]')).toBe('30沉睡'));
    expect(calls.map(actionOf)).toEqual(['admin.layerReport', 'segment.recompute', 'admin.layerReport']);
  });
});

describe('AdminGate', () => {
  const Probe = () => <div className='probe'>运营数据</div>;

  it.each(['member', 'guide'] as const)('a %s gets a sentence, not the screen, and no call', async (role) => {
    const calls = fakeTransport(() => profile(role));
    act(() => useSessionStore.setState({ member: profile(role) }));
    render(
      <AdminGate>
        <Probe />
      </AdminGate>,
    );
    expect(text('.admin-gate')).toBe(ADMIN_ONLY);
    expect(document.querySelector('.probe')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('an admin sees the screen; with the role unknown, the profile decides (one call)', async () => {
    act(() => useSessionStore.setState({ member: profile('admin') }));
    const { unmount } = render(
      <AdminGate>
        <Probe />
      </AdminGate>,
    );
    expect(document.querySelector('.probe')).not.toBeNull();
    unmount();

    act(() => useSessionStore.setState({ member: null }));
    Taro.removeStorageSync(ROLE_KEY);
    const calls = fakeTransport((c) => (actionOf(c) === 'member.profile' ? profile('member') : null));
    render(
      <AdminGate>
        <Probe />
      </AdminGate>,
    );
    await waitFor(() => expect(text('.admin-gate')).toBe(ADMIN_ONLY));
    expect(calls.map(actionOf)).toEqual(['member.profile']);
  });
});
