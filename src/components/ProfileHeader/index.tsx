import { Image, Text, View } from '@tarojs/components';
import type { MemberProfile } from '@cloud/contract';
import Skeleton from '@/components/Skeleton';
import { imageUrl } from '@/services/image-url';
import { formatExpiring, memberName } from '@/utils/format';
import './index.css';

export interface ProfileHeaderProps {
  profile: MemberProfile | null;
  balance: number | null;
  expiring?: { points: number; on: string } | null;
}

const ROLE_TAGS = { member: '会员', guide: '导购', admin: '运营' } as const;

/**
 * Avatar (a placeholder circle until the member sets one), nickname and points balance; blocks
 * in their place until the server answered (no 微信用户 or balance drawn as if known).
 */
export default function ProfileHeader({ profile, balance, expiring }: ProfileHeaderProps) {
  if (!profile) {
    return (
      <View className='profile profile--loading' aria-busy>
        <View className='profile__who'>
          <View className='profile__avatar profile__avatar--skeleton' />
          <View className='profile__names'>
            <Skeleton light className='profile__skeleton-name' />
          </View>
        </View>
        <View className='profile__points'>
          <Skeleton light className='profile__skeleton-balance' />
          <Text className='profile__unit'>我的积分</Text>
        </View>
      </View>
    );
  }
  const name = memberName(profile.nickname);
  return (
    <View className='profile'>
      <View className='profile__who'>
        {profile.avatarUrl ? (
          <Image className='profile__avatar' src={imageUrl(profile.avatarUrl)!} mode='aspectFill' />
        ) : (
          <View className='profile__avatar profile__avatar--placeholder'>{name.slice(0, 1)}</View>
        )}
        <View className='profile__names'>
          <Text className='profile__name'>{name}</Text>
          <Text className='profile__tag'>{profile.role === 'member' ? profile.tier.name : ROLE_TAGS[profile.role]}</Text>
        </View>
      </View>
      <View className='profile__points'>
        {balance === null ? <Skeleton light className='profile__skeleton-balance' /> : <Text className='profile__balance'>{balance}</Text>}
        <Text className='profile__unit'>我的积分</Text>
        {expiring && <Text className='profile__expiring'>{formatExpiring(expiring)}</Text>}
      </View>
    </View>
  );
}
