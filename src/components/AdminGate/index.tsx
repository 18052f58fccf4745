import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useCall } from '@/hooks/use-call';
import { useRole } from '@/hooks/use-role';
import { useMemberStore } from '@/stores/member';
import './index.css';

/** What a member or a guide sees on an admin page they reached by its address. */
export const ADMIN_ONLY = '运营工作台仅对运营人员开放';

function RoleFromProfile({ children }: { children: ReactNode }) {
  const loadProfile = useMemberStore((s) => s.loadProfile);
  const { error, reload } = useCall(loadProfile, []);
  const role = useMemberStore((s) => s.profile?.role ?? null);
  if (role) return role === 'admin' ? <>{children}</> : <View className='admin-gate'>{ADMIN_ONLY}</View>;
  return (
    <View className='admin-gate' onClick={() => error && void reload()}>
      {error ? `${error}，点击重试` : '加载中…'}
    </View>
  );
}

/**
 * Renders an admin screen for admins only (inside SessionGate): anyone else gets a sentence, and
 * the screen's calls are never made. The role comes from what the app knows already; only when
 * it knows nothing (an old session) does it ask for the profile.
 */
export default function AdminGate({ children }: { children: ReactNode }) {
  const role = useRole();
  if (role === null) return <RoleFromProfile>{children}</RoleFromProfile>;
  if (role !== 'admin') return <View className='admin-gate'>{ADMIN_ONLY}</View>;
  return <>{children}</>;
}
