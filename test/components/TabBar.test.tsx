/**
 * The tab bar: the tab on screen is marked, a tap on another tab switches to it, a tap on the
 * current one does nothing; weapp's custom tab bar follows the tab page that last showed. 运营
 * shows for admins only, from what the app already knows of the role.
 */
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MemberProfile, Role } from '@cloud/contract';
import TabBar from '@/components/TabBar';
import { useCurrentTab } from '@/components/TabBar/tab-page';
import CustomTabBar from '@/custom-tab-bar';
import { ROLE_KEY } from '@/services/session-storage';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { useSessionStore } from '@/stores/session';
import { fakeTransport } from './fake-transport';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  useCurrentTab.setState({ current: null });
});

const tabs = () => [...document.querySelectorAll('.tab-bar__item')];
const selected = () => tabs().filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.textContent);

describe('TabBar', () => {
  it('marks the current tab and switches to another on a tap', () => {
    const switchTab = vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' });
    render(<TabBar current='pages/checkin/index' />);
    expect(tabs().map((t) => t.textContent)).toEqual(['首页', '签到', '我的']);
    expect(selected()).toEqual(['签到']);

    fireEvent.click(tabs()[1]!);
    expect(switchTab).not.toHaveBeenCalled();
    fireEvent.click(tabs()[2]!);
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  });

  it('weapp: the custom tab bar marks the tab page on screen', () => {
    render(<CustomTabBar />);
    expect(selected()).toEqual([]);
    act(() => useCurrentTab.setState({ current: 'pages/mine/index' }));
    expect(selected()).toEqual(['我的']);
  });
});

describe('TabBar: 运营 for admins only', () => {
  const profile = (role: Role): MemberProfile => ({
    id: '9',
    nickname: '小陈',
    avatarUrl: null,
    role,
    pointsBalance: 0,
    tier: { key: 'normal', name: '普通会员' },
    joinedOn: '2026-11-01',
    birthday: null,
    consent: null,
    consentVersionRequired: '2026-11-01',
    pendingReminders: 0,
    askProfile: false,
  });

  afterEach(() => {
    setTransport(null);
    useSessionStore.setState({ member: null });
    useMemberStore.getState().reset();
    Taro.removeStorageSync(ROLE_KEY);
  });

  it('members and guides keep three tabs; an admin sees 运营 fourth, known from the sign-in, the profile or the role stored at the last sign-in — asking the server nothing', () => {
    const calls = fakeTransport(() => {
      throw new Error('the tab bar asks nothing');
    });
    const { rerender } = render(<TabBar current='pages/home/index' />);
    expect(tabs().map((t) => t.textContent)).toEqual(['首页', '签到', '我的']);

    act(() => useSessionStore.setState({ member: profile('guide') }));
    expect(tabs().map((t) => t.textContent)).toEqual(['首页', '签到', '我的']);
    act(() => useSessionStore.setState({ member: profile('admin') }));
    expect(tabs().map((t) => t.textContent)).toEqual(['首页', '签到', '我的', '运营']);
    // The profile is newer than the sign-in: an admin made a member loses the tab.
    act(() => useMemberStore.setState({ profile: profile('member') }));
    expect(tabs().map((t) => t.textContent)).toEqual(['首页', '签到', '我的']);

    // A later start with the token kept (weapp): nothing loaded yet, the stored role tells.
    act(() => {
      useMemberStore.getState().reset();
      useSessionStore.setState({ member: null });
    });
    Taro.setStorageSync(ROLE_KEY, 'admin');
    rerender(<TabBar current='pages/ops/index' />);
    expect(tabs().map((t) => t.textContent)).toEqual(['首页', '签到', '我的', '运营']);
    expect(selected()).toEqual(['运营']);
    const switchTab = vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' });
    fireEvent.click(tabs()[0]!);
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
    expect(calls).toEqual([]);
  });
});
