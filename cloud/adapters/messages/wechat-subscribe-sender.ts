import { stableAccessTokens, type WeChatApp } from '../wechat/access-token';
import type { MessageSender } from './message-sender';

/**
 * WeChat subscribeMessage.send over HTTPS, with a stable access token.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
export function wechatSubscribeSender(options: WeChatApp & { templateId: string }): MessageSender {
  const tokens = stableAccessTokens(options);
  return {
    async send(message) {
      const url = new URL('/cgi-bin/message/subscribe/send', options.apiBase);
      url.searchParams.set('access_token', await tokens.get());
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
      // An invalid or expired token (40001, 42001) is fetched anew for the next message.
      if (body.errcode === 40001 || body.errcode === 42001) tokens.invalidate();
      if (body.errcode) throw new Error(`subscribeMessage ${body.errcode}: ${body.errmsg}`);
    },
  };
}
