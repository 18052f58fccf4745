import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { AdminMemberDetail, MemberTagView } from '@cloud/contract';
import { ruleField } from '@cloud/domain/rule-catalogue';
import AdminGate from '@/components/AdminGate';
import MemberAvatar from '@/components/MemberAvatar';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { useMemberStore } from '@/stores/member';
import { useSessionStore } from '@/stores/session';
import { flag } from '@/utils/flag';
import { formatMonthDay, memberName } from '@/utils/format';
import AdjustPointsDialog from '../components/AdjustPointsDialog';
import IssueCouponDialog from '../components/IssueCouponDialog';
import { ROLE_NAMES, TAG_KIND_NAMES, sourceName, tierName } from '../components/labels';
import MemberActivity from './MemberActivity';
import RoleAndGuide from './RoleAndGuide';
import './index.css';

/** The read model's values the detail shows, in this order. */
const KEY_FACTS = ['visitDays30', 'checkins30', 'orders365', 'gmv365', 'daysSinceActive', 'medianIntervalDays'] as const;

function factText(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  const def = ruleField(key);
  return `${typeof value === 'number' ? Math.round(value * 100) / 100 : String(value)}${def?.unit ? ` ${def.unit}` : ''}`;
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2000 });

function Tags({ memberId, tags, editable, onTags }: { memberId: string; tags: MemberTagView[]; editable: boolean; onTags(t: MemberTagView[]): void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (key: string, work: () => Promise<MemberTagView[]>) => {
    if (busy) return;
    setBusy(key);
    setError(null);
    try {
      onTags(await work());
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const add = async () => {
    const tag = name.trim();
    if (!tag) return;
    if (await run('add', () => call('admin', 'tagMember', { targetMemberId: memberId, name: tag }))) setName('');
  };

  const kinds = [...new Set(tags.map((t) => t.kind))];
  return (
    <View className='admin-member__card admin-member__tags'>
      <View className='admin-member__title'>标签</View>
      {tags.length === 0 && <View className='admin-member__empty'>还没有标签</View>}
      {kinds.map((kind) => (
        <View key={kind} className='admin-member__tag-kind'>
          <Text className='admin-member__tag-kind-name'>{TAG_KIND_NAMES[kind] ?? kind}</Text>
          {tags
            .filter((t) => t.kind === kind)
            .map((t) => (
              <View key={t.key} className={`admin-member__tag admin-member__tag--${t.source}`} data-tag={t.key}>
                <View className='admin-member__tag-main'>
                  <Text className='admin-member__tag-name'>{t.name}</Text>
                  <Text className='admin-member__tag-why'>{t.why}</Text>
                </View>
                {t.source === 'manual' && editable && (
                  <Text
                    className='admin-member__tag-remove'
                    aria-label={`删除标签 ${t.name}`}
                    onClick={() => void run(t.key, () => call('admin', 'untagMember', { targetMemberId: memberId, tagKey: t.key }))}
                  >
                    {busy === t.key ? '…' : '×'}
                  </Text>
                )}
              </View>
            ))}
        </View>
      ))}
      {editable && (
        <View className='admin-member__tag-add'>
          <Input className='admin-member__tag-input' value={name} maxlength={12} placeholder='手动标签，如 爱穿连衣裙' onInput={(e) => setName(e.detail.value)} onConfirm={() => void add()} />
          <Button className='admin-member__tag-button' size='mini' loading={flag(busy === 'add')} disabled={flag(!name.trim() || busy !== null)} onClick={() => void add()}>
            添加
          </Button>
        </View>
      )}
      {error && <View className='admin-member__error'>{error}</View>}
    </View>
  );
}

function Loading() {
  return (
    <View className='admin-member__card admin-member__who' aria-busy>
      <Skeleton className='admin-member__skeleton-avatar' />
      <View className='admin-member__names'>
        <Skeleton className='admin-member__skeleton-name' />
        <Skeleton className='admin-member__skeleton-line' />
      </View>
    </View>
  );
}

/**
 * One member as operations staff see them: who, points, role and guide, layer, RFM, churn warning,
 * tags with why, segments, their activity; adjust points, give a coupon, set the role, assign the
 * guide, tag.
 */
export function AdminMemberScreen({ memberId }: { memberId: string }) {
  const { data, error, reload, setData } = useCall(() => call('admin', 'memberDetail', { targetMemberId: memberId }), [memberId]);
  const [dialog, setDialog] = useState<'points' | 'coupon' | null>(null);
  /** Bumped by a points change or a coupon given: the ledger and the coupons are read again. */
  const [changes, setChanges] = useState(0);
  const profileId = useMemberStore((s) => s.profile?.id ?? null);
  const signedInId = useSessionStore((s) => s.member?.id ?? null);

  if (!data) {
    return (
      <View className='app-page admin-member'>
        {error ? (
          <View className='admin-member__msg' onClick={() => void reload()}>
            {error}，点击重试
          </View>
        ) : (
          <Loading />
        )}
      </View>
    );
  }

  const m = data.member;
  const seg = data.segmentation;
  const update = (change: (d: AdminMemberDetail) => AdminMemberDetail) => setData((d) => (d ? change(d) : d));

  return (
    <View className='app-page admin-member'>
      <View className='admin-member__card admin-member__who'>
        <MemberAvatar nickname={m.nickname} avatarUrl={m.avatarUrl} />
        <View className='admin-member__names'>
          <View className='admin-member__line'>
            <Text className='admin-member__name'>{m.deleted ? '已注销的会员' : memberName(m.nickname)}</Text>
            <Text className='admin-member__tier'>{m.role === 'member' ? tierName(m.tier) : ROLE_NAMES[m.role]}</Text>
          </View>
          <Text className='admin-member__sub'>
            ID {m.id} · {formatMonthDay(m.joinedAt.slice(0, 10))}入会 · 来源 {sourceName(m.source)}
          </Text>
        </View>
      </View>

      <View className='admin-member__card admin-member__points'>
        <View className='admin-member__balance'>
          <Text className='admin-member__balance-value'>{m.pointsBalance}</Text>
          <Text className='admin-member__balance-label'>积分余额</Text>
        </View>
        <View className='admin-member__actions'>
          <Button className='admin-member__action admin-member__adjust' size='mini' disabled={flag(m.deleted)} onClick={() => setDialog('points')}>
            调整积分
          </Button>
          <Button className='admin-member__action admin-member__coupon' size='mini' disabled={flag(m.deleted)} onClick={() => setDialog('coupon')}>
            发优惠券
          </Button>
        </View>
      </View>

      <RoleAndGuide
        member={m}
        selfId={profileId ?? signedInId}
        onRole={(role, released) => {
          // Staff are nobody's customers: the server cleared the guide of a member made staff.
          update((d) => ({ ...d, member: { ...d.member, role, guide: role === 'member' ? d.member.guide : null } }));
          toast(released > 0 ? `已设为${ROLE_NAMES[role]}，${released} 位专属会员已解除绑定` : `已设为${ROLE_NAMES[role]}`);
        }}
        onGuide={(guide) => {
          update((d) => ({ ...d, member: { ...d.member, guide } }));
          toast(guide ? `专属导购已设为 ${memberName(guide.nickname)}` : '已取消专属导购');
        }}
      />

      <View className='admin-member__card admin-member__layer'>
        <View className='admin-member__title'>
          分层与流失
          <Text className='admin-member__day'>{seg.day ? `数据日期 ${formatMonthDay(seg.day)}` : ''}</Text>
        </View>
        {!seg.layer ? (
          <View className='admin-member__empty'>还没有分层数据（每晚 00:30 计算，也可在运营工作台立即计算）</View>
        ) : (
          <>
            <View className='admin-member__layer-line'>
              <Text className={`admin-member__layer-name admin-member__layer-name--${seg.layer.key}`}>{seg.layer.name}</Text>
              {seg.layer.since && <Text className='admin-member__since'>自 {formatMonthDay(seg.layer.since)}</Text>}
            </View>
            <View className='admin-member__rfm'>
              {seg.rfm ? (
                (['r', 'f', 'm'] as const).map((k) => (
                  <Text key={k} className={`admin-member__score admin-member__score--${k}`}>
                    {k.toUpperCase()} {seg.rfm![k]}
                  </Text>
                ))
              ) : (
                <Text className='admin-member__no-rfm'>近一年没有付款订单，没有 RFM 分</Text>
              )}
            </View>
            <View className={`admin-member__churn ${seg.churn.risk ? 'admin-member__churn--risk' : ''}`}>
              {seg.churn.risk ? `流失预警：${seg.churn.reason ?? ''}` : '没有流失预警'}
            </View>
            {seg.facts && (
              <View className='admin-member__facts'>
                {KEY_FACTS.map((k) => (
                  <View key={k} className='admin-member__fact' data-fact={k}>
                    <Text className='admin-member__fact-value'>{factText(k, seg.facts![k])}</Text>
                    <Text className='admin-member__fact-label'>{ruleField(k)?.label ?? k}</Text>
                  </View>
                ))}
              </View>
            )}
          </>
        )}
      </View>

      <Tags memberId={m.id} tags={seg.tags} editable={!m.deleted} onTags={(tags) => update((d) => ({ ...d, segmentation: { ...d.segmentation, tags } }))} />

      <View className='admin-member__card admin-member__segments'>
        <View className='admin-member__title'>所在分群</View>
        {seg.segments.length === 0 && <View className='admin-member__empty'>不在任何分群中</View>}
        {seg.segments.map((s) => (
          <View key={s.id} className='admin-member__segment' data-segment={s.id} onClick={() => void Taro.navigateTo({ url: `/packages/admin/segment/index?id=${s.id}` })}>
            <Text>{s.name}</Text>
            <Text className='admin-member__chevron'>›</Text>
          </View>
        ))}
      </View>

      <MemberActivity memberId={m.id} joinedAt={m.joinedAt} changes={changes} />

      {dialog === 'points' && (
        <AdjustPointsDialog
          memberId={m.id}
          balance={m.pointsBalance}
          onCancel={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null);
            update((d) => ({ ...d, member: { ...d.member, pointsBalance: result.balance } }));
            setChanges((c) => c + 1);
            toast(`已${result.delta > 0 ? '增加' : '扣减'} ${Math.abs(result.delta)} 积分`);
          }}
        />
      )}
      {dialog === 'coupon' && (
        <IssueCouponDialog
          to={memberName(m.nickname)}
          onCancel={() => setDialog(null)}
          send={async (templateId, requestId) => {
            const coupon = await call('admin', 'issueCoupon', { templateId, targetMemberId: m.id, requestId });
            setDialog(null);
            setChanges((c) => c + 1);
            toast(`已发放「${coupon.name}」`);
          }}
        />
      )}
    </View>
  );
}

export default function AdminMemberPage() {
  const { params } = useRouter();
  return (
    <SessionGate>
      <AdminGate>
        <AdminMemberScreen memberId={params.id ?? ''} />
      </AdminGate>
    </SessionGate>
  );
}
