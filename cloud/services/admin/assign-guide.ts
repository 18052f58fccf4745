/**
 * 分配导购: an admin makes a guide a member's 专属导购, moves them to another, or takes the guide
 * away (null) — one conditional update, audited in its transaction — and the guides to pick from.
 */
import type { GuideOption, MemberGuideChange } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { generateTasksForBound } from '../sop/generate-tasks';
import { handOverTasks } from '../sop/hand-over-tasks';

/** Guides shown to pick from: a brand has hundreds at most. */
const GUIDES_SHOWN = 500;

export async function listGuides(ctx: UseCaseContext): Promise<GuideOption[]> {
  const { rows } = await ctx.db.query<{ id: string; nickname: string | null; avatar_url: string | null; members: number }>(
    `select g.id, g.nickname, g.avatar_url, (select count(*)::int from members b where b.guide_id = g.id) as members
     from members g where g.role = 'guide' and g.deleted_at is null order by g.id limit $1`,
    [GUIDES_SHOWN],
  );
  return rows.map((r) => ({ id: r.id, nickname: r.nickname, avatarUrl: r.avatar_url, members: r.members }));
}

export async function assignGuide(
  ctx: UseCaseContext,
  actor: Actor,
  params: { targetMemberId: string; guideId: string | null },
): Promise<MemberGuideChange | Failure> {
  return transactionOrFailure(ctx.db, async (tx) => {
    // The guide's row is share-locked: a concurrent 设置角色 that lets the guide's members go waits, then lets this one go too.
    const changed = await tx.query<{ was: string | null }>(
      `with target as (select id, guide_id from members where id = $1 and role = 'member' and deleted_at is null for update),
         guide as (select id from members where id = $2::bigint and role = 'guide' and deleted_at is null for share)
       update members m set guide_id = $2::bigint, guide_bound_at = case when $2::bigint is null then null else $3::timestamptz end
       from target
       where m.id = target.id and m.guide_id is distinct from $2::bigint and ($2::bigint is null or exists (select 1 from guide))
       returning target.guide_id as was`,
      [params.targetMemberId, params.guideId, ctx.now],
    );
    if (!changed.rows[0]) {
      const refused = await whyNot(tx, params);
      if (refused) return refused;
    } else {
      await handOverTasks(tx, [params.targetMemberId], params.guideId);
      if (params.guideId !== null) {
        await generateTasksForBound(tx, [params.targetMemberId], { day: businessDay(ctx.now, ctx.brand.timeZone), timeZone: ctx.brand.timeZone, now: ctx.now });
      }
      await recordAudit(tx, {
        actor,
        at: ctx.now,
        kind: 'member.assignGuide',
        targetType: 'member',
        targetId: params.targetMemberId,
        before: { guideId: changed.rows[0].was },
        after: { guideId: params.guideId },
      });
    }
    const { rows } = await tx.query<{ id: string; nickname: string | null }>('select id, nickname from members where id = $1::bigint', [params.guideId]);
    return { targetMemberId: params.targetMemberId, guide: rows[0] ? { id: rows[0].id, nickname: rows[0].nickname } : null };
  });
}

/** Why nothing changed; null when the member already has that guide. */
async function whyNot(tx: Queryable, params: { targetMemberId: string; guideId: string | null }): Promise<Failure | null> {
  const { rows } = await tx.query<{ role: string; deleted: boolean; guide_id: string | null; guide_ok: boolean }>(
    `select m.role, m.deleted_at is not null as deleted, m.guide_id,
       exists (select 1 from members g where g.id = $2::bigint and g.role = 'guide' and g.deleted_at is null) as guide_ok
     from members m where m.id = $1`,
    [params.targetMemberId, params.guideId],
  );
  const m = rows[0];
  if (!m) return fail('NOT_FOUND', '会员不存在');
  if (m.deleted) return fail('MEMBER_DELETED');
  if (m.role !== 'member') return fail('STAFF_HAS_NO_GUIDE');
  if (params.guideId !== null && !m.guide_ok) return fail('NOT_A_GUIDE');
  return null;
}
