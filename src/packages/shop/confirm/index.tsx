import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { OrderView } from '@cloud/contract';
import Countdown from '@/components/Countdown';
import PayDialog from '@/components/PayDialog';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { ApiError, call, showError } from '@/services/api';
import { isApiError, messageOf } from '@/services/errors';
import { imageUrl } from '@/services/image-url';
import { createIntent, isRetryable } from '@/services/request-id';
import { flag } from '@/utils/flag';
import { formatYuan } from '@/utils/money';
import './index.css';

const ORDERS_URL = '/packages/shop/orders/index';
const HOME_URL = '/pages/home/index';

function Row({ label, value, kind, saving, onClick }: { label: string; value: string; kind: string; saving?: boolean; onClick?(): void }) {
  return (
    <View className={`confirm-page__row confirm-page__row--${kind} ${saving ? 'confirm-page__row--saving' : ''}`} onClick={onClick}>
      <Text className='confirm-page__row-label'>{label}</Text>
      <Text className='confirm-page__row-value'>{value}</Text>
    </View>
  );
}

function Paid({ order }: { order: OrderView }) {
  return (
    <View className='app-page confirm-page'>
      <View className='confirm-page__card confirm-page__paid'>
        <View className='confirm-page__paid-title'>支付成功</View>
        <View className='confirm-page__paid-line'>
          {order.product.name} · {order.skuLabel} × {order.qty}
        </View>
        <View className='confirm-page__paid-total'>实付 {formatYuan(order.totalFen)}</View>
        {order.pointsEarned > 0 && <View className='confirm-page__paid-points'>获得 {order.pointsEarned} 积分</View>}
        <View className='confirm-page__paid-actions'>
          <Button className='confirm-page__button confirm-page__orders-link' onClick={() => void Taro.redirectTo({ url: ORDERS_URL })}>
            查看我的订单
          </Button>
          <Button className='confirm-page__button confirm-page__button--plain' onClick={() => void Taro.switchTab({ url: HOME_URL })}>
            继续逛逛
          </Button>
        </View>
      </View>
    </View>
  );
}

export interface ConfirmScreenProps {
  skuId: string;
  qty: number;
}

/**
 * 确认订单: the server's quote (member price, member day, coupon, points), a coupon to choose,
 * 提交订单 (order.create with one request id per submit, kept for its retries), then payment.
 */
