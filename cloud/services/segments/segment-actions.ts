/**
 * Actions on a segment: a coupon to each member, or an exclusive guide for the members without
 * one. Asking records the action against the segment's current version (requestId: asking twice
 * is one action); the job runner's tick works through it in batches of members, each batch
 * committing with the action's cursor, so a crash resumes where it stopped. Each member at most
 * once per action: the coupon's key is (source 'segment', '<action>:<member>'), the guide is
 * set only where there is none.
 */
import type { SegmentActionView } from '../../contract';
import type { Db, Queryable } from '../../db/port';
import type { BrandSettings } from '../../domain/brand-settings';
import { businessDay } from '../../domain/business-day';
import { issueCoupon } from '../coupons/issue-coupon';
import { recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { Failure, fail, transactionOrFailure } from '../failure';
import { generateTasksForBound } from '../sop/generate-tasks';
import { inVersion } from './compute-segment';

/** Members per batch: each coupon is a few statements, so a batch stays well under a second. */
export const ACTION_BATCH = 200;

interface ActionRow {
  id: string;
  segment_id: string;
  version: number;
  kind: 'coupon' | 'guide';
  template_id: string | null;
  guide_id: string | null;
  status: SegmentActionView['status'];
  cursor: string | null;
  total: number;
  done: number;
  applied: number;
  skipped: number;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}
const ACTION_COLUMNS = 'id, segment_id, version, kind, template_id, guide_id, status, cursor, total, done, applied, skipped, error, created_at, finished_at';

const toView = (r: ActionRow): SegmentActionView => ({
  id: r.id,
  segmentId: r.segment_id,
  kind: r.kind,
  status: r.status,
  total: r.total,
  done: r.done,
  applied: r.applied,
  skipped: r.skipped,
  error: r.error,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

type Ask = { kind: 'coupon'; templateId: string } | { kind: 'guide'; guideId: string };

async function askAction(ctx: UseCaseContext, actor: Actor, segmentId: string, requestId: string, ask: Ask): Promise<SegmentActionView | Failure> {
  return transactionOrFailure(ctx.db, async (tx) => {
    const again = await tx.query<ActionRow>(`select ${ACTION_COLUMNS} from segment_actions where request_id = $1`, [requestId]);
    if (again.rows[0]) return toView(again.rows[0]);
    const segment = await tx.query<{ version: number; member_count: number | null }>('select version, member_count from segments where id = $1', [segmentId]);
    const s = segment.rows[0];
    if (!s) return fail('NOT_FOUND', '分群不存在');
    if (s.version === 0) return fail('SEGMENT_NOT_READY');
    if (ask.kind === 'coupon') {
      const template = await tx.query('select 1 from coupon_templates where id = $1 and active', [ask.templateId]);
      if (!template.rows[0]) return fail('NOT_FOUND', '优惠券不存在或已停用');
    } else {
      const guide = await tx.query(`select 1 from members where id = $1 and role = 'guide' and deleted_at is null`, [ask.guideId]);
      if (!guide.rows[0]) return fail('NOT_FOUND', '导购不存在');
    }
    const { rows } = await tx.query<ActionRow>(
      `insert into segment_actions (segment_id, version, kind, template_id, guide_id, request_id, total, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, (select count(*) from segment_members s where s.segment_id = $1 and ${inVersion('s', '$2')}), $7, $8)
       on conflict (request_id) do nothing
       returning ${ACTION_COLUMNS}`,
      [segmentId, s.version, ask.kind, ask.kind === 'coupon' ? ask.templateId : null, ask.kind === 'guide' ? ask.guideId : null, requestId, actor.memberId, ctx.now],
    );
    if (rows[0]) {
      const target = ask.kind === 'coupon' ? { templateId: ask.templateId } : { guideId: ask.guideId };
      await recordAudit(tx, {
        actor,
        at: ctx.now,
        kind: ask.kind === 'coupon' ? 'segment.issueCoupon' : 'segment.assignGuide',
        targetType: 'segment',
        targetId: segmentId,
        before: null,
        after: { actionId: rows[0].id, version: s.version, ...target, total: rows[0].total },
        requestId,
      });
      return toView(rows[0]);
    }
    // The same request won a race: answer with the first one.
    const first = await tx.query<ActionRow>(`select ${ACTION_COLUMNS} from segment_actions where request_id = $1`, [requestId]);
    return toView(first.rows[0]!);
  });
}

export const segmentIssueCoupon = (ctx: UseCaseContext, actor: Actor, p: { segmentId: string; templateId: string; requestId: string }) =>
  askAction(ctx, actor, p.segmentId, p.requestId, { kind: 'coupon', templateId: p.templateId });

export const segmentAssignGuide = (ctx: UseCaseContext, actor: Actor, p: { segmentId: string; guideId: string; requestId: string }) =>
  askAction(ctx, actor, p.segmentId, p.requestId, { kind: 'guide', guideId: p.guideId });

export async function segmentAction(ctx: UseCaseContext, _actor: Actor, p: { actionId: string }): Promise<SegmentActionView | Failure> {
  const { rows } = await ctx.db.query<ActionRow>(`select ${ACTION_COLUMNS} from segment_actions where id = $1`, [p.actionId]);
  return rows[0] ? toView(rows[0]) : fail('NOT_FOUND', '操作不存在');
}

/** One batch of one action, in the caller's transaction: answers what it did. */
async function actionBatch(tx: Queryable, brand: BrandSettings, action: ActionRow, now: Date): Promise<{ walked: number; applied: number; last: string | null }> {
  const { rows } = await tx.query<{ member_id: string }>(
    `select s.member_id from segment_members s join members m on m.id = s.member_id
     where s.segment_id = $1 and ${inVersion('s', '$2')} and s.member_id > $3 and m.deleted_at is null
     order by s.member_id limit ${ACTION_BATCH}`,
    [action.segment_id, action.version, action.cursor ?? '0'],
  );
  const members = rows.map((r) => r.member_id);
  if (members.length === 0) return { walked: 0, applied: 0, last: null };
  let applied = 0;
  if (action.kind === 'guide') {
    const updated = await tx.query<{ id: string }>(
      `update members set guide_id = $1, guide_bound_at = $2 where id = any($3::bigint[]) and guide_id is null and deleted_at is null
       returning id::text as id`,
      [action.guide_id, now, members],
    );
    applied = updated.rowCount;
    await generateTasksForBound(tx, updated.rows.map((r) => r.id), { day: businessDay(now, brand.timeZone), timeZone: brand.timeZone, now });
  } else {
    for (const memberId of members) {
      const before = await tx.query('select 1 from coupons where source = $1 and source_id = $2', ['segment', `${action.id}:${memberId}`]);
      const issued = await issueCoupon(tx, brand, {
        templateId: action.template_id!,
        memberId,
        source: 'segment',
        sourceId: `${action.id}:${memberId}`,
        at: now,
        limitPerMember: true,
      });
      if (!(issued instanceof Failure) && !before.rows[0]) applied++;
    }
  }
  return { walked: members.length, applied, last: members[members.length - 1]! };
}

/**
 * Works on the running actions until `deadline` (ms, Date.now clock): one batch per commit, an
 * action at a time, a row lock so that two instances never take the same batch.
 */
export async function runSegmentActions(db: Db, brand: BrandSettings, now: Date, deadline = Number.POSITIVE_INFINITY): Promise<{ batches: number; applied: number }> {
  let batches = 0;
  let applied = 0;
  while (Date.now() < deadline) {
    let failedAction: string | null = null;
    const step = await db.transaction(async (tx) => {
      const { rows } = await tx.query<ActionRow>(
        `select ${ACTION_COLUMNS} from segment_actions where status = 'running' order by id limit 1 for update skip locked`,
      );
      const action = rows[0];
      if (!action) return null;
      failedAction = action.id;
      const did = await actionBatch(tx, brand, action, now);
      await tx.query(
        `update segment_actions set cursor = coalesce($2, cursor), done = done + $3, applied = applied + $4, skipped = skipped + $3 - $4,
           status = case when $2::bigint is null then 'done' else status end,
           finished_at = case when $2::bigint is null then $5::timestamptz end
         where id = $1`,
        [action.id, did.last, did.walked, did.applied, now],
      );
      return did;
    }).catch(async (err: unknown) => {
      // The batch rolled back; the action keeps its cursor and is retried on the next tick.
      if (failedAction) await db.query('update segment_actions set error = $2 where id = $1', [failedAction, String((err as Error)?.message ?? err).slice(0, 500)]);
      return null;
    });
    if (!step) break;
    batches++;
    applied += step.applied;
  }
  return { batches, applied };
}
