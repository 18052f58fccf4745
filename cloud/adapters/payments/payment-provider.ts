/**
 * Payments: the port every provider implements. The sandbox (payments/sandbox-payments.ts)
 * behaves like WeChat Pay: a payment is started, the member confirms it, and the provider posts
 * a signed notice to the server — possibly more than once; the server verifies and books it once.
 */
import type { PaymentStart } from '../../contract';

export interface PaymentOrder {
  orderId: string;
  totalFen: number;
  description: string;
  openid: string;
  expiresAt: Date;
}

/** A verified notice that an order was paid. */
export interface PaymentNotice {
  orderId: string;
  transactionId: string;
  amountFen: number;
  paidAt: Date;
}

export interface PaymentProvider {
  readonly name: PaymentStart['provider'];
  /** What the app needs for the payment step. */
  start(order: PaymentOrder): Promise<Pick<PaymentStart, 'sandbox' | 'wechat'>>;
  /** Reads a notice posted by the provider; null when its signature or content does not hold. */
  verifyNotice(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<PaymentNotice | null>;
  /** Closes an unpaid payment so that it can no longer be paid (before an order is cancelled). */
  close(orderId: string): Promise<void>;
  /** Refunds a paid order in full; resolves when the provider accepted the refund. */
  refund(refund: { orderId: string; transactionId: string; totalFen: number; reason: string }): Promise<void>;
}
