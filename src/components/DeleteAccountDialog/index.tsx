import { Text, View } from '@tarojs/components';
import Dialog from '../Dialog';
import './index.css';

export interface DeleteAccountDialogProps {
  busy?: boolean;
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/** 注销账号: what is erased, what is kept (and why), before the member confirms. */
export default function DeleteAccountDialog({ busy, error, onConfirm, onCancel }: DeleteAccountDialogProps) {
  return (
    <Dialog title='注销账号' confirmText='确认注销' cancelText='再想想' busy={busy} error={error} onConfirm={onConfirm} onCancel={onCancel}>
      <View className='delete-account'>
        <View className='delete-account__p'>注销后无法恢复，请确认：</View>
        <View className='delete-account__p'>
          <Text className='delete-account__em'>将删除：</Text>
          头像、昵称、生日和隐私授权；地址簿，以及订单、积分换购和抽奖奖品上的收货地址（尚未发货的将不再发货）；你的微信身份标识和登录信息。
        </View>
        <View className='delete-account__p'>
          <Text className='delete-account__em'>将作废：</Text>
          未使用的优惠券和抽奖机会、积分余额；未支付的订单将被取消，已支付但尚未发货的订单将全额退款。
        </View>
        <View className='delete-account__p'>
          <Text className='delete-account__em'>将保留：</Text>
          已支付的订单、积分和成长值流水等依法需要保存的交易记录，其中不再含有能识别你的信息。
        </View>
        <View className='delete-account__p'>之后用同一微信再次进入，将是一个全新的会员。如需留存记录，请先「导出我的数据」。</View>
      </View>
    </Dialog>
  );
}
