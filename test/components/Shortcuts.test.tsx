/** Entries: 我的 lists 抽奖 / 积分商城 / 卡包, and 券码核销 only for guides and admins; 签到 offers 去抽奖. */
import { cleanup, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CheckinShortcuts from '@/components/CheckinShortcuts';
import MineShortcuts from '@/components/MineShortcuts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const labels = () => [...document.querySelectorAll('.mine-shortcuts__item')].map((el) => el.firstChild!.textContent);

describe('entries', () => {
  it('我的: members see three entries, guides and admins also 券码核销', () => {
    const { rerender } = render(<MineShortcuts role='member' />);
    expect(labels()).toEqual(['疯狂抽奖机', '积分商城', '我的卡包']);
    rerender(<MineShortcuts role='guide' />);
    expect(labels()).toEqual(['疯狂抽奖机', '积分商城', '我的卡包', '券码核销']);
    rerender(<MineShortcuts role='admin' />);
    expect(labels()).toContain('券码核销');
    rerender(<MineShortcuts role={null} />);
    expect(labels()).not.toContain('券码核销');
  });

  it('签到: 去抽奖 and 积分商城 open their subpackages', () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    render(<CheckinShortcuts checkedInToday />);
    expect(document.querySelector('.checkin-shortcuts__lottery')!.textContent).toContain('签到送的抽奖机会已到账');
    fireEvent.click(document.querySelector('.checkin-shortcuts__lottery')!);
    fireEvent.click(document.querySelector('.checkin-shortcuts__mall')!);
    expect(navigate.mock.calls.map((c) => c[0].url)).toEqual(['/packages/lottery/index', '/packages/mall/index']);
  });
});
