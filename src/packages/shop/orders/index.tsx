import { View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { OrderView } from '@cloud/contract';
import Dialog from '@/components/Dialog';
import EmptyState from '@/components/EmptyState';
import OrderCard, { ORDER_STATUS_LABELS } from '@/components/OrderCard';
import PayDialog from '@/components/PayDialog';
import SessionGate from '@/components/SessionGate';
import { usePaged } from '@/hooks/use-paged';
import { call, showError } from '@/services/api';
import { messageOf } from '@/services/errors';
import { HOME_URL } from '@/services/navigation';
import { formatYuan, formatYuanExact } from '@/utils/money';
import './index.css';

export interface OrdersScreenHandle {
  loadMore(): void;
  reload(): void;
}

export interface OrdersScreenProps {
  /** ?pay=<orderId> (from 加钱换购): open this order's payment once it is known to be pending. */
  payOrderId?: string;
}

/** 我的订单: newest first, a page at a time; pending orders can be paid or cancelled here. */
export const OrdersScreen = forwardRef<OrdersScreenHandle, OrdersScreenProps>(function OrdersScreen({ payOrderId }, ref) {
  const { items: orders, hasMore, loading, error, loadMore, reload, setItems } = usePaged(
    (cursor) => call('order', 'mine', cursor ? { cursor } : {}),
    [],
  );
  const [paying, setPaying] = useState<OrderView | null>(null);
  const [cancelling, setCancelling] = useState<OrderView | null>(null);
  const [cancelBusy, setCancelBusy] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  /** Taken by the first loaded page: a reload (back on this page) must not pay again. */
  const payFor = useRef(payOrderId ?? null);

  const replace = (next: OrderView) => setItems((list) => list.map((o) => (o.id === next.id ? next : o)));

  useEffect(() => {
    const orderId = payFor.current;
    if (!orderId || orders === null) return;
    payFor.current = null;
    void (async () => {
      try {
        // Newest first, so it is almost always on the first page; else ask for it alone.
        const order = orders.find((o) => o.id === orderId) ?? (await call('order', 'detail', { orderId }));
        if (order.status === 'pending') setPaying(order);
        else void Taro.showToast({ title: `订单${ORDER_STATUS_LABELS[order.status]}`, icon: 'none', duration: 2000 });
      } catch (err) {
        showError(err);
      }
    })();
  }, [orders]);

  useImperativeHandle(ref, () => ({ loadMore: () => void loadMore(), reload: () => void reload() }), [loadMore, reload]);

  const refresh = async (order: OrderView) => {
    try {
      replace(await call('order', 'detail', { orderId: order.id }));
    } catch (err) {
      showError(err);
    }
  };

  const cancel = async () => {
    if (!cancelling || cancelBusy) return;
    setCancelBusy(true);
    setCancelError(null);
    try {
      replace(await call('order', 'cancel', { orderId: cancelling.id }));
      setCancelling(null);
      void Taro.showToast({ title: '订单已取消', icon: 'none', duration: 1500 });
    } catch (err) {
      setCancelError(messageOf(err));
    } finally {
      setCancelBusy(false);
    }
  };

  return (
    <View className='app-page orders-page'>
      {orders === null ? (
        <View className='orders-page__msg' onClick={() => error && void reload()}>
          {error ? `${error}，点击重试` : '加载中…'}
        </View>
      ) : orders.length === 0 ? (
        <EmptyState text='还没有订单，挑几件喜欢的吧' action={{ text: '去逛逛', url: HOME_URL }} />
      ) : (
        <View className='orders-page__list'>
          {orders.map((o) => (
            <OrderCard
              key={o.id}
              order={o}
              busy={paying?.id === o.id || cancelling?.id === o.id}
              onPay={setPaying}
              onCancel={(order) => {
                setCancelError(null);
                setCancelling(order);
              }}
              onExpire={(order) => void refresh(order)}
              onOpen={(url) => void Taro.navigateTo({ url })}
            />
          ))}
          {hasMore ? (
            <View className='orders-page__more' onClick={() => void loadMore()}>
              {loading ? '加载中…' : error ? `${error}，点击重试` : '加载更多'}
            </View>
          ) : (
            <View className='orders-page__end'>没有更多了</View>
          )}
        </View>
      )}

      {cancelling && (
        <Dialog
          title='取消订单'
          confirmText='确认取消'
          cancelText='再想想'
          busy={cancelBusy}
          error={cancelError}
          onConfirm={() => void cancel()}
          onCancel={() => setCancelling(null)}
        >
          <View className='orders-page__confirm'>
            {cancelling.kind === 'mall'
              ? `取消「${cancelling.product.name}」的换购（${cancelling.pointsPrice} 积分 + ${formatYuanExact(cancelling.totalFen)}）？积分将退回。`
              : `取消「${cancelling.product.name}」的订单（${formatYuan(cancelling.totalFen)}）？库存和优惠券将退回。`}
          </View>
        </Dialog>
      )}

      {paying && (
        <PayDialog
          orderId={paying.id}
          onPaid={(paid) => {
            setPaying(null);
            replace(paid);
            void Taro.showToast({ title: paid.pointsEarned > 0 ? `支付成功，获得 ${paid.pointsEarned} 积分` : '支付成功', icon: 'none', duration: 2000 });
          }}
          onClose={() => {
            const order = paying;
            setPaying(null);
            void refresh(order);
          }}
        />
      )}
    </View>
  );
});

export default function OrdersPage() {
  const { params } = useRouter();
  const handle = useRef<OrdersScreenHandle | null>(null);
  const shown = useRef(false);
  useReachBottom(() => handle.current?.loadMore());
  // Back from a product page or a payment elsewhere: statuses may have changed.
  useDidShow(() => {
    if (shown.current) handle.current?.reload();
    shown.current = true;
  });
  return (
    <SessionGate>
      <OrdersScreen ref={handle} payOrderId={params.pay || undefined} />
    </SessionGate>
  );
}
