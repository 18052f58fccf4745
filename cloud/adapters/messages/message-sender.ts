/**
 * Delivery of outbox messages: the port, and the local adapter that stands in for WeChat's
 * subscribeMessage (wechat-subscribe-sender.ts) in development and tests.
 */
export interface OutboxMessage {
  id: string;
  openid: string;
  kind: string;
  payload: { day: string; page: string };
}

export interface MessageSender {
  /** Resolves when delivered; rejects with WeChat's reason otherwise. */
  send(message: OutboxMessage): Promise<void>;
}

/** Development: logs the reminder as the member would get it. */
export function localSender(log: (line: string) => void = console.log): MessageSender {
  return {
    async send(message) {
      log(`[reminder] to ${message.openid}: 今天还没签到哦，连续签到有惊喜（${message.payload.day}）→ ${message.payload.page}`);
    },
  };
}
