/**
 * 明天提醒我: the button asks and records the answer; weapp asks WeChat's one-time
 * subscription with the template id, H5 records an acceptance directly.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ReminderButton from '@/components/ReminderButton';
import { subscribeReminder, type ReminderEnv } from '@/services/reminder';
import { setTransport } from '@/services/transports';
import { actionOf, fakeTransport } from './fake-transport';

afterEach(() => {
  cleanup();
  setTransport(null);
});

const button = () => document.querySelector<HTMLElement>('.reminder__button');

describe('ReminderButton', () => {
  it('明天提醒我 → subscribes on the tap → 明天会提醒你签到', async () => {
    const onSubscribe = vi.fn(async () => ({ accepted: true, pendingReminders: 1 }));
    const onChange = vi.fn();
    const { rerender } = render(<ReminderButton pendingReminders={0} onSubscribe={onSubscribe} onChange={onChange} />);
    expect(button()!.textContent).toBe('明天提醒我');
    await act(async () => {
      fireEvent.click(button()!);
    });
    expect(onSubscribe).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith(1);
    rerender(<ReminderButton pendingReminders={1} onSubscribe={onSubscribe} onChange={onChange} />);
    expect(button()).toBeNull();
    expect(document.body.textContent).toContain('明天会提醒你');
  });

  it('a second tap while asking does not ask twice', async () => {
    let resolve!: (v: { accepted: boolean; pendingReminders: number }) => void;
    const onSubscribe = vi.fn(() => new Promise<{ accepted: boolean; pendingReminders: number }>((r) => (resolve = r)));
    render(<ReminderButton pendingReminders={0} onSubscribe={onSubscribe} onChange={() => {}} />);
    fireEvent.click(button()!);
    fireEvent.click(button()!);
    expect(onSubscribe).toHaveBeenCalledTimes(1);
    await act(async () => resolve({ accepted: false, pendingReminders: 0 }));
  });
});

describe('subscribeReminder()', () => {
  const transport = () => fakeTransport((c) => ({ pendingReminders: c.payload.accepted ? 1 : 0 }));

  it('H5: no subscription messages — records an acceptance directly', async () => {
    const calls = transport();
    const request = vi.fn();
    const answer = await subscribeReminder({ isWeapp: false, templateId: '', requestSubscribeMessage: request });
    expect(request).not.toHaveBeenCalled();
    expect(answer).toEqual({ accepted: true, pendingReminders: 1 });
    expect(calls.map((c) => c.payload)).toEqual([{ action: 'subscribeReminder', accepted: true }]);
    expect(calls.map(actionOf)).toEqual(['checkin.subscribeReminder']);
  });

  it('weapp: asks WeChat with the template id and reports accept', async () => {
    const calls = transport();
    const env: ReminderEnv = {
      isWeapp: true,
      templateId: 'TPL-1',
      requestSubscribeMessage: vi.fn(async () => ({ errMsg: 'requestSubscribeMessage:ok', 'TPL-1': 'accept' })),
    };
    expect(await subscribeReminder(env)).toEqual({ accepted: true, pendingReminders: 1 });
    expect(env.requestSubscribeMessage).toHaveBeenCalledWith(['TPL-1']);
    expect(calls[0]!.payload).toEqual({ action: 'subscribeReminder', accepted: true });
  });

  it('weapp: a reject, or a failed prompt, is reported as refused', async () => {
    const calls = transport();
    const reject: ReminderEnv = {
      isWeapp: true,
      templateId: 'TPL-1',
      requestSubscribeMessage: async () => ({ 'TPL-1': 'reject' }),
    };
    expect(await subscribeReminder(reject)).toEqual({ accepted: false, pendingReminders: 0 });
    const broken: ReminderEnv = {
      ...reject,
      requestSubscribeMessage: async () => {
        throw new Error('requestSubscribeMessage:fail');
      },
    };
    expect((await subscribeReminder(broken)).accepted).toBe(false);
    expect(calls.map((c) => c.payload.accepted)).toEqual([false, false]);
  });

  it('weapp without a template id: a Chinese error, nothing recorded', async () => {
    const calls = transport();
    await expect(
      subscribeReminder({ isWeapp: true, templateId: '', requestSubscribeMessage: vi.fn() }),
    ).rejects.toMatchObject({ message: '签到提醒暂未开通' });
    expect(calls).toHaveLength(0);
  });

  it('on the check-in screen: tapping records it and the button turns into 明天会提醒你', async () => {
    const { CheckinScreen } = await import('@/pages/checkin');
    const { useMemberStore } = await import('@/stores/member');
    useMemberStore.getState().reset();
    let pending = 0;
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'checkin.status')
        return {
          today: '2026-11-23', checkedInToday: true, streak: 1, pointsPerCheckin: 10, memberDay: false, memberDayMultiplier: 1,
          nextMilestone: null, makeup: { remainingThisMonth: 2, perMonth: 2, costPoints: 20, windowDays: 7, days: [] }, month: '2026-11', days: [],
        };
      if (a === 'member.profile')
        return {
          id: '1', nickname: null, avatarUrl: null, role: 'member', pointsBalance: 10, tier: { key: 'normal', name: '普通会员' },
          joinedOn: '2026-11-23', birthday: null, consent: null, consentVersionRequired: '2026-11-01', pendingReminders: pending,
        };
      if (a === 'checkin.subscribeReminder') return { pendingReminders: ++pending };
      throw new Error(a);
    });
    render(<CheckinScreen />);
    await waitFor(() => expect(button()).toBeTruthy());
    await act(async () => {
      fireEvent.click(button()!);
    });
    await waitFor(() => expect(document.body.textContent).toContain('明天会提醒你签到'));
    expect(calls.find((c) => actionOf(c) === 'checkin.subscribeReminder')!.payload).toEqual({
      action: 'subscribeReminder',
      accepted: true,
    });
  });
});
