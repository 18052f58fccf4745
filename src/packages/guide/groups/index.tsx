import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { GroupSeen } from '@cloud/contract';
import Dialog from '@/components/Dialog';
import GroupName, { groupLabel } from '@/components/GroupName';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { usePaged } from '@/hooks/use-paged';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { formatMonthDay } from '@/utils/format';
import './index.css';

const NAME_MAX = 20;

/**
 * 我的群: the groups my cards were opened in (an admin: every group seen), newest first, each
 * named here — WeChat never tells a mini-program a group's name, so the name we give it is
 * what the dashboard shows.
 */
export function GuideGroupsScreen() {
  const { items, hasMore, loading, error, loadMore, reload, setItems } = usePaged(
    (cursor) => call('guide', 'groups', cursor ? { cursor } : {}),
    [],
  );
  useReachBottom(() => void loadMore());
  const [editing, setEditing] = useState<GroupSeen | null>(null);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const edit = (group: GroupSeen) => {
    setEditing(group);
    setName(group.name ?? '');
    setSaveError(null);
  };

  const save = async () => {
    if (!editing) return;
    const trimmed = name.trim();
    if (!trimmed) {
      setSaveError('请输入群名称');
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const named = await call('guide', 'nameGroup', { groupId: editing.groupId, name: trimmed });
      setItems((list) => list.map((g) => (g.groupId === named.groupId ? named : g)));
      setEditing(null);
      void Taro.showToast({ title: '群名称已保存', icon: 'none', duration: 2000 });
    } catch (err) {
      setSaveError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  if (items === null) {
    return (
      <View className='app-page guide-groups'>
        {error ? (
          <View className='guide-groups__msg' onClick={() => void reload()}>
            {error}，点击重试
          </View>
        ) : (
          <View className='guide-groups__list' aria-busy>
            {[0, 1, 2].map((i) => (
              <View key={i} className='guide-groups__row'>
                <View className='guide-groups__main'>
                  <Skeleton className='guide-groups__skeleton-name' />
                  <Skeleton className='guide-groups__skeleton-line' />
                </View>
              </View>
            ))}
          </View>
        )}
      </View>
    );
  }

  return (
    <View className='app-page guide-groups'>
      <View className='guide-groups__hint'>微信不会告诉小程序群的名称。给群起个名字，导购看板上就能认出它。</View>
      <View className='guide-groups__list'>
        {items.length === 0 && <View className='guide-groups__empty'>还没有群打开过你分享的卡片，把商品分享到群里试试</View>}
        {items.map((g) => (
          <View key={g.groupId} className='guide-groups__row' data-group-id={g.groupId}>
            <View className='guide-groups__main'>
              <GroupName className='guide-groups__name' groupId={g.groupId} name={g.name} />
              <Text className='guide-groups__facts'>
                {formatMonthDay(g.firstSeenOn)}首次出现 · 见过 {g.membersSeen} 人 · 最近活跃 {formatMonthDay(g.lastActiveOn)}
              </Text>
            </View>
            <Button className='guide-groups__edit' size='mini' onClick={() => edit(g)}>
              {g.name ? '改名' : '命名'}
            </Button>
          </View>
        ))}
        {error && <View className='guide-groups__error'>{error}</View>}
        {hasMore ? (
          <View className='guide-groups__more' onClick={() => void loadMore()}>
            {loading ? '加载中…' : '加载更多'}
          </View>
        ) : (
          items.length > 0 && <View className='guide-groups__end'>没有更多了</View>
        )}
      </View>
      {editing && (
        <Dialog
          title={editing.name ? '修改群名称' : '给群起个名字'}
          confirmText='保存'
          busy={saving}
          error={saveError}
          onConfirm={() => void save()}
          onCancel={() => setEditing(null)}
        >
          <View className='guide-groups__dialog-sub'>{groupLabel(editing)}</View>
          <Input
            className='guide-groups__input'
            value={name}
            maxlength={NAME_MAX}
            placeholder={`如：森屿宝妈群（最多 ${NAME_MAX} 字）`}
            focus
            onInput={(e) => setName(e.detail.value)}
          />
        </Dialog>
      )}
    </View>
  );
}

export default function GuideGroupsPage() {
  return (
    <SessionGate>
      <GuideGroupsScreen />
    </SessionGate>
  );
}
