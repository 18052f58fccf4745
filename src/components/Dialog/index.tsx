import { Button, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.css';
import { flag } from '@/utils/flag';

export interface DialogProps {
  title: string;
  children?: ReactNode;
  confirmText?: string;
  cancelText?: string;
  /** The confirm button waits (and neither button repeats). */
  busy?: boolean;
  /** A refusal to show inside the dialog (the server's Chinese message). */
  error?: string | null;
  confirmDisabled?: boolean;
  /** weapp only: e.g. 'agreePrivacyAuthorization' on a consent's 同意. */
  confirmOpenType?: 'agreePrivacyAuthorization';
  onConfirm(): void;
  onCancel(): void;
}

/** weapp: the page behind does not scroll (H5 has no such prop). */
const WEAPP_ONLY_CATCH_MOVE = process.env.TARO_ENV === 'weapp' ? { catchMove: true } : {};

/** A centred modal with 取消 / 确定, in the look of the app's cards. */
export default function Dialog({
  title,
  children,
  confirmText = '确定',
  cancelText = '取消',
  busy,
  error,
  confirmDisabled,
  confirmOpenType,
  onConfirm,
  onCancel,
}: DialogProps) {
  return (
    <View className='dialog' {...WEAPP_ONLY_CATCH_MOVE}>
      <View className='dialog__panel' role='dialog' aria-label={title}>
        <View className='dialog__title'>{title}</View>
        <View className='dialog__body'>{children}</View>
        {error && <View className='dialog__error'>{error}</View>}
        <View className='dialog__actions'>
          <Button className='dialog__button dialog__button--cancel' disabled={flag(busy)} onClick={() => !busy && onCancel()}>
            {cancelText}
          </Button>
          <Button
            className='dialog__button dialog__button--confirm'
            disabled={flag(busy || confirmDisabled)}
            loading={flag(busy)}
            {...(process.env.TARO_ENV === 'weapp' && confirmOpenType ? { openType: confirmOpenType } : {})}
            onClick={() => !busy && !confirmDisabled && onConfirm()}
          >
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  );
}
