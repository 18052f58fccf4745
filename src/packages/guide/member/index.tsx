import { Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { GuideMemberDetail, MemberTagView } from '@cloud/contract';
import MemberAvatar from '@/components/MemberAvatar';
import MemberInsight from '@/components/MemberInsight';
import { ORDER_STATUS_LABELS } from '@/components/OrderCard';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import StatTiles from '@/components/StatTiles';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { imageUrl } from '@/services/image-url';
import { formatMonthDay, formatTime, memberName } from '@/utils/format';
import { COUPON_STATE_LABELS, couponCondition, couponValue, formatYuan } from '@/utils/money';
import './index.css';

function Header({ detail }: { detail: GuideMemberDetail }) {
  const m = detail.member;
  return (
    <View className='guide-member__card guide-member__who'>
      <MemberAvatar nickname={m.nickname} avatarUrl={m.avatarUrl} />
      <View className='guide-member__names'>
        <View className='guide-member__line'>
          <Text className='guide-member__name'>{memberName(m.nickname)}</Text>
          <Text className='guide-member__tier'>{m.tier.name}</Text>
        </View>
        <Text className='guide-member__dates'>
          {formatMonthDay(m.joinedOn)}入会{m.boundAt ? ` · ${formatMonthDay(m.boundAt.slice(0, 10))}绑定` : ''}
        </Text>
        <Text className='guide-member__visit'>{m.lastVisitOn ? `最近到访 ${formatMonthDay(m.lastVisitOn)}` : '还没有到访记录'}</Text>
      </View>
    </View>
  );
}

/** A member of mine: who, their check-ins, their orders through me and their coupons. */
export function GuideMemberScreen({ memberId }: { memberId: string }) {
  const { data, error, reload } = useCall(() => call('guide', 'memberDetail', { targetMemberId: memberId }), [memberId]);
  const [tags, setTags] = useState<MemberTagView[] | null>(null);
  useEffect(() => setTags(null), [data]);
  // A tag change answers the member's tags: shown at once, without reloading the page.
  const tagAction = (work: () => Promise<MemberTagView[]>) => async () => {
    try {
      setTags(await work());
      return null;
    } catch (err) {
      return messageOf(err);
    }
  };

  if (!data) {
    return (
      <View className='app-page guide-member'>
        {error ? (
          <View className='guide-member__msg' onClick={() => void reload()}>
            {error}，点击重试
          </View>
        ) : (
          <View className='guide-member__card guide-member__who' aria-busy>
            <View className='guide-member__avatar-skeleton' />
            <View className='guide-member__names'>
              <Skeleton className='guide-member__skeleton-name' />
              <Skeleton className='guide-member__skeleton-line' />
            </View>
          </View>
        )}
      </View>
    );
  }

  const m = data.member;
  return (
    <View className='app-page guide-member'>
      <Header detail={data} />
      <View className='guide-member__tiles'>
        <StatTiles
          tiles={[
            { key: 'streak', label: '连续签到(天)', value: data.checkin.streak },
            { key: 'checkins', label: '累计签到(天)', value: data.checkin.days },
            { key: 'gmv', label: `成交 ${m.paidOrders} 单`, value: formatYuan(m.gmvFen) },
          ]}
        />
      </View>
      <View className='guide-member__title'>跟进参考</View>
      <MemberInsight
        insight={{ ...data.insight, tags: tags ?? data.insight.tags }}
        onTag={(name) => tagAction(() => call('guide', 'tagMember', { targetMemberId: memberId, name }))()}
        onUntag={(tagKey) => tagAction(() => call('guide', 'untagMember', { targetMemberId: memberId, tagKey }))()}
      />
      <View className='guide-member__title'>
        {!data.guide || data.guide.me ? '通过我的订单' : `通过导购${memberName(data.guide.nickname)}的订单`}
        <Text className='guide-member__count'>{data.orderCount} 单</Text>
      </View>
      <View className='guide-member__card'>
        {data.orders.length === 0 && <View className='guide-member__empty'>还没有订单</View>}
        {data.orders.map((o) => {
          const src = imageUrl(o.imageUrl);
          return (
            <View key={o.id} className='guide-member__order' data-order={o.id}>
              {src ? <Image className='guide-member__order-image' src={src} mode='aspectFill' lazyLoad /> : <View className='guide-member__order-image' />}
              <View className='guide-member__order-main'>
                <Text className='guide-member__order-name'>{o.productName}</Text>
                <Text className='guide-member__order-sub'>
                  {o.skuLabel} × {o.qty} · {formatTime(o.paidAt ?? o.createdAt)}
                </Text>
              </View>
              <View className='guide-member__order-side'>
                <Text className='guide-member__order-total'>{formatYuan(o.totalFen)}</Text>
                <Text className='guide-member__order-status'>{ORDER_STATUS_LABELS[o.status]}</Text>
              </View>
            </View>
          );
        })}
      </View>
      <View className='guide-member__title'>优惠券</View>
      <View className='guide-member__card'>
        {data.coupons.length === 0 && <View className='guide-member__empty'>没有优惠券</View>}
        {data.coupons.map((c) => (
          <View key={c.id} className={`guide-member__coupon guide-member__coupon--${c.state}`} data-coupon={c.id}>
            <Text className='guide-member__coupon-value'>{couponValue(c)}</Text>
            <View className='guide-member__coupon-main'>
              <Text className='guide-member__coupon-name'>{c.name}</Text>
              <Text className='guide-member__coupon-sub'>
                {couponCondition(c)} · 有效期至 {formatMonthDay(c.validUntil)}
              </Text>
            </View>
            <Text className='guide-member__coupon-state'>{COUPON_STATE_LABELS[c.state]}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

export default function GuideMemberPage() {
  const { params } = useRouter();
  return (
    <SessionGate>
      <GuideMemberScreen memberId={params.id ?? ''} />
    </SessionGate>
  );
}
