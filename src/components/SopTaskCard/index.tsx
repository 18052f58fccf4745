import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { SopTaskView } from '@cloud/contract';
import MemberAvatar from '@/components/MemberAvatar';
import { brandClock, brandDayClock } from '@/utils/brand-time';
import { flag } from '@/utils/flag';
import { formatMonthDay, memberName } from '@/utils/format';
import { formatYuan } from '@/utils/money';
import './index.css';

/** Why a guide skips a task: the reasons 成效 counts by. */
export const SKIP_REASONS = ['已联系', '客户不需要', '联系不上', '其他'] as const;

export interface SopTaskCardProps {
  task: SopTaskView;
  /** The action in flight on this card (its button shows it and the others wait). */
  busy: 'complete' | 'skip' | 'coupon' | 'card' | null;
  /** weapp: 发送商品卡 is a share button (the page's onShareAppMessage sends the card). */
  shareButton: boolean;
  onCopy(): void;
  onSendCard(): void;
  onGiveCoupon(): void;
  onComplete(): void;
  onSkip(reason: string): void;
}

function statusText(task: SopTaskView): string | null {
  switch (task.status) {
    case 'done':
      return task.onTime ? '已完成 · 按时' : '已完成 · 逾期完成';
    case 'skipped':
      return `已跳过 · ${task.skipReason ?? ''}`;
    case 'expired':
      return '已过期';
    case 'open':
      return null;
  }
}

/** One 1v1 task: the member, why it is due, the 话术 to copy, the card and coupon to send, 完成 / 跳过. */
export default function SopTaskCard({ task, busy, shareButton, onCopy, onSendCard, onGiveCoupon, onComplete, onSkip }: SopTaskCardProps) {
  const [picking, setPicking] = useState(false);
  const m = task.member;
  const open = task.status === 'open';
  const closed = statusText(task);
  const waiting = busy !== null;
  return (
    <View className={`sop-task ${open ? '' : 'sop-task--closed'}`} data-task-id={task.id} data-status={task.status}>
      <View className='sop-task__head'>
        <MemberAvatar nickname={m.nickname} avatarUrl={m.avatarUrl} />
        <View className='sop-task__who'>
          <View className='sop-task__line'>
            <Text className='sop-task__name'>{memberName(m.nickname)}</Text>
            <Text className='sop-task__tier'>{m.tier.name}</Text>
            {m.layer && <Text className={`sop-task__layer sop-task__layer--${m.layer.key}`}>{m.layer.name}</Text>}
          </View>
          <Text className='sop-task__order'>
            {m.lastOrder ? `最近购买 ${m.lastOrder.productName} ${formatYuan(m.lastOrder.totalFen)} · ${formatMonthDay(m.lastOrder.paidAt.slice(0, 10))}` : '还没有购买记录'}
          </Text>
        </View>
        <View className='sop-task__due'>
          {task.overdue && <Text className='sop-task__overdue'>逾期</Text>}
          <Text className='sop-task__time'>{task.overdue ? brandDayClock(task.dueAt) : brandClock(task.dueAt)}</Text>
        </View>
      </View>
      {m.tags.length > 0 && (
        <View className='sop-task__tags'>
          {m.tags.map((tag) => (
            <Text key={tag} className='sop-task__tag'>
              {tag}
            </Text>
          ))}
        </View>
      )}
      <View className='sop-task__step'>
        <Text className='sop-task__step-name'>{task.step.name}</Text>
        <Text className='sop-task__trigger'>{task.step.triggerText}</Text>
      </View>
      <View className='sop-task__script'>{task.script}</View>
      {task.product && (
        <Text className='sop-task__product'>
          商品卡：{task.product.name} {formatYuan(task.product.priceFen)}
        </Text>
      )}
      {closed && <View className='sop-task__status'>{closed}</View>}
      <View className='sop-task__actions'>
        <Button className='sop-task__button sop-task__copy' size='mini' onClick={onCopy}>
          复制话术
        </Button>
        {task.product && open && (
          <Button
            className='sop-task__button sop-task__card'
            size='mini'
            data-product-id={task.product.id}
            data-product-name={task.product.name}
            disabled={flag(waiting)}
            {...(shareButton ? { openType: 'share' as const } : { onClick: onSendCard })}
          >
            {busy === 'card' ? '生成中…' : '发送商品卡'}
          </Button>
        )}
        {task.coupon &&
          (task.coupon.given ? (
            <Text className='sop-task__given'>已发券</Text>
          ) : (
            open && (
              <Button className='sop-task__button sop-task__coupon' size='mini' disabled={flag(waiting)} onClick={onGiveCoupon}>
                {busy === 'coupon' ? '发券中…' : `发券 · ${task.coupon.name}`}
              </Button>
            )
          ))}
      </View>
      {open && !picking && (
        <View className='sop-task__close'>
          <Button className='sop-task__button sop-task__skip' size='mini' disabled={flag(waiting)} onClick={() => setPicking(true)}>
            跳过
          </Button>
          <Button className='sop-task__button sop-task__done' size='mini' disabled={flag(waiting)} onClick={onComplete}>
            {busy === 'complete' ? '提交中…' : '完成'}
          </Button>
        </View>
      )}
      {open && picking && (
        <View className='sop-task__reasons'>
          <Text className='sop-task__reasons-title'>跳过原因</Text>
          {SKIP_REASONS.map((reason) => (
            <Button
              key={reason}
              className='sop-task__button sop-task__reason'
              size='mini'
              disabled={flag(waiting)}
              onClick={() => {
                setPicking(false);
                onSkip(reason);
              }}
            >
              {reason}
            </Button>
          ))}
          <Text className='sop-task__reasons-cancel' onClick={() => setPicking(false)}>
            取消
          </Text>
        </View>
      )}
    </View>
  );
}
