import { Button, Image, Text, View } from '@tarojs/components';
import type { OrderStatus, OrderView } from '@cloud/contract';
import Countdown from '../Countdown';
import { imageUrl } from '@/services/image-url';
import { flag } from '@/utils/flag';
import { formatTime } from '@/utils/format';
import { formatYuan, formatYuanExact } from '@/utils/money';
import './index.css';

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: '待支付',
  paid: '待发货',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  refunding: '退款中',
  refunded: '已退款',
};

/** What the member reads as the order's state: a paid 加钱换购 is 已兑换 (its goods follow on the redemption), a return under way 退货中. */
export function orderStatusLabel(order: Pick<OrderView, 'status' | 'kind' | 'afterSales'>): string {
  if (order.kind === 'mall' && order.status === 'paid') return '已兑换';
  if (order.status === 'refunding' && order.afterSales?.kind === 'return') return '退货中';
  return ORDER_STATUS_LABELS[order.status];
}

export const orderDetailUrl = (orderId: string) => `/packages/shop/order/index?id=${orderId}`;

export interface OrderCardProps {
  order: OrderView;
  /** This order's cancel, payment or confirmation is under way. */
  busy?: boolean;
  onPay(order: OrderView): void;
  onCancel(order: OrderView): void;
  onConfirm(order: OrderView): void;
  /** The payment window closed: time to ask the server what became of the order. */
  onExpire(order: OrderView): void;
  /** Tapped: the order's detail page. */
  onOpen(url: string): void;
}

/**
 * An order in 我的订单: product (or 积分换购 item), price, status; pending ones with time left,
 * 去支付 and 取消订单; shipped ones with 确认收货. Tapped, it opens the order's detail.
 */
export default function OrderCard({ order, busy, onPay, onCancel, onConfirm, onExpire, onOpen }: OrderCardProps) {
  const src = imageUrl(order.product.imageUrl);
  const pending = order.status === 'pending';
  const mall = order.kind === 'mall';
  const canConfirm = order.actions.includes('confirmReceipt');
  return (
    <View className={`order-card order-card--${order.status}`} data-order={order.id} data-status={order.status}>
      <View className='order-card__head' onClick={() => onOpen(orderDetailUrl(order.id))}>
        <Text className='order-card__time'>{formatTime(order.createdAt)}</Text>
        <Text className='order-card__status'>{orderStatusLabel(order)}</Text>
      </View>
      <View className='order-card__body' onClick={() => onOpen(orderDetailUrl(order.id))}>
        {src ? <Image className='order-card__image' src={src} mode='aspectFill' lazyLoad /> : <View className='order-card__image' />}
        <View className='order-card__main'>
          <View className='order-card__name'>{order.product.name}</View>
          <View className='order-card__sku'>{mall ? '积分换购' : `${order.skuLabel} × ${order.qty}`}</View>
          {order.coupon && <View className='order-card__coupon'>已用券：{order.coupon.name}</View>}
        </View>
        <View className='order-card__total'>
          {mall ? `${order.pointsPrice} 积分 + ${formatYuanExact(order.totalFen)}` : formatYuan(order.totalFen)}
        </View>
      </View>
      {order.status === 'shipped' && order.shipment && (
        <View className='order-card__tracking'>
          {order.shipment.carrier} {order.shipment.trackingNo}
        </View>
      )}
      {order.afterSales?.status === 'declined' && order.status !== 'refunded' && <View className='order-card__after-sales'>售后申请未通过：{order.afterSales.note}</View>}
      {(order.status === 'paid' || order.status === 'shipped' || order.status === 'completed') && order.pointsEarned > 0 && (
        <View className='order-card__points'>获得 {order.pointsEarned} 积分</View>
      )}
      {pending && (
        <View className='order-card__foot'>
          <Countdown className='order-card__deadline' to={order.expiresAt} prefix='剩余支付时间' endedText='支付超时' onEnd={() => onExpire(order)} />
          <View className='order-card__actions'>
            <Button className='order-card__button order-card__cancel' disabled={flag(busy)} onClick={() => !busy && onCancel(order)}>
              取消订单
            </Button>
            <Button className='order-card__button order-card__pay' disabled={flag(busy)} onClick={() => !busy && onPay(order)}>
              去支付
            </Button>
          </View>
        </View>
      )}
      {canConfirm && (
        <View className='order-card__foot order-card__foot--end'>
          <Button className='order-card__button order-card__confirm' disabled={flag(busy)} onClick={() => !busy && onConfirm(order)}>
            确认收货
          </Button>
        </View>
      )}
    </View>
  );
}
