import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { AdminGift, AdminOrderListItem } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import { usePaged, type Page, type PagedState } from '@/hooks/use-paged';
import { call } from '@/services/api';
import { imageUrl } from '@/services/image-url';
import { formatTime, memberName } from '@/utils/format';
import { formatYuan } from '@/utils/money';
import PagedList from '../components/PagedList';
import ShipDialog from '../components/ShipDialog';
import { ADMIN_ORDER_STATUS_NAMES, AFTER_SALES_NAMES, GIFT_KIND_NAMES, GIFT_STATE_NAMES, ORDER_TABS, type OrderTabKey } from '../components/order-labels';
import './index.css';

const EMPTY: Record<OrderTabKey, string> = {
  paid: '没有待发货的订单',
  refunding: '没有待处理的售后申请',
  shipped: '没有已发货的订单',
  all: '还没有订单',
  gifts: '没有待发的礼品',
};

export const orderUrl = (id: string) => `/packages/admin/order/index?id=${id}`;

function OrderRow({ order }: { order: AdminOrderListItem }) {
  const src = imageUrl(order.goods.imageUrl);
  return (
    <View className='admin-order-row' data-order={order.id} data-status={order.status} onClick={() => void Taro.navigateTo({ url: orderUrl(order.id) })}>
      {src ? <Image className='admin-order-row__image' src={src} mode='aspectFill' lazyLoad /> : <View className='admin-order-row__image' />}
      <View className='admin-order-row__main'>
        <View className='admin-order-row__line'>
          <Text className='admin-order-row__name'>{order.goods.name}</Text>
          <Text className={`admin-order-row__status admin-order-row__status--${order.status}`}>
            {order.openAfterSales ? AFTER_SALES_NAMES[order.openAfterSales] : ADMIN_ORDER_STATUS_NAMES[order.status]}
          </Text>
        </View>
        <Text className='admin-order-row__sub'>
          {order.goods.skuLabel} × {order.goods.qty} · {memberName(order.member.nickname)}
        </Text>
        <View className='admin-order-row__line'>
          <Text className='admin-order-row__time'>
            #{order.id} · {formatTime(order.paidAt ?? order.createdAt)}
            {order.paidAt ? ' 付款' : ' 下单'}
          </Text>
          <Text className='admin-order-row__total'>{formatYuan(order.totalFen)}</Text>
        </View>
      </View>
    </View>
  );
}

function GiftRow({ gift, onShip }: { gift: AdminGift; onShip(g: AdminGift): void }) {
  const a = gift.address;
  return (
    <View className='admin-gift-row' data-gift={`${gift.kind}-${gift.id}`} data-state={gift.fulfilment}>
      <View className='admin-order-row__line'>
        <Text className='admin-order-row__name'>{gift.name}</Text>
        <Text className={`admin-gift-row__state admin-gift-row__state--${gift.fulfilment}`}>{GIFT_STATE_NAMES[gift.fulfilment]}</Text>
      </View>
      <Text className='admin-order-row__sub'>
        {GIFT_KIND_NAMES[gift.kind]} · {memberName(gift.member.nickname)}（ID {gift.member.id}）· {formatTime(gift.createdAt)}
      </Text>
      {a ? (
        <View className='admin-gift-row__address'>
          <Text className='admin-gift-row__who'>
            {a.name} {a.phone}
          </Text>
          <Text className='admin-gift-row__where'>
            {a.region} {a.detail}
          </Text>
        </View>
      ) : (
        <View className='admin-gift-row__address admin-gift-row__address--none'>会员还没有填写收货地址</View>
      )}
      {gift.fulfilment === 'to_ship' && (
        <View className='admin-gift-row__foot'>
          <Button className='admin-gift-row__ship' size='mini' onClick={() => onShip(gift)}>
            发货
          </Button>
        </View>
      )}
    </View>
  );
}

const isTab = (key: string | undefined): key is OrderTabKey => ORDER_TABS.some((t) => t.key === key);

