import { Text, View } from '@tarojs/components';
import type { TierBenefits, TierCard as TierCardData } from '@cloud/contract';
import { formatDiscount, formatMultiplier } from '@/utils/format';
import './index.css';

export interface TierCardProps {
  card: TierCardData;
}

const BENEFIT_ROWS: Array<{ label: string; show(b: TierBenefits): string }> = [
  { label: '积分倍数', show: (b) => formatMultiplier(b.pointsMultiplier) },
  { label: '会员日倍数', show: (b) => formatMultiplier(b.memberDayMultiplier) },
  { label: '生日礼积分', show: (b) => String(b.birthdayPoints) },
  { label: '会员价', show: (b) => formatDiscount(b.memberPriceRate) },
  { label: '包邮', show: (b) => (b.freeShipping ? '✓' : '—') },
];

/** 会员等级: tier, 成长值, progress to the next tier, 保级, and every tier's benefits. */
export default function TierCard({ card }: TierCardProps) {
  const index = card.tiers.findIndex((t) => t.key === card.tier.key);
  const from = card.tiers[index]?.threshold ?? 0;
  const progress = card.next
    ? Math.max(0, Math.min(1, (card.growth - from) / Math.max(1, card.next.threshold - from)))
    : 1;
  return (
    <View className='tier-card'>
      <View className='tier-card__head'>
        <View className='tier-card__who'>
          <Text className={`tier-card__name tier-card__name--${card.tier.key}`}>{card.tier.name}</Text>
          <Text className='tier-card__growth'>
            成长值 <Text className='tier-card__growth-num'>{card.growth}</Text>
          </Text>
        </View>
        <Text className='tier-card__window'>近 {card.windowMonths} 个月累计</Text>
      </View>
      <View className='tier-card__bar' aria-label={`升级进度 ${Math.round(progress * 100)}%`}>
        <View className='tier-card__bar-fill' style={{ width: `${Math.round(progress * 100)}%` }} />
      </View>
      <View className='tier-card__next'>
        {card.next
          ? card.next.needed > 0
            ? `再获得 ${card.next.needed} 成长值升级为${card.next.name}`
            : `成长值已达到${card.next.name}`
          : '已是最高等级'}
      </View>
      {card.keep && (
        <View className='tier-card__keep'>
          {card.keep.needed > 0
            ? `保级：${card.keep.on} 前需 ${card.keep.needed} 成长值`
            : `保级：已满足 ${card.keep.on} 的保级条件`}
        </View>
      )}
      <View className='tier-card__table'>
        <View className='tier-card__row tier-card__row--head'>
          <View className='tier-card__cell tier-card__cell--label'>权益</View>
          {card.tiers.map((t) => (
            <View key={t.key} className={`tier-card__cell ${t.key === card.tier.key ? 'tier-card__cell--current' : ''}`}>
              {t.name.replace('会员', '')}
            </View>
          ))}
        </View>
        {BENEFIT_ROWS.map((row) => (
          <View key={row.label} className='tier-card__row'>
            <View className='tier-card__cell tier-card__cell--label'>{row.label}</View>
            {card.tiers.map((t) => (
              <View key={t.key} className={`tier-card__cell ${t.key === card.tier.key ? 'tier-card__cell--current' : ''}`}>
                {row.show(t.benefits)}
              </View>
            ))}
          </View>
        ))}
        <View className='tier-card__row tier-card__row--foot'>
          <View className='tier-card__cell tier-card__cell--label'>升级成长值</View>
          {card.tiers.map((t) => (
            <View key={t.key} className={`tier-card__cell ${t.key === card.tier.key ? 'tier-card__cell--current' : ''}`}>
              {t.threshold}
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}
