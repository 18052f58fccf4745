/**
 * The local payment provider. It plays WeChat Pay's part: `start` hands the app a signed token,
 * the app shows a confirm step, and `confirm` (the member's 确认支付) produces a notice signed
 * like a provider's, which the server verifies through the same path as a real notice.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PaymentNotice, PaymentProvider } from './payment-provider';

const SIGNATURE_HEADER = 'x-sandbox-signature';

interface TokenBody {
  orderId: string;
  totalFen: number;
  expiresAt: string;
}

export interface SandboxPayments extends PaymentProvider {
  /**
   * The member confirmed: the notice the sandbox posts for this token, or null when the token
   * is forged or the payment window is over (like a closed WeChat Pay order).
   */
  confirm(token: string, now: Date): { headers: Record<string, string>; body: string } | null;
}

export function sandboxPayments(secret: string): SandboxPayments {
  const sign = (text: string) => createHmac('sha256', secret).update(text).digest('base64url');
  const verified = (text: string, signature: string | undefined) => {
    if (!signature) return false;
    const expected = Buffer.from(sign(text));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };

  return {
    name: 'sandbox',

    async start(order) {
      const body: TokenBody = { orderId: order.orderId, totalFen: order.totalFen, expiresAt: order.expiresAt.toISOString() };
      const encoded = Buffer.from(JSON.stringify(body)).toString('base64url');
      return { sandbox: { token: `${encoded}.${sign(encoded)}` }, wechat: null };
    },

    confirm(token, now) {
      const [encoded, signature] = token.split('.');
      if (!encoded || !verified(encoded, signature)) return null;
      const order = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as TokenBody;
      if (now >= new Date(order.expiresAt)) return null;
      // One payment per order, as WeChat Pay's out_trade_no: a repeated 确认支付 (a retry after a
      // timeout) is the same transaction, which the server answers with the paid order.
      const notice = {
        orderId: order.orderId,
        transactionId: `SANDBOX${order.orderId}X${sign(`txn:${order.orderId}`).slice(0, 12)}`,
        amountFen: order.totalFen,
        paidAt: now.toISOString(),
      };
      const body = JSON.stringify(notice);
      return { headers: { [SIGNATURE_HEADER]: sign(body), 'content-type': 'application/json' }, body };
    },

    async verifyNotice(headers, rawBody): Promise<PaymentNotice | null> {
      const signature = headers[SIGNATURE_HEADER];
      if (typeof signature !== 'string' || !verified(rawBody, signature)) return null;
      const n = JSON.parse(rawBody) as { orderId: string; transactionId: string; amountFen: number; paidAt: string };
      return { orderId: n.orderId, transactionId: n.transactionId, amountFen: n.amountFen, paidAt: new Date(n.paidAt) };
    },

    // A sandbox payment cannot be confirmed after its order's payment window (checked in confirm).
    async close() {},

    // Sandbox money never moved: the refund is accepted at once.
    async refund() {},
  };
}
