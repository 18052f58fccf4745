import type { Actor, UseCaseContext } from '../context';

/** Records the member's answer to the one-time reminder subscription; only an acceptance is kept. */
export async function subscribeReminder(
  ctx: UseCaseContext,
  actor: Actor,
  params: { accepted: boolean },
): Promise<{ pendingReminders: number }> {
  const { rows } = await ctx.db.query<{ pending: number }>(
    `with added as (
       insert into reminder_subscriptions (member_id, accepted_at) select $1, $2 where $3
       returning id
     )
     select (select count(*)::int from reminder_subscriptions where member_id = $1 and kind = 'checkin' and used_at is null)
       + (select count(*)::int from added) as pending`,
    [actor.memberId, ctx.now, params.accepted],
  );
  return { pendingReminders: rows[0]!.pending };
}
