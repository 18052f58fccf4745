/**
 * Saved rule segments: preview a rule live against the read model, save (and compute at once),
 * list, and page through the members of the current version.
 */
import type { SegmentMemberView, SegmentMembersPage, SegmentPreview, SegmentView } from '../../contract';
import type { Queryable } from '../../db/port';
import { describeRule, type SegmentRule } from '../../domain/segment-rule';
import { layerName, type LayerKey } from '../../domain/value-layers';
import { recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { compileRule } from './compile-rule';
import { computeSegmentOrRecord } from './compute-segment';
import { inVersion } from './compute-segment';

const SAMPLE_SIZE = 20;
const PAGE_SIZE = 50;

interface MemberRow {
  member_id: string;
  nickname: string | null;
  layer: LayerKey;
  last_active_on: string | null;
  gmv_365_fen: string;
}
const MEMBER_COLUMNS = 'f.member_id, m.nickname, f.layer, f.last_active_on, f.gmv_365_fen';

const toMemberView = (r: MemberRow): SegmentMemberView => ({
  memberId: r.member_id,
  nickname: r.nickname,
  layer: r.layer,
  layerName: layerName(r.layer),
  lastActiveOn: r.last_active_on,
  gmv365Fen: Number(r.gmv_365_fen),
});

/** Tag keys by name, so that a rule reads 「券敏感」 rather than its key. */
export async function tagNames(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ key: string; name: string }>('select key, name from tag_definitions');
  return new Map(rows.map((r) => [r.key, r.name]));
}

export async function previewSegment(ctx: UseCaseContext, _actor: Actor, params: { rule: SegmentRule }): Promise<SegmentPreview> {
  const compiled = compileRule(params.rule);
  const [count, sample, day, names] = await Promise.all([
    ctx.db.query<{ n: string }>(`select count(*) as n from member_facts f where ${compiled.where}`, compiled.params),
    ctx.db.query<MemberRow>(
      `select ${MEMBER_COLUMNS} from member_facts f join members m on m.id = f.member_id
       where ${compiled.where} order by f.member_id limit ${SAMPLE_SIZE}`,
      compiled.params,
    ),
    ctx.db.query<{ day: string | null }>('select day from facts_state'),
    tagNames(ctx.db),
  ]);
  return {
    count: Number(count.rows[0]!.n),
    sample: sample.rows.map(toMemberView),
    factsDay: day.rows[0]?.day ?? null,
    ruleText: describeRule(params.rule, names),
  };
}

interface SegmentRow {
  id: string;
  name: string;
  rule: SegmentRule;
  status: SegmentView['status'];
  member_count: number | null;
  entered: number | null;
  exited: number | null;
  computed_at: Date | null;
  error: string | null;
}
const SEGMENT_COLUMNS = 'id, name, rule, status, member_count, entered, exited, computed_at, error';

const toSegmentView = (r: SegmentRow, names: Map<string, string>): SegmentView => ({
  id: r.id,
  name: r.name,
  rule: r.rule,
  ruleText: describeRule(r.rule, names),
  status: r.status,
  memberCount: r.member_count,
  entered: r.entered,
  exited: r.exited,
  computedAt: r.computed_at?.toISOString() ?? null,
  error: r.error,
});

export async function segmentView(db: Queryable, segmentId: string): Promise<SegmentView | null> {
  const { rows } = await db.query<SegmentRow>(`select ${SEGMENT_COLUMNS} from segments where id = $1`, [segmentId]);
  return rows[0] ? toSegmentView(rows[0], await tagNames(db)) : null;
}

export async function listSegments(ctx: UseCaseContext): Promise<SegmentView[]> {
  const [{ rows }, names] = await Promise.all([
    ctx.db.query<SegmentRow>(`select ${SEGMENT_COLUMNS} from segments order by id desc`),
    tagNames(ctx.db),
  ]);
  return rows.map((r) => toSegmentView(r, names));
}

export async function saveSegment(
  ctx: UseCaseContext,
  actor: Actor,
  params: { segment: { id?: string; name: string; rule: SegmentRule } },
): Promise<SegmentView | Failure> {
  const { id, name, rule } = params.segment;
  const saved = await transactionOrFailure(ctx.db, async (tx) => {
    let before: { name: string; rule: SegmentRule } | null = null;
    if (id) {
      const old = await tx.query<{ name: string; rule: SegmentRule }>('select name, rule from segments where id = $1 for no key update', [id]);
      if (!old.rows[0]) return fail('NOT_FOUND', '分群不存在');
      before = old.rows[0];
      await tx.query(`update segments set name = $2, rule = $3::jsonb, updated_at = $4 where id = $1`, [id, name, JSON.stringify(rule), ctx.now]);
    }
    const savedId =
      id ??
      (
        await tx.query<{ id: string }>(
          `insert into segments (name, rule, created_by, created_at, updated_at) values ($1, $2::jsonb, $3, $4, $4) returning id`,
          [name, JSON.stringify(rule), actor.memberId, ctx.now],
        )
      ).rows[0]!.id;
    // Its members are computed after, in a transaction of their own: the entry is the rule's.
    await recordAudit(tx, { actor, at: ctx.now, kind: 'segment.save', targetType: 'segment', targetId: savedId, before, after: { name, rule } });
    return savedId;
  });
  if (typeof saved !== 'string') return saved;
  // Computed in a transaction of its own: the saved rule stays even if computing it fails.
  await ctx.db.transaction((tx) => computeSegmentOrRecord(tx, saved, ctx.now));
  return (await segmentView(ctx.db, saved))!;
}

export async function segmentMembers(ctx: UseCaseContext, _actor: Actor, params: { segmentId: string; cursor?: string }): Promise<SegmentMembersPage | Failure> {
  const segment = await ctx.db.query<{ version: number }>('select version from segments where id = $1', [params.segmentId]);
  if (!segment.rows[0]) return fail('NOT_FOUND', '分群不存在');
  const { version } = segment.rows[0];
  if (version === 0) return fail('SEGMENT_NOT_READY');
  // A page reads one whole version: a recomputation between pages moves the next page to the new one, never mixes them.
  const { rows } = await ctx.db.query<MemberRow>(
    `select ${MEMBER_COLUMNS} from segment_members s join member_facts f on f.member_id = s.member_id join members m on m.id = s.member_id
     where s.segment_id = $1 and ${inVersion('s', '$2')} and s.member_id > $3 order by s.member_id limit ${PAGE_SIZE + 1}`,
    [params.segmentId, version, params.cursor ?? '0'],
  );
  const page = rows.slice(0, PAGE_SIZE);
  return {
    segmentId: params.segmentId,
    items: page.map(toMemberView),
    nextCursor: rows.length > PAGE_SIZE ? page[page.length - 1]!.member_id : null,
  };
}
