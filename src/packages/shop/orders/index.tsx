import { View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { OrderTab, OrderView } from '@cloud/contract';
import Dialog from '@/components/Dialog';
import EmptyState from '@/components/EmptyState';
import OrderCard, { orderStatusLabel } from '@/components/OrderCard';
import PayDialog from '@/components/PayDialog';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { usePaged } from '@/hooks/use-paged';
import { call, showError } from '@/services/api';
import { messageOf } from '@/services/errors';
import { HOME_URL } from '@/services/navigation';
import { formatYuan, formatYuanExact } from '@/utils/money';
import './index.css';

export const ORDER_TAB_LABELS: Array<{ key: OrderTab | 'all'; label: string; empty: string }> = [
  { key: 'all', label: '全部', empty: '还没有订单，挑几件喜欢的吧' },
  { key: 'pending', label: '待支付', empty: '没有待支付的订单' },
  { key: 'to_ship', label: '待发货', empty: '没有待发货的订单' },
  { key: 'to_receive', label: '待收货', empty: '没有在路上的订单' },
  { key: 'completed', label: '已完成', empty: '还没有完成的订单' },
  { key: 'after_sales', label: '售后', empty: '没有售后中的订单' },
];

const isTab = (value: string | undefined): value is OrderTab => ORDER_TAB_LABELS.some((t) => t.key !== 'all' && t.key === value);

export interface OrdersScreenHandle {
  loadMore(): void;
  reload(): void;
}

export interface OrdersScreenProps {
  /** ?pay=<orderId> (from 加钱换购): open this order's payment once it is known to be pending. */
  payOrderId?: string;
  /** ?tab=<tab>: the tab to open on (全部 without it). */
  initialTab?: string;
}

/**
 * 我的订单: tabs by status (全部 / 待支付 / 待发货 / 待收货 / 已完成 / 售后), newest first, a page
 * at a time; pending orders can be paid or cancelled here, shipped ones confirmed; every card
 * opens its order's detail.
 */
export const OrdersScreen = forwardRef<OrdersScreenHandle, OrdersScreenProps>(function OrdersScreen({ payOrderId, initialTab }, ref) {
  const [tab, setTab] = useState<OrderTab | 'all'>(isTab(initialTab) ? initialTab : 'all');
  const { items: orders, hasMore, loading, error, loadMore, reload, setItems } = usePaged(
    (cursor) => call('order', 'mine', { ...(tab === 'all' ? {} : { status: tab }), ...(cursor ? { cursor } : {}) }),
    [tab],
  );
  const [paying, setPaying] = useState<OrderView | null>(null);
  const [cancelling, setCancelling] = useState<OrderView | null>(null);
  const [confirming, setConfirming] = useState<OrderView | null>(null);
  const [dialogBusy, setDialogBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
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
        else void Taro.showToast({ title: `订单${orderStatusLabel(order)}`, icon: 'none', duration: 2000 });
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

  /** 取消订单 or 确认收货, asked first in a dialog: the dialog shows a refusal. */
  const act = async (order: OrderView, action: 'cancel' | 'confirmReceipt', done: string) => {
    if (dialogBusy) return;
    setDialogBusy(true);
    setDialogError(null);
    try {
      replace(await call('order', action, { orderId: order.id }));
      setCancelling(null);
      setConfirming(null);
      void Taro.showToast({ title: done, icon: 'none', duration: 1500 });
    } catch (err) {
      setDialogError(messageOf(err));
    } finally {
      setDialogBusy(false);
    }
  };

  const empty = ORDER_TAB_LABELS.find((t) => t.key === tab)!.empty;

  return (
    <View className='app-page orders-page'>
      <View className='orders-page__tabs'>
        {ORDER_TAB_LABELS.map((t) => (
          <View
            key={t.key}
            className={`orders-page__tab ${t.key === tab ? 'orders-page__tab--active' : ''}`}
            data-tab={t.key}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </View>
        ))}
      </View>
      {orders === null ? (
        error ? (
          <View className='orders-page__msg' onClick={() => void reload()}>
            {error}，点击重试
          </View>
        ) : (
          <View className='orders-page__list'>
            {[0, 1].map((i) => (
              <View key={i} className='orders-page__skeleton-card'>
                <Skeleton className='orders-page__skeleton' />
              </View>
            ))}
          </View>
        )
      ) : orders.length === 0 ? (
        <EmptyState text={empty} action={{ text: '去逛逛', url: HOME_URL }} />
      ) : (
        <View className='orders-page__list'>
          {orders.map((o) => (
            <OrderCard
              key={o.id}
              order={o}
              busy={paying?.id === o.id || cancelling?.id === o.id || confirming?.id === o.id}
              onPay={setPaying}
              onCancel={(order) => {
                setDialogError(null);
                setCancelling(order);
              }}
              onConfirm={(order) => {
                setDialogError(null);
                setConfirming(order);
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
          busy={dialogBusy}
          error={dialogError}
          onConfirm={() => void act(cancelling, 'cancel', '订单已取消')}
          onCancel={() => setCancelling(null)}
        >
          <View className='orders-page__confirm'>
            {cancelling.kind === 'mall'
              ? `取消「${cancelling.product.name}」的换购（${cancelling.pointsPrice} 积分 + ${formatYuanExact(cancelling.totalFen)}）？积分将退回。`
              : `取消「${cancelling.product.name}」的订单（${formatYuan(cancelling.totalFen)}）？库存和优惠券将退回。`}
          </View>
        </Dialog>
      )}

      {confirming && (
        <Dialog
          title='确认收货'
          confirmText='确认收货'
          cancelText='还没收到'
          busy={dialogBusy}
          error={dialogError}
          onConfirm={() => void act(confirming, 'confirmReceipt', '已确认收货')}
          onCancel={() => setConfirming(null)}
        >
          <View className='orders-page__confirm'>确认已收到「{confirming.product.name}」？确认后订单完成。</View>
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
  // Back from an order's detail, a product page or a payment elsewhere: statuses may have changed.
  useDidShow(() => {
    if (shown.current) handle.current?.reload();
    shown.current = true;
  });
  return (
    <SessionGate>
      <OrdersScreen ref={handle} payOrderId={params.pay || undefined} initialTab={params.tab} />
    </SessionGate>
  );
}
