import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { OrderQuote, OrderView, SavedAddress } from '@cloud/contract';
import AddressCard from '@/components/AddressCard';
import AddressEditor from '@/components/AddressEditor';
import AddressPicker from '@/components/AddressPicker';
import Countdown from '@/components/Countdown';
import { orderDetailUrl } from '@/components/OrderCard';
import PayDialog from '@/components/PayDialog';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { ApiError, call, showError } from '@/services/api';
import { isApiError, messageOf } from '@/services/errors';
import { imageUrl } from '@/services/image-url';
import { createIntent, isRetryable } from '@/services/request-id';
import { flag } from '@/utils/flag';
import { formatYuan } from '@/utils/money';
import './index.css';

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
          <Button className='confirm-page__button confirm-page__orders-link' onClick={() => void Taro.redirectTo({ url: orderDetailUrl(order.id) })}>
            查看订单
          </Button>
          <Button className='confirm-page__button confirm-page__button--plain' onClick={() => void Taro.switchTab({ url: HOME_URL })}>
            继续逛逛
          </Button>
        </View>
      </View>
    </View>
  );
}

/**
 * A refusal about the goods themselves (sold out, taken down, a flash-sale limit): asking again
 * cannot change it. A coupon refusal is not one: another coupon, or none, is picked on this page.
 */
function finalRefusal(err: unknown): string | null {
  return isApiError(err) && !isRetryable(err) && !err.code.startsWith('COUPON') ? messageOf(err) : null;
}

/** The reason, and 返回商品 to the product page this one was opened from (home when none is behind it). */
function Refusal({ reason }: { reason: string }) {
  const fromProduct = Taro.getCurrentPages().length > 1;
  return (
    <View className='app-page confirm-page'>
      <View className='confirm-page__card confirm-page__refusal'>
        <View className='confirm-page__refusal-reason'>{reason}</View>
        <Button
          className='confirm-page__button confirm-page__back'
          onClick={() => void (fromProduct ? Taro.navigateBack() : Taro.switchTab({ url: HOME_URL }))}
        >
          {fromProduct ? '返回商品' : '去首页逛逛'}
        </Button>
      </View>
    </View>
  );
}

/** 运费 as the member reads it: the fee with what makes it free, or why it is free. */
export function shippingText(quote: Pick<OrderQuote, 'shippingFen' | 'shipping'>): string {
  const { shipping } = quote;
  if (quote.shippingFen > 0) return shipping.freeFromFen !== null ? `${formatYuan(quote.shippingFen)}（满 ${formatYuan(shipping.freeFromFen)} 包邮）` : formatYuan(quote.shippingFen);
  if (shipping.tierShipsFree) return '包邮（会员权益）';
  return shipping.freeFromFen !== null && shipping.feeFen > 0 ? `包邮（满 ${formatYuan(shipping.freeFromFen)}）` : '包邮';
}

export interface ConfirmScreenProps {
  skuId: string;
  qty: number;
}

/**
 * 确认订单: where it ships (my default address, or one I pick or add), the server's quote (member
 * price, member day, my best coupon unless I choose another or none, shipping, points), a note,
 * 提交订单 (order.create with one request id per submit, kept for its retries), then payment.
 */
