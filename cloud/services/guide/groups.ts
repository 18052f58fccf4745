import type { GroupSeen, GuideGroups } from '../../contract';
import { businessDay } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';

const PAGE = 20;

interface GroupRow {
  group_id: string;
  name: string | null;
  first_on: string;
  members_seen: number;
  last_on: string;
}

/** Where a page of groups starts: after the cursor's (first seen, group) in newest-first order. */
interface Page {
  after: { day: string; groupId: string } | null;
  only: string | null;
  limit: number;
}

/**
 * The groups a guide's cards were opened in, first seen (their first click there) newest first;
 * an admin's are every group seen (wechat_groups). The page is picked first, then each of its
 * groups is measured: members seen and its latest day of activity.
 */
async function groupRows(ctx: UseCaseContext, actor: Actor, page: Page): Promise<GroupRow[]> {
  const picked =
    actor.role === 'admin'
      ? `select g.group_id, g.first_seen_on as first_on, null::date as last_click_on from wechat_groups g
         where ($3::text is null or g.group_id = $3)
           and ($4::date is null or (g.first_seen_on, g.group_id) < ($4::date, $5::text))
         order by g.first_seen_on desc, g.group_id desc limit $6`
      : `select * from (
           select c.group_id, (min(c.first_clicked_at) at time zone $2)::date as first_on,
             (max(c.last_clicked_at) at time zone $2)::date as last_click_on
           from share_clicks c join shares s on s.id = c.share_id
           where s.sharer_id = $1 and c.group_id is not null and ($3::text is null or c.group_id = $3)
           group by c.group_id
         ) mine
         where $4::date is null or (mine.first_on, mine.group_id) < ($4::date, $5::text)
         order by mine.first_on desc, mine.group_id desc limit $6`;
  const { rows } = await ctx.db.query<GroupRow>(
    `with picked as (${picked})
     select p.group_id, g.name, p.first_on, seen.members_seen,
       greatest(p.last_click_on, seen.last_day, clicked.last_day, p.first_on) as last_on
     from picked p
     left join wechat_groups g on g.group_id = p.group_id
     left join lateral (
       select count(distinct v.member_id)::int as members_seen, max(v.day) as last_day from group_visits v where v.group_id = p.group_id
     ) seen on true
     left join lateral (
       select (max(c.last_clicked_at) at time zone $2)::date as last_day from share_clicks c
       where $1::bigint is null and c.group_id = p.group_id
     ) clicked on true
     order by p.first_on desc, p.group_id desc`,
    [
      actor.role === 'admin' ? null : actor.memberId,
      ctx.brand.timeZone,
      page.only,
      page.after?.day ?? null,
      page.after?.groupId ?? null,
      page.limit,
    ],
  );
  return rows;
}

const toGroupSeen = (r: GroupRow): GroupSeen => ({
  groupId: r.group_id,
  name: r.name,
  firstSeenOn: r.first_on,
  membersSeen: r.members_seen,
  lastActiveOn: r.last_on,
});

const cursorOf = (g: GroupSeen) => `${g.firstSeenOn}~${g.groupId}`;

function parseCursor(cursor: string | undefined): Page['after'] {
  if (!cursor) return null;
  const [day, groupId] = cursor.split('~') as [string, string];
  return { day, groupId };
}

/**
 * 我的群: the groups my cards were opened in (an admin: every group seen), newest first, each
 * with the name staff gave it, when it was first seen, how many members were seen there and its
 * latest activity. WeChat never tells a group's name: naming it is ours (nameGroup).
 */
export async function guideGroups(ctx: UseCaseContext, actor: Actor, params: { cursor?: string }): Promise<GuideGroups> {
  const rows = await groupRows(ctx, actor, { after: parseCursor(params.cursor), only: null, limit: PAGE + 1 });
  const items = rows.slice(0, PAGE).map(toGroupSeen);
  return { items, nextCursor: rows.length > PAGE ? cursorOf(items.at(-1)!) : null };
}

/**
 * Names a group (renaming replaces the name): a guide names the groups their cards were opened
 * in, an admin any group seen. Who named it and when are kept. One conditional statement decides
 * whether the caller may: a group a guide never reached answers 403, whether it exists or not.
 */
export async function nameGroup(
  ctx: UseCaseContext,
  actor: Actor,
  params: { groupId: string; name: string },
): Promise<GroupSeen | Failure> {
  const named =
    actor.role === 'admin'
      ? await ctx.db.query(`update wechat_groups set name = $2, named_by = $3, named_at = $4 where group_id = $1`, [
          params.groupId,
          params.name,
          actor.memberId,
          ctx.now,
        ])
      : await ctx.db.query(
          // A click recorded before the group was (a migration's data) still lets its guide name it.
          `insert into wechat_groups (group_id, first_seen_on, name, named_by, named_at)
           select $1, $5, $2, $3, $4
           where exists (select 1 from share_clicks c join shares s on s.id = c.share_id where c.group_id = $1 and s.sharer_id = $3)
           on conflict (group_id) do update set name = excluded.name, named_by = excluded.named_by, named_at = excluded.named_at`,
          [params.groupId, params.name, actor.memberId, ctx.now, businessDay(ctx.now, ctx.brand.timeZone)],
        );
  if (named.rowCount === 0) {
    return actor.role === 'admin' ? fail('NOT_FOUND', '没有找到这个群') : fail('FORBIDDEN', '只能给打开过你分享卡片的群命名');
  }
  const [row] = await groupRows(ctx, actor, { after: null, only: params.groupId, limit: 1 });
  return toGroupSeen(row!);
}