export function ConfirmScreen({ skuId, qty }: ConfirmScreenProps) {
  const valid = /^\d{1,18}$/.test(skuId) && Number.isInteger(qty) && qty >= 1 && qty <= 99;
  /** The coupon the next quote asks for; the quote on screen stays until that one answers. */
  const couponFor = useRef<string | null>(null);
  const quoted = useCall(
    () =>
      valid
        ? call('order', 'quote', { skuId, qty, ...(couponFor.current ? { couponId: couponFor.current } : {}) })
        : Promise.reject(new ApiError('INVALID_PARAMS')),
    [skuId, qty],
  );
  const { data: quote, error: quoteError, loading: quoting } = quoted;
  const requote = (couponId: string | null) => {
    couponFor.current = couponId;
    return quoted.reload();
  };
  const [picking, setPicking] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [order, setOrder] = useState<OrderView | null>(null);
  const [paying, setPaying] = useState(false);
  const intent = useRef(createIntent());
  const submittingRef = useRef(false);

  const submit = async () => {
    if (!quote || quoting || submittingRef.current) return;
    submittingRef.current = true;
    setSubmitting(true);
    setSubmitError(null);
    const couponId = quote.coupon?.id;
    // One id per intent (this SKU, quantity and coupon) until a final answer: a retry after a
    // lost answer gets the order the first attempt made, never a second order.
    const requestId = intent.current.id(`${skuId}:${qty}:${couponId ?? ''}:${quote.totalFen}`);
    try {
      // The total on screen: if the server would now charge another (a flash sale just sold out), it refuses.
      const created = await call('order', 'create', { skuId, qty, requestId, expectedTotalFen: quote.totalFen, ...(couponId ? { couponId } : {}) });
      intent.current.settle();
      setOrder(created);
      setPaying(created.status === 'pending');
    } catch (err) {
      intent.current.settle(err);
      setSubmitError(messageOf(err));
      // A refusal (stock, price, coupon changed): show what the server would charge now.
      if (isApiError(err) && !isRetryable(err)) void requote(err.code.startsWith('COUPON') ? null : couponId ?? null);
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  };

  const refreshOrder = async (orderId: string) => {
    try {
      setOrder(await call('order', 'detail', { orderId }));
    } catch (err) {
      showError(err);
    }
  };

  if (!valid) {
    return (
      <View className='app-page confirm-page'>
        <View className='confirm-page__msg'>商品信息有误，请返回重新选择</View>
      </View>
    );
  }

  if (order?.status === 'paid') return <Paid order={order} />;

  if (order) {
    const pending = order.status === 'pending';
    return (
      <View className='app-page confirm-page'>
        <View className='confirm-page__card confirm-page__pending' data-status={order.status}>
          <View className='confirm-page__pending-title'>{pending ? '订单已提交，待支付' : '订单已取消'}</View>
          <View className='confirm-page__pending-line'>
            {order.product.name} · {order.skuLabel} × {order.qty} · 应付 {formatYuan(order.totalFen)}
          </View>
          {pending && (
            <Countdown
              className='confirm-page__deadline'
              to={order.expiresAt}
              prefix='剩余支付时间'
              endedText='支付超时，订单将自动取消'
              onEnd={() => void refreshOrder(order.id)}
            />
          )}
          <View className='confirm-page__paid-actions'>
            {pending && (
              <Button className='confirm-page__button confirm-page__pay' onClick={() => setPaying(true)}>
                去支付
              </Button>
            )}
            <Button className='confirm-page__button confirm-page__button--plain' onClick={() => void Taro.redirectTo({ url: ORDERS_URL })}>
              查看我的订单
            </Button>
          </View>
        </View>
        {paying && pending && (
          <PayDialog
            orderId={order.id}
            onPaid={(paid) => {
              setPaying(false);
              setOrder(paid);
            }}
            onClose={() => {
              setPaying(false);
              void refreshOrder(order.id);
            }}
          />
        )}
      </View>
    );
  }

  if (!quote) {
    return (
      <View className='app-page confirm-page'>
        <View className='confirm-page__msg' onClick={() => quoteError && void requote(null)}>
          {quoteError ? `${quoteError}，点击重试` : '正在计算价格…'}
        </View>
      </View>
    );
  }

  const couponText = quote.coupon
    ? `${quote.coupon.name} -${formatYuan(quote.couponDiscountFen)}`
    : quote.usableCoupons.length > 0
      ? `${quote.usableCoupons.length} 张可用`
      : '无可用优惠券';
  const src = imageUrl(quote.product.imageUrl);

  return (
    <View className='app-page confirm-page'>
      <View className='confirm-page__card confirm-page__product'>
        {src ? <Image className='confirm-page__image' src={src} mode='aspectFill' /> : <View className='confirm-page__image' />}
        <View className='confirm-page__product-main'>
          <View className='confirm-page__product-name'>{quote.product.name}</View>
          <View className='confirm-page__product-sku'>{quote.sku.label}</View>
          <View className='confirm-page__product-price'>
            {formatYuan(quote.unitPriceFen)} × {quote.qty}
          </View>
        </View>
      </View>

      <View className='confirm-page__card confirm-page__breakdown'>
        <Row kind='list' label='商品原价' value={`${formatYuan(quote.listPriceFen)} × ${quote.qty}`} />
        {quote.flashSale && <Row kind='flash' saving label='秒杀价' value={`${formatYuan(quote.unitPriceFen)} × ${quote.qty}`} />}
        {quote.memberDiscountFen > 0 && <Row kind='member' saving label='会员优惠' value={`-${formatYuan(quote.memberDiscountFen)}`} />}
        {quote.memberDayDiscountFen > 0 && <Row kind='member-day' saving label='会员日优惠' value={`-${formatYuan(quote.memberDayDiscountFen)}`} />}
        <Row
          kind='coupon'
          saving={!!quote.coupon}
          label='优惠券'
          value={`${couponText}${quote.usableCoupons.length > 0 ? (picking ? ' ˄' : ' ›') : ''}`}
          onClick={() => quote.usableCoupons.length > 0 && setPicking(!picking)}
        />
        {picking && (
          <View className='confirm-page__coupons'>
            <View
              className={`confirm-page__coupon-option ${quote.coupon ? '' : 'confirm-page__coupon-option--active'}`}
              data-coupon=''
              onClick={() => {
                setPicking(false);
                if (quote.coupon) void requote(null);
              }}
            >
              <Text>不使用优惠券</Text>
            </View>
            {quote.usableCoupons.map((c) => (
              <View
                key={c.id}
                className={`confirm-page__coupon-option ${quote.coupon?.id === c.id ? 'confirm-page__coupon-option--active' : ''}`}
                data-coupon={c.id}
                onClick={() => {
                  setPicking(false);
                  if (quote.coupon?.id !== c.id) void requote(c.id);
                }}
              >
                <Text>{c.name}</Text>
                <Text className='confirm-page__coupon-discount'>-{formatYuan(c.discountFen)}</Text>
              </View>
            ))}
          </View>
        )}
        <Row kind='total' label='实付' value={formatYuan(quote.totalFen)} />
        {quote.pointsToEarn > 0 && <View className='confirm-page__points'>支付后可得 {quote.pointsToEarn} 积分</View>}
      </View>

      {submitError && <View className='confirm-page__error'>{submitError}</View>}

      <View className='confirm-page__bar'>
        <View className='confirm-page__bar-total'>
          实付 <Text className='confirm-page__bar-amount'>{formatYuan(quote.totalFen)}</Text>
        </View>
        <Button className='confirm-page__submit' disabled={flag(submitting || quoting)} loading={flag(submitting)} onClick={() => void submit()}>
          {submitError ? '重新提交' : '提交订单'}
        </Button>
      </View>
    </View>
  );
}

export default function ConfirmPage() {
  const { params } = useRouter();
  return (
    <SessionGate>
      <ConfirmScreen skuId={params.skuId ?? ''} qty={Number(params.qty ?? '1')} />
    </SessionGate>
  );
}
