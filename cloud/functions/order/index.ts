import { cancelOrder } from '../../services/orders/cancel-order';
import { confirmReceipt } from '../../services/orders/complete-order';
import { createOrder } from '../../services/orders/create-order';
import { myOrders, orderDetail } from '../../services/orders/my-orders';
import { quoteOrder } from '../../services/orders/quote-order';
import { requestRefund, requestReturn } from '../../services/orders/request-after-sales';
import { startPayment } from '../../services/orders/start-payment';
import { defineFunction } from '../runtime';

export const order = defineFunction('order', {
  quote: (ctx, actor, params) => quoteOrder(ctx, actor, params),
  create: (ctx, actor, params) => createOrder(ctx, actor, params),
  pay: (ctx, actor, params) => startPayment(ctx, actor, params),
  detail: (ctx, actor, params) => orderDetail(ctx, actor, params),
  cancel: (ctx, actor, params) => cancelOrder(ctx, actor, params),
  mine: (ctx, actor, params) => myOrders(ctx, actor, params),
  requestRefund: (ctx, actor, params) => requestRefund(ctx, actor, params),
  requestReturn: (ctx, actor, params) => requestReturn(ctx, actor, params),
  confirmReceipt: (ctx, actor, params) => confirmReceipt(ctx, actor, params),
});
