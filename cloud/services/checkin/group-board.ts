import type { GroupBoard, GroupStreakLeader } from '../../contract';
import { businessDay } from '../../domain/business-day';
import { GROUP_BOARD_LEADERS, GROUP_BOARD_SEEN_DAYS } from '../../domain/group-points';
import type { GroupData } from '../../adapters/groups/group-decoder';
import type { Actor, UseCaseContext } from '../context';
import { Failure } from '../failure';
import { groupOf, recordGroupVisit } from '../sharing/group-visits';

/**
 * 签到 opened from a group's card: the member is present in the group today (recordGroupVisit: the
 * visit, and the day's presence 社群积分 to the member themself), then the group's board — who of
 * the members present today checked in, my place among them, and the longest current streaks of
 * the members seen in the group lately. Both reads walk group_visits' primary key (group_id, day,
 * member_id) and the check-ins' (member_id, day): a group's rows, never all members.
 */
export async function groupBoard(ctx: UseCaseContext, actor: Actor, params: { groupData: GroupData }): Promise<GroupBoard | Failure> {
  const group = await groupOf(ctx, actor, params.groupData);
  if (group instanceof Failure) return group;
  // groupOf answers null only without data, which the params require.
  const groupId = group!;
  await recordGroupVisit(ctx.db, ctx, groupId, actor.memberId);
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  const [standing, leaders] = await Promise.all([
    // 第 N 位: by the check-in's time, the member id breaking a tie, so every reader agrees.
    ctx.db.query<{ group_name: string | null; checked_in: number; my_rank: number | null }>(
      `with ranked as (
         select c.member_id, row_number() over (order by c.created_at, c.member_id) as rank
         from group_visits v join checkins c on c.member_id = v.member_id and c.day = v.day
         where v.group_id = $1 and v.day = $2::date
       )
       select (select name from wechat_groups where group_id = $1) as group_name,
         (select count(*)::int from ranked) as checked_in,
         (select rank::int from ranked where member_id = $3) as my_rank`,
      [groupId, today, actor.memberId],
    ),
    // A current streak: the latest check-in is today's or yesterday's (the streak is still alive).
    ctx.db.query<{ id: string; nickname: string | null; avatar_url: string | null; streak: number }>(
      `select m.id, m.nickname, m.avatar_url, c.streak
       from (select distinct member_id from group_visits
             where group_id = $1 and day > $2::date - $3::int and day <= $2::date) seen
       join lateral (
         select streak from checkins where member_id = seen.member_id and day >= $2::date - 1 and day <= $2::date
         order by day desc limit 1
       ) c on true
       join members m on m.id = seen.member_id and m.deleted_at is null
       order by c.streak desc, m.id
       limit $4`,
      [groupId, today, GROUP_BOARD_SEEN_DAYS, GROUP_BOARD_LEADERS],
    ),
  ]);
  const row = standing.rows[0]!;
  return {
    groupName: row.group_name,
    checkedInToday: row.checked_in,
    myRank: row.my_rank,
    leaders: leaders.rows.map(
      (l): GroupStreakLeader => ({ nickname: l.nickname, avatarUrl: l.avatar_url, streak: l.streak, me: l.id === actor.memberId }),
    ),
  };
}
