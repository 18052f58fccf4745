/**
 * The parts outside our reach (WeChat Pay, WeChat's group data and codes), as ports with a local
 * implementation each. The host (Node server, cloud function, test) picks the adapters.
 */
import type { PaymentProvider } from './orders/payment-provider';
import { sandboxPayments } from './orders/sandbox-payments';
import { localGroupDecoder, type GroupDecoder } from './sharing/group-decoder';
import { localShareCodes, type ShareCodeMaker } from './sharing/share-code';
import { wechatGroupDecoder } from './sharing/wechat-group-decoder';
import { wechatShareCodes } from './sharing/wechat-share-codes';

export interface Adapters {
  payments: PaymentProvider;
  groups: GroupDecoder;
  shareCodes: ShareCodeMaker;
}

/** The local implementations: sandbox payments, local group data, QR codes of the H5 link. */
export function localAdapters(options: { publicUrl: string; sandboxSecret: string }): Adapters {
  return {
    payments: sandboxPayments(options.sandboxSecret),
    groups: localGroupDecoder(),
    shareCodes: localShareCodes(options.publicUrl),
  };
}

/**
 * The adapters a host's environment asks for. Until a brand configures WeChat's services, the
 * local implementations serve (development, demos, self-hosting without payments).
 */
export function adaptersFromEnv(env: Record<string, string | undefined>): Adapters {
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`;
  const sandboxSecret = env.SANDBOX_PAY_SECRET ?? env.SESSION_SECRET ?? 'local-sandbox';
  const local = localAdapters({ publicUrl, sandboxSecret });
  if (!env.WECHAT_APPID || !env.WECHAT_SECRET) return local;
  // The app's credentials reach WeChat: group data is decrypted and poster codes are wxacodes.
  const app = { appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com' };
  return { ...local, groups: wechatGroupDecoder(app), shareCodes: wechatShareCodes(app) };
}
