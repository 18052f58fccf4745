import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Dialog from '../Dialog';
import './index.css';

export interface ConsentDialogProps {
  busy?: boolean;
  error?: string | null;
  onAgree(): void;
  onDisagree(): void;
}

function openContract() {
  try {
    Taro.openPrivacyContract({});
  } catch {
    // an older base library: the summary above is what there is
  }
}

/**
 * 隐私保护指引: what is collected, why, and how to withdraw — shown before any personal data
 * is asked for. In weapp 同意 is also WeChat's agreePrivacyAuthorization button.
 */
export default function ConsentDialog({ busy, error, onAgree, onDisagree }: ConsentDialogProps) {
  return (
    <Dialog
      title='隐私保护指引'
      confirmText='同意'
      cancelText='不同意'
      busy={busy}
      error={error}
      confirmOpenType='agreePrivacyAuthorization'
      onConfirm={onAgree}
      onCancel={onDisagree}
    >
      <View className='consent'>
        <View className='consent__p'>在你设置个人资料前，请阅读以下说明：</View>
        <View className='consent__p'>
          <Text className='consent__em'>我们收集：</Text>你的头像、昵称和生日（均由你主动填写，可不填），以及你下单时填写的收货地址。
        </View>
        <View className='consent__p'>
          <Text className='consent__em'>用途：</Text>头像和昵称用于在会员中心展示你的身份；生日用于发放会员生日礼积分；收货地址用于配送你购买的商品。我们不会将这些信息用于其他目的或提供给第三方。
        </View>
        <View className='consent__p'>
          <Text className='consent__em'>如何撤回：</Text>你可以随时在「我的 - 个人资料」中撤回隐私授权，撤回后你的头像、昵称、生日和地址簿将被删除（尚未发货的订单保留地址直到发出）。
        </View>
        {process.env.TARO_ENV === 'weapp' && (
          <View className='consent__link' onClick={openContract}>
            查看完整的《隐私保护指引》
          </View>
        )}
      </View>
    </Dialog>
  );
}
