/**
 * The tab bar: the tab on screen is marked, a tap on another tab switches to it, a tap on the
 * current one does nothing; weapp's custom tab bar follows the tab page that last showed.
 */
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import TabBar from '@/components/TabBar';
import { useCurrentTab } from '@/components/TabBar/tab-page';
import CustomTabBar from '@/custom-tab-bar';

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
