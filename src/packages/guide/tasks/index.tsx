import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { GuideTasks, SopTaskView } from '@cloud/contract';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import SopTaskCard, { type SopTaskCardProps } from '@/components/SopTaskCard';
import { useCall } from '@/hooks/use-call';
import { call, showError } from '@/services/api';
import { IS_WEAPP, TASKS_TEMPLATE_ID } from '@/services/config';
import { HOME_URL } from '@/services/navigation';
import { subscribeTaskReminder } from '@/services/reminder';
import { h5ShareLink, PRODUCT_PAGE, shareMessage } from '@/services/share-entry';
import { formatMonthDay } from '@/utils/format';
import './index.css';

/** Today and the days before it that the switcher offers. */
const DAYS_BACK = 6;
/** weapp needs the template to ask; H5 has no subscription messages (the tap is the acceptance). */
const REMINDER_AVAILABLE = !IS_WEAPP || !!TASKS_TEMPLATE_ID;

function dayLabel(day: string, today: string): string {
  const back = dayjs(today).diff(dayjs(day), 'day');
  return back === 0 ? '今天' : back === 1 ? '昨天' : formatMonthDay(day);
}

type Busy = { taskId: string; action: NonNullable<SopTaskCardProps['busy']> } | null;

/**
 * 今日任务: my 1v1 follow-ups of the day — the open ones by due time (高价值 and 流失预警 first),
 * overdue ones from earlier days, then the day's done and skipped ones; earlier days to look back.
 */
export function GuideTasksScreen() {
  const [day, setDay] = useState<string | null>(null);
  const [today, setToday] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const { data, error, reload, setData } = useCall(
    () =>
      call('guide', 'tasks', day ? { day } : {}).then((answer) => {
        // The first answer (no day asked) says which day is today in brand time.
        if (!day) setToday(answer.day);
        return answer;
      }),
    [day],
  );

  // Back from sharing or from a member's page: tasks may have changed on another device.
  useDidShow(() => {
    if (data) void reload();
  });

  const act = async (task: SopTaskView, action: NonNullable<Busy>['action'], work: () => Promise<SopTaskView>) => {
    if (busy) return;
    setBusy({ taskId: task.id, action });
    try {
      const updated = await work();
      setData((d: GuideTasks | null) => d && { ...d, items: d.items.map((i) => (i.id === updated.id ? updated : i)) });
      // Counts and order follow from the server: done ones move below the open ones.
      if (action === 'complete' || action === 'skip') await reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const copy = (task: SopTaskView) => {
    void Taro.setClipboardData({ data: task.script }).catch(() => void Taro.showToast({ title: '复制失败，请长按话术复制', icon: 'none' }));
  };

  // H5: the share link is copied to send; weapp shares through the button (the page's onShareAppMessage).
  const sendCard = (task: SopTaskView) =>
    void act(task, 'card', async () => {
      const share = await call('share', 'create', { productId: task.product!.id });
      await Taro.setClipboardData({ data: h5ShareLink(share.path) });
      void Taro.showToast({ title: '商品卡链接已复制，发给会员吧', icon: 'none' });
      return task;
    });

  const subscribe = async () => {
    try {
      const accepted = await subscribeTaskReminder();
      void Taro.showToast({ title: accepted ? '明早 9 点提醒你今日任务' : '未开启提醒', icon: 'none' });
    } catch (err) {
      showError(err);
    }
  };

  const days = today ? Array.from({ length: DAYS_BACK + 1 }, (_, i) => dayjs(today).subtract(i, 'day').format('YYYY-MM-DD')) : [];
  const shown = data?.day ?? day;
  const openShown = data ? data.items.filter((i) => i.status === 'open').length : 0;

  return (
    <View className='app-page guide-tasks'>
      {days.length > 0 && (
        <View className='guide-tasks__days' role='tablist'>
          {days.map((d) => (
            <View
              key={d}
              className={`guide-tasks__day ${d === shown ? 'guide-tasks__day--active' : ''}`}
              role='tab'
              aria-selected={d === shown}
              data-day={d}
              onClick={() => d !== shown && setDay(d)}
            >
              {dayLabel(d, today!)}
            </View>
          ))}
        </View>
      )}
      {data === null ? (
        error ? (
          <View className='guide-tasks__msg' onClick={() => void reload()}>
            {error}，点击重试
          </View>
        ) : (
          <View className='guide-tasks__loading' aria-busy>
            {[0, 1, 2].map((i) => (
              <View key={i} className='guide-tasks__skeleton'>
                <Skeleton className='guide-tasks__skeleton-line' />
                <Skeleton className='guide-tasks__skeleton-block' />
              </View>
            ))}
          </View>
        )
      ) : (
        <View className='guide-tasks__body' data-day={data.day}>
          <View className='guide-tasks__counts'>
            <Text className='guide-tasks__count guide-tasks__count--open'>待办 {data.counts.open}</Text>
            <Text className='guide-tasks__count guide-tasks__count--overdue'>逾期 {data.counts.overdue}</Text>
            <Text className='guide-tasks__count guide-tasks__count--done'>已完成 {data.counts.done}</Text>
            <Text className='guide-tasks__count guide-tasks__count--skipped'>已跳过 {data.counts.skipped}</Text>
          </View>
          {REMINDER_AVAILABLE && data.day === today && (
            <Button className='guide-tasks__remind' size='mini' onClick={() => void subscribe()}>
              明早提醒我今日任务
            </Button>
          )}
          {data.items.length === 0 && (
            <EmptyState
              text={
                data.day === today
                  ? '今天没有待跟进的任务。把商品卡分享到群里，新会员通过你的卡片加入后，欢迎任务会出现在这里'
                  : '这一天没有任务'
              }
              action={data.day === today ? { text: '去分享商品', url: HOME_URL } : undefined}
            />
          )}
          {data.items.map((task) => (
            <SopTaskCard
              key={task.id}
              task={task}
              busy={busy?.taskId === task.id ? busy.action : null}
              shareButton={IS_WEAPP}
              onCopy={() => copy(task)}
              onSendCard={() => sendCard(task)}
              onGiveCoupon={() => void act(task, 'coupon', () => call('guide', 'giveTaskCoupon', { taskId: task.id }))}
              onComplete={() => void act(task, 'complete', () => call('guide', 'completeTask', { taskId: task.id }))}
              onSkip={(reason) => void act(task, 'skip', () => call('guide', 'skipTask', { taskId: task.id, reason }))}
            />
          ))}
          {data.counts.open > openShown && (
            <View className='guide-tasks__more'>还有 {data.counts.open - openShown} 条待办，完成上面的任务后继续显示</View>
          )}
        </View>
      )}
    </View>
  );
}

export default function GuideTasksPage() {
  // 发送商品卡 (weapp): my own share of the task's product (attributed as any share), made
  // within WeChat's 3 s wait for the promise; the plain product page if it does not come in time.
  useShareAppMessage((res) => {
    const { productId, productName } = (res.target as { dataset?: { productId?: string; productName?: string } } | undefined)?.dataset ?? {};
    if (!productId) return {};
    return {
      title: productName,
      path: `/${PRODUCT_PAGE}?id=${productId}`,
      promise: call('share', 'create', { productId }).then(shareMessage),
    };
  });

  return (
    <SessionGate>
      <GuideTasksScreen />
    </SessionGate>
  );
}
