import type { PaymentStart } from '../../contract';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { findMyOrder } from './my-orders';

/** 去支付: hands the app what the payment provider needs; the notice later decides (record-payment.ts). */
export async function startPayment(ctx: UseCaseContext, actor: Actor, params: { orderId: string }): Promise<PaymentStart | Failure> {
  const order = await findMyOrder(ctx.db, actor, params.orderId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  if (order.status !== 'pending') return fail('ORDER_NOT_PENDING');
  if (order.expires_at <= ctx.now) return fail('ORDER_EXPIRED');
  const payments = ctx.adapters.payments;
  if (!payments) return fail('PAYMENT_NOT_CONFIGURED');
  const started = await payments.start({
    orderId: order.id,
    totalFen: order.total_fen,
    description: `${order.product_name} ${order.sku_label}`.slice(0, 120),
    openid: actor.openid,
    expiresAt: order.expires_at,
  });
  return { orderId: order.id, totalFen: order.total_fen, provider: payments.name, ...started };
}
