import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { messageOf } from '@/services/errors';
import type { ReminderAnswer } from '@/services/reminder';
import './index.css';
import { flag } from '@/utils/flag';

export interface ReminderButtonProps {
  /** Unused reminder acceptances: > 0 means tomorrow's reminder is on. */
  pendingReminders: number;
  /** Asks (weapp: the subscription prompt) and records the answer; called on the tap itself. */
  onSubscribe(): Promise<ReminderAnswer>;
  /** The new count from the server. */
  onChange(pendingReminders: number): void;
}

/** 明天提醒我 — or 明天会提醒你 once a reminder is pending. */
export default function ReminderButton({ pendingReminders, onSubscribe, onChange }: ReminderButtonProps) {
  const [busy, setBusy] = useState(false);
  if (pendingReminders > 0) {
    return (
      <View className='reminder reminder--on'>
        <View className='reminder__on'>✓ 明天会提醒你签到</View>
      </View>
    );
  }
  const onTap = () => {
    if (busy) return;
    setBusy(true);
    // No await before onSubscribe(): WeChat only shows the prompt inside the tap.
    onSubscribe()
      .then(({ accepted, pendingReminders: n }) => {
        onChange(n);
        if (!accepted) void Taro.showToast({ title: '未开启提醒，可随时再次点击开启', icon: 'none', duration: 2000 });
      })
      .catch((err: unknown) => {
        void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 2500 });
      })
      .finally(() => setBusy(false));
  };
  return (
    <View className='reminder'>
      <Button className='reminder__button' disabled={flag(busy)} loading={flag(busy)} onClick={onTap}>
        明天提醒我
      </Button>
      <View className='reminder__hint'>开启后明天提醒你签到一次</View>
    </View>
  );
}
