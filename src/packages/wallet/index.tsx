import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { CouponView } from '@cloud/contract';
import CouponCard from '@/components/CouponCard';
import CouponQr from '@/components/CouponQr';
import EmptyState, { type EmptyStateAction } from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { HOME_URL, MALL_URL } from '@/services/navigation';
import { couponCondition, couponValue } from '@/utils/money';
import './index.css';

export type WalletTab = 'available' | 'used' | 'expired';

export const WALLET_TABS: Array<{ key: WalletTab; label: string; empty: string; next?: EmptyStateAction }> = [
  { key: 'available', label: '可用', empty: '暂无可用的券，用积分就能兑换', next: { text: '去领券', url: MALL_URL } },
  { key: 'used', label: '已使用', empty: '还没有使用过的券', next: { text: '去逛逛', url: HOME_URL } },
  { key: 'expired', label: '已过期', empty: '没有过期的券' },
];

const WEAPP_ONLY_CATCH_MOVE = process.env.TARO_ENV === 'weapp' ? { catchMove: true } : {};

/** The coupon at the till: its code as text and as a QR code for the guide to scan. */
function CouponDetail({ coupon, onClose }: { coupon: CouponView; onClose(): void }) {
  return (
    <View className='coupon-detail' {...WEAPP_ONLY_CATCH_MOVE} onClick={onClose}>
      <View className='coupon-detail__panel' role='dialog' aria-label={coupon.name} onClick={(e) => e.stopPropagation()}>
        <View className='coupon-detail__name'>{coupon.name}</View>
        <View className='coupon-detail__value'>
          {couponValue(coupon)} · {couponCondition(coupon)}
        </View>
        <CouponQr text={coupon.code} label={`券码 ${coupon.code} 的二维码`} />
        <View className='coupon-detail__code' data-code={coupon.code}>
          {coupon.code}
        </View>
        <View className='coupon-detail__hint'>到店出示二维码或券码，由导购扫码核销</View>
        <View className='coupon-detail__validity'>
          有效期 {coupon.validFrom} 至 {coupon.validUntil}
        </View>
        <View className='coupon-detail__close' onClick={onClose}>
          关闭
        </View>
      </View>
    </View>
  );
}

export function WalletScreen() {
  const [tab, setTab] = useState<WalletTab>('available');
  const { data: coupons, error, reload } = useCall(() => call('coupon', 'mine', { status: tab }), [tab]);
  const [open, setOpen] = useState<CouponView | null>(null);

  // Back from the till: a coupon may have just been used.
  useDidShow(() => {
    if (coupons) void reload();
  });

  const switchTab = (next: WalletTab) => {
    if (next === tab) return;
    setOpen(null);
    setTab(next);
  };

  const current = WALLET_TABS.find((t) => t.key === tab)!;
  return (
    <View className='app-page wallet-page'>
      <View className='wallet-page__tabs' role='tablist'>
        {WALLET_TABS.map((t) => (
          <View
            key={t.key}
            className={`wallet-page__tab ${t.key === tab ? 'wallet-page__tab--active' : ''}`}
            role='tab'
            aria-selected={t.key === tab}
            data-tab={t.key}
            onClick={() => switchTab(t.key)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      <View className='wallet-page__list' data-tab={tab}>
        {coupons === null ? (
          <View className='wallet-page__msg' onClick={() => error && void reload()}>
            {error ? `${error}，点击重试` : '加载中…'}
          </View>
        ) : coupons.length === 0 ? (
          <EmptyState text={current.empty} action={current.next} />
        ) : (
          coupons.map((c) => <CouponCard key={c.id} coupon={c} onOpen={c.state === 'available' ? setOpen : undefined} />)
        )}
      </View>
      {open && <CouponDetail coupon={open} onClose={() => setOpen(null)} />}
    </View>
  );
}

export default function WalletPage() {
  return (
    <SessionGate>
      <WalletScreen />
    </SessionGate>
  );
}
