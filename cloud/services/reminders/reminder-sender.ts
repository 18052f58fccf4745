/**
 * Delivery of outbox messages. The port, WeChat's subscribeMessage adapter for production, and
 * the local adapter that stands in for it in development and tests.
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

/**
 * WeChat subscribeMessage.send over HTTPS, with a stable access token.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
export function wechatSubscribeSender(options: {
  appid: string;
  secret: string;
  templateId: string;
  apiBase: string;
}): MessageSender {
  let token: { value: string; until: number } | null = null;
  async function accessToken(): Promise<string> {
    if (token && Date.now() < token.until) return token.value;
    const response = await fetch(new URL('/cgi-bin/stable_token', options.apiBase), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: options.appid, secret: options.secret }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
    if (!body.access_token) throw new Error(`stable_token ${body.errcode}: ${body.errmsg}`);
    token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return token.value;
  }
  return {
    async send(message) {
      const url = new URL('/cgi-bin/message/subscribe/send', options.apiBase);
      url.searchParams.set('access_token', await accessToken());
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: message.openid,
          template_id: options.templateId,
          page: message.payload.page,
          data: { thing1: { value: '今天还没签到哦' }, thing2: { value: '连续签到有惊喜，别断签' } },
        }),
        signal: AbortSignal.timeout(5000),
      });
      const body = (await response.json()) as { errcode?: number; errmsg?: string };
      if (body.errcode) throw new Error(`subscribeMessage ${body.errcode}: ${body.errmsg}`);
    },
  };
}