export function ConfirmScreen({ skuId, qty }: ConfirmScreenProps) {
  const valid = /^\d{1,18}$/.test(skuId) && Number.isInteger(qty) && qty >= 1 && qty <= 99;
  /** The coupon the next quote asks for (undefined: my best one, null: none); the quote on screen stays until that one answers. */
  const couponFor = useRef<string | null | undefined>(undefined);
  const quoted = useCall(
    () =>
      valid
        ? call('order', 'quote', { skuId, qty, ...(couponFor.current !== undefined ? { couponId: couponFor.current } : {}) })
        : Promise.reject(new ApiError('INVALID_PARAMS')),
    [skuId, qty],
  );
  const book = useCall(() => call('address', 'list', {}), []);
  /** The address picked on this screen; otherwise my default (the list's first). */
  const [pickedAddress, setPickedAddress] = useState<string | null>(null);
  const address: SavedAddress | null = book.data?.find((a) => a.id === pickedAddress) ?? book.data?.[0] ?? null;
  const [addressDialog, setAddressDialog] = useState<'pick' | 'add' | null>(null);
  const [note, setNote] = useState('');
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
    if (!address) {
      setSubmitError('请先添加收货地址');
      setAddressDialog('add');
      return;
    }
    submittingRef.current = true;
    setSubmitting(true);
    setSubmitError(null);
    const couponId = quote.coupon?.id;
    const trimmed = note.trim();
    // One id per intent (this SKU, quantity, coupon, address and note) until a final answer: a
    // retry after a lost answer gets the order the first attempt made, never a second order.
    const requestId = intent.current.id(`${skuId}:${qty}:${couponId ?? ''}:${quote.totalFen}:${address.id}:${trimmed}`);
    try {
      // The total on screen: if the server would now charge another (a flash sale just sold out), it refuses.
      const created = await call('order', 'create', {
        skuId,
        qty,
        requestId,
        addressId: address.id,
        expectedTotalFen: quote.totalFen,
        ...(couponId ? { couponId } : {}),
        ...(trimmed ? { note: trimmed } : {}),
      });
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
            <Button className='confirm-page__button confirm-page__button--plain' onClick={() => void Taro.redirectTo({ url: orderDetailUrl(order.id) })}>
              查看订单
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

  // The goods cannot be had as asked: the reason and the way back, never a retry that cannot help.
  const refusal = finalRefusal(quoted.failure);
  if (refusal) return <Refusal reason={refusal} />;

  if (!quote) {
    return (
      <View className='app-page confirm-page'>
        {quoteError ? (
          <View className='confirm-page__msg' onClick={() => void quoted.reload()}>
            {quoteError}，点击重试
          </View>
        ) : (
          <View className='confirm-page__card'>
            <Skeleton className='confirm-page__skeleton' />
          </View>
        )}
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
      <View className='confirm-page__card confirm-page__address'>
        {book.data === null ? (
          book.error ? (
            <View className='confirm-page__address-empty' onClick={() => void book.reload()}>
              {book.error}，点击重试
            </View>
          ) : (
            <Skeleton className='confirm-page__address-skeleton' />
          )
        ) : address ? (
          <AddressCard address={address} isDefault={address.isDefault} onClick={() => setAddressDialog('pick')} />
        ) : (
          <View className='confirm-page__address-empty confirm-page__add-address' onClick={() => setAddressDialog('add')}>
            <Text>＋ 添加收货地址</Text>
            <Text className='confirm-page__arrow'>›</Text>
          </View>
        )}
      </View>

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
        {!quote.flashSale && quote.flashAllowance?.left === 0 && (
          <View className='confirm-page__allowance'>
            秒杀每人限购 {quote.flashAllowance.limit} 件，你已抢购 {quote.flashAllowance.used} 件，本单按会员价计
          </View>
        )}
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
        <Row kind='shipping' saving={quote.shippingFen === 0} label='运费' value={shippingText(quote)} />
        <Row kind='total' label='实付' value={formatYuan(quote.totalFen)} />
        {quote.pointsToEarn > 0 && <View className='confirm-page__points'>支付后可得 {quote.pointsToEarn} 积分</View>}
      </View>

      <View className='confirm-page__card confirm-page__note'>
        <Text className='confirm-page__row-label'>订单备注</Text>
        <Input
          className='confirm-page__note-input'
          value={note}
          maxlength={100}
          placeholder='选填，100 字以内'
          onInput={(e) => setNote(e.detail.value)}
        />
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

      {addressDialog === 'pick' && book.data && (
        <AddressPicker
          addresses={book.data}
          selectedId={address?.id ?? null}
          onPick={(a) => {
            setPickedAddress(a.id);
            setAddressDialog(null);
          }}
          onAdd={() => setAddressDialog('add')}
          onCancel={() => setAddressDialog(null)}
        />
      )}
      {addressDialog === 'add' && (
        <AddressEditor
          offerDefault={(book.data?.length ?? 0) > 0}
          onSaved={(id) => {
            setPickedAddress(id);
            setAddressDialog(null);
            setSubmitError(null);
            void book.reload();
          }}
          onCancel={() => setAddressDialog(null)}
        />
      )}
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
