/**
 * WeChat's server-side access token, from the stable-token API: every instance that asks gets
 * the same token until it expires, so several instances (and several features) never revoke
 * each other's tokens.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
 */
export interface WeChatApp {
  appid: string;
  secret: string;
  /** https://api.weixin.qq.com, or a local stand-in in tests. */
  apiBase: string;
}

export interface AccessTokens {
  get(): Promise<string>;
  /** Forgets the cached token after WeChat called it invalid or expired. */
  invalidate(): void;
}

/** Tokens are renewed 5 minutes before WeChat says they expire. */
const RENEW_EARLY_MS = 300_000;

export function stableAccessTokens(app: WeChatApp): AccessTokens {
  let token: { value: string; until: number } | null = null;
  return {
    async get() {
      if (token && Date.now() < token.until) return token.value;
      const response = await fetch(new URL('/cgi-bin/stable_token', app.apiBase), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: app.appid, secret: app.secret }),
        signal: AbortSignal.timeout(5000),
      });
      const body = (await response.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
      if (!body.access_token) throw new Error(`stable_token ${body.errcode}: ${body.errmsg}`);
      token = { value: body.access_token, until: Date.now() + (body.expires_in ?? 7200) * 1000 - RENEW_EARLY_MS };
      return token.value;
    },
    invalidate() {
      token = null;
    },
  };
}
