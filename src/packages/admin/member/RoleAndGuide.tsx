/**
 * 会员详情's role and 专属导购: 设置角色 picks 会员 / 导购 / 运营 and confirms (what a guide's members
 * become is said before); 分配导购 picks among the guides, or none, and confirms. The server's
 * refusal (one's own admin role, an erased member) is shown in the dialog.
 */
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { AdminMemberDetail, GuideOption, Role } from '@cloud/contract';
import Dialog from '@/components/Dialog';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { flag } from '@/utils/flag';
import { memberName } from '@/utils/format';
import OptionSheet from '../components/OptionSheet';
import { ROLE_NAMES } from '../components/labels';

type Member = AdminMemberDetail['member'];

const ROLES: Role[] = ['member', 'guide', 'admin'];
const ROLE_HINTS: Record<Role, string> = { member: '会员中心的三个页面', guide: '加上导购工作台', admin: '加上运营工作台' };
/** The sheet's value for 不分配导购 (ids are digits). */
const NO_GUIDE = 'none';

/** What the confirm dialog asks about. */
type Pending = { kind: 'role'; role: Role } | { kind: 'guide'; guide: GuideOption | null };

export interface RoleAndGuideProps {
  member: Member;
  /** The signed-in admin: they cannot take their own admin role away. */
  selfId: string | null;
  onRole(role: Role, releasedMembers: number): void;
  onGuide(guide: Member['guide']): void;
}

function confirmText(member: Member, p: Pending): string {
  const who = memberName(member.nickname);
  if (p.kind === 'guide') return p.guide ? `将 ${who} 的专属导购设为 ${memberName(p.guide.nickname)}？` : `取消 ${who} 的专属导购？`;
  const base = `将 ${who} 的角色设为「${ROLE_NAMES[p.role]}」？`;
  if (member.role === 'guide') return `${base}TA 不再是导购，TA 的专属会员将解除绑定，可再分配给其他导购。`;
  if (member.role === 'member' && member.guide) return `${base}员工不再有专属导购。`;
  return base;
}

export default function RoleAndGuide({ member, selfId, onRole, onGuide }: RoleAndGuideProps) {
  const [sheet, setSheet] = useState<'role' | 'guide' | null>(null);
  const [guides, setGuides] = useState<{ list: GuideOption[] | null; error: string | null }>({ list: null, error: null });
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const openGuides = async () => {
    setSheet('guide');
    setGuides((g) => ({ ...g, error: null }));
    try {
      setGuides({ list: await call('admin', 'guides', {}), error: null });
    } catch (err) {
      setGuides({ list: null, error: `${messageOf(err)}，请关闭后重试` });
    }
  };

  const ask = (p: Pending) => {
    setSheet(null);
    setError(null);
    setPending(p);
  };

  const confirm = async () => {
    if (!pending || busy) return;
    setBusy(true);
    setError(null);
    try {
      if (pending.kind === 'role') {
        const changed = await call('admin', 'setRole', { targetMemberId: member.id, newRole: pending.role });
        onRole(changed.role, changed.releasedMembers);
      } else {
        const changed = await call('admin', 'assignGuide', { targetMemberId: member.id, guideId: pending.guide?.id ?? null });
        onGuide(changed.guide);
      }
      setPending(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const isSelf = member.id === selfId;
  return (
    <View className='admin-member__card admin-member__staff'>
      <View className='admin-member__staff-line'>
        <View className='admin-member__staff-main'>
          <Text className='admin-member__staff-label'>角色</Text>
          <Text className='admin-member__role'>{ROLE_NAMES[member.role]}</Text>
        </View>
        <Button className='admin-member__staff-action admin-member__set-role' size='mini' disabled={flag(member.deleted)} onClick={() => setSheet('role')}>
          设置角色
        </Button>
      </View>
      {member.role === 'member' && (
        <View className='admin-member__staff-line'>
          <View className='admin-member__staff-main'>
            <Text className='admin-member__staff-label'>专属导购</Text>
            <Text className='admin-member__guide'>{member.guide ? memberName(member.guide.nickname) : '未分配'}</Text>
          </View>
          <Button className='admin-member__staff-action admin-member__assign-guide' size='mini' disabled={flag(member.deleted)} onClick={() => void openGuides()}>
            {member.guide ? '更换导购' : '分配导购'}
          </Button>
        </View>
      )}
      {sheet === 'role' && (
        <OptionSheet
          title='设置角色'
          options={ROLES.map((r) => ({ value: r, name: ROLE_NAMES[r], sub: isSelf && r !== 'admin' ? '不能取消自己的管理员角色' : ROLE_HINTS[r] }))}
          selected={[member.role]}
          onPick={([role]) => {
            if (role === member.role) setSheet(null);
            else ask({ kind: 'role', role: role as Role });
          }}
          onClose={() => setSheet(null)}
        />
      )}
      {sheet === 'guide' && (
        <OptionSheet
          title='分配导购'
          loading={guides.list === null && guides.error === null}
          error={guides.error}
          empty='还没有导购，可先把员工的角色设为导购'
          options={
            guides.list
              ? [
                  ...guides.list.map((g) => ({ value: g.id, name: memberName(g.nickname), sub: `ID ${g.id} · 专属会员 ${g.members} 人` })),
                  ...(member.guide ? [{ value: NO_GUIDE, name: '不分配导购', sub: '解除与当前导购的绑定' }] : []),
                ]
              : []
          }
          selected={member.guide ? [member.guide.id] : []}
          onPick={([value]) => {
            if (value === member.guide?.id) setSheet(null);
            else ask({ kind: 'guide', guide: value === NO_GUIDE ? null : (guides.list!.find((g) => g.id === value) ?? null) });
          }}
          onClose={() => setSheet(null)}
        />
      )}
      {pending && (
        <Dialog title={pending.kind === 'role' ? '设置角色' : '分配导购'} busy={busy} error={error} onConfirm={() => void confirm()} onCancel={() => setPending(null)}>
          <Text className='admin-member__confirm'>{confirmText(member, pending)}</Text>
        </Dialog>
      )}
    </View>
  );
}
