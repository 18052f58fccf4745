import type { Queryable } from '../../db/port';
import type { Role } from '../../contract';
import { ACTOR_COLUMNS, MEMBER_COLUMNS, type ActorRow, type LatestCheckinColumns, type MemberRow } from './member-row';

type Resolved = ActorRow & Partial<LatestCheckinColumns>;

interface ResolveOptions {
  /**
   * Read the member's latest check-in in the same query, for a use case that needs it (the
   * check-in then needs no read of its own); other calls do not pay for the join.
   */
  latestCheckin?: boolean;
}

function selectMember(where: string, options: ResolveOptions): string {
  return options.latestCheckin
    ? `select ${ACTOR_COLUMNS}, l.day as latest_checkin_day, l.streak as latest_checkin_streak
       from members left join lateral (
         select day, streak from checkins c where c.member_id = members.id order by day desc limit 1
       ) l on true
       where ${where}`
    : `select ${ACTOR_COLUMNS} from members where ${where}`;
}

/**
 * The member behind a WeChat openid, created on first sight (WeChat sign-in, a cloud function's
 * context). Safe under concurrency: the unique openid decides, and a loser of the race reads the
 * winner's row.
 */
export async function resolveMember(db: Queryable, openid: string, now: Date, options: ResolveOptions = {}): Promise<Resolved> {
  const select = selectMember('openid = $1', options);
  const found = await db.query<Resolved>(select, [openid]);
  if (found.rows[0]) return found.rows[0];
  const created = await db.query<ActorRow>(
    `insert into members (openid, created_at) values ($1, $2)
     on conflict (openid) do nothing
     returning ${ACTOR_COLUMNS}`,
    [openid, now],
  );
  // A member created just now has checked in never.
  if (created.rows[0]) return options.latestCheckin ? { ...created.rows[0], latest_checkin_day: null, latest_checkin_streak: null } : created.rows[0];
  const raced = await db.query<Resolved>(select, [openid]);
  return raced.rows[0]!;
}

/**
 * The member a request acts for. A session token names its member: it is found only while that
 * member still has the openid — after 注销 the token signs nobody in, and nothing is created for
 * it. WeChat's context names only the openid: the member is created on first sight.
 */
export async function memberOf(
  db: Queryable,
  identity: { openid: string; memberId?: string },
  now: Date,
  options: ResolveOptions = {},
): Promise<Resolved | null> {
  if (identity.memberId === undefined) return resolveMember(db, identity.openid, now, options);
  const { rows } = await db.query<Resolved>(selectMember('id = $1 and openid = $2', options), [identity.memberId, identity.openid]);
  return rows[0] ?? null;
}

/** Creates or updates a member with a role: development sign-in and demo data only. */
export async function upsertMemberWithRole(db: Queryable, openid: string, role: Role, now: Date): Promise<MemberRow> {
  const { rows } = await db.query<MemberRow>(
    `insert into members (openid, role, created_at) values ($1, $2, $3)
     on conflict (openid) do update set role = excluded.role returning ${MEMBER_COLUMNS}`,
    [openid, role, now],
  );
  return rows[0]!;
}
