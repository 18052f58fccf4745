import { Text, View } from '@tarojs/components';
import type { GroupStats } from '@cloud/contract';
import { formatPercent } from '@/utils/format';
import { formatYuan } from '@/utils/money';
import EmptyState from '../EmptyState';
import GroupName from '../GroupName';
import './index.css';

/** Group value in three layers: activity (members seen), clicks into the app, conversion. */
export default function GroupValueTable({ groups }: { groups: GroupStats[] }) {
  if (groups.length === 0) {
    return (
      <View className='group-value__empty'>
        <EmptyState compact text='这段时间还没有来自群的点击：分享到群里的卡片被点开后，群会出现在这里' />
      </View>
    );
  }
  return (
    <View className='group-value'>
      <View className='group-value__head'>
        <Text className='group-value__col'>活跃</Text>
        <Text className='group-value__col'>点击</Text>
        <Text className='group-value__col group-value__col--wide'>转化</Text>
      </View>
      {groups.map((g) => (
        <View key={g.groupId} className='group-value__row' data-group-id={g.groupId}>
          <GroupName className='group-value__name' groupId={g.groupId} name={g.name} />
          <View className='group-value__layers'>
            <View className='group-value__col group-value__active'>{g.activeMembers} 人</View>
            <View className='group-value__col group-value__clicks'>{g.clicks} 人</View>
            <View className='group-value__col group-value__col--wide group-value__conversion'>
              <Text>
                {g.orders} 单 · {formatYuan(g.gmvFen)}
              </Text>
              <Text className='group-value__rate'>转化率 {formatPercent(g.conversion)}</Text>
            </View>
          </View>
        </View>
      ))}
    </View>
  );
}
