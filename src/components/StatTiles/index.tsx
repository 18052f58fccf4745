import { Text, View } from '@tarojs/components';
import './index.css';

export interface StatTile {
  key: string;
  label: string;
  value: string | number;
}

/** Figures in a grid of three, each a big number over its label. */
export default function StatTiles({ tiles }: { tiles: StatTile[] }) {
  return (
    <View className='stat-tiles'>
      {tiles.map((t) => (
        <View key={t.key} className='stat-tiles__tile' data-stat={t.key}>
          <Text className='stat-tiles__value'>{t.value}</Text>
          <Text className='stat-tiles__label'>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
