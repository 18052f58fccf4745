import { Button, Input, Progress, Text, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SegmentActionView, SegmentPreview, SegmentView } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { usePaged } from '@/hooks/use-paged';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { flag } from '@/utils/flag';
import { formatMonthDay, memberName } from '@/utils/format';
import IssueCouponDialog from '../components/IssueCouponDialog';
import ListSkeleton from '../components/ListSkeleton';
import MemberRow, { openMember } from '../components/MemberRow';
import RuleEditor from '../components/RuleEditor';
import { freshness, SEGMENT_STATUS_NAMES } from '../components/labels';
import { emptyDraft, fromRule, toRule, type GroupDraft } from '../components/rule-draft';
import '../components/list.css';
import './index.css';

/** The preview waits for the editing to pause this long before asking the server. */
export const PREVIEW_DELAY_MS = 500;
/** How often a running coupon action is asked for its progress. */
export const POLL_MS = 2000;
/** Members of the preview's sample shown (the server sends 20). */
const SAMPLE_SHOWN = 5;

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2000 });

interface PreviewState {
  /** The rule (as JSON) the preview is for. */
  key: string | null;
  data: SegmentPreview | null;
  error: string | null;
  loading: boolean;
}

/** The live preview: once the editing pauses, the count and a sample for the rule as it stands; late answers dropped. */
function usePreview(draft: GroupDraft | null) {
  const built = useMemo(() => (draft ? toRule(draft) : null), [draft]);
  const key = built?.rule ? JSON.stringify(built.rule) : null;
  const [state, setState] = useState<PreviewState>({ key: null, data: null, error: null, loading: false });
  useEffect(() => {
    if (!key) return undefined;
    let live = true;
    setState((s) => ({ ...s, key, loading: true, error: null }));
    const timer = setTimeout(() => {
      call('admin', 'previewSegment', { rule: JSON.parse(key) })
        .then((data) => live && setState({ key, data, error: null, loading: false }))
        .catch((err: unknown) => live && setState((s) => ({ ...s, key, error: messageOf(err), loading: false })));
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return { built, ...state, current: key !== null && state.key === key };
}

function PreviewPanel({ preview }: { preview: ReturnType<typeof usePreview> }) {
  if (!preview.built) return null;
  if (preview.built.problem) return <View className='admin-segment__preview admin-segment__preview--incomplete'>{preview.built.problem}</View>;
  const { data, error, loading } = preview;
  return (
    <View className={`admin-segment__preview ${loading ? 'admin-segment__preview--loading' : ''}`} aria-busy={loading}>
      {error ? (
        <View className='admin-segment__preview-error'>{error}</View>
      ) : !data ? (
        <View className='admin-segment__preview-line'>
          <Text className='admin-segment__preview-label'>预计人数</Text>
          <Skeleton className='admin-segment__preview-skeleton' />
        </View>
      ) : (
        <>
          <View className='admin-segment__preview-line'>
            <Text className='admin-segment__preview-label'>预计人数</Text>
            <Text className='admin-segment__preview-count'>{data.count}</Text>
            <Text className='admin-segment__preview-day'>{data.factsDay ? `按 ${formatMonthDay(data.factsDay)} 的数据` : '还没有分层数据'}</Text>
          </View>
          <Text className='admin-segment__preview-rule'>{data.ruleText}</Text>
          {!data.factsDay && <View className='admin-segment__preview-hint'>会员数据每晚 00:30 计算；也可在运营工作台「立即计算」后再预览。</View>}
          {data.sample.length > 0 && (
            <View className='admin-segment__sample'>
              {data.sample.slice(0, SAMPLE_SHOWN).map((m) => (
                <Text key={m.memberId} className='admin-segment__sample-member' data-member-id={m.memberId} onClick={() => openMember(m.memberId)}>
                  {memberName(m.nickname)} · {m.layerName}
                </Text>
              ))}
              {data.count > SAMPLE_SHOWN && <Text className='admin-segment__sample-more'>等 {data.count} 人</Text>}
            </View>
          )}
        </>
      )}
    </View>
  );
}

/** A coupon action's progress, asked for every POLL_MS while it runs. */
function useActionProgress(initial: SegmentActionView | null) {
  const [action, setAction] = useState<SegmentActionView | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const running = action?.status === 'running' ? action.id : null;
  useEffect(() => {
    if (!running) return undefined;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      timer = setTimeout(() => {
        call('admin', 'segmentAction', { actionId: running })
          .then((next) => {
            if (!live) return;
            setError(null);
            setAction(next);
            if (next.status === 'running') poll();
          })
          .catch((err: unknown) => {
            if (!live) return;
            setError(messageOf(err));
            poll();
          });
      }, POLL_MS);
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [running]);
  return { action, setAction, error };
}

function ActionProgress({ action, error }: { action: SegmentActionView; error: string | null }) {
  const percent = action.total ? Math.round((action.done / action.total) * 100) : 100;
  const state = action.status === 'running' ? '发放中' : action.status === 'done' ? '已完成' : '失败';
  return (
    <View className={`admin-segment__action admin-segment__action--${action.status}`} data-action={action.id}>
      <View className='admin-segment__action-line'>
        <Text className='admin-segment__action-title'>发券进度</Text>
        <Text className='admin-segment__action-state'>{state}</Text>
      </View>
      <Progress className='admin-segment__action-bar' percent={percent} strokeWidth={6} activeColor='#e8532b' backgroundColor='#f2f2f2' />
      <Text className='admin-segment__action-figures'>
        {action.done}/{action.total} 人 · 已发 {action.applied} · 跳过 {action.skipped}
      </Text>
      {action.error && <Text className='admin-segment__action-error'>{action.error}</Text>}
      {error && <Text className='admin-segment__action-error'>{error}</Text>}
    </View>
  );
}

function SegmentMembers({ segmentId }: { segmentId: string }) {
  const list = usePaged((cursor) => call('admin', 'segmentMembers', { segmentId, ...(cursor ? { cursor } : {}) }), [segmentId]);
  useReachBottom(() => void list.loadMore());
  if (list.items === null) {
    return list.error ? (
      <View className='admin-list admin-list__msg' onClick={() => void list.reload()}>
        {list.error}，点击重试
      </View>
    ) : (
      <ListSkeleton />
    );
  }
  return (
    <View className='admin-list admin-segment__members'>
      {list.items.length === 0 && <EmptyState compact text='这个分群现在没有会员：调整规则后保存，或等下次计算' />}
      {list.items.map((m) => (
        <MemberRow key={m.memberId} id={m.memberId} nickname={m.nickname} layerName={m.layerName} lastActiveOn={m.lastActiveOn} gmv365Fen={m.gmv365Fen} />
      ))}
      {list.error && <View className='admin-list__error'>{list.error}</View>}
      {list.hasMore ? (
        <View className='admin-list__more' onClick={() => void list.loadMore()}>
          {list.loading ? '加载中…' : '加载更多'}
        </View>
      ) : (
        list.items.length > 0 && <View className='admin-list__end'>没有更多了</View>
      )}
    </View>
  );
}

function SegmentHeader({ segment }: { segment: SegmentView }) {
  return (
    <View className='admin-segment__card admin-segment__head'>
      <View className='admin-segment__line'>
        <Text className='admin-segment__name'>{segment.name}</Text>
        <Text className={`admin-segment__status admin-segment__status--${segment.status}`}>{SEGMENT_STATUS_NAMES[segment.status]}</Text>
      </View>
      <View className='admin-segment__figures'>
        <Text className='admin-segment__count'>{segment.memberCount === null ? '—' : `${segment.memberCount} 人`}</Text>
        {segment.entered !== null && segment.exited !== null && (
          <Text className='admin-segment__moves'>
            新进 {segment.entered} · 退出 {segment.exited}
          </Text>
        )}
        <Text className='admin-segment__fresh'>{freshness(segment)}</Text>
      </View>
      {segment.error && <Text className='admin-segment__error'>{segment.error}</Text>}
    </View>
  );
}

/**
 * 分群: a new segment's rule (or a saved one's) built in the editor with the live count and
 * sample; saved (computed at once); recomputed; a coupon given to each of its members, with the
 * progress as the job tick works through them; its members a page at a time.
 */
export function AdminSegmentScreen({ segmentId }: { segmentId: string | null }) {
  const [id, setId] = useState(segmentId);
  const listed = useCall(() => (segmentId ? call('admin', 'segments', {}) : Promise.resolve([] as SegmentView[])), [segmentId]);
  const [latest, setLatest] = useState<SegmentView | null>(null);
  const segment = latest ?? listed.data?.find((s) => s.id === id) ?? null;

  const [draft, setDraft] = useState<GroupDraft | null>(segmentId ? null : emptyDraft());
  const [name, setName] = useState('');
  const started = useRef(!segmentId);
  useEffect(() => {
    if (started.current || !segment) return;
    started.current = true;
    setDraft(fromRule(segment.rule));
    setName(segment.name);
  }, [segment]);

  const tags = useCall(() => call('admin', 'tags', {}), []);
  const preview = usePreview(draft);
  const [view, setView] = useState<'rule' | 'members'>('rule');
  const [busy, setBusy] = useState<'save' | 'recompute' | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [couponOpen, setCouponOpen] = useState(false);
  const progress = useActionProgress(null);

  if (segmentId && !segment) {
    return (
      <View className='app-page admin-segment'>
        {listed.error ? (
          <View className='admin-list admin-list__msg' onClick={() => void listed.reload()}>
            {listed.error}，点击重试
          </View>
        ) : listed.data ? (
          <View className='admin-list'>
            <EmptyState text='分群不存在或已删除' action={{ text: '返回分群列表', url: '/packages/admin/segments/index' }} />
          </View>
        ) : (
          <ListSkeleton rows={3} />
        )}
      </View>
    );
  }

  const save = async () => {
    if (!draft || busy) return;
    const built = toRule(draft);
    if (!name.trim()) return setSaveError('请填写分群名称');
    if (!built.rule) return setSaveError(built.problem);
    setBusy('save');
    setSaveError(null);
    try {
      const saved = await call('admin', 'saveSegment', { segment: { ...(id ? { id } : {}), name: name.trim(), rule: built.rule } });
      setLatest(saved);
      setId(saved.id);
      toast(saved.status === 'failed' ? '已保存，但计算失败' : `已保存，${saved.memberCount ?? 0} 人`);
    } catch (err) {
      setSaveError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  const recompute = async () => {
    if (!id || busy) return;
    setBusy('recompute');
    try {
      const result = await call('segment', 'recompute', { segmentId: id });
      if (result.segment) setLatest(result.segment);
      toast('已重新计算');
    } catch (err) {
      toast(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  const running = progress.action?.status === 'running';
  return (
    <View className='app-page admin-segment'>
      {segment && id && (
        <>
          <SegmentHeader segment={segment} />
          <View className='admin-segment__tools'>
            <Button className='admin-segment__tool admin-segment__recompute' size='mini' loading={flag(busy === 'recompute')} disabled={flag(busy !== null)} onClick={() => void recompute()}>
              重新计算
            </Button>
            <Button className='admin-segment__tool admin-segment__issue' size='mini' disabled={flag(running)} onClick={() => setCouponOpen(true)}>
              给分群发券
            </Button>
            <Button className='admin-segment__tool admin-segment__export' size='mini' disabled={flag(segment.memberCount === null)} onClick={() => void Taro.navigateTo({ url: `/packages/admin/exports/index?segmentId=${id}` })}>
              导出成员
            </Button>
          </View>
          {progress.action && <ActionProgress action={progress.action} error={progress.error} />}
          <View className='admin-segment__tabs' role='tablist'>
            {(['rule', 'members'] as const).map((v) => (
              <View key={v} className={`admin-segment__tab admin-segment__tab--${v} ${view === v ? 'admin-segment__tab--on' : ''}`} role='tab' aria-selected={view === v} onClick={() => setView(v)}>
                {v === 'rule' ? '规则' : '成员'}
              </View>
            ))}
          </View>
        </>
      )}
      {view === 'members' && id ? (
        <SegmentMembers segmentId={id} />
      ) : (
        <View className='admin-segment__card admin-segment__editor'>
          <Input className='admin-segment__name-input' value={name} maxlength={30} placeholder='分群名称，如 签到达人' onInput={(e) => setName(e.detail.value)} />
          {draft ? <RuleEditor draft={draft} onChange={setDraft} tags={tags.data} tagsError={tags.error} /> : <ListSkeleton rows={2} />}
          <PreviewPanel preview={preview} />
          {saveError && <View className='admin-segment__save-error'>{saveError}</View>}
          <Button className='admin-segment__save' loading={flag(busy === 'save')} disabled={flag(busy !== null || !draft)} onClick={() => void save()}>
            {id ? '保存并重新计算' : '保存分群'}
          </Button>
        </View>
      )}
      {couponOpen && id && segment && (
        <IssueCouponDialog
          to={`分群「${segment.name}」的 ${segment.memberCount ?? 0} 人`}
          onCancel={() => setCouponOpen(false)}
          send={async (templateId, requestId) => {
            const action = await call('admin', 'segmentIssueCoupon', { segmentId: id, templateId, requestId });
            progress.setAction(action);
            setCouponOpen(false);
          }}
        />
      )}
    </View>
  );
}

export default function AdminSegmentPage() {
  const { params } = useRouter();
  return (
    <SessionGate>
      <AdminGate>
        <AdminSegmentScreen segmentId={params.id || null} />
      </AdminGate>
    </SessionGate>
  );
}
