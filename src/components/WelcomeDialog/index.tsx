import { Text, View } from '@tarojs/components';
import type { CouponView } from '@cloud/contract';
import { couponCondition, couponValue } from '@/utils/money';
import Dialog from '../Dialog';
import './index.css';

export interface WelcomeDialogProps {
  coupon: CouponView;
  onWallet(): void;
  onClose(): void;
}

/** 新人礼: the welcome coupon a new friend of an invite received, in the app's own dialog. */
export default function WelcomeDialog({ coupon, onWallet, onClose }: WelcomeDialogProps) {
  return (
    <Dialog title='新人礼券已放入卡包' confirmText='去卡包' cancelText='知道了' onConfirm={onWallet} onCancel={onClose}>
      <View className='welcome-dialog'>
        <Text className='welcome-dialog__value'>{couponValue(coupon)}</Text>
        <Text className='welcome-dialog__name'>
          {coupon.name} · {couponCondition(coupon)}
        </Text>
        <Text className='welcome-dialog__validity'>有效期至 {coupon.validUntil}</Text>
      </View>
    </Dialog>
  );
}
