import { Button, Image, View } from '@tarojs/components';
import type { ChangeEvent } from 'react';
import { imageUrl } from '@/services/image-url';
import { uploadAvatarBlob, uploadAvatarFile } from '@/services/media';
import { flag } from '@/utils/flag';
import './index.css';

export interface AvatarPickerProps {
  avatarUrl: string | null;
  /** An upload is on its way: no second pick. */
  busy?: boolean;
  /** An image was picked: the upload that turns it into an avatar URL (the caller saves it). */
  onPick(upload: () => Promise<string>): void;
}

/**
 * The avatar, tapped to pick another: WeChat's chooseAvatar button in weapp, a file input
 * (JPG, PNG or WebP) in H5. Both go through the avatar upload (services/media).
 */
export default function AvatarPicker({ avatarUrl, busy, onPick }: AvatarPickerProps) {
  const src = imageUrl(avatarUrl);
  const face = src ? (
    <Image className='avatar-picker__image' src={src} mode='aspectFill' />
  ) : (
    <View className='avatar-picker__image avatar-picker__image--empty'>+</View>
  );

  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Button
        className='avatar-picker'
        openType='chooseAvatar'
        disabled={flag(busy)}
        onChooseAvatar={(e) => {
          const path = e.detail.avatarUrl;
          if (path) onPick(() => uploadAvatarFile(path));
        }}
      >
        {face}
      </Button>
    );
  }

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) onPick(() => uploadAvatarBlob(file));
  };
  return (
    <View className='avatar-picker'>
      {face}
      <input
        className='avatar-picker__file'
        type='file'
        accept='image/jpeg,image/png,image/webp'
        aria-label='选择头像'
        disabled={flag(busy)}
        onChange={onFile}
      />
    </View>
  );
}
