/**
 * A tiny stand-in for WeChat's code2Session (`GET /sns/jscode2session?appid&secret&js_code&
 * grant_type`). The simulated `wx.login` mints codes with `mintCode(openid)` (in whatever
 * process it runs); the server accepts each code once and answers its openid.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export function mintCode(openid: string): string {
  const nonce = Math.random().toString(36).slice(2, 10);
  return `sim.${Buffer.from(openid).toString('base64url')}.${nonce}`;
}

function openidOf(code: string): string | null {
  const m = /^sim\.([A-Za-z0-9_-]+)\.[a-z0-9]+$/.exec(code);
  return m ? Buffer.from(m[1]!, 'base64url').toString() : null;
}

export interface FakeWeChatLogin {
  url: string;
  /** Codes exchanged so far. */
  exchanged: string[];
  close(): Promise<void>;
}

export async function startFakeWeChatLogin(): Promise<FakeWeChatLogin> {
  const used = new Set<string>();
  const exchanged: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://wechat.local');
    res.setHeader('content-type', 'application/json');
    const p = url.searchParams;
    if (
      url.pathname !== '/sns/jscode2session' ||
      !p.get('appid') ||
      !p.get('secret') ||
      p.get('grant_type') !== 'authorization_code'
    ) {
      res.end(JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }));
      return;
    }
    const code = p.get('js_code') ?? '';
    const openid = used.has(code) ? null : openidOf(code);
    if (!openid) {
      res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
      return;
    }
    used.add(code);
    exchanged.push(code);
    res.end(JSON.stringify({ openid, session_key: 'c2ltdWxhdGVkLXNlc3Npb24ta2V5' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanged,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
