import { stableAccessTokens, type WeChatApp } from '../wechat/access-token';
import { subscriptionTemplate, type MessageSender, type ReminderTemplates } from './message-sender';

/**
 * WeChat subscribeMessage.send over HTTPS, with a stable access token.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
export function wechatSubscribeSender(options: WeChatApp & ReminderTemplates): MessageSender {
  const tokens = stableAccessTokens(options);
  return {
    async send(message) {
      const template = subscriptionTemplate(message, options);
      const url = new URL('/cgi-bin/message/subscribe/send', options.apiBase);
      url.searchParams.set('access_token', await tokens.get());
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: message.openid,
          template_id: template.id,
          page: message.payload.page,
          data: template.data,
        }),
        signal: AbortSignal.timeout(5000),
      });
      const body = (await response.json()) as { errcode?: number; errmsg?: string };
      // An invalid or expired token (40001, 42001) is fetched anew for the next message.
      if (body.errcode === 40001 || body.errcode === 42001) tokens.invalidate();
      if (body.errcode) throw new Error(`subscribeMessage ${body.errcode}: ${body.errmsg}`);
    },
  };
}
