/**
 * 签到 opened from a group's card (H5: `gid=` in the URL): the group's board waits as blocks, then
 * shows the group's check-ins today and its streak leaders; 签到 sends the group with the check-in
 * and the board then says 「本群今日第 N 位签到」. Opened any other way, no board and no group sent.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckinResult, CheckinStatus, GroupBoard } from '@cloud/contract';
import { CheckinScreen } from '@/pages/checkin';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { actionOf, fakeTransport, scriptedTransport } from './fake-transport';

const status = (checked: boolean): CheckinStatus => ({
  today: '2026-11-23',
  checkedInToday: checked,
  streak: checked ? 3 : 2,
  pointsPerCheckin: 10,
  memberDay: false,
  memberDayMultiplier: 1,
  nextMilestone: { days: 7, bonusPoints: 50, daysLeft: 4 },
  makeup: { remainingThisMonth: 2, perMonth: 2, costPoints: 20, windowDays: 7, days: [] },
  month: '2026-11',
  days: [{ date: '2026-11-23', state: checked ? 'checked' : 'today' }],
});

const result: CheckinResult = {
  date: '2026-11-23',
  alreadyCheckedIn: false,
  pointsGained: 10,
  milestone: null,
  groupPointsGained: 60,
  lotteryChances: 1,
  memberDay: false,
  streak: 3,
  balance: 130,
  upgradedTo: null,
};

const board = (myRank: number | null, checkedInToday: number): GroupBoard => ({
  groupName: '森屿宝妈群',
  checkedInToday,
  myRank,
  leaders: [
    { nickname: '阿青', avatarUrl: null, streak: 12, me: false },
    { nickname: null, avatarUrl: null, streak: 3, me: true },
  ],
});

const text = (selector: string) => document.querySelector(selector)?.textContent;
const all = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent);

function openAt(search: string) {
  window.history.replaceState(null, '', `/${search}#/pages/checkin/index`);
}

beforeEach(() => {
  useMemberStore.getState().reset();
  // The check-in's toast would outlive the screen (and this file: the suite shares one document).
  vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  openAt('');
  vi.restoreAllMocks();
});

describe('签到 from a group card', () => {
  it('blocks, then the board; 签到 carries the group and the board shows my place', async () => {
    openAt('?gid=wx-group-moms');
    const t = scriptedTransport();
    render(<CheckinScreen />);
    await waitFor(() => expect(t.pending.some((p) => actionOf(p.call) === 'checkin.group')).toBe(true));
    expect(document.querySelector('.group-board')!.getAttribute('aria-busy')).toBe('true');
    expect(text('.group-board')).toBe('');
    const groupCall = t.calls.find((c) => actionOf(c) === 'checkin.group')!;
    expect(groupCall.payload.groupData).toEqual({ encryptedData: expect.any(String), iv: 'local' });
    expect(JSON.parse(atob(String((groupCall.payload.groupData as { encryptedData: string }).encryptedData)))).toEqual({ openGId: 'wx-group-moms' });

    const answer = async (action: string, reply: unknown) => {
      const i = t.pending.findIndex((p) => actionOf(p.call) === action);
      await t.answer(i, { status: 200, body: { ok: true, data: reply } });
    };
    await answer('checkin.group', board(null, 4));
    await answer('checkin.status', status(false));
    expect(text('.group-board__title')).toBe('森屿宝妈群今日签到');
    expect(text('.group-board__rank')).toBe('签到后看看你是本群今日第几位');
    expect(text('.group-board__count')).toBe('本群今日已有 4 人签到');
    expect(all('.group-board__name')).toEqual(['阿青', '微信用户（我）']);
    expect(all('.group-board__streak')).toEqual(['连签 12 天', '连签 3 天']);

    // Every further call answers at once: the check-in, then the reloads.
    setTransport(null);
    const calls = fakeTransport((c) => {
      const action = actionOf(c);
      if (action === 'checkin.do') return result;
      if (action === 'checkin.group') return board(5, 5);
      if (action === 'checkin.status') return status(true);
      return { id: '7', pendingReminders: 0 };
    });
    await act(async () => {
      fireEvent.click(document.querySelector('.checkin-card__button')!);
    });
    await waitFor(() => expect(text('.group-board__rank')).toBe('本群今日第 5 位签到'));
    expect(text('.group-board__count')).toBe('本群今日已有 5 人签到');
    expect(text('.checkin-card__group-points')).toBe('在群里签到 +60 社群积分');
    const checkin = calls.find((c) => actionOf(c) === 'checkin.do')!;
    expect(checkin.payload).toEqual({ action: 'do', groupData: groupCall.payload.groupData });
  });

  it('opened some other way: no board, and the check-in carries no group', async () => {
    const calls = fakeTransport((c) => {
      const action = actionOf(c);
      if (action === 'checkin.do') return result;
      if (action === 'checkin.status') return status(false);
      return { id: '7', pendingReminders: 0 };
    });
    render(<CheckinScreen />);
    await waitFor(() => expect(document.querySelector('.checkin-card__button')).not.toBeNull());
    expect(document.querySelector('.group-board')).toBeNull();
    await act(async () => {
      fireEvent.click(document.querySelector('.checkin-card__button')!);
    });
    await waitFor(() => expect(calls.some((c) => actionOf(c) === 'checkin.do')).toBe(true));
    expect(calls.find((c) => actionOf(c) === 'checkin.do')!.payload).toEqual({ action: 'do' });
    expect(calls.some((c) => actionOf(c) === 'checkin.group')).toBe(false);
  });
});
