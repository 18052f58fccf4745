import { Button, Input, Text, View } from '@tarojs/components';
import { useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { LayerKey } from '@cloud/domain/value-layers';
import { RULE_LAYERS } from '@cloud/domain/rule-catalogue';
import AdminGate from '@/components/AdminGate';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { usePaged } from '@/hooks/use-paged';
import { call } from '@/services/api';
import MemberRow from '../components/MemberRow';
import OptionSheet from '../components/OptionSheet';
import PagedList from '../components/PagedList';
import { ROLE_NAMES, TAG_KIND_NAMES, tierName } from '../components/labels';
import './index.css';

export interface MemberFilters {
  layer?: LayerKey;
  tag?: string;
  segmentId?: string;
}

type Sheet = 'layer' | 'tag' | 'segment' | null;

/** The tag and segment lists, asked for when their picker first opens. */
function FilterSheet({ sheet, filters, onPick, onClose }: { sheet: Exclude<Sheet, null>; filters: MemberFilters; onPick(f: MemberFilters, name?: string): void; onClose(): void }) {
  const tags = useCall(() => (sheet === 'tag' ? call('admin', 'tags', {}) : Promise.resolve(null)), [sheet]);
  const segments = useCall(() => (sheet === 'segment' ? call('admin', 'segments', {}) : Promise.resolve(null)), [sheet]);
  if (sheet === 'layer') {
    return (
      <OptionSheet
        title='按分层'
        options={RULE_LAYERS}
        selected={filters.layer ? [filters.layer] : []}
        onPick={([v]) => onPick({ ...filters, layer: v as LayerKey })}
        onClose={onClose}
      />
    );
  }
  if (sheet === 'tag') {
    return (
      <OptionSheet
        title='按标签'
        loading={tags.loading}
        error={tags.error}
        empty='还没有标签'
        options={(tags.data ?? []).map((t) => ({ value: t.key, name: t.name, sub: `${t.members} 人`, group: `${TAG_KIND_NAMES[t.kind] ?? t.kind}${t.source === 'manual' ? ' · 手动' : ''}` }))}
        selected={filters.tag ? [filters.tag] : []}
        onPick={([v]) => onPick({ ...filters, tag: v }, tags.data?.find((t) => t.key === v)?.name)}
        onClose={onClose}
      />
    );
  }
  return (
    <OptionSheet
      title='按分群'
      loading={segments.loading}
      error={segments.error}
      empty='还没有分群'
      options={(segments.data ?? []).map((s) => ({ value: s.id, name: s.name, sub: s.memberCount === null ? '未计算' : `${s.memberCount} 人` }))}
      selected={filters.segmentId ? [filters.segmentId] : []}
      onPick={([v]) => onPick({ ...filters, segmentId: v }, segments.data?.find((x) => x.id === v)?.name)}
      onClose={onClose}
    />
  );
}

/** 会员: search by member id, phone or the start of a nickname; narrow by layer, tag, segment; each opens the member. */
export function AdminMembersScreen({ initial = {} }: { initial?: MemberFilters & { query?: string } }) {
  const [typed, setTyped] = useState(initial.query ?? '');
  const [query, setQuery] = useState(initial.query ?? '');
  const [filters, setFilters] = useState<MemberFilters>({ layer: initial.layer, tag: initial.tag, segmentId: initial.segmentId });
  const [sheet, setSheet] = useState<Sheet>(null);
  // The names of the tag and segment picked; the URL gives only their keys, named by one call each.
  const [names, setNames] = useState<{ tag?: string; segment?: string }>({});
  const named = useCall(async () => {
    const [tags, segments] = await Promise.all([
      initial.tag ? call('admin', 'tags', {}) : Promise.resolve([]),
      initial.segmentId ? call('admin', 'segments', {}) : Promise.resolve([]),
    ]);
    return { tag: tags.find((t) => t.key === initial.tag)?.name, segment: segments.find((x) => x.id === initial.segmentId)?.name };
  }, []);
  const tagName = names.tag ?? (filters.tag === initial.tag ? named.data?.tag : undefined);
  const segmentName = names.segment ?? (filters.segmentId === initial.segmentId ? named.data?.segment : undefined);

  const list = usePaged(
    (cursor) =>
      call('admin', 'members', {
        ...(query ? { query } : {}),
        ...(filters.layer ? { layer: filters.layer } : {}),
        ...(filters.tag ? { tag: filters.tag } : {}),
        ...(filters.segmentId ? { segmentId: filters.segmentId } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    [query, filters.layer, filters.tag, filters.segmentId],
  );
  useReachBottom(() => void list.loadMore());

  const search = () => setQuery(typed.trim());
  const chip = (key: Exclude<Sheet, null>, label: string, value: string | undefined, clear: () => void) => (
    <View className={`admin-members__chip admin-members__chip--${key} ${value ? 'admin-members__chip--on' : ''}`} onClick={() => setSheet(key)}>
      <Text>{value ?? label}</Text>
      {value ? (
        <Text
          className='admin-members__chip-clear'
          onClick={(e) => {
            e.stopPropagation();
            clear();
          }}
        >
          ×
        </Text>
      ) : (
        <Text className='admin-members__chip-arrow'>▾</Text>
      )}
    </View>
  );
  const filtered = !!(query || filters.layer || filters.tag || filters.segmentId);

  return (
    <View className='app-page admin-members'>
      <View className='admin-members__search'>
        <Input
          className='admin-members__input'
          value={typed}
          maxlength={30}
          confirmType='search'
          placeholder='会员 ID、手机号或昵称开头'
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={search}
        />
        <Button className='admin-members__go' size='mini' onClick={search}>
          搜索
        </Button>
      </View>
      <View className='admin-members__chips'>
        {chip('layer', '分层', filters.layer ? RULE_LAYERS.find((l) => l.value === filters.layer)?.name : undefined, () => setFilters((f) => ({ ...f, layer: undefined })))}
        {chip('tag', '标签', filters.tag ? (tagName ?? '已选标签') : undefined, () => setFilters((f) => ({ ...f, tag: undefined })))}
        {chip('segment', '分群', filters.segmentId ? (segmentName ?? '已选分群') : undefined, () => setFilters((f) => ({ ...f, segmentId: undefined })))}
      </View>
      <PagedList
        list={list}
        className='admin-members__list'
        empty={
          <EmptyState
            compact
            text={filtered ? '没有找到符合条件的会员' : '还没有会员'}
            {...(filtered
              ? {
                  action: {
                    text: '清除条件',
                    onClick: () => {
                      setTyped('');
                      setQuery('');
                      setFilters({});
                    },
                  },
                }
              : {})}
          />
        }
        row={(m) => (
          <MemberRow
            key={m.id}
            id={m.id}
            nickname={m.nickname}
            avatarUrl={m.avatarUrl}
            badge={m.role === 'member' ? null : ROLE_NAMES[m.role]}
            tier={m.role === 'member' ? tierName(m.tier) : null}
            layerName={m.layer?.name ?? null}
            churnRisk={m.churnRisk}
            lastActiveOn={m.lastActiveOn}
            gmv365Fen={m.gmv365Fen}
            deleted={m.deleted}
          />
        )}
      />
      {sheet && (
        <FilterSheet
          sheet={sheet}
          filters={filters}
          onPick={(next, name) => {
            if (sheet === 'tag') setNames((n) => ({ ...n, tag: name }));
            if (sheet === 'segment') setNames((n) => ({ ...n, segment: name }));
            setFilters(next);
            setSheet(null);
          }}
          onClose={() => setSheet(null)}
        />
      )}
    </View>
  );
}

export default function AdminMembersPage() {
  const { params } = useRouter();
  const layer = RULE_LAYERS.some((l) => l.value === params.layer) ? (params.layer as LayerKey) : undefined;
  return (
    <SessionGate>
      <AdminGate>
        <AdminMembersScreen initial={{ layer, tag: params.tag || undefined, segmentId: params.segmentId || undefined }} />
      </AdminGate>
    </SessionGate>
  );
}
