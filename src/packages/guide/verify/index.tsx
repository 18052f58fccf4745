import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { CouponVerification } from '@cloud/contract';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { IS_WEAPP } from '@/services/config';
import { messageOf } from '@/services/errors';
import { useMemberStore } from '@/stores/member';
import { brandTime } from '@/components/LotteryRules';
import './index.css';
import { flag } from '@/utils/flag';

/** The alphabet of coupon codes (cloud/domain/coupon-code: no 0/O, 1/I/L), 12 characters. */
const CODE_PATTERN = /^[2-9A-HJKMNP-Z]{12}$/;

/** What a guide typed or scanned, as a code: upper case, no spaces or dashes. */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function VerifyScreen() {
  const profile = useMemberStore((s) => s.profile);
  const loadProfile = useMemberStore((s) => s.loadProfile);
  const fetched = useCall(loadProfile, []);
  const [code, setCode] = useState('');
  const [store, setStore] = useState('');
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CouponVerification | null>(null);

  const allowed = profile?.role === 'guide' || profile?.role === 'admin';

  const onCode = (raw: string) => {
    const next = normaliseCode(raw).slice(0, 12);
    setCode(next);
    setError(null);
    return next;
  };

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ scanType: ['qrCode'] });
      const scanned = onCode(res.result ?? '');
      if (!CODE_PATTERN.test(scanned)) setError('没有识别到券码，请对准顾客的券码二维码');
    } catch {
      // Cancelled.
    }
  };

  const verify = async () => {
    if (busyRef.current) return;
    if (!CODE_PATTERN.test(code)) {
      setError('请输入 12 位券码（字母和数字）');
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const trimmedStore = store.trim();
      setDone(await call('coupon', 'verify', { code, ...(trimmedStore ? { store: trimmedStore } : {}) }));
      setCode('');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

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
        <Button className='verify-page__submit' disabled={flag(busy || code.length === 0)} loading={flag(busy)} onClick={() => void verify()}>
          {busy ? '核销中…' : '核销'}
        </Button>
      </View>
      {done && (
        <View className='verify-page__done'>
          <View className='verify-page__done-title'>核销成功</View>
          <View className='verify-page__done-line'>{done.name}</View>
          <View className='verify-page__done-line'>券码 {done.code}</View>
          <View className='verify-page__done-line'>会员 {done.memberNickname ?? '微信用户'}</View>
          <View className='verify-page__done-line'>
            {brandTime(done.verifiedAt)}
            {done.store ? ` · ${done.store}` : ''}
          </View>
        </View>
      )}
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
