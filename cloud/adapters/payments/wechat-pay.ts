/**
 * WeChat Pay (API v3, JSAPI) as a payment provider. Requests are signed with the merchant's
 * private key (WECHATPAY2-SHA256-RSA2048); notices are verified with WeChat Pay's public key and
 * their resource decrypted with the APIv3 key (AEAD_AES_256_GCM).
 * https://pay.weixin.qq.com/doc/v3/merchant/4012791856
 */
import crypto from 'node:crypto';
import type { PaymentNotice, PaymentProvider } from './payment-provider';

export interface WeChatPayConfig {
  appid: string;
  mchid: string;
  /** Serial number of the merchant API certificate. */
  serialNo: string;
  /** The merchant API private key, PEM. */
  privateKey: string;
  /** The APIv3 key, 32 characters. */
  apiV3Key: string;
  /** WeChat Pay's public key (or platform certificate key), PEM: verifies notices. */
  platformPublicKey: string;
  notifyUrl: string;
  apiBase?: string;
}

/** out_trade_no must be 6–32 characters: a brand prefix and the order id. */
const TRADE_PREFIX = 'SY';
export const outTradeNo = (orderId: string) => `${TRADE_PREFIX}${orderId.padStart(10, '0')}`;
const orderIdOf = (tradeNo: string) => (tradeNo.startsWith(TRADE_PREFIX) ? String(Number(tradeNo.slice(TRADE_PREFIX.length))) : null);

/** Notices older than this are refused (replays). */
const NOTICE_MAX_AGE_S = 300;

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

export function wechatPay(config: WeChatPayConfig, clock: () => Date = () => new Date()): PaymentProvider {
  const apiBase = config.apiBase ?? 'https://api.mch.weixin.qq.com';
  const sign = (message: string) => crypto.createSign('RSA-SHA256').update(message).sign(config.privateKey, 'base64');
  const nonce = () => crypto.randomBytes(16).toString('hex');
  const seconds = () => String(Math.floor(clock().getTime() / 1000));

  async function request(method: 'POST', path: string, body: unknown): Promise<unknown> {
    const text = JSON.stringify(body);
    const timestamp = seconds();
    const nonceStr = nonce();
    const signature = sign(`${method}\n${path}\n${timestamp}\n${nonceStr}\n${text}\n`);
    const response = await fetch(new URL(path, apiBase), {
      method,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${config.mchid}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${config.serialNo}"`,
      },
      body: text,
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 204) return null;
    const answer = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
    if (!response.ok) throw new Error(`WeChat Pay ${path}: HTTP ${response.status} ${answer?.code ?? ''} ${answer?.message ?? ''}`);
    return answer;
  }

  return {
    name: 'wechat',

    async start(order) {
      const answer = (await request('POST', '/v3/pay/transactions/jsapi', {
        appid: config.appid,
        mchid: config.mchid,
        description: order.description,
        out_trade_no: outTradeNo(order.orderId),
        time_expire: order.expiresAt.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
        notify_url: config.notifyUrl,
        amount: { total: order.totalFen, currency: 'CNY' },
        payer: { openid: order.openid },
      })) as { prepay_id: string };
      const timeStamp = seconds();
      const nonceStr = nonce();
      const pkg = `prepay_id=${answer.prepay_id}`;
      return {
        sandbox: null,
        wechat: { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: sign(`${config.appid}\n${timeStamp}\n${nonceStr}\n${pkg}\n`) },
      };
    },

    async verifyNotice(headers, rawBody): Promise<PaymentNotice | null> {
      const timestamp = header(headers, 'Wechatpay-Timestamp');
      const nonceStr = header(headers, 'Wechatpay-Nonce');
      const signature = header(headers, 'Wechatpay-Signature');
      if (!timestamp || !nonceStr || !signature) return null;
      if (Math.abs(clock().getTime() / 1000 - Number(timestamp)) > NOTICE_MAX_AGE_S) return null;
      const verified = crypto
        .createVerify('RSA-SHA256')
        .update(`${timestamp}\n${nonceStr}\n${rawBody}\n`)
        .verify(config.platformPublicKey, signature, 'base64');
      if (!verified) return null;
      const body = JSON.parse(rawBody) as {
        event_type?: string;
        resource?: { ciphertext: string; nonce: string; associated_data?: string };
      };
      if (body.event_type !== 'TRANSACTION.SUCCESS' || !body.resource) return null;
      const data = Buffer.from(body.resource.ciphertext, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(config.apiV3Key, 'utf8'), Buffer.from(body.resource.nonce, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - 16));
      decipher.setAAD(Buffer.from(body.resource.associated_data ?? '', 'utf8'));
      const plain = JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')) as {
        out_trade_no: string;
        transaction_id: string;
        trade_state: string;
        success_time: string;
        amount: { total: number };
        mchid: string;
        appid: string;
      };
      const orderId = orderIdOf(plain.out_trade_no);
      if (!orderId || plain.trade_state !== 'SUCCESS' || plain.mchid !== config.mchid || plain.appid !== config.appid) return null;
      return { orderId, transactionId: plain.transaction_id, amountFen: plain.amount.total, paidAt: new Date(plain.success_time) };
    },

    async close(orderId) {
      await request('POST', `/v3/pay/transactions/out-trade-no/${outTradeNo(orderId)}/close`, { mchid: config.mchid });
    },

    async refund(refund) {
      // out_refund_no = the trade number: a retried refund of the same order is one refund at WeChat Pay.
      await request('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: outTradeNo(refund.orderId),
        out_refund_no: outTradeNo(refund.orderId),
        reason: refund.reason.slice(0, 80),
        amount: { refund: refund.totalFen, total: refund.totalFen, currency: 'CNY' },
      });
    },
  };
}
