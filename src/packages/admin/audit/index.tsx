/**
 * 操作记录: every admin write, newest first — who, when, on what, and what changed (before →
 * after) — narrowed by kind, or to one admin by tapping their name.
 */
import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { AuditEntryView, AuditTargetType } from '@cloud/contract';
import { AUDIT_KIND_NAMES, type AuditKind } from '@cloud/domain/audit-kinds';
import AdminGate from '@/components/AdminGate';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import { usePaged } from '@/hooks/use-paged';
import { call } from '@/services/api';
import { memberName } from '@/utils/format';
import OptionSheet from '../components/OptionSheet';
import PagedList from '../components/PagedList';
import { shortTime } from '../components/labels';
import { auditChanges } from './audit-changes';
import './index.css';

const TARGET_NAMES: Record<AuditTargetType, string> = {
  settings: '品牌设置',
  member: '会员',
  coupon: '优惠券',
  segment: '分群',
  order: '订单',
  mallRedemption: '积分兑换',
  lotteryAward: '抽奖奖品',
  campaign: '抽奖活动',
  mallItem: '积分商品',
  couponTemplate: '券模板',
  category: '分类',
  product: '商品',
  flashSale: '秒杀',
  banner: '横幅',
  export: '导出',
  script: '话术',
  groupPlanPost: '社群计划',
  momentsPost: '朋友圈内容',
  sopPlan: 'SOP 计划',
};

/** At most this many changed fields per entry; the rest are counted. */
const SHOWN_CHANGES = 6;

export const targetText = (e: Pick<AuditEntryView, 'targetType' | 'targetId'>) => `${TARGET_NAMES[e.targetType]}${e.targetId ? ` #${e.targetId}` : ''}`;

function AuditEntry({ e, onActor }: { e: AuditEntryView; onActor(actor: AuditEntryView['actor']): void }) {
  const changes = auditChanges(e.before, e.after);
  return (
    <View className='admin-audit__entry' data-audit={e.id} data-kind={e.kind}>
      <View className='admin-audit__line'>
        <Text className='admin-audit__kind'>{e.kindName}</Text>
        <Text className='admin-audit__time'>{shortTime(e.at)}</Text>
      </View>
      <View className='admin-audit__line'>
        <Text
          className='admin-audit__actor'
          onClick={(ev) => {
            ev.stopPropagation();
            onActor(e.actor);
          }}
        >
          {memberName(e.actor.nickname)}
        </Text>
        <Text className='admin-audit__target'>{targetText(e)}</Text>
      </View>
      {changes.length > 0 && (
        <View className='admin-audit__changes'>
          {changes.slice(0, SHOWN_CHANGES).map((c) => (
            <View key={c.path} className='admin-audit__change'>
              {c.path && <Text className='admin-audit__path'>{c.path}</Text>}
              <Text className='admin-audit__before'>{c.before}</Text>
              <Text className='admin-audit__arrow'> → </Text>
              <Text className='admin-audit__after'>{c.after}</Text>
            </View>
          ))}
          {changes.length > SHOWN_CHANGES && <Text className='admin-audit__more'>另有 {changes.length - SHOWN_CHANGES} 项变更</Text>}
        </View>
      )}
    </View>
  );
}

export function AdminAuditScreen() {
  const [kind, setKind] = useState<AuditKind | undefined>();
  const [actor, setActor] = useState<AuditEntryView['actor'] | undefined>();
  const [picking, setPicking] = useState(false);
  const list = usePaged(
    (cursor) => call('admin', 'auditLog', { ...(kind ? { kind } : {}), ...(actor ? { actorId: actor.id } : {}), ...(cursor ? { cursor } : {}) }),
    [kind, actor?.id],
  );
  useReachBottom(() => void list.loadMore());

  const chip = (key: string, text: string, on: boolean, open: () => void, clear: () => void) => (
    <View className={`admin-audit__chip admin-audit__chip--${key} ${on ? 'admin-audit__chip--on' : ''}`} onClick={open}>
      <Text>{text}</Text>
      {on ? (
        <Text
          className='admin-audit__chip-clear'
          onClick={(ev) => {
            ev.stopPropagation();
            clear();
          }}
        >
          ×
        </Text>
      ) : (
        <Text className='admin-audit__chip-arrow'>▾</Text>
      )}
    </View>
  );

  return (
    <View className='app-page admin-audit'>
      <View className='admin-audit__chips'>
        {chip('kind', kind ? AUDIT_KIND_NAMES[kind] : '全部操作', !!kind, () => setPicking(true), () => setKind(undefined))}
        {chip('actor', actor ? `只看 ${memberName(actor.nickname)}` : '全部人员', !!actor, () => undefined, () => setActor(undefined))}
      </View>
      {!actor && <Text className='admin-audit__hint'>点人员名字只看 TA 的操作</Text>}
      <PagedList
        list={list}
        className='admin-audit__list'
        empty={<EmptyState compact text={kind || actor ? '没有符合条件的操作记录' : '还没有操作记录'} />}
        row={(e) => <AuditEntry key={e.id} e={e} onActor={setActor} />}
      />
      {picking && (
        <OptionSheet
          title='按操作'
          options={Object.entries(AUDIT_KIND_NAMES).map(([value, name]) => ({ value, name }))}
          selected={kind ? [kind] : []}
          onPick={([v]) => {
            setKind(v as AuditKind);
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </View>
  );
}

export default function AdminAuditPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminAuditScreen />
      </AdminGate>
    </SessionGate>
  );
}
