import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { CalendarDay, CheckinResult } from '@cloud/contract';
import Calendar from '@/components/Calendar';
import CheckinCard from '@/components/CheckinCard';
import CheckinShortcuts from '@/components/CheckinShortcuts';
import GroupBoard from '@/components/GroupBoard';
import MakeupDialog from '@/components/MakeupDialog';
import MakeupRule from '@/components/MakeupRule';
import ReminderButton from '@/components/ReminderButton';
import SessionGate from '@/components/SessionGate';
import TabPage from '@/components/TabBar/tab-page';
import { useCall } from '@/hooks/use-call';
import { call, showError } from '@/services/api';
import { IS_WEAPP, REMINDER_TEMPLATE_ID } from '@/services/config';
import { isApiError, messageOf } from '@/services/errors';
import { groupEntryData, openedFromGroup } from '@/services/group-entry';
import { subscribeReminder } from '@/services/reminder';
import { useMemberStore } from '@/stores/member';
import { useSessionStore } from '@/stores/session';
import { shiftMonth } from '@/utils/format';
import './index.css';

/** weapp needs a subscription template to remind; H5 records the wish directly. */
const REMINDER_AVAILABLE = !IS_WEAPP || !!REMINDER_TEMPLATE_ID;

export function CheckinScreen() {
  /** The month the next load asks for (undefined: the current one); the shown month stays until it answers. */
  const month = useRef<string | undefined>(undefined);
  const checkin = useCall(() => call('checkin', 'status', month.current ? { month: month.current } : {}), []);
  const { data: status, loading, error, reload, setData: setStatus } = checkin;
  const [checkingIn, setCheckingIn] = useState(false);
  /** The last check-in's answer (shown as "签到成功 +N 积分"). */
  const [lastResult, setLastResult] = useState<CheckinResult | null>(null);
  const pendingReminders = useMemberStore((s) => s.profile?.pendingReminders ?? null);
  const balance = useMemberStore((s) => s.balance);
  const loadProfile = useMemberStore((s) => s.loadProfile);
  const applyCheckin = useMemberStore((s) => s.applyCheckin);
  const applyMakeup = useMemberStore((s) => s.applyMakeup);
  const setPendingReminders = useMemberStore((s) => s.setPendingReminders);
  const generation = useSessionStore((s) => s.generation);
  const joinedOn = useSessionStore((s) => s.member?.joinedOn ?? null);
  const [makeupDay, setMakeupDay] = useState<string | null>(null);
  const [makeupBusy, setMakeupBusy] = useState(false);
  const [makeupError, setMakeupError] = useState<string | null>(null);
  // Opened from a group's card: check-ins are made from the group, and its board shows.
  const [fromGroup] = useState(openedFromGroup);
  const groupData = useRef<ReturnType<typeof groupEntryData> | null>(null);
  const groupOnce = () => (groupData.current ??= groupEntryData());
  const board = useCall(async () => {
    const data = fromGroup ? await groupOnce() : null;
    return data ? call('checkin', 'group', { groupData: data }) : null;
  }, []);

  useEffect(() => {
    loadProfile().catch(() => undefined);
  }, [generation, loadProfile]);

  // Coming back to the tab (e.g. the next day): refresh the shown month.
  useDidShow(() => {
    if (status) {
      void reload();
      loadProfile().catch(() => undefined);
    }
    if (board.data) void board.reload();
  });

  const current = status?.today.slice(0, 7);
  const shown = status?.month;
  const canPrev = !!shown && (!joinedOn || shown > joinedOn.slice(0, 7)) && !loading;
  const canNext = !!shown && !!current && shown < current && !loading;

  const go = (delta: number) => {
    if (!shown) return;
    month.current = shiftMonth(shown, delta);
    void reload();
  };

  const onCheckin = async () => {
    if (checkingIn) return;
    setCheckingIn(true);
    try {
      const data = fromGroup ? await groupOnce() : null;
      const checkIn = (group: typeof data) => call('checkin', 'do', group ? { groupData: group } : {});
      // Group data the server cannot read (a session key from an older sign-in): the check-in still counts.
      const result = await checkIn(data).catch((err: unknown) => {
        if (data && isApiError(err) && err.code === 'GROUP_DATA_INVALID') return checkIn(null);
        throw err;
      });
      setLastResult(result);
      // Show the new state at once; the reload below brings the server's calendar.
      setStatus((s) =>
        s
          ? {
              ...s,
              checkedInToday: true,
              streak: result.streak,
              days: s.days.map((d) => (d.date === result.date ? { ...d, state: 'checked' } : d)),
            }
          : s,
      );
      applyCheckin(result);
      void reload();
      if (fromGroup) void board.reload();
      await Taro.showToast({
        title: result.alreadyCheckedIn
          ? '今日已签到'
          : `签到成功 +${result.pointsGained} 积分${result.milestone ? `，连签奖励 +${result.milestone.bonusPoints}` : ''}`,
        icon: 'none',
        duration: 2000,
      });
    } catch (err) {
      showError(err);
    } finally {
      setCheckingIn(false);
    }
  };

  const openMakeup = (date: string) => {
    setMakeupError(null);
    setMakeupDay(date);
  };

  const onDayTap = (day: CalendarDay) => {
    if (day.state !== 'missed' || !status) return;
    if (!status.makeup.days.includes(day.date)) {
      void Taro.showToast({ title: `只能补签最近 ${status.makeup.windowDays} 天内漏签的日期`, icon: 'none', duration: 2000 });
      return;
    }
    openMakeup(day.date);
  };

  const onMakeup = async () => {
    if (!makeupDay || makeupBusy) return;
    setMakeupBusy(true);
    setMakeupError(null);
    try {
      const result = await call('checkin', 'makeup', { date: makeupDay });
      setStatus((s) =>
        s
          ? {
              ...s,
              streak: result.streak,
              makeup: { ...s.makeup, remainingThisMonth: result.remainingThisMonth, days: s.makeup.days.filter((d) => d !== result.date) },
              days: s.days.map((d) => (d.date === result.date ? { ...d, state: 'made_up' } : d)),
            }
          : s,
      );
      applyMakeup(result);
      await reload();
      setMakeupDay(null);
      void Taro.showToast({ title: `补签成功 -${result.costPoints} 积分`, icon: 'none', duration: 2000 });
    } catch (err) {
      setMakeupError(messageOf(err));
    } finally {
      setMakeupBusy(false);
    }
  };

  return (
    <View className='app-page checkin-page'>
      <CheckinCard status={status} busy={checkingIn} lastResult={lastResult} onCheckin={() => void onCheckin()} />
      {fromGroup && !board.error && (board.loading || board.data) && <GroupBoard board={board.data} />}
      {status && <CheckinShortcuts checkedInToday={status.checkedInToday} />}
      {REMINDER_AVAILABLE && status && pendingReminders !== null && (
        <ReminderButton pendingReminders={pendingReminders} onSubscribe={() => subscribeReminder()} onChange={setPendingReminders} />
      )}
      {status ? (
        <View className='checkin-page__calendar'>
          <Calendar
            month={status.month}
            days={status.days}
            canPrev={canPrev}
            canNext={canNext}
            loading={loading}
            onPrev={() => go(-1)}
            onNext={() => go(1)}
            makeupDays={status.makeup.days}
            onDayTap={onDayTap}
          />
          <MakeupRule makeup={status.makeup} onPick={openMakeup} />
        </View>
      ) : (
        error && (
          <View className='checkin-page__error' onClick={() => void reload()}>
            {error}，点击重试
          </View>
        )
      )}
      {makeupDay && status && (
        <MakeupDialog
          date={makeupDay}
          costPoints={status.makeup.costPoints}
          remainingThisMonth={status.makeup.remainingThisMonth}
          balance={balance}
          busy={makeupBusy}
          error={makeupError}
          onConfirm={() => void onMakeup()}
          onCancel={() => setMakeupDay(null)}
        />
      )}
    </View>
  );
}

export default function CheckinPage() {
  return (
    <TabPage path='pages/checkin/index'>
      <SessionGate>
        <CheckinScreen />
      </SessionGate>
    </TabPage>
  );
}
