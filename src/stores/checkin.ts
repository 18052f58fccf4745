import { create } from 'zustand';
import type { CheckinResult, CheckinStatus, MakeupResult } from '@cloud/contract';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { useMemberStore } from './member';

interface CheckinState {
  status: CheckinStatus | null;
  loading: boolean;
  checkingIn: boolean;
  /** The last check-in's answer (shown as "签到成功 +N 积分"). */
  lastResult: CheckinResult | null;
  error: string | null;
  /** Loads today's state and the calendar of `month` (YYYY-MM; default the current month). */
  load(month?: string): Promise<void>;
  checkin(scene?: number): Promise<CheckinResult>;
  /** 补签 a missed day of this month, then reloads the calendar and streak. */
  makeup(date: string): Promise<MakeupResult>;
  reset(): void;
}

let loadSeq = 0;

export const useCheckinStore = create<CheckinState>()((set, get) => ({
  status: null,
  loading: false,
  checkingIn: false,
  lastResult: null,
  error: null,
  async load(month) {
    const seq = ++loadSeq;
    set({ loading: true, error: null });
    try {
      const status = await call('checkin', 'status', month ? { month } : {});
      if (seq === loadSeq) set({ status, loading: false });
    } catch (err) {
      if (seq === loadSeq) set({ loading: false, error: messageOf(err) });
      throw err;
    }
  },
  async checkin(scene) {
    if (get().checkingIn) throw new Error('check-in already running');
    set({ checkingIn: true });
    try {
      const result = await call('checkin', 'do', scene ? { scene } : {});
      const status = get().status;
      set({
        checkingIn: false,
        lastResult: result,
        // Show the new state at once; the reload below brings the server's calendar.
        status: status
          ? {
              ...status,
              checkedInToday: true,
              streak: result.streak,
              days: status.days.map((d) => (d.date === result.date ? { ...d, state: 'checked' } : d)),
            }
          : status,
      });
      useMemberStore.getState().applyCheckin(result);
      void get()
        .load(get().status?.month)
        .catch(() => undefined);
      return result;
    } catch (err) {
      set({ checkingIn: false });
      throw err;
    }
  },
  async makeup(date) {
    const result = await call('checkin', 'makeup', { date });
    const status = get().status;
    if (status) {
      set({
        status: {
          ...status,
          streak: result.streak,
          makeup: { ...status.makeup, remainingThisMonth: result.remainingThisMonth },
          days: status.days.map((d) => (d.date === result.date ? { ...d, state: 'made_up' } : d)),
        },
      });
    }
    useMemberStore.getState().applyMakeup(result);
    await get()
      .load(get().status?.month)
      .catch(() => undefined);
    return result;
  },
  reset: () => set({ status: null, lastResult: null, error: null, loading: false }),
}));
