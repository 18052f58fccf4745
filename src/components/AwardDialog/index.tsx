import { Button, Text, View } from '@tarojs/components';
import type { AwardView, DrawResult } from '@cloud/contract';
import { couponCondition, couponValue } from '@/utils/money';
import './index.css';

export interface AwardDialogProps {
  result: DrawResult;
  onClose(): void;
  onWallet(): void;
  onAddress(award: AwardView): void;
}

const WEAPP_ONLY_CATCH_MOVE = process.env.TARO_ENV === 'weapp' ? { catchMove: true } : {};

/** What the draw gave: a coupon (去卡包), points, goods (填写收货地址) or 谢谢参与. */
export default function AwardDialog({ result, onClose, onWallet, onAddress }: AwardDialogProps) {
  const award = result.won ? result.award : null;
  const kind = award ? result.prize.kind : 'none';
  let body;
  let action: { text: string; run(): void } | null = null;
  if (award && award.coupon) {
    body = (
      <View className='award-dialog__coupon'>
        <Text className='award-dialog__value'>{couponValue(award.coupon)}</Text>
        <Text className='award-dialog__sub'>
          {award.coupon.name} · {couponCondition(award.coupon)}
        </Text>
        <Text className='award-dialog__sub'>已放入卡包，有效期至 {award.coupon.validUntil}</Text>
      </View>
    );
    action = { text: '去卡包', run: onWallet };
  } else if (award && award.points !== null) {
    body = (
      <View className='award-dialog__coupon'>
        <Text className='award-dialog__value'>+{award.points} 积分</Text>
        <Text className='award-dialog__sub'>已存入你的积分账户，当前积分 {result.balance}</Text>
      </View>
    );
  } else if (award) {
    body = (
      <View className='award-dialog__coupon'>
        <Text className='award-dialog__value award-dialog__value--goods'>{award.prize.name}</Text>
        <Text className='award-dialog__sub'>
          {award.fulfilment === 'pending_address' ? '请填写收货地址，我们将尽快寄出' : '我们将尽快寄出'}
        </Text>
      </View>
    );
    if (award.fulfilment === 'pending_address') action = { text: '填写收货地址', run: () => onAddress(award) };
  } else {
    body = (
      <View className='award-dialog__coupon'>
        <Text className='award-dialog__value award-dialog__value--none'>谢谢参与</Text>
        <Text className='award-dialog__sub'>差一点点，下次好运！</Text>
      </View>
    );
  }
  return (
    <View className='award-dialog' {...WEAPP_ONLY_CATCH_MOVE}>
      <View className={`award-dialog__panel award-dialog__panel--${kind}`} role='dialog' aria-label='抽奖结果' data-kind={kind}>
        <View className='award-dialog__title'>{award ? `恭喜获得 ${result.prize.name}` : '再接再厉'}</View>
        {body}
        <View className='award-dialog__chances'>剩余抽奖机会 {result.chancesLeft} 次</View>
        <View className='award-dialog__actions'>
          <Button className='award-dialog__button award-dialog__button--close' onClick={onClose}>
            {action ? '稍后' : '知道了'}
          </Button>
          {action && (
            <Button className='award-dialog__button award-dialog__button--primary' onClick={action.run}>
              {action.text}
            </Button>
          )}
        </View>
      </View>
    </View>
  );
}
