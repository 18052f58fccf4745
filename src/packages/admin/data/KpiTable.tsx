import { Text, View } from '@tarojs/components';

export interface KpiTableProps {
  /** The first column names the row; the others are figures, right-aligned. */
  columns: string[];
  rows: Array<{ key: string; cells: string[] }>;
  /** Rows come ranked: each starts with its place. */
  ranked?: boolean;
  emptyText: string;
}

/** A table of the 数据 screen: guides, groups, prizes, night-market categories, launches. */
export default function KpiTable({ columns, rows, ranked = false, emptyText }: KpiTableProps) {
  if (rows.length === 0) return <View className='admin-data__table-empty'>{emptyText}</View>;
  return (
    <View className='admin-data__table'>
      <View className='admin-data__tr admin-data__tr--head'>
        {ranked && <Text className='admin-data__td admin-data__td--rank'>#</Text>}
        {columns.map((c, i) => (
          <Text key={c} className={`admin-data__td ${i === 0 ? 'admin-data__td--name' : ''}`}>
            {c}
          </Text>
        ))}
      </View>
      {rows.map((r, place) => (
        <View key={r.key} className='admin-data__tr' data-row={r.key}>
          {ranked && <Text className='admin-data__td admin-data__td--rank'>{place + 1}</Text>}
          {r.cells.map((c, i) => (
            <Text key={i} className={`admin-data__td ${i === 0 ? 'admin-data__td--name' : ''}`}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
