/** Which group a member came from (decoded group data) and where they were seen (group_visits). */
import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import type { GroupData } from '../../adapters/groups/group-decoder';

/**
 * The group the data names: null without data, GROUP_DATA_INVALID when it cannot be read. Called
 * before a use case's transaction: decoding may read the session key, and a refusal writes nothing.
 */
export async function groupOf(ctx: UseCaseContext, actor: Actor, data: GroupData | undefined): Promise<string | null | Failure> {
  if (!data) return null;
  const groupId = await ctx.adapters.groups.openGId(ctx.db, actor.openid, data);
  return groupId ?? fail('GROUP_DATA_INVALID');
}

/**
 * The member was seen in the group on that brand day (once per day: the key decides), and the
 * group is known from then on (wechat_groups: where staff name it), first seen on its earliest
 * day. One statement; a group already known writes nothing more.
 */
export async function recordGroupVisit(tx: Queryable, ctx: UseCaseContext, groupId: string, memberId: string): Promise<void> {
  await tx.query(
    `with known as (
       insert into wechat_groups (group_id, first_seen_on) values ($1, $3) on conflict do nothing
     ), earlier as (
       -- Locks the group's row only in the rare case it moves (no lock for a busy group's visits).
       update wechat_groups set first_seen_on = $3 where group_id = $1 and first_seen_on > $3
     )
     insert into group_visits (group_id, member_id, day) values ($1, $2, $3) on conflict do nothing`,
    [groupId, memberId, businessDay(ctx.now, ctx.brand.timeZone)],
  );
}
