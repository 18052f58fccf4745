import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { OrderView } from '@cloud/contract';
import AddressCard from '@/components/AddressCard';
import AfterSalesDialog from '@/components/AfterSalesDialog';
import Countdown from '@/components/Countdown';
import Dialog from '@/components/Dialog';
import { orderStatusLabel } from '@/components/OrderCard';
import PayDialog from '@/components/PayDialog';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { ApiError, call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { imageUrl } from '@/services/image-url';
import { formatTime } from '@/utils/format';
import { formatYuan, formatYuanExact } from '@/utils/money';
import { TIMELINE_LABELS } from '@/utils/order-timeline';
import './index.css';

/** The line under the status: what happens next. */
function statusNote(order: OrderView): string {
  switch (order.status) {
    case 'pending':
      return '请在时限内完成支付，超时订单自动取消';
    case 'paid':
      return order.kind === 'mall' ? '换购已完成' : '商家正在备货，发货后可查看物流单号';
    case 'shipped':
      return '商品已在路上，收到后请确认收货';
    case 'completed':
      return '订单已完成，感谢您的支持';
    case 'refunding':
      return '已提交售后申请，等待商家处理';
    case 'refunded':
      return `${formatYuan(order.totalFen)} 已原路退回`;
    case 'cancelled':
      return '订单已取消，库存和优惠券已退回';
  }
}

function Amount({ label, value, kind }: { label: string; value: string; kind: string }) {
  return (
    <View className={`order-page__amount order-page__amount--${kind}`}>
      <Text>{label}</Text>
      <Text className='order-page__amount-value'>{value}</Text>
    </View>
  );
}

type Asking = 'cancel' | 'confirmReceipt' | 'requestRefund' | 'requestReturn' | 'pay' | null;

/** 订单详情: status, timeline, address, tracking, goods, amounts, coupon, points, after-sales, and what I can do now. */
export function OrderDetailScreen({ orderId }: { orderId: string }) {
  const valid = /^\d{1,18}$/.test(orderId);
  const detail = useCall(() => (valid ? call('order', 'detail', { orderId }) : Promise.reject(new ApiError('NOT_FOUND', '订单不存在'))), [orderId]);
  const order = detail.data;
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** An action answered with the order: the timeline comes with the detail, asked again. */
  const changed = async (toast: string) => {
    setAsking(null);
    void Taro.showToast({ title: toast, icon: 'none', duration: 1500 });
    await detail.reload();
  };

  const act = async (action: 'cancel' | 'confirmReceipt', toast: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('order', action, { orderId });
      await changed(toast);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  if (!order) {
    return (
      <View className='app-page order-page'>
        {detail.error ? (
          <View className='order-page__msg' onClick={() => void detail.reload()}>
            {detail.error}，点击重试
          </View>
        ) : (
          <View className='order-page__card'>
            <Skeleton className='order-page__skeleton' />
          </View>
        )}
      </View>
    );
  }

  const ask = (next: Asking) => {
    setError(null);
    setAsking(next);
  };
  const src = imageUrl(order.product.imageUrl);
  const mall = order.kind === 'mall';
  const can = (a: OrderView['actions'][number]) => order.actions.includes(a);
  const request = order.afterSales;
  return (
    <View className='app-page order-page' data-status={order.status}>
      <View className={`order-page__status order-page__status--${order.status}`}>
        <View className='order-page__status-title'>{orderStatusLabel(order)}</View>
        {order.status === 'pending' ? (
          <Countdown className='order-page__status-note' to={order.expiresAt} prefix='剩余支付时间' endedText='支付超时，订单将自动取消' onEnd={() => void detail.reload()} />
        ) : (
          <View className='order-page__status-note'>{statusNote(order)}</View>
        )}
      </View>

      {order.shipment && (
        <View className='order-page__card order-page__shipment'>
          <View className='order-page__shipment-main'>
            <View className='order-page__label'>物流信息</View>
            <View className='order-page__tracking'>
              {order.shipment.carrier} {order.shipment.trackingNo}
            </View>
            <View className='order-page__small'>发货时间 {formatTime(order.shipment.shippedAt)}</View>
          </View>
          <Text className='order-page__copy' onClick={() => void Taro.setClipboardData({ data: order.shipment!.trackingNo })}>
            复制单号
          </Text>
        </View>
      )}

      {order.address && (
        <View className='order-page__card'>
          <AddressCard address={order.address} />
        </View>
      )}

      {request && (
        <View className={`order-page__card order-page__after-sales order-page__after-sales--${request.status}`}>
          <View className='order-page__label'>
            {request.kind === 'refund' ? '退款申请' : '退货申请'} · {{ pending: '处理中', approved: '已同意', declined: '未通过' }[request.status]}
          </View>
          <View className='order-page__small'>原因：{request.reason}</View>
          {request.photos.length > 0 && (
            <View className='order-page__photos'>
              {request.photos.map((url) => (
                <Image key={url} className='order-page__photo' src={imageUrl(url) ?? ''} mode='aspectFill' />
              ))}
            </View>
          )}
          {request.note && <View className='order-page__small'>商家说明：{request.note}</View>}
        </View>
      )}

      <View className='order-page__card'>
        <View className='order-page__product'>
          {src ? <Image className='order-page__image' src={src} mode='aspectFill' /> : <View className='order-page__image' />}
          <View className='order-page__product-main'>
            <View className='order-page__product-name'>{order.product.name}</View>
            <View className='order-page__small'>{mall ? '积分换购' : `${order.skuLabel} × ${order.qty}`}</View>
          </View>
          <View className='order-page__product-price'>{formatYuan(order.unitPriceFen)}</View>
        </View>
        <View className='order-page__amounts'>
          <Amount kind='list' label='商品原价' value={`${formatYuan(order.listPriceFen)} × ${order.qty}`} />
          {mall && <Amount kind='points' label='积分' value={`${order.pointsPrice} 积分`} />}
          {order.flashSale && <Amount kind='flash' label='秒杀价' value={`${formatYuan(order.unitPriceFen)} × ${order.qty}`} />}
          {order.memberDiscountFen > 0 && <Amount kind='member' label='会员优惠' value={`-${formatYuan(order.memberDiscountFen)}`} />}
          {order.memberDayDiscountFen > 0 && <Amount kind='member-day' label='会员日优惠' value={`-${formatYuan(order.memberDayDiscountFen)}`} />}
          {order.coupon && <Amount kind='coupon' label={`优惠券 · ${order.coupon.name}`} value={`-${formatYuan(order.couponDiscountFen)}`} />}
          {!mall && <Amount kind='shipping' label='运费' value={order.shippingFen > 0 ? formatYuan(order.shippingFen) : '包邮'} />}
          <Amount kind='total' label={order.status === 'pending' ? '应付' : '实付'} value={mall ? formatYuanExact(order.totalFen) : formatYuan(order.totalFen)} />
          {order.pointsEarned > 0 && <View className='order-page__points'>获得 {order.pointsEarned} 积分</View>}
        </View>
      </View>

      <View className='order-page__card order-page__info'>
        {order.note && <Amount kind='note' label='订单备注' value={order.note} />}
        <Amount kind='id' label='订单编号' value={order.id} />
        <Amount kind='created' label='下单时间' value={formatTime(order.createdAt)} />
      </View>

      <View className='order-page__card order-page__timeline'>
        <View className='order-page__label'>订单进度</View>
        {[...order.timeline].reverse().map((s, i) => (
          <View key={`${s.step}-${s.at}`} className={`order-page__step ${i === 0 ? 'order-page__step--latest' : ''}`} data-step={s.step}>
            <View className='order-page__dot' />
            <Text className='order-page__step-label'>{TIMELINE_LABELS[s.step]}</Text>
            <Text className='order-page__step-time'>{formatTime(s.at)}</Text>
          </View>
        ))}
      </View>

      {order.actions.length > 0 && (
        <View className='order-page__bar'>
          {can('cancel') && (
            <Button className='order-page__button order-page__cancel' onClick={() => ask('cancel')}>
              取消订单
            </Button>
          )}
          {can('requestRefund') && (
            <Button className='order-page__button order-page__refund' onClick={() => ask('requestRefund')}>
              申请退款
            </Button>
          )}
          {can('requestReturn') && (
            <Button className='order-page__button order-page__return' onClick={() => ask('requestReturn')}>
              申请退货
            </Button>
          )}
          {can('confirmReceipt') && (
            <Button className='order-page__button order-page__button--main order-page__confirm' onClick={() => ask('confirmReceipt')}>
              确认收货
            </Button>
          )}
          {can('pay') && (
            <Button className='order-page__button order-page__button--main order-page__pay' onClick={() => ask('pay')}>
              去支付
            </Button>
          )}
        </View>
      )}

      {asking === 'cancel' && (
        <Dialog title='取消订单' confirmText='确认取消' cancelText='再想想' busy={busy} error={error} onConfirm={() => void act('cancel', '订单已取消')} onCancel={() => ask(null)}>
          <View className='order-page__center'>{mall ? '取消换购？积分将退回。' : '取消这笔订单？库存和优惠券将退回。'}</View>
        </Dialog>
      )}
      {asking === 'confirmReceipt' && (
        <Dialog title='确认收货' confirmText='确认收货' cancelText='还没收到' busy={busy} error={error} onConfirm={() => void act('confirmReceipt', '已确认收货')} onCancel={() => ask(null)}>
          <View className='order-page__center'>确认已收到「{order.product.name}」？确认后订单完成。</View>
        </Dialog>
      )}
      {(asking === 'requestRefund' || asking === 'requestReturn') && (
        <AfterSalesDialog
          order={order}
          kind={asking === 'requestRefund' ? 'refund' : 'return'}
          onDone={() => void changed('申请已提交')}
          onCancel={() => ask(null)}
        />
      )}
      {asking === 'pay' && (
        <PayDialog
          orderId={order.id}
          onPaid={() => void changed('支付成功')}
          onClose={() => {
            ask(null);
            void detail.reload();
          }}
        />
      )}
    </View>
  );
}

export default function OrderDetailPage() {
  const { params } = useRouter();
  return (
    <SessionGate>
      <OrderDetailScreen orderId={params.id ?? ''} />
    </SessionGate>
  );
}
