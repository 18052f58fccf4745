import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { CouponPreview, CouponTillStatus, CouponVerification } from '@cloud/contract';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { IS_WEAPP } from '@/services/config';
import { messageOf } from '@/services/errors';
import { useMemberStore } from '@/stores/member';
import { brandTime } from '@/components/LotteryRules';
import { couponCondition, couponValue } from '@/utils/money';
import './index.css';
import { flag } from '@/utils/flag';

/** What a guide typed or scanned, as a code: upper case, no spaces or dashes. The server checks its format. */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

const STATUS_LABELS: Record<CouponTillStatus, string> = {
  usable: '可核销',
  used: '已使用',
  expired: '已过期',
  not_yet: '未到使用时间',
  held: '待支付订单占用中',
};

/** 核销: a code typed or scanned → what it is (coupon, condition, member, validity, status) → 确认核销. */
export function VerifyScreen() {
  const profile = useMemberStore((s) => s.profile);
  const loadProfile = useMemberStore((s) => s.loadProfile);
  const fetched = useCall(loadProfile, []);
  const [code, setCode] = useState('');
  const [store, setStore] = useState('');
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<CouponPreview | null>(null);
  const [done, setDone] = useState<CouponVerification | null>(null);

  const allowed = profile?.role === 'guide' || profile?.role === 'admin';

  const onCode = (raw: string) => {
    const next = normaliseCode(raw).slice(0, 12);
    setCode(next);
    setError(null);
    setPreview(null);
    return next;
  };

  /** One request at a time; its refusal is shown under the form. */
  const run = async (work: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const lookUp = (value: string) =>
    run(async () => {
      setDone(null);
      setPreview(await call('coupon', 'preview', { code: value }));
    });

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ scanType: ['qrCode'] });
      await lookUp(onCode(res.result ?? ''));
    } catch {
      // Cancelled.
    }
  };

  const verify = (shown: CouponPreview) =>
    run(async () => {
      const trimmedStore = store.trim();
      try {
        setDone(await call('coupon', 'verify', { code: shown.coupon.code, ...(trimmedStore ? { store: trimmedStore } : {}) }));
        setPreview(null);
        setCode('');
      } catch (err) {
        // Another till may have used it meanwhile: show the coupon as it is now.
        setPreview(await call('coupon', 'preview', { code: shown.coupon.code }).catch(() => null));
        throw err;
      }
    });

  if (!profile) {
    return (
      <View className='app-page verify-page'>
        <View className='verify-page__msg' onClick={() => fetched.error && void fetched.reload()}>
          {fetched.error ? `${fetched.error}，点击重试` : '加载中…'}
        </View>
      </View>
    );
  }
  if (!allowed) {
    return (
      <View className='app-page verify-page'>
        <View className='verify-page__msg'>券码核销仅限导购和门店管理员使用</View>
      </View>
    );
  }

  return (
    <View className='app-page verify-page'>
      <View className='verify-page__card'>
        {IS_WEAPP && (
          <Button className='verify-page__scan' onClick={() => void scan()}>
            扫码核销
          </Button>
        )}
        <View className='verify-page__row'>
          <Text className='verify-page__label'>券码</Text>
          <Input
            className='verify-page__input verify-page__code'
            value={code}
            maxlength={16}
            placeholder='输入顾客出示的 12 位券码'
            onInput={(e) => onCode(e.detail.value)}
          />
        </View>
        <View className='verify-page__row'>
          <Text className='verify-page__label'>门店</Text>
          <Input
            className='verify-page__input verify-page__store'
            value={store}
            maxlength={40}
            placeholder='选填，如 静安嘉里店'
            onInput={(e) => setStore(e.detail.value)}
          />
        </View>
        {error && <View className='verify-page__error'>{error}</View>}
        {!preview && (
          <Button className='verify-page__submit verify-page__lookup' disabled={flag(busy || code.length === 0)} loading={flag(busy)} onClick={() => void lookUp(code)}>
            {busy ? '查询中…' : '查询券码'}
          </Button>
        )}
      </View>
      {preview && <PreviewCard preview={preview} busy={busy} onConfirm={() => void verify(preview)} onCancel={() => onCode('')} />}
      {done && (
        <View className='verify-page__done'>
          <View className='verify-page__done-title'>核销成功</View>
          <View className='verify-page__done-line'>{done.name}</View>
          <View className='verify-page__done-line'>券码 {done.code}</View>
          <View className='verify-page__done-line'>会员 {done.memberNickname ?? '未设置昵称'}</View>
          <View className='verify-page__done-line'>
            {brandTime(done.verifiedAt)}
            {done.store ? ` · ${done.store}` : ''}
          </View>
        </View>
      )}
    </View>
  );
}

function PreviewCard({ preview, busy, onConfirm, onCancel }: { preview: CouponPreview; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const { coupon, status, member, used } = preview;
  const rows: Array<[string, string]> = [
    ['会员', member.nickname ?? '未设置昵称'],
    ['有效期', `${coupon.validFrom} 至 ${coupon.validUntil}`],
    ['券码', coupon.code],
  ];
  if (used) {
    rows.push(['使用时间', brandTime(used.at)]);
    if (used.store) rows.push(['门店', used.store]);
    if (used.by) rows.push(['核销人', used.by]);
  }
  return (
    <View className={`verify-page__preview verify-page__preview--${status}`}>
      <View className='verify-page__preview-head'>
        <View className='verify-page__value'>
          <Text className='verify-page__amount'>{couponValue(coupon)}</Text>
          <Text className='verify-page__condition'>{couponCondition(coupon)}</Text>
        </View>
        <View className='verify-page__title'>
          <Text className='verify-page__name'>{coupon.name}</Text>
          <Text className={`verify-page__status verify-page__status--${status}`}>{STATUS_LABELS[status]}</Text>
        </View>
      </View>
      {rows.map(([label, value]) => (
        <View key={label} className='verify-page__line'>
          <Text className='verify-page__line-label'>{label}</Text>
          <Text className='verify-page__line-value'>{value}</Text>
        </View>
      ))}
      {used && <View className='verify-page__used'>{used.message}</View>}
      <View className='verify-page__actions'>
        <Button className='verify-page__again' disabled={flag(busy)} onClick={() => !busy && onCancel()}>
          重新输入
        </Button>
        {status === 'usable' && (
          <Button className='verify-page__confirm' disabled={flag(busy)} loading={flag(busy)} onClick={() => !busy && onConfirm()}>
            {busy ? '核销中…' : '确认核销'}
          </Button>
        )}
      </View>
    </View>
  );
}

export default function VerifyPage() {
  return (
    <SessionGate>
      <VerifyScreen />
    </SessionGate>
  );
}
