/**
 * Delivery of outbox messages: the port, and the local adapter that stands in for WeChat's
 * subscribeMessage (wechat-subscribe-sender.ts) in development and tests.
 */
export interface OutboxMessage {
  id: string;
  openid: string;
  kind: string;
  /** count: the open tasks of a 「今日任务」 reminder. */
  payload: { day: string; page: string; count?: number };
}

/** A guide's 「今日任务」 reminder (services/sop/task-reminders.ts), and the page it opens. */
export const SOP_TASKS_REMINDER_KIND = 'sop_tasks';
export const SOP_TASKS_REMINDER_PAGE = 'packages/guide/tasks/index';

/** The subscription-message templates: the check-in reminder's, and the guide's 「今日任务」 (optional). */
export interface ReminderTemplates {
  templateId: string;
  tasksTemplateId?: string;
}

/** The template a message goes out with, and its fields. */
export function subscriptionTemplate(message: OutboxMessage, templates: ReminderTemplates) {
  if (message.kind !== SOP_TASKS_REMINDER_KIND) {
    return { id: templates.templateId, data: { thing1: { value: '今天还没签到哦' }, thing2: { value: '连续签到有惊喜，别断签' } } };
  }
  // Without its template the message fails, and the outbox row keeps why (last_error) for the operator.
  if (!templates.tasksTemplateId) throw new Error('WECHAT_TASKS_TEMPLATE_ID is not set');
  return { id: templates.tasksTemplateId, data: { thing1: { value: reminderText(message) }, thing2: { value: '打开今日任务，逐一跟进会员' } } };
}

/** What the message says, as the member or guide reads it. */
export function reminderText(message: OutboxMessage): string {
  return message.kind === SOP_TASKS_REMINDER_KIND ? `今日 ${message.payload.count ?? 0} 条任务` : '今天还没签到哦，连续签到有惊喜';
}

export interface MessageSender {
  /** Resolves when delivered; rejects with WeChat's reason otherwise. */
  send(message: OutboxMessage): Promise<void>;
}

/** Development: logs the reminder as the member would get it. */
export function localSender(log: (line: string) => void = console.log): MessageSender {
  return {
    async send(message) {
      log(`[reminder] to ${message.openid}: ${reminderText(message)}（${message.payload.day}）→ ${message.payload.page}`);
    },
  };
}
