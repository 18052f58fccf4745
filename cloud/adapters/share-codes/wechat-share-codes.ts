/**
 * Poster codes from wxacode.getUnlimited: a mini-program code whose scene is the share id. WeChat
 * answers with the image, or with JSON when it refuses.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html
 */
import { stableAccessTokens, type WeChatApp } from '../wechat/access-token';
import type { ShareCodeMaker } from './share-code';

/** access_token invalid / expired: get a fresh one and try once more. */
const TOKEN_ERRORS = new Set([40001, 42001]);
const CODE_WIDTH = 430;

export function wechatShareCodes(app: WeChatApp): ShareCodeMaker {
  const tokens = stableAccessTokens(app);
  async function request(shareId: string, page: string): Promise<Response> {
    const url = new URL('/wxa/getwxacodeunlimit', app.apiBase);
    url.searchParams.set('access_token', await tokens.get());
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scene: shareId, page, width: CODE_WIDTH, env_version: 'release' }),
      signal: AbortSignal.timeout(5000),
    });
  }
  return {
    async make(shareId, page) {
      for (let attempt = 1; ; attempt++) {
        const response = await request(shareId, page);
        const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
        const bytes = Buffer.from(await response.arrayBuffer());
        if (response.ok && type.startsWith('image/')) {
          return { imageDataUrl: `data:${type};base64,${bytes.toString('base64')}`, kind: 'wxacode' };
        }
        const refusal = refusalOf(bytes);
        if (attempt === 1 && refusal.errcode !== undefined && TOKEN_ERRORS.has(refusal.errcode)) {
          tokens.invalidate();
          continue;
        }
        throw new Error(`wxacode.getUnlimited HTTP ${response.status} ${refusal.errcode}: ${refusal.errmsg}`);
      }
    },
  };
}

function refusalOf(bytes: Buffer): { errcode?: number; errmsg?: string } {
  try {
    return JSON.parse(bytes.toString('utf8')) as { errcode?: number; errmsg?: string };
  } catch {
    return { errmsg: bytes.toString('utf8').slice(0, 200) };
  }
}
