import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { AdminOrderDetail } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import Dialog from '@/components/Dialog';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { ApiError, call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { imageUrl } from '@/services/image-url';
import { formatTime, memberName } from '@/utils/format';
import { formatYuan } from '@/utils/money';
import { TIMELINE_LABELS } from '@/utils/order-timeline';
import ShipDialog from '../components/ShipDialog';
import { ADMIN_ORDER_STATUS_NAMES, AFTER_SALES_NAMES, AFTER_SALES_STATUS_NAMES } from '../components/order-labels';
import { tierName } from '../components/labels';
import '../components/forms.css';
import './index.css';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 1500 });

function Line({ label, value, kind }: { label: string; value: string; kind: string }) {
  return (
    <View className={`admin-order__line admin-order__line--${kind}`}>
      <Text className='admin-order__label'>{label}</Text>
      <Text className='admin-order__value'>{value}</Text>
    </View>
  );
}

/**
 * 同意 or 拒绝 an after-sales request: approving refunds the order in full (a note is optional);
 * declining needs the reason the member will read.
 */
function DecideDialog({ approve, order, onDone, onCancel }: { approve: boolean; order: AdminOrderDetail; onDone(): void; onCancel(): void }) {
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const why = note.trim();
  const problem = !approve && why.length < 2 ? '请填写拒绝原因（至少 2 个字），会员会看到' : why.length > 200 ? '说明最多 200 个字' : null;

  const submit = async () => {
    setTried(true);
    if (busy || problem) return;
    setBusy(true);
    setError(null);
    try {
      await call('admin', 'decideRefund', { orderId: order.id, approve, ...(why ? { note: why } : {}) });
      onDone();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={approve ? '同意售后' : '拒绝售后'} confirmText={approve ? '同意并退款' : '确认拒绝'} busy={busy} error={error} onConfirm={() => void submit()} onCancel={onCancel}>
      <View className='admin-form admin-order__decide'>
        <View className='admin-order__decide-text'>
          {approve ? `同意后将原路退款 ${formatYuan(order.totalFen)}，退回库存、优惠券，扣回赠送的积分。` : '拒绝后订单回到申请前的状态。'}
        </View>
        <Input
          className='admin-form__input admin-order__note'
          value={note}
          maxlength={200}
          placeholder={approve ? '说明（选填）' : '拒绝原因，如 商品已发出，请收货后申请退货'}
          onInput={(e) => setNote(e.detail.value)}
        />
        {problem && (tried || note !== '') && <View className='admin-form__hint admin-order__note-hint'>{problem}</View>}
      </View>
    </Dialog>
  );
}

function Loading() {
  return (
    <View className='admin-order__card' aria-busy>
      <Skeleton className='admin-order__skeleton-title' />
      <Skeleton className='admin-order__skeleton-line' />
      <Skeleton className='admin-order__skeleton-line' />
    </View>
  );
}

type Asking = 'ship' | 'approve' | 'decline' | null;

/** One order as staff see it: status, member, address, goods and amounts, shipment, the after-sales request; 发货, 同意 / 拒绝 售后. */
export function AdminOrderScreen({ orderId }: { orderId: string }) {
  const valid = /^\d{1,18}$/.test(orderId);
  const detail = useCall(() => (valid ? call('admin', 'orderDetail', { orderId }) : Promise.reject(new ApiError('NOT_FOUND', '订单不存在'))), [orderId]);
  const [asking, setAsking] = useState<Asking>(null);
  const order = detail.data;

  if (!order) {
    return (
      <View className='app-page admin-order'>
        {detail.error ? (
          <View className='admin-order__msg' onClick={() => void detail.reload()}>
            {detail.error}，点击重试
          </View>
        ) : (
          <Loading />
        )}
      </View>
    );
  }

  const changed = async (message: string) => {
    setAsking(null);
    toast(message);
    await detail.reload();
  };
  const request = order.afterSales;
  const pending = request?.status === 'pending' && order.status === 'refunding';
  // Approved, but the refund did not go through (the payment provider failed): it can be tried again.
  const unfinished = request?.status === 'approved' && order.status === 'refunding';
  const canShip = order.status === 'paid' && order.kind === 'product';
  const src = imageUrl(order.product.imageUrl);
  const m = order.member;
  return (
    <View className='app-page admin-order' data-status={order.status}>
      <View className={`admin-order__card admin-order__status admin-order__status--${order.status}`}>
        <Text className='admin-order__status-name'>{pending ? `${AFTER_SALES_NAMES[request.kind]}待处理` : ADMIN_ORDER_STATUS_NAMES[order.status]}</Text>
        <Text className='admin-order__small'>
          订单号 {order.id} · {formatTime(order.createdAt)} 下单
        </Text>
      </View>

      <View className='admin-order__card admin-order__member' onClick={() => void Taro.navigateTo({ url: `/packages/admin/member/index?id=${m.id}` })}>
        <View className='admin-order__member-main'>
          <Text className='admin-order__member-name'>{m.deleted ? '已注销的会员' : memberName(m.nickname)}</Text>
          <Text className='admin-order__small'>
            {tierName(m.tier)} · ID {m.id}
          </Text>
        </View>
        <Text className='admin-order__chevron'>›</Text>
      </View>

      {request && (
        <View className={`admin-order__card admin-order__after-sales admin-order__after-sales--${request.status}`}>
          <View className='admin-order__title'>
            {AFTER_SALES_NAMES[request.kind]} · {AFTER_SALES_STATUS_NAMES[request.status]}
            <Text className='admin-order__title-time'>{formatTime(request.requestedAt)}</Text>
          </View>
          <View className='admin-order__reason'>会员说明：{request.reason}</View>
          {request.photos.length > 0 && (
            <View className='admin-order__photos'>
              {request.photos.map((url) => (
                <Image
                  key={url}
                  className='admin-order__photo'
                  src={imageUrl(url) ?? ''}
                  mode='aspectFill'
                  onClick={() => void Taro.previewImage({ current: imageUrl(url) ?? '', urls: request.photos.map((p) => imageUrl(p) ?? '') })}
                />
              ))}
            </View>
          )}
          {request.note && <View className='admin-order__small'>处理说明：{request.note}</View>}
          {unfinished && (
            <View className='admin-order__actions'>
              <Text className='admin-order__small admin-order__unfinished'>退款未完成</Text>
              <Button className='admin-order__button admin-order__button--main admin-order__retry' size='mini' onClick={() => setAsking('approve')}>
                重试退款
              </Button>
            </View>
          )}
          {pending && (
            <View className='admin-order__actions'>
              <Button className='admin-order__button admin-order__decline' size='mini' onClick={() => setAsking('decline')}>
                拒绝
              </Button>
              <Button className='admin-order__button admin-order__button--main admin-order__approve' size='mini' onClick={() => setAsking('approve')}>
                同意退款
              </Button>
            </View>
          )}
        </View>
      )}

      {order.shipment && (
        <View className='admin-order__card admin-order__shipment'>
          <View className='admin-order__title'>物流</View>
          <View className='admin-order__tracking'>
            {order.shipment.carrier} {order.shipment.trackingNo}
          </View>
          <View className='admin-order__small'>发货时间 {formatTime(order.shipment.shippedAt)}</View>
        </View>
      )}

      <View className='admin-order__card admin-order__address'>
        <View className='admin-order__title'>收货地址</View>
        {order.address ? (
          <>
            <View className='admin-order__who'>
              {order.address.name} {order.address.phone}
            </View>
            <View className='admin-order__small'>
              {order.address.region} {order.address.detail}
            </View>
          </>
        ) : (
          <View className='admin-order__small'>{order.kind === 'mall' ? '积分换购订单：在礼品待发中发货' : '地址已按会员要求删除'}</View>
        )}
        {order.note && <View className='admin-order__small admin-order__note-text'>买家备注：{order.note}</View>}
      </View>

      <View className='admin-order__card'>
        <View className='admin-order__product'>
          {src ? <Image className='admin-order__image' src={src} mode='aspectFill' /> : <View className='admin-order__image' />}
          <View className='admin-order__product-main'>
            <Text className='admin-order__product-name'>{order.product.name}</Text>
            <Text className='admin-order__small'>{order.kind === 'mall' ? `积分换购 · ${order.pointsPrice} 积分` : `${order.skuLabel} × ${order.qty}`}</Text>
          </View>
        </View>
        <Line kind='goods' label='商品金额' value={formatYuan(order.listPriceFen * order.qty)} />
        {order.memberDiscountFen > 0 && <Line kind='member' label='会员优惠' value={`-${formatYuan(order.memberDiscountFen)}`} />}
        {order.memberDayDiscountFen > 0 && <Line kind='member-day' label='会员日优惠' value={`-${formatYuan(order.memberDayDiscountFen)}`} />}
        {order.coupon && <Line kind='coupon' label={`优惠券 · ${order.coupon.name}`} value={`-${formatYuan(order.couponDiscountFen)}`} />}
        <Line kind='shipping' label='运费' value={order.shippingFen > 0 ? formatYuan(order.shippingFen) : '包邮'} />
        <Line kind='total' label='实付' value={formatYuan(order.totalFen)} />
        {order.paidAt && <Line kind='paid' label='付款时间' value={formatTime(order.paidAt)} />}
        {order.refundedAt && <Line kind='refunded' label='退款时间' value={formatTime(order.refundedAt)} />}
      </View>

      <View className='admin-order__card admin-order__timeline'>
        <View className='admin-order__title'>订单进度</View>
        {[...order.timeline].reverse().map((s, i) => (
          <View key={`${s.step}-${s.at}`} className={`admin-order__step ${i === 0 ? 'admin-order__step--latest' : ''}`} data-step={s.step}>
            <Text>{TIMELINE_LABELS[s.step]}</Text>
            <Text className='admin-order__step-time'>{formatTime(s.at)}</Text>
          </View>
        ))}
      </View>

      {canShip && (
        <View className='admin-order__bar'>
          <Button className='admin-order__button admin-order__button--main admin-order__ship' onClick={() => setAsking('ship')}>
            发货
          </Button>
        </View>
      )}

      {asking === 'ship' && (
        <ShipDialog
          what={`${order.product.name} ${order.skuLabel} × ${order.qty}`}
          onCancel={() => setAsking(null)}
          send={async (carrier, trackingNo) => {
            await call('admin', 'shipOrder', { orderId: order.id, carrier, trackingNo });
            await changed('已发货');
          }}
        />
      )}
      {(asking === 'approve' || asking === 'decline') && (
        <DecideDialog
          approve={asking === 'approve'}
          order={order}
          onCancel={() => setAsking(null)}
          onDone={() => void changed(asking === 'approve' ? '已同意，退款完成' : '已拒绝')}
        />
      )}
    </View>
  );
}

export default function AdminOrderPage() {
  const { params } = useRouter();
  return (
    <SessionGate>
      <AdminGate>
        <AdminOrderScreen orderId={params.id ?? ''} />
      </AdminGate>
    </SessionGate>
  );
}
