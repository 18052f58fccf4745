import { Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { PointsAdjustment } from '@cloud/contract';
import Dialog from '@/components/Dialog';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { createIntent } from '@/services/request-id';
import './forms.css';

export interface AdjustPointsDialogProps {
  memberId: string;
  balance: number;
  onDone(result: PointsAdjustment): void;
  onCancel(): void;
}

/**
 * 调整积分: add or take away points with a reason. One request id per intent (member, change,
 * reason): 确定 again after a lost answer repeats the same request, which the server answers
 * with its first result; a changed amount or reason is a new intent.
 */
export default function AdjustPointsDialog({ memberId, balance, onDone, onCancel }: AdjustPointsDialogProps) {
  const [sign, setSign] = useState<1 | -1>(1);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const intent = useRef(createIntent());

  const points = /^\d+$/.test(amount.trim()) ? Number(amount.trim()) : NaN;
  const delta = sign * points;
  const problem =
    !Number.isInteger(points) || points <= 0
      ? '请输入积分数'
      : points > 1_000_000
        ? '一次最多调整 1,000,000 积分'
        : sign < 0 && points > balance
          ? `当前只有 ${balance} 积分，扣减不能超过余额`
          : reason.trim().length < 2
            ? '请填写原因（至少 2 个字）'
            : null;

  const submit = async () => {
    if (problem || busy) return;
    setBusy(true);
    setError(null);
    const why = reason.trim();
    const requestId = intent.current.id(`${memberId}:${delta}:${why}`);
    try {
      const result = await call('admin', 'adjustPoints', { targetMemberId: memberId, delta, reason: why, requestId });
      intent.current.settle();
      onDone(result);
    } catch (err) {
      intent.current.settle(err);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title='调整积分' busy={busy} error={error} confirmDisabled={problem !== null} onConfirm={() => void submit()} onCancel={onCancel}>
      <View className='admin-form'>
        <View className='admin-form__row'>
          <Text className='admin-form__label'>当前余额</Text>
          <Text className='admin-form__value'>{balance} 积分</Text>
        </View>
        <View className='admin-form__segmented'>
          <Text className={`admin-form__seg ${sign > 0 ? 'admin-form__seg--on' : ''} admin-form__seg--add`} onClick={() => setSign(1)}>
            增加
          </Text>
          <Text className={`admin-form__seg ${sign < 0 ? 'admin-form__seg--on' : ''} admin-form__seg--deduct`} onClick={() => setSign(-1)}>
            扣减
          </Text>
        </View>
        <Input
          className='admin-form__input admin-form__points'
          type='number'
          value={amount}
          maxlength={7}
          placeholder='积分数'
          onInput={(e) => setAmount(e.detail.value)}
        />
        <Input
          className='admin-form__input admin-form__reason'
          value={reason}
          maxlength={200}
          placeholder='原因，如 客诉补偿、活动奖励'
          onInput={(e) => setReason(e.detail.value)}
        />
        {problem && (amount !== '' || reason !== '') && <View className='admin-form__hint'>{problem}</View>}
        {!problem && <View className='admin-form__preview'>{`${sign > 0 ? '增加' : '扣减'} ${points} 积分，调整后 ${balance + delta} 积分`}</View>}
      </View>
    </Dialog>
  );
}
