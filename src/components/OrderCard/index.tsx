import { Button, Image, Text, View } from '@tarojs/components';
import type { OrderStatus, OrderView } from '@cloud/contract';
import Countdown from '../Countdown';
import { productUrl } from '../ProductCard';
import { imageUrl } from '@/services/image-url';
import { flag } from '@/utils/flag';
import { formatTime } from '@/utils/format';
import { formatYuan, formatYuanExact } from '@/utils/money';
import './index.css';

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: '待支付',
  paid: '已支付',
  cancelled: '已取消',
  refunded: '已退款',
};

const MALL_URL = '/packages/mall/index';

/** 加钱换购 has no shop product behind it: its card leads back to the points mall. */
const orderTargetUrl = (order: OrderView) => (order.kind === 'mall' ? MALL_URL : productUrl(order.product.id));

export interface OrderCardProps {
  order: OrderView;
  /** This order's cancel or payment is under way. */
  busy?: boolean;
  onPay(order: OrderView): void;
  onCancel(order: OrderView): void;
  /** The payment window closed: time to ask the server what became of the order. */
  onExpire(order: OrderView): void;
  /** Tapped: the page behind the order (orderTargetUrl). */
  onOpen(url: string): void;
}

/**
 * An order in 我的订单: product (or 积分换购 item), price, status; pending ones with time left,
 * 去支付 and 取消订单.
 */
export default function OrderCard({ order, busy, onPay, onCancel, onExpire, onOpen }: OrderCardProps) {
  const src = imageUrl(order.product.imageUrl);
  const pending = order.status === 'pending';
  const mall = order.kind === 'mall';
  return (
    <View className={`order-card order-card--${order.status}`} data-order={order.id} data-status={order.status}>
      <View className='order-card__head'>
        <Text className='order-card__time'>{formatTime(order.createdAt)}</Text>
        <Text className='order-card__status'>{ORDER_STATUS_LABELS[order.status]}</Text>
      </View>
      <View className='order-card__body' onClick={() => onOpen(orderTargetUrl(order))}>
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
      {order.status === 'paid' && order.pointsEarned > 0 && <View className='order-card__points'>获得 {order.pointsEarned} 积分</View>}
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
    </View>
  );
}
