/**
 * The parts outside our reach (WeChat Pay, WeChat's group data and codes), as ports with a local
 * implementation each, composed for a host. The host (Node server, cloud function, test) picks
 * the adapters; the sign-in (wechat/wechat-auth.ts) and reminder senders (messages/) are given to
 * the hosts separately.
 */
import type { PaymentProvider } from './payments/payment-provider';
import { sandboxPayments } from './payments/sandbox-payments';
import { wechatPay } from './payments/wechat-pay';
import fs from 'node:fs';
import { localGroupDecoder, noGroupDecoder, type GroupDecoder } from './groups/group-decoder';
import { localShareCodes, type ShareCodeMaker } from './share-codes/share-code';
import { wechatGroupDecoder } from './groups/wechat-group-decoder';
import { wechatShareCodes } from './share-codes/wechat-share-codes';

export interface Adapters {
  /** null: payments are not configured (production without WeChat Pay): orders cannot be paid. */
  payments: PaymentProvider | null;
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

/** A PEM given inline or as a path to a file. */
const pem = (value: string) => (value.includes('-----BEGIN') ? value : fs.readFileSync(value, 'utf8'));

/** How the host runs: development hosts get the local stand-ins; production never does. */
export interface HostMode {
  devMode: boolean;
  /**
   * Signs the sandbox's payment notices (development only): a random secret the host keeps
   * (the Node server: in its data folder), never a constant anyone could forge notices with.
   */
  sandboxSecret: string | null;
}

/**
 * Payments from the environment: WeChat Pay when its merchant settings are all there; the
 * sandbox in development; in production without WeChat Pay, none (a sandbox would take orders
 * without money).
 */
function paymentsFromEnv(env: Record<string, string | undefined>, publicUrl: string, mode: HostMode): PaymentProvider | null {
  const { WECHAT_APPID, WECHAT_PAY_MCHID, WECHAT_PAY_SERIAL_NO, WECHAT_PAY_PRIVATE_KEY, WECHAT_PAY_API_V3_KEY, WECHAT_PAY_PUBLIC_KEY } = env;
  if (WECHAT_APPID && WECHAT_PAY_MCHID && WECHAT_PAY_SERIAL_NO && WECHAT_PAY_PRIVATE_KEY && WECHAT_PAY_API_V3_KEY && WECHAT_PAY_PUBLIC_KEY) {
    return wechatPay({
      appid: WECHAT_APPID,
      mchid: WECHAT_PAY_MCHID,
      serialNo: WECHAT_PAY_SERIAL_NO,
      privateKey: pem(WECHAT_PAY_PRIVATE_KEY),
      apiV3Key: WECHAT_PAY_API_V3_KEY,
      platformPublicKey: pem(WECHAT_PAY_PUBLIC_KEY),
      notifyUrl: `${publicUrl.replace(/\/$/, '')}/api/pay/notify/wechat`,
      apiBase: env.WECHAT_PAY_API_BASE,
    });
  }
  return mode.devMode && mode.sandboxSecret ? sandboxPayments(mode.sandboxSecret) : null;
}

/**
 * The adapters a host's environment asks for. Until a brand configures WeChat's services, the
 * local implementations serve development and demos; in production a missing service is off.
 */
export function adaptersFromEnv(env: Record<string, string | undefined>, mode: HostMode): Adapters {
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`;
  const base: Adapters = {
    payments: paymentsFromEnv(env, publicUrl, mode),
    // Production without WeChat: the local group format would let anyone name any group.
    groups: mode.devMode ? localGroupDecoder() : noGroupDecoder(),
    shareCodes: localShareCodes(publicUrl),
  };
  if (!env.WECHAT_APPID || !env.WECHAT_SECRET) return base;
  // The app's credentials reach WeChat: group data is decrypted and poster codes are wxacodes.
  const app = { appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com' };
  return { ...base, groups: wechatGroupDecoder(app), shareCodes: wechatShareCodes(app) };
}
