import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { MallItemView, OrderView, RedeemResult, ShippingAddress } from '@cloud/contract';
import AddressForm from '@/components/AddressForm';
import Dialog from '@/components/Dialog';
import EmptyState from '@/components/EmptyState';
import MallItemCard from '@/components/MallItemCard';
import RedemptionList from '@/components/RedemptionList';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { serverNow } from '@/services/clock';
import { messageOf } from '@/services/errors';
import { HOME_URL } from '@/services/navigation';
import { createIntent } from '@/services/request-id';
import { useMemberStore } from '@/stores/member';
import { couponCondition, couponValue, currencyName, formatYuan, formatYuanExact } from '@/utils/money';
import './index.css';

const WALLET_URL = '/packages/wallet/index';
const payUrl = (orderId: string) => `/packages/shop/orders/index?pay=${orderId}`;

/** Whole minutes left to pay, from the order's own deadline (the server's setting decides it). */
const minutesToPay = (order: OrderView) => Math.max(1, Math.round((Date.parse(order.expiresAt) - serverNow()) / 60_000));

export interface MallScreenProps {
  /** A change reloads the list, points and 我的兑换 (the page was shown again). */
  refreshKey?: number;
  /** 'group': opened from 我的's 社群积分, the 社群积分 section is scrolled to. */
  section?: string;
}

/** Where 我的's 社群积分 leads: the mall's 社群积分 section. */
const GROUP_SECTION_ID = 'mall-group-points';

