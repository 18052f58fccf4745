/**
 * 明天提醒我 (members) and 「今日任务」 (guides). weapp: WeChat's one-time subscription (asked on
 * the tap — call these straight from the tap handler, before any other await), and the answer
 * goes to the server. H5 has no subscription messages: the tap is the acceptance.
 */
import Taro from '@tarojs/taro';
import { call } from './api';
import { IS_WEAPP, REMINDER_TEMPLATE_ID, TASKS_TEMPLATE_ID } from './config';
import { ApiError } from './errors';

export interface ReminderEnv {
  isWeapp: boolean;
  templateId: string;
  requestSubscribeMessage(tmplIds: string[]): Promise<Record<string, unknown>>;
}

const defaultEnv: ReminderEnv = {
  isWeapp: IS_WEAPP,
  templateId: REMINDER_TEMPLATE_ID,
  requestSubscribeMessage: (tmplIds) =>
    Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option) as unknown as Promise<
      Record<string, unknown>
    >,
};

export interface ReminderAnswer {
  accepted: boolean;
  pendingReminders: number;
}

/** Asks WeChat for the one-time subscription of `env.templateId` (weapp); true when accepted. */
async function askSubscription(env: ReminderEnv, notConfigured: string): Promise<boolean> {
  if (!env.isWeapp) return true;
  if (!env.templateId) throw new ApiError('FORBIDDEN', notConfigured);
  try {
    const res = await env.requestSubscribeMessage([env.templateId]);
    return res[env.templateId] === 'accept';
  } catch {
    // Closed, switched off in settings, or not supported: a refusal.
    return false;
  }
}

export async function subscribeReminder(env: ReminderEnv = defaultEnv): Promise<ReminderAnswer> {
  const accepted = await askSubscription(env, '签到提醒暂未开通');
  const { pendingReminders } = await call('checkin', 'subscribeReminder', { accepted });
  return { accepted, pendingReminders };
}

/** A guide's 「今日任务」: one acceptance is one morning message (今日 N 条任务); only an acceptance is recorded. */
export async function subscribeTaskReminder(env: ReminderEnv = { ...defaultEnv, templateId: TASKS_TEMPLATE_ID }): Promise<boolean> {
  const accepted = await askSubscription(env, '任务提醒暂未开通');
  if (accepted) await call('guide', 'subscribeTasks', {});
  return accepted;
}
