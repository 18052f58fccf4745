import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckinResult, CheckinStatus } from '@cloud/contract';
import CheckinCard from '@/components/CheckinCard';

afterEach(cleanup);

const status = (over: Partial<CheckinStatus> = {}): CheckinStatus => ({
  today: '2026-11-23',
  checkedInToday: false,
  streak: 4,
  pointsPerCheckin: 10,
  memberDay: false,
  memberDayMultiplier: 1,
  nextMilestone: { days: 7, bonusPoints: 50, daysLeft: 3 },
  makeup: { remainingThisMonth: 2, perMonth: 2, costPoints: 20, windowDays: 7, days: [] },
  month: '2026-11',
  days: [],
  ...over,
});

const result: CheckinResult = {
  date: '2026-11-23',
  alreadyCheckedIn: false,
  pointsGained: 10,
  milestone: null,
  groupPointsGained: 0,
  lotteryChances: 1,
  memberDay: false,
  streak: 5,
  balance: 50,
  upgradedTo: null,
};

/** Taro's H5 Button renders a div with the button class. */
function button() {
  const el = document.querySelector<HTMLElement>('.checkin-card__button');
  if (!el) throw new Error('no 签到 button');
  return el;
}

describe('CheckinCard', () => {
  it('before checking in: the streak, the date, the points on offer and an enabled 签到 button', () => {
    const onCheckin = vi.fn();
    render(<CheckinCard status={status()} busy={false} lastResult={null} onCheckin={onCheckin} />);
    expect(screen.getByText('4')).toBeTruthy();
    expect(document.body.textContent).toContain('连续签到 4 天');
    expect(document.body.textContent).toContain('11月23日 星期一');
    expect(document.body.textContent).toContain('今日签到可得 10 积分');
    expect(button().textContent).toBe('签到');
    fireEvent.click(button());
    expect(onCheckin).toHaveBeenCalledTimes(1);
  });

  it('while the call runs the button neither repeats nor reads 签到', () => {
    const onCheckin = vi.fn();
    render(<CheckinCard status={status()} busy lastResult={null} onCheckin={onCheckin} />);
    expect(button().textContent).toContain('签到中');
    fireEvent.click(button());
    expect(onCheckin).not.toHaveBeenCalled();
  });

  it('after checking in: the points gained and 今日已签到, and tapping again does nothing', () => {
    const onCheckin = vi.fn();
    render(
      <CheckinCard status={status({ checkedInToday: true, streak: 5 })} busy={false} lastResult={result} onCheckin={onCheckin} />,
    );
    expect(document.body.textContent).toContain('签到成功 +10 积分');
    expect(document.body.textContent).toContain('连续签到 5 天');
    expect(button().textContent).toBe('今日已签到');
    fireEvent.click(button());
    expect(onCheckin).not.toHaveBeenCalled();
  });

  it('already checked in on an earlier visit: 今日已签到 without a gain message', () => {
    render(<CheckinCard status={status({ checkedInToday: true })} busy={false} lastResult={null} onCheckin={() => {}} />);
    expect(button().textContent).toBe('今日已签到');
    expect(document.body.textContent).not.toContain('签到成功');
  });

  it('before the status arrives: blocks in place of the figures, no streak drawn as if real, nothing to tap', () => {
    const onCheckin = vi.fn();
    render(<CheckinCard status={null} busy={false} lastResult={null} onCheckin={onCheckin} />);
    expect(document.querySelector('.checkin-card')!.getAttribute('aria-busy')).toBe('true');
    expect(document.querySelectorAll('.checkin-card .skeleton').length).toBeGreaterThan(0);
    expect(document.body.textContent).not.toMatch(/\d|连续签到|签到/);
    fireEvent.click(document.querySelector('.checkin-card__button')!);
    expect(onCheckin).not.toHaveBeenCalled();
  });

  it('tells how far the next streak milestone is, and shows the bonus when one is reached', () => {
    const { rerender } = render(<CheckinCard status={status()} busy={false} lastResult={null} onCheckin={() => {}} />);
    expect(document.body.textContent).toContain('再签 3 天得 50 积分（连续签到 7 天奖励）');
    rerender(
      <CheckinCard
        status={status({ checkedInToday: true, streak: 7 })}
        busy={false}
        lastResult={{ ...result, streak: 7, milestone: { days: 7, bonusPoints: 50, couponName: null } }}
        onCheckin={() => {}}
      />,
    );
    expect(document.body.textContent).toContain('签到成功 +10 积分');
    expect(document.body.textContent).toContain('连续签到 7 天奖励 +50 积分');
  });

  it('on 会员日 says so, with the multiplier', () => {
    render(
      <CheckinCard
        status={status({ memberDay: true, memberDayMultiplier: 2, pointsPerCheckin: 20 })}
        busy={false}
        lastResult={null}
        onCheckin={() => {}}
      />,
    );
    expect(document.querySelector('.checkin-card__member-day')!.textContent).toBe('今天是会员日 · 签到积分 ×2');
    expect(document.body.textContent).toContain('今日签到可得 20 积分');
  });

  it('no member-day banner on other days', () => {
    render(<CheckinCard status={status()} busy={false} lastResult={null} onCheckin={() => {}} />);
    expect(document.querySelector('.checkin-card__member-day')).toBeNull();
  });

  it('after checking in: the lottery chance granted, the member-day doubling and a tier upgrade', () => {
    render(
      <CheckinCard
        status={status({ checkedInToday: true, streak: 5, memberDay: true, memberDayMultiplier: 2 })}
        busy={false}
        lastResult={{ ...result, pointsGained: 20, memberDay: true, lotteryChances: 1, upgradedTo: { key: 'silver', name: '银卡会员' } }}
        onCheckin={() => {}}
      />,
    );
    const text = document.body.textContent;
    expect(text).toContain('签到成功 +20 积分');
    expect(text).toContain('会员日积分已加倍');
    expect(text).toContain('获得 1 次抽奖机会');
    expect(text).toContain('恭喜升级为银卡会员');
    // The lottery page does not exist yet: no link to it.
    expect(document.querySelector('a, [href]')).toBeNull();
  });

  it('no lottery line when the check-in granted no chance, no upgrade line without upgradedTo', () => {
    render(
      <CheckinCard status={status({ checkedInToday: true })} busy={false} lastResult={{ ...result, lotteryChances: 0 }} onCheckin={() => {}} />,
    );
    expect(document.body.textContent).not.toContain('抽奖');
    expect(document.body.textContent).not.toContain('升级');
  });
});
