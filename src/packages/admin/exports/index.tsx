/**
 * 导出: an xlsx of the members (all, or one segment's), the orders or the points ledger, made in
 * the background; the screen follows it to done and downloads it (H5 saves the file; weapp opens
 * it with openDocument). The exports of the last 24 hours are listed for any admin to download.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { ExportView } from '@cloud/contract';
import { EXPORT_KIND_NAMES, EXPORT_KINDS, type ExportKind } from '@cloud/domain/export-kinds';
import AdminGate from '@/components/AdminGate';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { downloadExport, followExport } from '@/services/download-export';
import { messageOf } from '@/services/errors';
import { createIntent } from '@/services/request-id';
import { flag } from '@/utils/flag';
import ListSkeleton from '../components/ListSkeleton';
import OptionSheet from '../components/OptionSheet';
import { shortTime } from '../components/labels';
import '../components/list.css';
import './index.css';

const KIND_NOTES: Record<ExportKind, string> = {
  members: '昵称、等级、积分、分层与标签',
  orders: '订单号、商品、金额、状态与收货信息',
  points: '每一笔积分的发放、使用与过期',
};

export const EXPORT_STATUS_NAMES: Record<ExportView['status'], string> = {
  queued: '排队中',
  running: '生成中',
  done: '已完成',
  failed: '失败',
  expired: '已过期',
};

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Where an export is: rows written of how many, or why it stopped. */
export function progressText(e: ExportView): string {
  if (e.status === 'done') return `${e.rowsDone} 行${e.bytes === null ? '' : ` · ${fileSize(e.bytes)}`}`;
  if (e.status === 'failed') return e.error ?? '导出失败，请重新导出';
  if (e.status === 'expired') return '文件已删除，请重新导出';
  if (e.status === 'queued' || e.totalEstimate === null) return '等待生成…';
  return `已写入 ${e.rowsDone} / ${e.totalEstimate} 行`;
}

function ExportRow({ e, segmentName, onDownload, downloading }: { e: ExportView; segmentName?: string; onDownload(e: ExportView): void; downloading: boolean }) {
  const share = e.status === 'running' && e.totalEstimate ? Math.min(1, e.rowsDone / e.totalEstimate) : e.status === 'done' ? 1 : 0;
  return (
    <View className={`admin-exports__row admin-exports__row--${e.status}`} data-export={e.exportId}>
      <View className='admin-exports__row-main'>
        <Text className='admin-exports__file'>{e.fileName}</Text>
        <Text className='admin-exports__meta'>
          {EXPORT_STATUS_NAMES[e.status]} · {progressText(e)} · {shortTime(e.createdAt)}
          {segmentName ? ` · ${segmentName}` : ''}
        </Text>
        {(e.status === 'queued' || e.status === 'running') && (
          <View className='admin-exports__bar'>
            <View className='admin-exports__bar-fill' style={{ width: `${Math.round(share * 100)}%` }} />
          </View>
        )}
      </View>
      {e.status === 'done' && (
        <Button className='admin-exports__download' size='mini' loading={flag(downloading)} disabled={flag(downloading)} onClick={() => onDownload(e)}>
          下载
        </Button>
      )}
    </View>
  );
}