export function MallScreen({ refreshKey = 0, section }: MallScreenProps) {
  const balance = useMemberStore((s) => s.balance);
  const groupPoints = useMemberStore((s) => s.groupPoints);
  const balanceIn = (item: MallItemView) => (item.currency === 'group_points' ? groupPoints : balance);
  const mall = useCall(async () => {
    const [items, points, mine] = await Promise.all([
      call('mall', 'list', {}),
      call('points', 'balance', {}),
      call('mall', 'redemptions', {}),
    ]);
    useMemberStore.setState({ balance: points.balance, groupPoints: points.groupPoints });
    return { items, redemptions: mine.filter((r) => r.item.kind === 'goods') };
  }, []);
  const { error, reload } = mall;
  const items = mall.data?.items ?? null;
  const pointsItems = items?.filter((i) => i.currency === 'points') ?? null;
  const groupItems = items?.filter((i) => i.currency === 'group_points') ?? [];
  const [confirm, setConfirm] = useState<MallItemView | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [done, setDone] = useState<RedeemResult | null>(null);
  /** 加钱换购: the order holding the points and the item until its cash part is paid. */
  const [toPay, setToPay] = useState<OrderView | null>(null);
  /** The goods redemption whose address is being filled in. */
  const [addressFor, setAddressFor] = useState<{ redemptionId: string; name: string } | null>(null);
  const [addressBusy, setAddressBusy] = useState(false);
  const [addressError, setAddressError] = useState<string | null>(null);
  const intent = useRef(createIntent());
  const busyRef = useRef(false);

  const loaded = items !== null;
  useEffect(() => {
    if (loaded && section === 'group') void Taro.pageScrollTo({ selector: `#${GROUP_SECTION_ID}`, duration: 0 }).catch(() => undefined);
  }, [loaded, section]);

  // Shown again (back from paying): keep the list on screen while it reloads.
  useEffect(() => {
    if (refreshKey) void reload();
  }, [refreshKey, reload]);

  const openConfirm = (item: MallItemView) => {
    intent.current.reset();
    setConfirmError(null);
    setConfirm(item);
  };

  const redeem = async () => {
    if (!confirm || busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setConfirmError(null);
    // The same request id until an answer is final: 重试 after a lost answer redeems once.
    const requestId = intent.current.id(`item-${confirm.id}`);
    try {
      const result = await call('mall', 'redeem', { itemId: confirm.id, requestId });
      intent.current.settle();
      setConfirm(null);
      useMemberStore.setState(result.currency === 'group_points' ? { groupPoints: result.balance } : { balance: result.balance });
      if (result.order) setToPay(result.order);
      else if (result.needsAddress && result.redemptionId) {
        setAddressError(null);
        setAddressFor({ redemptionId: result.redemptionId, name: result.item.name });
      } else setDone(result);
      void reload();
    } catch (err) {
      intent.current.settle(err);
      setConfirmError(messageOf(err));
      void reload();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const submitAddress = async (address: ShippingAddress) => {
    if (!addressFor || addressBusy) return;
    setAddressBusy(true);
    setAddressError(null);
    try {
      await call('mall', 'setAddress', { redemptionId: addressFor.redemptionId, address });
      setAddressFor(null);
      void Taro.showToast({ title: '地址已保存，我们将尽快寄出', icon: 'none', duration: 2000 });
      void reload();
    } catch (err) {
      setAddressError(messageOf(err));
    } finally {
      setAddressBusy(false);
    }
  };

  return (
    <View className='app-page mall-page'>
      <View className='mall-page__balance'>
        <Text className='mall-page__balance-label'>我的积分</Text>
        {balance === null ? <Skeleton light className='mall-page__balance-skeleton' /> : <Text className='mall-page__balance-num'>{balance}</Text>}
      </View>
      {pointsItems === null ? (
        <View className='mall-page__msg' onClick={() => error && void reload()}>
          {error ? `${error}，点击重试` : '加载中…'}
        </View>
      ) : pointsItems.length === 0 && groupItems.length === 0 ? (
        <EmptyState text='商城暂无可兑换的商品，新品上架后再来看看' action={{ text: '去逛逛', url: HOME_URL }} />
      ) : (
        <View className='mall-page__list'>
          {pointsItems.map((item) => (
            <MallItemCard key={item.id} item={item} onRedeem={openConfirm} />
          ))}
        </View>
      )}
      {groupItems.length > 0 && (
        <View id={GROUP_SECTION_ID} className='mall-page__group'>
          <View className='mall-page__group-head'>
            <Text className='mall-page__group-title'>社群积分兑换</Text>
            {groupPoints === null ? (
              <Skeleton className='mall-page__group-skeleton' />
            ) : (
              <Text className='mall-page__group-balance'>我的社群积分 {groupPoints}</Text>
            )}
          </View>
          <View className='mall-page__group-hint'>每天从群里打开小程序、在群里签到，都能攒社群积分</View>
          <View className='mall-page__list'>
            {groupItems.map((item) => (
              <MallItemCard key={item.id} item={item} onRedeem={openConfirm} />
            ))}
          </View>
        </View>
      )}
      <RedemptionList
        items={mall.data?.redemptions ?? []}
        onAddress={(r) => {
          setAddressError(null);
          setAddressFor({ redemptionId: r.redemptionId, name: r.item.name });
        }}
      />
      {confirm && (
        <Dialog
          title={confirm.cashFen > 0 ? '确认换购' : '确认兑换'}
          confirmText={confirmError ? '重试' : confirm.cashFen > 0 ? '确认换购' : '确认兑换'}
          busy={busy}
          error={confirmError}
          onConfirm={() => void redeem()}
          onCancel={() => {
            intent.current.reset();
            setConfirm(null);
          }}
        >
          {confirm.cashFen > 0 ? (
            <View className='mall-page__confirm'>
              用 {confirm.pointsPrice} 积分 + {formatYuan(confirm.cashFen)} 换购「{confirm.name}」？
              {confirm.kind === 'goods' ? '支付后请填写收货地址。' : '支付后券放入我的卡包。'}
            </View>
          ) : (
            <View className='mall-page__confirm'>
              用 {confirm.pointsPrice} {currencyName(confirm.currency)} 兑换「{confirm.name}」？
              {confirm.kind === 'goods' ? '兑换后请填写收货地址。' : '兑换的券放入我的卡包。'}
            </View>
          )}
          {balanceIn(confirm) !== null && (
            <View className='mall-page__confirm-sub'>
              当前{currencyName(confirm.currency)} {balanceIn(confirm)}，兑换后剩余 {balanceIn(confirm)! - confirm.pointsPrice}
            </View>
          )}
        </Dialog>
      )}
      {done && (
        <Dialog
          title='兑换成功'
          confirmText={done.coupon ? '去卡包' : '好的'}
          cancelText='继续逛逛'
          onConfirm={() => {
            const coupon = done.coupon;
            setDone(null);
            if (coupon) void Taro.navigateTo({ url: WALLET_URL });
          }}
          onCancel={() => setDone(null)}
        >
          <View className='mall-page__done'>
            <View>
              {done.item.name} · 消耗 {done.points} {currencyName(done.currency)}，剩余 {done.balance} {currencyName(done.currency)}
            </View>
            {done.coupon && (
              <View className='mall-page__done-coupon'>
                {couponValue(done.coupon)} {couponCondition(done.coupon)}，已放入卡包，有效期至 {done.coupon.validUntil}
              </View>
            )}
          </View>
        </Dialog>
      )}
      {toPay && (
        <Dialog
          title='待支付'
          confirmText='去支付'
          cancelText='稍后支付'
          onConfirm={() => {
            const orderId = toPay.id;
            setToPay(null);
            void Taro.navigateTo({ url: payUrl(orderId) });
          }}
          onCancel={() => {
            setToPay(null);
            void Taro.showToast({ title: '可在「我的订单」中继续支付', icon: 'none', duration: 2500 });
          }}
        >
          <View className='mall-page__to-pay'>
            已扣除 {toPay.pointsPrice} 积分并为你保留商品，请在 {minutesToPay(toPay)} 分钟内支付 {formatYuanExact(toPay.totalFen)}
            ，超时未支付将自动取消并退回积分。
          </View>
        </Dialog>
      )}
      {addressFor && (
        <AddressForm
          kind='goods'
          itemName={addressFor.name}
          busy={addressBusy}
          error={addressError}
          onSubmit={(a) => void submitAddress(a)}
          onCancel={() => {
            setAddressFor(null);
            void Taro.showToast({ title: '可在下方「我的兑换」中补填地址', icon: 'none', duration: 2500 });
          }}
        />
      )}
    </View>
  );
}

export default function MallPage() {
  const section = useRouter().params.section;
  const [shows, setShows] = useState(0);
  const shown = useRef(false);
  // Back from paying a 加钱换购 order: its redemption (a coupon, or goods awaiting an address) exists only now.
  useDidShow(() => {
    if (shown.current) setShows((n) => n + 1);
    shown.current = true;
  });
  return (
    <SessionGate>
      <MallScreen refreshKey={shows} section={section} />
    </SessionGate>
  );
}
