import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { CalendarDay } from '@cloud/contract';
import Calendar from '@/components/Calendar';
import CheckinCard from '@/components/CheckinCard';
import CheckinShortcuts from '@/components/CheckinShortcuts';
import MakeupDialog from '@/components/MakeupDialog';
import ReminderButton from '@/components/ReminderButton';
import SessionGate from '@/components/SessionGate';
import { showError } from '@/services/api';
import { IS_WEAPP, REMINDER_TEMPLATE_ID } from '@/services/config';
import { messageOf } from '@/services/errors';
import { subscribeReminder } from '@/services/reminder';
import { useCheckinStore } from '@/stores/checkin';
import { useMemberStore } from '@/stores/member';
import { useSessionStore } from '@/stores/session';
import { shiftMonth } from '@/utils/format';
import './index.css';

/** weapp needs a subscription template to remind; H5 records the wish directly. */
const REMINDER_AVAILABLE = !IS_WEAPP || !!REMINDER_TEMPLATE_ID;

export function CheckinScreen() {
  const status = useCheckinStore((s) => s.status);
  const loading = useCheckinStore((s) => s.loading);
  const checkingIn = useCheckinStore((s) => s.checkingIn);
  const lastResult = useCheckinStore((s) => s.lastResult);
  const error = useCheckinStore((s) => s.error);
  const load = useCheckinStore((s) => s.load);
  const checkin = useCheckinStore((s) => s.checkin);
  const makeup = useCheckinStore((s) => s.makeup);
  const pendingReminders = useMemberStore((s) => s.profile?.pendingReminders ?? null);
  const balance = useMemberStore((s) => s.balance);
  const loadProfile = useMemberStore((s) => s.loadProfile);
  const setPendingReminders = useMemberStore((s) => s.setPendingReminders);
  const generation = useSessionStore((s) => s.generation);
  const joinedOn = useSessionStore((s) => s.member?.joinedOn ?? null);
  const [month, setMonth] = useState<string | undefined>(undefined);
  const [makeupDay, setMakeupDay] = useState<string | null>(null);
  const [makeupBusy, setMakeupBusy] = useState(false);
  const [makeupError, setMakeupError] = useState<string | null>(null);

  const reload = useCallback(
    (m?: string) => {
      load(m).catch(showError);
    },
    [load],
  );

  // First load, and again after an identity switch.
  useEffect(() => {
    setMonth(undefined);
    reload();
    loadProfile().catch(() => undefined);
  }, [generation, reload, loadProfile]);

  // Coming back to the tab (e.g. the next day): refresh the shown month.
  useDidShow(() => {
    if (useCheckinStore.getState().status) {
      reload(month);
      loadProfile().catch(() => undefined);
    }
  });

  const current = status?.today.slice(0, 7);
  const shown = status?.month;
  const canPrev = !!shown && (!joinedOn || shown > joinedOn.slice(0, 7)) && !loading;
  const canNext = !!shown && !!current && shown < current && !loading;

  const go = (delta: number) => {
    if (!shown) return;
    const next = shiftMonth(shown, delta);
    setMonth(next);
    reload(next);
  };

  const onCheckin = async () => {
    try {
      const result = await checkin();
      await Taro.showToast({
        title: result.alreadyCheckedIn
          ? '今日已签到'
          : `签到成功 +${result.pointsGained} 积分${result.milestone ? `，连签奖励 +${result.milestone.bonusPoints}` : ''}`,
        icon: 'none',
        duration: 2000,
      });
    } catch (err) {
      showError(err);
    }
  };

  const onDayTap = (day: CalendarDay) => {
    if (day.state !== 'missed' || !status) return;
    if (day.date.slice(0, 7) !== status.today.slice(0, 7)) {
      void Taro.showToast({ title: '只能补签本月的日期', icon: 'none', duration: 2000 });
      return;
    }
    setMakeupError(null);
    setMakeupDay(day.date);
  };

  const onMakeup = async () => {
    if (!makeupDay || makeupBusy) return;
    setMakeupBusy(true);
    setMakeupError(null);
    try {
      const result = await makeup(makeupDay);
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
      <CheckinCard status={status} busy={checkingIn} lastResult={lastResult} onCheckin={onCheckin} />
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
            onDayTap={onDayTap}
          />
          {status.month === current && status.days.some((d) => d.state === 'missed') && (
            <View className='checkin-page__makeup-hint'>
              点击未签到的日期可补签（每次 {status.makeup.costPoints} 积分，本月还可补签 {status.makeup.remainingThisMonth} 次）
            </View>
          )}
        </View>
      ) : (
        error && (
          <View className='checkin-page__error' onClick={() => reload(month)}>
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
    <SessionGate>
      <CheckinScreen />
    </SessionGate>
  );
}
