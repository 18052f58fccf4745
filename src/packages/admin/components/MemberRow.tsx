import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import MemberAvatar from '@/components/MemberAvatar';
import { formatMonthDay, memberName } from '@/utils/format';
import { formatYuan } from '@/utils/money';
import './MemberRow.css';

export const openMember = (id: string) => void Taro.navigateTo({ url: `/packages/admin/member/index?id=${id}` });

export interface MemberRowProps {
  id: string;
  nickname: string | null;
  avatarUrl?: string | null;
  /** 会员 / 导购 / 运营 for staff; nothing for members. */
  badge?: string | null;
  tier?: string | null;
  layerName?: string | null;
  churnRisk?: boolean;
  lastActiveOn: string | null;
  gmv365Fen: number | null;
  deleted?: boolean;
}

/** One member in an admin list: who, their layer, when last active and what they spent in a year; opens their detail. */
export default function MemberRow(m: MemberRowProps) {
  return (
    <View className='admin-member-row' data-member-id={m.id} onClick={() => openMember(m.id)}>
      <MemberAvatar nickname={m.nickname} avatarUrl={m.avatarUrl ?? null} />
      <View className='admin-member-row__main'>
        <View className='admin-member-row__line'>
          <Text className='admin-member-row__name'>{m.deleted ? '已注销' : memberName(m.nickname)}</Text>
          {m.badge && <Text className='admin-member-row__badge'>{m.badge}</Text>}
          {m.tier && <Text className='admin-member-row__tier'>{m.tier}</Text>}
        </View>
        <Text className='admin-member-row__sub'>
          ID {m.id}
          {m.layerName ? ` · ${m.layerName}` : ''}
          {m.lastActiveOn ? ` · 最近活跃 ${formatMonthDay(m.lastActiveOn)}` : ''}
        </Text>
      </View>
      <View className='admin-member-row__side'>
        {m.churnRisk && <Text className='admin-member-row__churn'>流失预警</Text>}
        <Text className='admin-member-row__gmv'>{m.gmv365Fen === null ? '—' : formatYuan(m.gmv365Fen)}</Text>
      </View>
    </View>
  );
}
