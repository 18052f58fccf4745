/**
 * 明天提醒我. weapp: WeChat's one-time subscription (asked on the member's tap — call this
 * straight from the tap handler, before any other await), and the answer goes to the server.
 * H5 has no subscription messages: the tap is the acceptance.
 */
import Taro from '@tarojs/taro';
import { call } from './api';
import { IS_WEAPP, REMINDER_TEMPLATE_ID } from './config';
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

export async function subscribeReminder(env: ReminderEnv = defaultEnv): Promise<ReminderAnswer> {
  let accepted = true;
  if (env.isWeapp) {
    if (!env.templateId) throw new ApiError('FORBIDDEN', '签到提醒暂未开通');
    try {
      const res = await env.requestSubscribeMessage([env.templateId]);
      accepted = res[env.templateId] === 'accept';
    } catch {
      // Closed, switched off in settings, or not supported: a refusal.
      accepted = false;
    }
  }
  const { pendingReminders } = await call('checkin', 'subscribeReminder', { accepted });
  return { accepted, pendingReminders };
}
