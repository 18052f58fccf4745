/** 我的: 邀请好友 for every member; 导购工作台 only for guides and admins; each opens its subpackage. */
import { cleanup, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import MineShareEntries from '@/components/MineShareEntries';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const labels = () => [...document.querySelectorAll('.mine-share-entries__item')].map((el) => el.firstChild!.textContent);

describe('我的: invite and guide entries', () => {
  it('members see 邀请好友; guides and admins also 导购工作台', () => {
    const { rerender } = render(<MineShareEntries role='member' />);
    expect(labels()).toEqual(['邀请好友']);
    rerender(<MineShareEntries role={null} />);
    expect(labels()).toEqual(['邀请好友']);
    rerender(<MineShareEntries role='guide' />);
    expect(labels()).toEqual(['邀请好友', '导购工作台']);
    rerender(<MineShareEntries role='admin' />);
    expect(labels()).toEqual(['邀请好友', '导购工作台']);
  });

  it('opens the invite page and the guide workspace', () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    render(<MineShareEntries role='guide' />);
    fireEvent.click(document.querySelector('.mine-share-entries__item--invite')!);
    fireEvent.click(document.querySelector('.mine-share-entries__item--guide')!);
    expect(navigate.mock.calls.map((c) => c[0].url)).toEqual(['/packages/invite/index', '/packages/guide/dashboard/index']);
  });
});
