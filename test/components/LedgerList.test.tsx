import Taro from '@tarojs/taro';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LedgerEntry } from '@cloud/contract';
import LedgerList from '@/components/LedgerList';
import { sourceLabel } from '@/utils/format';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const entry = (id: string, source: LedgerEntry['source'], delta: number): LedgerEntry => ({
  id,
  source,
  delta,
  balanceAfter: 100,
  note: null,
  createdAt: '2026-11-23T08:05:00+08:00',
});

describe('LedgerList', () => {
  it('labels each row in Chinese, with a signed amount and the time', () => {
    render(
      <LedgerList
        items={[entry('3', 'checkin', 10), entry('2', 'streak_bonus', 50), entry('1', 'expire', -20)]}
        hasMore={false}
        loading={false}
        loaded
        onMore={() => {}}
      />,
    );
    expect(screen.getByText('每日签到')).toBeTruthy();
    expect(screen.getByText('连续签到奖励')).toBeTruthy();
    expect(screen.getByText('积分过期')).toBeTruthy();
    expect(screen.getByText('+10')).toBeTruthy();
    expect(screen.getByText('-20').className).toContain('ledger__delta--minus');
    expect(screen.getAllByText('11-23 08:05')).toHaveLength(3);
    expect(screen.getByText('没有更多了')).toBeTruthy();
  });

  it('asks for the next page with 加载更多, not while loading', () => {
    const onMore = vi.fn();
    const { rerender } = render(
      <LedgerList items={[entry('1', 'checkin', 10)]} hasMore loading={false} loaded onMore={onMore} />,
    );
    fireEvent.click(screen.getByText('加载更多'));
    expect(onMore).toHaveBeenCalledTimes(1);
    rerender(<LedgerList items={[entry('1', 'checkin', 10)]} hasMore loading loaded onMore={onMore} />);
    fireEvent.click(screen.getByText('加载中…'));
    expect(onMore).toHaveBeenCalledTimes(1);
  });

  it('says so when there is nothing yet, and offers 去签到 (the check-in tab)', () => {
    const navigate = vi.spyOn(Taro, 'switchTab').mockResolvedValue(undefined as never);
    render(<LedgerList items={[]} hasMore={false} loading={false} loaded onMore={() => {}} />);
    expect(screen.getByText('还没有积分记录，每天签到都有积分')).toBeTruthy();
    fireEvent.click(screen.getByText('去签到'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/checkin/index' });
  });

  it('has a label for the make-up, adjustment and birthday sources (生日礼)', () => {
    render(
      <LedgerList
        items={[entry('3', 'birthday', 100), entry('2', 'makeup', -20), entry('1', 'admin_adjust', 5)]}
        hasMore={false}
        loading={false}
        loaded
        onMore={() => {}}
      />,
    );
    expect(screen.getByText('生日礼')).toBeTruthy();
    expect(screen.getByText('补签')).toBeTruthy();
    expect(screen.getByText('积分调整')).toBeTruthy();
    expect(sourceLabel('something_new')).toBe('积分变动');
  });
});
