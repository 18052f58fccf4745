import { Text, View } from '@tarojs/components';
import { formatDay } from '@/utils/format';
import Dialog from '../Dialog';
import './index.css';

export interface MakeupDialogProps {
  date: string;
  costPoints: number;
  remainingThisMonth: number;
  /** The member's balance, when known. */
  balance?: number | null;
  busy?: boolean;
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/** 补签 a missed day: what it costs and how many make-ups are left this month, then confirm. */
export default function MakeupDialog({
  date,
  costPoints,
  remainingThisMonth,
  balance,
  busy,
  error,
  onConfirm,
  onCancel,
}: MakeupDialogProps) {
  const none = remainingThisMonth <= 0;
  return (
    <Dialog
      title='补签'
      // Short enough for a 320 px screen: the cost is in the body.
      confirmText='确认补签'
      busy={busy}
      error={error ?? (none ? '本月补签次数已用完' : null)}
      confirmDisabled={none}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <View className='makeup-dialog'>
        <View className='makeup-dialog__day'>{formatDay(date)}</View>
        <View className='makeup-dialog__line'>
          补签消耗 <Text className='makeup-dialog__em'>{costPoints}</Text> 积分，本月还可补签{' '}
          <Text className='makeup-dialog__em'>{remainingThisMonth}</Text> 次
        </View>
        {balance !== undefined && balance !== null && <View className='makeup-dialog__balance'>当前积分 {balance}</View>}
        <View className='makeup-dialog__note'>补签后这一天计入连续签到</View>
      </View>
    </Dialog>
  );
}
