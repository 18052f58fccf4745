/** How the 订单 screens name orders, after-sales requests and gifts (staff's words, not the member's). */
import type { AdminGift, AfterSalesView, GiftKind, OrderStatus } from '@cloud/contract';

export const ADMIN_ORDER_STATUS_NAMES: Record<OrderStatus, string> = {
  pending: '待支付',
  paid: '待发货',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  refunding: '售后中',
  refunded: '已退款',
};

/** The tabs of 订单: four order views, and the gifts waiting to ship. */
export const ORDER_TABS = [
  { key: 'paid', name: '待发货' },
  { key: 'refunding', name: '售后' },
  { key: 'shipped', name: '已发货' },
  { key: 'all', name: '全部' },
  { key: 'gifts', name: '礼品待发' },
] as const;
export type OrderTabKey = (typeof ORDER_TABS)[number]['key'];

export const AFTER_SALES_NAMES: Record<AfterSalesView['kind'], string> = { refund: '退款申请', return: '退货申请' };
export const AFTER_SALES_STATUS_NAMES: Record<AfterSalesView['status'], string> = { pending: '待处理', approved: '已同意', declined: '已拒绝' };

export const GIFT_KIND_NAMES: Record<GiftKind, string> = { mall: '积分兑换', lottery: '抽奖奖品' };
export const GIFT_STATE_NAMES: Record<AdminGift['fulfilment'], string> = { to_ship: '待发货', pending_address: '待会员填地址', shipped: '已发货' };
