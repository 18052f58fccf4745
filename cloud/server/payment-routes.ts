/**
 * Payment notices over HTTP. `/api/pay/notify/:provider` is where a provider posts that an order
 * was paid (WeChat Pay's notify_url); the raw body is kept for its signature. With the sandbox
 * provider, `/api/pay/sandbox/confirm` is the member's 确认支付: the sandbox makes the notice
 * and it goes through the very same handler.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Envelope, OrderView } from '../contract';
import type { Adapters } from '../adapters';
import type { Actor, UseCaseContext } from '../services/context';
import { Failure } from '../services/failure';
import { findMyOrder } from '../services/orders/my-orders';
import { recordPayment } from '../services/orders/record-payment';
import type { PaymentProvider } from '../adapters/payments/payment-provider';
import type { SandboxPayments } from '../adapters/payments/sandbox-payments';
import { sendError } from './errors';

export interface PaymentRouteDeps {
  adapters: Adapters;
  context(now: Date): Promise<UseCaseContext>;
  actorOf(request: FastifyRequest): Promise<Actor | null>;
  nowOf(request: FastifyRequest): Date | null;
}

const confirmBody = z.object({ token: z.string().min(10).max(2000) }).strict();

function isSandbox(payments: PaymentProvider): payments is SandboxPayments {
  return payments.name === 'sandbox' && 'confirm' in payments;
}

export async function paymentRoutes(app: FastifyInstance, deps: PaymentRouteDeps): Promise<void> {
  if (!deps.adapters.payments) return;
  const payments = deps.adapters.payments;

  /** Verifies and books a notice; null when it is not the provider's. */
  async function handleNotice(headers: FastifyRequest['headers'], rawBody: string, now: Date): Promise<OrderView | Failure | null> {
    const notice = await payments.verifyNotice(headers, rawBody);
    if (!notice) return null;
    return recordPayment(await deps.context(now), notice);
  }

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.post<{ Params: { provider: string } }>('/api/pay/notify/:provider', async (request, reply) => {
      if (request.params.provider !== payments.name) return sendError(reply, 'NOT_FOUND');
      const outcome = await handleNotice(request.headers, String(request.body ?? ''), new Date());
      if (outcome === null) {
        request.log.warn('[payments] a notice failed verification');
        return reply.status(401).send({ code: 'FAIL', message: 'signature verification failed' });
      }
      // A verified notice is acknowledged even when it changed nothing, or the provider retries for a day.
      if (outcome instanceof Failure) request.log.warn(`[payments] notice not booked: ${outcome.code} ${outcome.message}`);
      return reply.status(204).send();
    });
  });

  if (!isSandbox(payments)) return;
  app.post('/api/pay/sandbox/confirm', async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = await deps.actorOf(request);
    if (!actor) return sendError(reply, 'UNAUTHENTICATED');
    const now = deps.nowOf(request);
    if (!now) return sendError(reply, 'DEV_CLOCK_INVALID');
    const body = confirmBody.safeParse(request.body);
    if (!body.success) return sendError(reply, 'INVALID_PARAMS');
    const notice = payments.confirm(body.data.token, now);
    if (!notice) return sendError(reply, 'ORDER_EXPIRED', '支付已超时或无效，请重新下单');
    const { orderId } = JSON.parse(notice.body) as { orderId: string };
    if (!(await findMyOrder((await deps.context(now)).db, actor, orderId))) return sendError(reply, 'NOT_FOUND', '订单不存在');
    const outcome = await handleNotice(notice.headers, notice.body, now);
    if (outcome === null) return sendError(reply, 'PAYMENT_INVALID');
    if (outcome instanceof Failure) return sendError(reply, outcome.code, outcome.message);
    return { ok: true, data: outcome } satisfies Envelope<OrderView>;
  });
}
