import { Text, View } from '@tarojs/components';
import type { LotteryCampaignView } from '@cloud/contract';
import './index.css';

/** Odds in percent as shown to members: 15 → '15%', 0.2 → '0.2%', 1/3 → '0.33%'. */
export function formatOdds(percent: number): string {
  return `${Number(percent.toFixed(2))}%`;
}

/** An ISO time with the brand's offset, shown in brand time: '2026-11-22 22:44'. */
export function brandTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

const KIND_LABELS = { coupon: '优惠券', points: '积分', goods: '实物', none: '未中奖' } as const;

/**
 * 活动规则: every prize with its count and odds, the window, the limits and the brand's text —
 * the disclosure a lottery (有奖销售) owes its members.
 */
export default function LotteryRules({ campaign }: { campaign: LotteryCampaignView }) {
  const prizes = [...campaign.prizes].sort((a, b) => a.position - b.position);
  const { drawsPerDay, winsPerDay, winsPerCampaign } = campaign.limits;
  return (
    <View className='lottery-rules'>
      <View className='lottery-rules__title'>活动规则</View>
      <View className='lottery-rules__line'>
        活动时间：{brandTime(campaign.startsAt)} 至 {brandTime(campaign.endsAt)}
      </View>
      <View className='lottery-rules__line'>
        抽奖机会：每天签到获得抽奖机会
        {campaign.pointsPerExtraDraw ? `；机会用完后可用 ${campaign.pointsPerExtraDraw} 积分抽一次` : ''}
      </View>
      <View className='lottery-rules__line lottery-rules__limits'>
        次数限制：每人每天最多抽 {drawsPerDay} 次、中奖 {winsPerDay} 次，活动期间每人最多中奖 {winsPerCampaign} 次
      </View>
      <View className='lottery-rules__table'>
        <View className='lottery-rules__row lottery-rules__row--head'>
          <Text className='lottery-rules__cell lottery-rules__cell--name'>奖品</Text>
          <Text className='lottery-rules__cell'>类型</Text>
          <Text className='lottery-rules__cell'>数量</Text>
          <Text className='lottery-rules__cell'>概率</Text>
        </View>
        {prizes.map((p) => (
          <View key={p.id} className='lottery-rules__row lottery-rules__prize' data-position={p.position}>
            <Text className='lottery-rules__cell lottery-rules__cell--name'>{p.name}</Text>
            <Text className='lottery-rules__cell'>{KIND_LABELS[p.kind]}</Text>
            <Text className='lottery-rules__cell lottery-rules__total'>{p.kind === 'none' ? '—' : p.total === null ? '不限量' : `${p.total} 份`}</Text>
            <Text className='lottery-rules__cell lottery-rules__odds'>{formatOdds(p.oddsPercent)}</Text>
          </View>
        ))}
      </View>
      <View className='lottery-rules__note'>概率为每次抽奖抽中该奖品的概率，结果由服务器随机产生并记录。</View>
      {campaign.rulesText && <View className='lottery-rules__text'>{campaign.rulesText}</View>}
    </View>
  );
}
