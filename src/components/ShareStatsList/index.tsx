import { Image, Text, View } from '@tarojs/components';
import type { ShareStats } from '@cloud/contract';
import { imageUrl } from '@/services/image-url';
import { HOME_URL } from '@/services/navigation';
import { brandDayClock } from '@/utils/brand-time';
import { formatYuan } from '@/utils/money';
import EmptyState from '../EmptyState';
import './index.css';

/** What each of my shares brought: the product card, its viewers, orders and GMV. */
export default function ShareStatsList({ shares }: { shares: ShareStats[] }) {
  if (shares.length === 0) {
    return (
      <View className='share-stats__empty'>
        <EmptyState compact text='这段时间还没有分享，在商品页把卡片分享到群里' action={{ text: '去分享商品', url: HOME_URL }} />
      </View>
    );
  }
  return (
    <View className='share-stats'>
      {shares.map((s) => {
        const image = imageUrl(s.product?.imageUrl);
        return (
          <View key={s.shareId} className='share-stats__row' data-share-id={s.shareId}>
            {image ? (
              <Image className='share-stats__image' src={image} mode='aspectFill' />
            ) : (
              <View className='share-stats__image share-stats__image--none'>{s.product ? '商品' : '邀请'}</View>
            )}
            <View className='share-stats__main'>
              <Text className='share-stats__name'>{s.product?.name ?? '邀请好友'}</Text>
              <Text className='share-stats__time'>分享于 {brandDayClock(s.createdAt)}</Text>
              <View className='share-stats__figures'>
                <Text className='share-stats__clicks'>点击 {s.clicks}</Text>
                <Text className='share-stats__orders'>订单 {s.orders}</Text>
                <Text className='share-stats__gmv'>GMV {formatYuan(s.gmvFen)}</Text>
              </View>
            </View>
          </View>
        );
      })}
    </View>
  );
}