/** A list the page scrolls: the next page at the bottom, the first again when the page shows again (back from an order it may have changed). */
function usePageList<T>(list: PagedState<Page<T>>) {
  useReachBottom(() => void list.loadMore());
  useDidShow(() => {
    if (list.items) void list.reload();
  });
}

/** Shop orders of one status (or all), newest first, found by order or member id. */
function OrdersTab({ tab }: { tab: Exclude<OrderTabKey, 'gifts'> }) {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const list = usePaged(
    (cursor) => call('admin', 'orders', { ...(tab === 'all' ? {} : { status: tab }), ...(query ? { query } : {}), ...(cursor ? { cursor } : {}) }),
    [tab, query],
  );
  usePageList(list);

  const search = () => {
    const q = typed.trim();
    if (q && !/^\d{1,18}$/.test(q)) {
      setHint('请输入数字订单号或会员 ID');
      return;
    }
    setHint(null);
    setQuery(q);
  };
  const clear = () => {
    setTyped('');
    setQuery('');
    setHint(null);
  };
  return (
    <>
      <View className='admin-orders__search'>
        <Input
          className='admin-orders__input'
          value={typed}
          maxlength={18}
          confirmType='search'
          placeholder='订单号或会员 ID'
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={search}
        />
        <Button className='admin-orders__go' size='mini' onClick={search}>
          搜索
        </Button>
      </View>
      {hint && <View className='admin-orders__hint'>{hint}</View>}
      <PagedList
        list={list}
        className='admin-orders__list'
        empty={query ? <EmptyState compact text='没有找到这个订单号或会员的订单' action={{ text: '清除搜索', onClick: clear }} /> : <EmptyState compact text={EMPTY[tab]} />}
        row={(o) => <OrderRow key={o.id} order={o} />}
      />
    </>
  );
}

/** 礼品待发: mall goods and lottery prizes, oldest first; one with an address ships from here. */
function GiftsTab() {
  const list = usePaged((cursor) => call('admin', 'fulfilment', cursor ? { cursor } : {}), []);
  usePageList(list);
  const [shipping, setShipping] = useState<AdminGift | null>(null);
  return (
    <>
      <PagedList list={list} className='admin-orders__list' empty={<EmptyState compact text={EMPTY.gifts} />} row={(g) => <GiftRow key={`${g.kind}-${g.id}`} gift={g} onShip={setShipping} />} />
      {shipping && (
        <ShipDialog
          what={`${GIFT_KIND_NAMES[shipping.kind]} · ${shipping.name} · ${memberName(shipping.member.nickname)}`}
          onCancel={() => setShipping(null)}
          send={async (carrier, trackingNo) => {
            const sent = await call('admin', 'shipPrize', { kind: shipping.kind, id: shipping.id, carrier, trackingNo });
            setShipping(null);
            list.setItems((items) => items.filter((g) => !(g.kind === sent.kind && g.id === sent.id)));
            void Taro.showToast({ title: '已发货', icon: 'none', duration: 1500 });
          }}
        />
      )}
    </>
  );
}

/** 订单: shop orders by status (待发货 / 售后 / 已发货 / 全部); 礼品待发: mall goods and lottery prizes to ship. */
export function AdminOrdersScreen({ initialTab = 'paid' }: { initialTab?: OrderTabKey }) {
  const [tab, setTab] = useState<OrderTabKey>(initialTab);
  return (
    <View className='app-page admin-orders'>
      <View className='admin-orders__tabs'>
        {ORDER_TABS.map((t) => (
          <Text key={t.key} className={`admin-orders__tab admin-orders__tab--${t.key} ${tab === t.key ? 'admin-orders__tab--on' : ''}`} onClick={() => setTab(t.key)}>
            {t.name}
          </Text>
        ))}
      </View>
      {tab === 'gifts' ? <GiftsTab /> : <OrdersTab tab={tab} />}
    </View>
  );
}

export default function AdminOrdersPage() {
  const { params } = useRouter();
  return (
    <SessionGate>
      <AdminGate>
        <AdminOrdersScreen initialTab={isTab(params.tab) ? params.tab : 'paid'} />
      </AdminGate>
    </SessionGate>
  );
}
