/**
 * Paying an order after `order.pay`: the sandbox's confirm step (local development) or WeChat
 * Pay, then asking `order.detail` until the server has booked the payment. The server alone
 * says an order is paid; the app only waits for it.
 */
import Taro from '@tarojs/taro';
import type { OrderView, PaymentStart } from '@cloud/contract';
import { call, withSession } from './api';
import { API_BASE } from './config';
import { ApiError } from './errors';
import { postJson } from './transports/http';

/** The member's 确认支付 in the sandbox: the server books the payment and answers the order. */
export async function confirmSandboxPayment(token: string): Promise<OrderView> {
  const url = `${API_BASE}/api/pay/sandbox/confirm`;
  const reply = await withSession((session) => postJson(url, { token }, session));
  if (!reply.body.ok) throw new ApiError(reply.body.error.code, reply.body.error.message, reply.status);
  return reply.body.data as OrderView;
}

/** WeChat Pay's own sheet; false when the member closed it without paying. */
export async function requestWechatPayment(args: NonNullable<PaymentStart['wechat']>): Promise<boolean> {
  try {
    await Taro.requestPayment({ ...args });
    return true;
  } catch (err) {
    const msg = (err as { errMsg?: string } | null)?.errMsg ?? '';
    if (msg.includes('cancel')) return false;
    throw new ApiError('NETWORK', '支付未完成，请重试');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The order as the server has it once paid, asking a few times (the provider's notice may
 * arrive a moment after the member paid); the last answer when it is still not paid.
 */
export async function waitUntilPaid(orderId: string, tries = 5, intervalMs = 1200): Promise<OrderView> {
  let order = await call('order', 'detail', { orderId });
  for (let i = 1; i < tries && order.status === 'pending'; i++) {
    await sleep(intervalMs);
    order = await call('order', 'detail', { orderId });
  }
  return order;
}
