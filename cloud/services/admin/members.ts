/**
 * admin.members: members found by id, phone or nickname and narrowed by value layer, tag or
 * segment, newest first, a page at a time — one statement over members, member_facts,
 * member_tags, segment_members and addresses, with a keyset cursor (the last member id shown).
 *
 * How each condition finds its rows at a million members:
 * - member id: the primary key; a phone: `addresses_phone`, an index on the address's phone;
 *   both are gathered into an array first (`= any(array(…))`), which a bitmap scan of the
 *   primary key takes, OR-ed with
 * - the nickname's start: `lower(nickname) like 'x%'` on `members_nickname_prefix`
 *   (text_pattern_ops: usable whatever the database's locale). A search by any part of the
 *   nickname (`like '%x%'`) would read every member: a trigram index could serve it, but pg_trgm
 *   is an extension some databases lack and it cannot narrow one- or two-character queries,
 *   which most Chinese nicknames are (migration 0020 says the same).
 * - layer, tag, segment: `member_facts_layer (layer, member_id)`, `member_tags_key (tag_key,
 *   member_id)` and `segment_members_member (segment_id, member_id)` give the member ids in
 *   order, so newest-first pages walk them backwards from the cursor.
 * Erased members (注销) have no nickname or addresses left; only their id finds them.
 */
import type { AdminMemberListItem, AdminMembersPage, ParamsOut, Role } from '../../contract';
import { ADMIN_MEMBERS_PAGE } from '../../contract/admin-members';
import type { TierKey } from '../../domain/brand-settings';
import { toBrandIso } from '../../domain/business-day';
import { layerName, type LayerKey } from '../../domain/value-layers';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { inVersion } from '../segments/compute-segment';

interface Row {
  id: string;
  nickname: string | null;
  avatar_url: string | null;
  role: Role;
  tier: TierKey;
  points_balance: number;
  created_at: Date;
  deleted_at: Date | null;
  layer: LayerKey | null;
  last_active_on: string | null;
  gmv_365_fen: string | null;
  churn_risk: boolean | null;
}

/** LIKE's own characters, taken literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const MAX_ID = 999_999_999_999_999_999n;

export async function listMembers(ctx: UseCaseContext, _actor: Actor, params: ParamsOut<'admin', 'members'>): Promise<AdminMembersPage | Failure> {
  const args: unknown[] = [];
  const arg = (value: unknown) => `$${args.push(value)}`;
  const where: string[] = [];

  const query = params.query?.trim();
  if (query) {
    const found: string[] = [];
    const ids: string[] = [];
    if (/^\d{1,18}$/.test(query) && BigInt(query) <= MAX_ID) ids.push(`select ${arg(query)}::bigint`);
    if (/^1\d{10}$/.test(query)) ids.push(`select member_id from addresses where (address ->> 'phone') = ${arg(query)}`);
    if (ids.length) found.push(`m.id = any(array(${ids.join(' union all ')}))`);
    found.push(`(lower(m.nickname) like ${arg(`${likeLiteral(query.toLowerCase())}%`)} and m.deleted_at is null)`);
    where.push(`(${found.join(' or ')})`);
  } else {
    where.push('m.deleted_at is null');
  }
  if (params.layer) where.push(`m.id in (select member_id from member_facts where layer = ${arg(params.layer)})`);
  if (params.tag) where.push(`m.id in (select member_id from member_tags where tag_key = ${arg(params.tag)})`);
  if (params.segmentId) {
    const segment = await ctx.db.query<{ version: number }>('select version from segments where id = $1', [params.segmentId]);
    if (!segment.rows[0]) return fail('NOT_FOUND', '分群不存在');
    where.push(`m.id in (select s.member_id from segment_members s where s.segment_id = ${arg(params.segmentId)} and ${inVersion('s', arg(segment.rows[0].version))})`);
  }
  if (params.cursor) where.push(`m.id < ${arg(params.cursor)}`);

  const { rows } = await ctx.db.query<Row>(
    `select m.id, m.nickname, m.avatar_url, m.role, m.tier, m.points_balance, m.created_at, m.deleted_at,
            f.layer, f.last_active_on, f.gmv_365_fen, f.churn_risk
     from members m left join member_facts f on f.member_id = m.id
     where ${where.join(' and ')}
     order by m.id desc
     limit ${ADMIN_MEMBERS_PAGE + 1}`,
    args,
  );
  const page = rows.slice(0, ADMIN_MEMBERS_PAGE);
  return {
    items: page.map(
      (r): AdminMemberListItem => ({
        id: r.id,
        nickname: r.nickname,
        avatarUrl: r.avatar_url,
        role: r.role,
        tier: r.tier,
        pointsBalance: r.points_balance,
        joinedAt: toBrandIso(r.created_at, ctx.brand.timeZone),
        layer: r.layer ? { key: r.layer, name: layerName(r.layer) } : null,
        lastActiveOn: r.last_active_on,
        gmv365Fen: r.gmv_365_fen === null ? null : Number(r.gmv_365_fen),
        churnRisk: r.churn_risk ?? false,
        deleted: r.deleted_at !== null,
      }),
    ),
    nextCursor: rows.length > ADMIN_MEMBERS_PAGE ? page[page.length - 1]!.id : null,
  };
}
