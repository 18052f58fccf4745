/** 活动规则: every prize with its count (or 不限量) and its odds as a percentage, window, limits, text. */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import LotteryRules, { formatOdds } from '@/components/LotteryRules';
import { campaign } from './lottery-fixtures';

afterEach(cleanup);

describe('LotteryRules', () => {
  it('lists every prize with its total and odds in percent', () => {
    render(<LotteryRules campaign={campaign()} />);
    const rows = [...document.querySelectorAll<HTMLElement>('.lottery-rules__prize')];
    expect(rows).toHaveLength(8);
    const table = rows.map((r) => [
      r.querySelector('.lottery-rules__cell--name')!.textContent,
      r.querySelector('.lottery-rules__total')!.textContent,
      r.querySelector('.lottery-rules__odds')!.textContent,
    ]);
    expect(table).toEqual([
      ['满100减20券', '不限量', '15%'],
      ['10 积分', '不限量', '25%'],
      ['全场9折券', '不限量', '8%'],
      ['100 积分', '不限量', '3%'],
      ['新款针织开衫', '20 份', '0.2%'],
      ['新品立减50', '不限量', '5%'],
      ['品牌帆布袋', '100 份', '0.8%'],
      ['谢谢参与', '—', '43%'],
    ]);
  });

  it('shows the window in brand time, the limits, the points draw and the brand text', () => {
    render(<LotteryRules campaign={campaign()} />);
    const text = document.querySelector('.lottery-rules')!.textContent!;
    expect(text).toContain('活动时间：2026-11-22 10:00 至 2026-12-23 10:00');
    expect(text).toContain('每人每天最多抽 3 次、中奖 2 次，活动期间每人最多中奖 20 次');
    expect(text).toContain('机会用完后可用 50 积分抽一次');
    expect(text).toContain('实物奖品需填写收货地址');
  });

  it('without a points draw says nothing about points', () => {
    render(<LotteryRules campaign={campaign({ pointsPerExtraDraw: null })} />);
    expect(document.querySelector('.lottery-rules')!.textContent).not.toContain('积分抽一次');
  });

  it('formats odds as percentages without float noise', () => {
    expect(formatOdds(25)).toBe('25%');
    expect(formatOdds(0.2)).toBe('0.2%');
    expect(formatOdds(0.1 + 0.2)).toBe('0.3%');
    expect(formatOdds(100 / 3)).toBe('33.33%');
    expect(formatOdds(0.01)).toBe('0.01%');
  });
});
