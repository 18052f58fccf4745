/**
 * 设置角色: an admin makes a member a guide or an admin, or staff a member again. Each change is
 * one conditional update of the member's row (the same role again changes and records nothing)
 * and an audit entry in the same transaction.
 *
 * Who is bound to whom follows the role, as the sharing code binds only members to guides:
 * - a member who becomes staff is nobody's customer any more: their own 专属导购 is cleared;
 * - a guide who stops being one (leaves, or moves to the office) lets their members go. A member
 *   bound to someone who no longer serves them would never be bound again under the brand's
 *   'first' rule and would stay out of 分群分配导购 (which takes members without a guide); let go,
 *   they are bound again by the next guide card they open, by a segment's 分配导购 or here one by
 *   one. Their orders keep the guide they were attributed to.
 * The role is read from the database on every request (runtime.ts resolves the member for each
 * call; session tokens name the member, never the role), so a change holds from the next call on.
 */
import type { MemberRoleChange, Role } from '../../contract';
import { recordAudit } from '../audit/record-audit';
import { endOpenTasksOf, handOverTasks } from '../sop/hand-over-tasks';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';

export async function setRole(ctx: UseCaseContext, actor: Actor, params: { targetMemberId: string; newRole: Role }): Promise<MemberRoleChange | Failure> {
  // The last admin could otherwise lock everyone out; another admin can still do it.
  if (params.targetMemberId === actor.memberId && params.newRole !== 'admin') return fail('OWN_ADMIN_ROLE');
  return transactionOrFailure(ctx.db, async (tx) => {
    const changed = await tx.query<{ was: Role; was_guide_id: string | null }>(
      `with old as (select id, role, guide_id from members where id = $1 and deleted_at is null and role <> $2 for update)
       update members m set role = $2,
         guide_id = case when $2 = 'member' then m.guide_id end,
         guide_bound_at = case when $2 = 'member' then m.guide_bound_at end
       from old where m.id = old.id
       returning old.role as was, old.guide_id as was_guide_id`,
      [params.targetMemberId, params.newRole],
    );
    const was = changed.rows[0];
    if (!was) {
      const { rows } = await tx.query<{ deleted: boolean }>('select deleted_at is not null as deleted from members where id = $1', [params.targetMemberId]);
      if (!rows[0]) return fail('NOT_FOUND', '会员不存在');
      if (rows[0].deleted) return fail('MEMBER_DELETED');
      return { targetMemberId: params.targetMemberId, role: params.newRole, releasedMembers: 0 };
    }
    const released =
      was.was === 'guide'
        ? (await tx.query('update members set guide_id = null, guide_bound_at = null where guide_id = $1', [params.targetMemberId])).rowCount
        : 0;
    if (was.was === 'guide') await endOpenTasksOf(tx, params.targetMemberId);
    // Staff now: nobody's customer, so no guide follows them up.
    if (params.newRole !== 'member' && was.was_guide_id !== null) await handOverTasks(tx, [params.targetMemberId], null);
    await recordAudit(tx, {
      actor,
      at: ctx.now,
      kind: 'member.setRole',
      targetType: 'member',
      targetId: params.targetMemberId,
      before: { role: was.was, guideId: was.was_guide_id },
      after: { role: params.newRole, guideId: params.newRole === 'member' ? was.was_guide_id : null, releasedMembers: released },
    });
    return { targetMemberId: params.targetMemberId, role: params.newRole, releasedMembers: released };
  });
}
