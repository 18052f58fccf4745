import { Image, View } from '@tarojs/components';
import { imageUrl } from '@/services/image-url';
import { memberName } from '@/utils/format';
import './index.css';

export interface MemberAvatarProps {
  nickname: string | null;
  avatarUrl: string | null;
  size?: 'small' | 'medium';
}

/** A member's avatar, or a circle with the first character of the nickname until one is set. */
export default function MemberAvatar({ nickname, avatarUrl, size = 'medium' }: MemberAvatarProps) {
  const src = imageUrl(avatarUrl);
  const className = `member-avatar member-avatar--${size}`;
  if (src) return <Image className={className} src={src} mode='aspectFill' />;
  return <View className={`${className} member-avatar--placeholder`}>{memberName(nickname).slice(0, 1)}</View>;
}
