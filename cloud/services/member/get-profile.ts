import type { MemberProfile } from '../../contract';
import type { Queryable } from '../../db/port';
import type { Actor, UseCaseContext } from '../context';
import { MEMBER_COLUMNS, toProfile, type MemberRow } from './member-row';
import { recordVisit } from './record-visit';

/** My profile; asking for it is a visit (the tab pages and sign-in load it). */
export async function getProfile(ctx: UseCaseContext, actor: Actor): Promise<MemberProfile> {
  const [profile] = await Promise.all([loadProfile(ctx.db, ctx, actor.memberId), recordVisit(ctx.db, ctx, actor.memberId)]);
  return profile;
}

/** The profile as the member sees it, read with `db` (a transaction's, after a write). */
export async function loadProfile(db: Queryable, ctx: UseCaseContext, memberId: string): Promise<MemberProfile> {
  const { rows } = await db.query<MemberRow & { pending_reminders: number }>(
    `select ${MEMBER_COLUMNS},
       (select count(*)::int from reminder_subscriptions where member_id = members.id and used_at is null and kind = 'checkin') as pending_reminders
     from members where id = $1`,
    [memberId],
  );
  return toProfile(rows[0]!, ctx.brand, rows[0]!.pending_reminders);
}
