import { Button, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState, type ReactNode } from 'react';
import { openPage, WALLET_URL } from '@/services/navigation';
import { getDevIdentity } from '@/services/session';
import { useSessionStore } from '@/stores/session';
import { useWelcomeStore } from '@/stores/welcome';
import IdentityPicker from '../IdentityPicker';
import WelcomeDialog from '../WelcomeDialog';
import './index.css';

/**
 * Signs in (once, shared by the pages) and renders its children when the session is ready;
 * in H5 with dev routes it shows the demo identity picker when there is no session, and
 * whenever 切换身份 opens it. The page on screen shows a new friend's welcome coupon.
 */
export default function SessionGate({ children }: { children: ReactNode }) {
  const status = useSessionStore((s) => s.status);
  const error = useSessionStore((s) => s.error);
  const identities = useSessionStore((s) => s.devIdentities);
  const pickerOpen = useSessionStore((s) => s.pickerOpen);
  const member = useSessionStore((s) => s.member);
  const ensure = useSessionStore((s) => s.ensure);
  const switchIdentity = useSessionStore((s) => s.switchIdentity);
  const closePicker = useSessionStore((s) => s.closePicker);
  const welcomeCoupon = useWelcomeStore((s) => s.coupon);
  const dismissWelcome = useWelcomeStore((s) => s.dismiss);

  // Tab pages stay mounted: only the page on screen shows the picker.
  const [onScreen, setOnScreen] = useState(true);
  useDidShow(() => {
    setOnScreen(true);
    // Signed out while this page waited in the stack (注销账号): coming back signs in afresh.
    if (useSessionStore.getState().status === 'idle') void ensure();
  });
  useDidHide(() => setOnScreen(false));

  useEffect(() => {
    void ensure();
  }, [ensure]);

  return (
    <View className='session-gate'>
      {status === 'ready' && children}
      {(status === 'idle' || status === 'signing-in') && <View className='session-gate__msg'>正在登录…</View>}
      {status === 'error' && (
        <View className='session-gate__msg'>
          <View>{error ?? '登录失败'}</View>
          <Button className='session-gate__retry' size='mini' onClick={() => void ensure()}>
            重试
          </Button>
        </View>
      )}
      {status === 'needs-identity' && !pickerOpen && <View className='session-gate__msg'>请选择身份</View>}
      {pickerOpen && onScreen && identities && (
        <IdentityPicker
          identities={identities}
          current={member ? getDevIdentity()?.openid : null}
          busy={status === 'signing-in'}
          error={status === 'needs-identity' ? error : null}
          onPick={(identity) => void switchIdentity(identity.openid, identity.role).catch(() => undefined)}
          onClose={status === 'ready' ? closePicker : undefined}
        />
      )}
      {status === 'ready' && onScreen && welcomeCoupon && (
        <WelcomeDialog
          coupon={welcomeCoupon}
          onClose={dismissWelcome}
          onWallet={() => {
            dismissWelcome();
            void openPage(WALLET_URL);
          }}
        />
      )}
    </View>
  );
}
