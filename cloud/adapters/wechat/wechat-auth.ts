/**
 * WeChat sign-in (code2Session): the port, and its adapter for WeChat's HTTPS API.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 */
export interface WeChatSession {
  openid: string;
  unionid?: string;
  /** The key of the data WeChat encrypts for this member (group data); server-side only. */
  sessionKey: string;
}

export interface WeChatAuth {
  /** The session for a wx.login code, or null when WeChat refuses the code. */
  code2Session(code: string): Promise<WeChatSession | null>;
}

export function wechatHttpAuth(options: { appid: string; secret: string; apiBase: string }): WeChatAuth {
  return {
    async code2Session(code) {
      const url = new URL('/sns/jscode2session', options.apiBase);
      url.search = new URLSearchParams({
        appid: options.appid,
        secret: options.secret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`code2Session HTTP ${response.status}`);
      const body = (await response.json()) as {
        openid?: string;
        unionid?: string;
        session_key?: string;
        errcode?: number;
        errmsg?: string;
      };
      if (body.errcode || !body.openid || !body.session_key) {
        console.warn(`[auth] code2Session refused: ${body.errcode} ${body.errmsg}`);
        return null;
      }
      return { openid: body.openid, unionid: body.unionid, sessionKey: body.session_key };
    },
  };
}
