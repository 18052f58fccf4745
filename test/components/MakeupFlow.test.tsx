/**
 * 补签 on the check-in screen: the rule is shown before any day qualifies; a missed day in the
 * window (the server's makeup.days, last month's too) offers 补签 with its cost and the make-ups
 * left, confirming sends checkin.makeup {date} and reloads calendar, streak and balance; a day
 * outside the window says why; a refusal shows the server's Chinese message in the dialog.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckinStatus, MemberProfile } from '@cloud/contract';
import { setTransport } from '@/services/transports';
import { CheckinScreen } from '@/pages/checkin';
import { useMemberStore } from '@/stores/member';
import { actionOf, fail, fakeTransport } from './fake-transport';

const profile: MemberProfile = {
  id: '7',
  nickname: null,
  avatarUrl: null,
  role: 'member',
  pointsBalance: 45,
  tier: { key: 'normal', name: '普通会员' },
  joinedOn: '2026-11-01',
  birthday: null,
  consent: null,
  consentVersionRequired: '2026-11-01',
  pendingReminders: 0,
  askProfile: false,
};

function status(made: boolean): CheckinStatus {
  return {
    today: '2026-11-23',
    checkedInToday: true,
    streak: made ? 4 : 1,
    pointsPerCheckin: 10,
    memberDay: false,
    memberDayMultiplier: 1,
    nextMilestone: { days: 7, bonusPoints: 50, daysLeft: made ? 3 : 6 },
    makeup: { remainingThisMonth: made ? 1 : 2, perMonth: 2, costPoints: 20, windowDays: 7, days: made ? [] : ['2026-11-22'] },
    month: '2026-11',
    days: [
      { date: '2026-11-15', state: 'missed' },
      { date: '2026-11-19', state: 'checked' },
      { date: '2026-11-20', state: 'checked' },
      { date: '2026-11-21', state: 'checked' },
      { date: '2026-11-22', state: made ? 'made_up' : 'missed' },
      { date: '2026-11-23', state: 'checked' },
      { date: '2026-11-24', state: 'future' },
    ],
  };
}

let madeUp = false;

beforeEach(() => {
  madeUp = false;
  useMemberStore.getState().reset();
});

afterEach(() => {
  cleanup();
  setTransport(null);
});

const text = (selector: string) => document.querySelector(selector)?.textContent;
const cell = (date: string) => document.querySelector<HTMLElement>(`[data-date="${date}"]`)!;
const dialog = () => document.querySelector<HTMLElement>('.dialog');
const confirmButton = () => document.querySelector<HTMLElement>('.dialog__button--confirm')!;

async function renderScreen(handler: (action: string, payload: Record<string, unknown>) => unknown) {
  const calls = fakeTransport((c) => handler(actionOf(c), c.payload));
  render(<CheckinScreen />);
  await waitFor(() => expect(cell('2026-11-22')).toBeTruthy());
  return calls;
}

describe('补签 on the calendar', () => {
  it('tap a missed day → cost and remaining → confirm → make-up sent, calendar, streak and balance refreshed', async () => {
    const calls = await renderScreen((action, payload) => {
      if (action === 'checkin.status') return status(madeUp);
      if (action === 'member.profile') return profile;
      if (action === 'checkin.makeup') {
        expect(payload).toEqual({ action: 'makeup', date: '2026-11-22' });
        madeUp = true;
        return { date: '2026-11-22', costPoints: 20, streak: 4, balance: 25, remainingThisMonth: 1 };
      }
      throw new Error(`unexpected ${action}`);
    });
    expect(text('.makeup-rule__text')).toBe('可补签最近 7 天内漏签的日期，每月 2 次，每次 20 积分');
    expect(text('.makeup-rule__left')).toBe('本月还可补签 2 次');
    expect(cell('2026-11-22').className).toContain('calendar__cell--makeup');
    expect(cell('2026-11-15').className).not.toContain('calendar__cell--makeup');

    // A checked day offers nothing.
    fireEvent.click(cell('2026-11-21'));
    expect(dialog()).toBeNull();

    fireEvent.click(cell('2026-11-22'));
    expect(dialog()).toBeTruthy();
    expect(dialog()!.textContent).toContain('11月22日 星期日');
    expect(dialog()!.textContent).toContain('补签消耗 20 积分，本月还可补签 2 次');
    expect(dialog()!.textContent).toContain('当前积分 45');
    // The cost is in the body: the button's words stay short enough for a 320 px screen (measured in e2e).
    expect(confirmButton().textContent).toBe('确认补签');

    await act(async () => {
      fireEvent.click(confirmButton());
    });
    await waitFor(() => expect(dialog()).toBeNull());
    expect(calls.filter((c) => actionOf(c) === 'checkin.makeup')).toHaveLength(1);
    // Reloaded from the server after the make-up.
    expect(calls.map(actionOf).slice(-1)).toEqual(['checkin.status']);
    await waitFor(() => expect(cell('2026-11-22').dataset.state).toBe('made_up'));
    expect(document.querySelector('.checkin-card')!.textContent).toContain('连续签到 4 天');
    expect(useMemberStore.getState().balance).toBe(25);
    // The rule stays; no day is offered any more.
    expect(text('.makeup-rule__left')).toBe('本月还可补签 1 次');
    expect(document.querySelector('.makeup-rule__day')).toBeNull();
  });

  it('a missed day outside the window says how far back 补签 reaches, and opens nothing', async () => {
    const calls = await renderScreen((action) => (action === 'checkin.status' ? status(false) : profile));
    fireEvent.click(cell('2026-11-15'));
    expect(dialog()).toBeNull();
    await waitFor(() => expect(document.body.textContent).toContain('只能补签最近 7 天内漏签的日期'));
    expect(calls.map(actionOf)).not.toContain('checkin.makeup');
  });

  it('on the 1st, last month’s missed day is offered in one tap and the calendar goes back to it', async () => {
    const december: CheckinStatus = {
      ...status(false),
      today: '2026-12-01',
      streak: 1,
      makeup: { remainingThisMonth: 2, perMonth: 2, costPoints: 20, windowDays: 7, days: ['2026-11-30'] },
      month: '2026-12',
      days: [
        { date: '2026-12-01', state: 'checked' },
        { date: '2026-12-02', state: 'future' },
      ],
    };
    const november: CheckinStatus = {
      ...december,
      month: '2026-11',
      days: [
        { date: '2026-11-29', state: 'checked' },
        { date: '2026-11-30', state: 'missed' },
      ],
    };
    const calls = fakeTransport((c) => {
      const action = actionOf(c);
      if (action === 'checkin.status') return c.payload.month === '2026-11' ? november : december;
      if (action === 'member.profile') return profile;
      if (action === 'checkin.makeup') return { date: '2026-11-30', costPoints: 20, streak: 8, balance: 25, remainingThisMonth: 1 };
      throw new Error(`unexpected ${action}`);
    });
    render(<CheckinScreen />);
    const chip = await waitFor(() => {
      const el = document.querySelector<HTMLElement>('.makeup-rule__day[data-day="2026-11-30"]');
      expect(el).toBeTruthy();
      return el!;
    });
    expect(chip.textContent).toBe('11月30日');
    fireEvent.click(chip);
    expect(dialog()!.textContent).toContain('11月30日');
    fireEvent.click(document.querySelector<HTMLElement>('.dialog__button--cancel')!);

    // ‹ shows November, where the 30th is marked and opens the same dialog.
    fireEvent.click(document.querySelector<HTMLElement>('[aria-label="上个月"]')!);
    await waitFor(() => expect(cell('2026-11-30').className).toContain('calendar__cell--makeup'));
    fireEvent.click(cell('2026-11-30'));
    await act(async () => {
      fireEvent.click(confirmButton());
    });
    expect(calls.find((c) => actionOf(c) === 'checkin.makeup')!.payload).toEqual({ action: 'makeup', date: '2026-11-30' });
  });

  it('cancel closes the dialog and sends nothing', async () => {
    const calls = await renderScreen((action) => (action === 'checkin.status' ? status(false) : profile));
    fireEvent.click(cell('2026-11-22'));
    fireEvent.click(document.querySelector<HTMLElement>('.dialog__button--cancel')!);
    expect(dialog()).toBeNull();
    expect(calls.map(actionOf)).not.toContain('checkin.makeup');
  });

  it('a refusal (积分不足) shows the server message in the dialog and leaves the day missed', async () => {
    await renderScreen((action) => {
      if (action === 'checkin.status') return status(false);
      if (action === 'member.profile') return { ...profile, pointsBalance: 5 };
      if (action === 'checkin.makeup') return fail(409, 'INSUFFICIENT_POINTS', '积分不足');
      throw new Error(`unexpected ${action}`);
    });
    fireEvent.click(cell('2026-11-22'));
    await act(async () => {
      fireEvent.click(confirmButton());
    });
    await waitFor(() => expect(document.querySelector('.dialog__error')?.textContent).toBe('积分不足'));
    expect(dialog()).toBeTruthy();
    expect(cell('2026-11-22').dataset.state).toBe('missed');
  });

  it('no make-ups left this month: the dialog says so and cannot be confirmed', async () => {
    const calls = await renderScreen((action) =>
      action === 'checkin.status' ? { ...status(false), makeup: { ...status(false).makeup, remainingThisMonth: 0 } } : profile,
    );
    fireEvent.click(cell('2026-11-22'));
    expect(dialog()!.textContent).toContain('本月补签次数已用完');
    fireEvent.click(confirmButton());
    expect(calls.map(actionOf)).not.toContain('checkin.makeup');
  });
});
