/** Which group a member came from (decoded group data) and where they were seen (group_visits). */
import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { groupPointsEarned } from '../../domain/group-points';
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
 * day. The member's first visit to a group that day earns them the day's presence 社群积分 (the
 * ledger's key makes it once a day, whichever group came first). One statement; a group already
 * known writes nothing more.
 */
export async function recordGroupVisit(tx: Queryable, ctx: UseCaseContext, groupId: string, memberId: string): Promise<void> {
  const day = businessDay(ctx.now, ctx.brand.timeZone);
  await tx.query(
    `with known as (
       insert into wechat_groups (group_id, first_seen_on) values ($1, $3) on conflict do nothing
     ), earlier as (
       -- Locks the group's row only in the rare case it moves (no lock for a busy group's visits).
       update wechat_groups set first_seen_on = $3 where group_id = $1 and first_seen_on > $3
     ), visit as (
       insert into group_visits (group_id, member_id, day) values ($1, $2, $3) on conflict do nothing
       returning member_id
     )
     select book_group_points($2, $4, 'presence', $6, $1, null, $5) from visit where $4 > 0`,
    // The day twice: a date for the visit, the ledger's text key for the points.
    [groupId, memberId, day, groupPointsEarned(ctx.brand.groupPoints, 'presence'), ctx.now, day],
  );
}
