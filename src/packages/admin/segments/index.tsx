import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { SegmentView } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import ListSkeleton from '../components/ListSkeleton';
import { freshness, SEGMENT_STATUS_NAMES } from '../components/labels';
import '../components/list.css';
import './index.css';

const NEW_SEGMENT_URL = '/packages/admin/segment/index';
const openSegment = (id?: string) => void Taro.navigateTo({ url: id ? `${NEW_SEGMENT_URL}?id=${id}` : NEW_SEGMENT_URL });

function SegmentCard({ s }: { s: SegmentView }) {
  return (
    <View className={`admin-segments__card admin-segments__card--${s.status}`} data-segment={s.id} onClick={() => openSegment(s.id)}>
      <View className='admin-segments__line'>
        <Text className='admin-segments__name'>{s.name}</Text>
        <Text className={`admin-segments__status admin-segments__status--${s.status}`}>{SEGMENT_STATUS_NAMES[s.status]}</Text>
      </View>
      <Text className='admin-segments__rule'>{s.ruleText}</Text>
      <View className='admin-segments__figures'>
        <Text className='admin-segments__count'>{s.memberCount === null ? '—' : `${s.memberCount} 人`}</Text>
        {s.entered !== null && s.exited !== null && (
          <Text className='admin-segments__moves'>
            新进 {s.entered} · 退出 {s.exited}
          </Text>
        )}
        <Text className='admin-segments__fresh'>{freshness(s)}</Text>
      </View>
      {s.error && <Text className='admin-segments__error'>{s.error}</Text>}
    </View>
  );
}

/** 分群: the saved segments with their size, freshness, status and moves; each opens its editor and members. */
export function AdminSegmentsScreen() {
  const { data, error, reload } = useCall(() => call('admin', 'segments', {}), []);
  // Back from a segment: it may have been saved or recomputed.
  useDidShow(() => {
    if (data) void reload();
  });

  return (
    <View className='app-page admin-segments'>
      <Button className='admin-segments__new' onClick={() => openSegment()}>
        + 新建分群
      </Button>
      {!data ? (
        error ? (
          <View className='admin-list admin-list__msg' onClick={() => void reload()}>
            {error}，点击重试
          </View>
        ) : (
          <ListSkeleton rows={3} />
        )
      ) : data.length === 0 ? (
        <View className='admin-list'>
          <EmptyState text='还没有分群：用规则圈出一群会员，预览人数后保存' action={{ text: '新建分群', onClick: () => openSegment() }} />
        </View>
      ) : (
        data.map((s) => <SegmentCard key={s.id} s={s} />)
      )}
    </View>
  );
}

export default function AdminSegmentsPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminSegmentsScreen />
      </AdminGate>
    </SessionGate>
  );
}
