/** What each step of an order's timeline is called, for the member's order page and the 运营 tab's. */
import type { TimelineStep } from '@cloud/contract';

export const TIMELINE_LABELS: Record<TimelineStep, string> = {
  created: '提交订单',
  paid: '支付成功',
  shipped: '商家已发货',
  completed: '确认收货',
  auto_completed: '自动确认收货',
  cancelled: '订单已取消',
  refund_requested: '申请退款',
  return_requested: '申请退货',
  refund_declined: '售后申请未通过',
  refunded: '退款成功',
};
