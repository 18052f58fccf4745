import { Text, View } from '@tarojs/components';
import type { Role } from '@cloud/contract';
import type { DevIdentity } from '@/services/session';
import './index.css';

export interface IdentityPickerProps {
  identities: DevIdentity[];
  /** openid of the identity in use, if any. */
  current?: string | null;
  busy?: boolean;
  error?: string | null;
  onPick(identity: DevIdentity): void;
  /** Absent when a choice is required (no session yet). */
  onClose?(): void;
}

const ROLE_LABELS: Record<Role, string> = { member: '会员', guide: '导购', admin: '运营' };

/** Development only: pick one of the server's demo identities. */
export default function IdentityPicker({ identities, current, busy, error, onPick, onClose }: IdentityPickerProps) {
  return (
    <View className='identity-picker'>
      <View className='identity-picker__panel'>
        <View className='identity-picker__title'>选择演示身份</View>
        <View className='identity-picker__sub'>开发环境：以演示账号进入，体验不同角色</View>
        {identities.map((identity) => (
          <View
            key={identity.openid}
            className={`identity-picker__item ${identity.openid === current ? 'identity-picker__item--current' : ''}`}
            onClick={() => !busy && onPick(identity)}
          >
            <Text className='identity-picker__label'>{identity.label}</Text>
            <Text className='identity-picker__role'>
              {ROLE_LABELS[identity.role]}
              {identity.openid === current ? '（当前）' : ''}
            </Text>
          </View>
        ))}
        {error && <View className='identity-picker__error'>{error}</View>}
        {onClose && (
          <View className='identity-picker__close' onClick={onClose}>
            取消
          </View>
        )}
      </View>
    </View>
  );
}