export function AdminExportsScreen({ initialSegmentId }: { initialSegmentId?: string }) {
  const [kind, setKind] = useState<ExportKind>('members');
  const [segmentId, setSegmentId] = useState<string | undefined>(initialSegmentId);
  const [picking, setPicking] = useState(false);
  const [current, setCurrent] = useState<ExportView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const intent = useRef(createIntent());
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  const recent = useCall(() => call('admin', 'exports', {}), []);
  const segments = useCall(() => call('admin', 'segments', {}), []);
  const segmentName = (id: string | null | undefined) => (id ? segments.data?.find((s) => s.id === id)?.name : undefined);

  const start = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const params = { kind, ...(kind === 'members' && segmentId ? { segmentId } : {}) };
    try {
      const asked = await call('admin', 'export', { ...params, requestId: intent.current.id(JSON.stringify(params)) });
      intent.current.settle();
      setCurrent(asked);
      const done = await followExport(asked.exportId, (view) => {
        if (alive.current) setCurrent(view);
      });
      if (alive.current) setCurrent(done);
      void recent.reload();
    } catch (err) {
      intent.current.settle(err);
      if (alive.current) setError(messageOf(err));
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  const download = async (e: ExportView) => {
    setDownloading(e.exportId);
    try {
      await downloadExport(e);
    } catch (err) {
      void Taro.showToast({ title: messageOf(err), icon: 'none' });
    } finally {
      if (alive.current) setDownloading(null);
    }
  };

  const others = (recent.data ?? []).filter((e) => e.exportId !== current?.exportId);
  return (
    <View className='app-page admin-exports'>
      <View className='admin-exports__card'>
        <Text className='admin-exports__title'>导出内容</Text>
        {EXPORT_KINDS.map((k) => (
          <View key={k} className={`admin-exports__kind admin-exports__kind--${k} ${kind === k ? 'admin-exports__kind--on' : ''}`} role='radio' aria-checked={kind === k} onClick={() => setKind(k)}>
            <View className='admin-exports__radio' />
            <View className='admin-exports__kind-text'>
              <Text className='admin-exports__kind-name'>{EXPORT_KIND_NAMES[k]}</Text>
              <Text className='admin-exports__kind-note'>{KIND_NOTES[k]}</Text>
            </View>
          </View>
        ))}
        {kind === 'members' && (
          <View className='admin-exports__segment' onClick={() => setPicking(true)}>
            <Text>范围</Text>
            <Text className='admin-exports__segment-value'>{segmentId ? (segmentName(segmentId) ?? '已选分群') : '全部会员'} ▾</Text>
          </View>
        )}
        {error && <View className='admin-exports__error'>{error}</View>}
        <Button className='admin-exports__start' loading={flag(busy)} disabled={flag(busy)} onClick={() => void start()}>
          {busy ? '正在生成…' : '开始导出'}
        </Button>
        {current && <ExportRow e={current} segmentName={segmentName(current.segmentId)} downloading={downloading === current.exportId} onDownload={(e) => void download(e)} />}
      </View>
      <Text className='admin-exports__section'>最近导出（24 小时内可下载）</Text>
      {recent.data === null ? (
        recent.error ? (
          <View className='admin-list admin-list__msg' onClick={() => void recent.reload()}>
            {recent.error}，点击重试
          </View>
        ) : (
          <ListSkeleton rows={2} />
        )
      ) : others.length === 0 ? (
        <View className='admin-list'>
          <EmptyState compact text='24 小时内没有其他导出' />
        </View>
      ) : (
        <View className='admin-list admin-exports__recent'>
          {others.map((e) => (
            <ExportRow key={e.exportId} e={e} segmentName={segmentName(e.segmentId)} downloading={downloading === e.exportId} onDownload={(x) => void download(x)} />
          ))}
        </View>
      )}
      {picking && (
        <OptionSheet
          title='导出范围'
          loading={segments.loading}
          error={segments.error}
          options={[
            { value: '', name: '全部会员' },
            ...(segments.data ?? [])
              .filter((s) => s.memberCount !== null)
              .map((s) => ({ value: s.id, name: s.name, sub: `${s.memberCount} 人`, group: '分群' })),
          ]}
          selected={[segmentId ?? '']}
          onPick={([v]) => {
            setSegmentId(v || undefined);
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </View>
  );
}

export default function AdminExportsPage() {
  const { params } = useRouter();
  return (
    <SessionGate>
      <AdminGate>
        <AdminExportsScreen initialSegmentId={params.segmentId || undefined} />
      </AdminGate>
    </SessionGate>
  );
}
