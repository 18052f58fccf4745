/**
 * One member's segmentation as staff see it — layer, RFM scores, churn warning with its reason,
 * the read model's values, tags with why, segments — and the manual tags admins and guides add.
 * A guide may tag only their own members; who added a tag and when are kept.
 */
import crypto from 'node:crypto';
import type { AdminMemberDetail, MemberSegmentation, MemberTagView, TagDefinitionView, LayerReport, Role } from '../../contract';
import type { Queryable } from '../../db/port';
import { toBrandIso } from '../../domain/business-day';
import { FACT_FIELDS, FACT_FIELD_KEYS, type MemberFacts } from '../../domain/member-facts';
import { describeRule, type RuleNode } from '../../domain/segment-rule';
import type { TagKind } from '../../domain/tags';
import { LAYER_KEYS, layerName, type LayerKey } from '../../domain/value-layers';
import { asAdmin, recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { factsFromRow, FACTS_COLUMNS, type FactsRow } from './facts-row';
import { tagNames } from './segments';

interface TagRow {
  key: string;
  name: string;
  kind: TagKind;
  source: 'rule' | 'manual';
  reason: { rule?: string; values?: Record<string, unknown> } | null;
  added_at: Date;
  added_by: string | null;
  added_by_name: string | null;
}

function valueText(field: string, value: unknown): string {
  const def = (FACT_FIELDS as Record<string, (typeof FACT_FIELDS)[keyof typeof FACT_FIELDS]>)[field];
  if (!def) return String(value);
  const shown = Array.isArray(value)
    ? value.join('、') || '无'
    : value === null
      ? '无'
      : 'optionNames' in def && def.optionNames
        ? ((def.optionNames as Record<string, string>)[String(value)] ?? String(value))
        : String(value);
  return `${def.label} ${shown}${'unit' in def && value !== null && !Array.isArray(value) ? ` ${def.unit}` : ''}`;
}

function toTagView(r: TagRow): MemberTagView {
  const values = Object.entries(r.reason?.values ?? {}).map(([field, value]) => valueText(field, value));
  const why =
    r.source === 'rule'
      ? `${r.reason?.rule ?? ''}${values.length ? `（${values.join('，')}）` : ''}`
      : `${r.added_by_name ?? '工作人员'} 手动添加`;
  return {
    key: r.key,
    name: r.name,
    kind: r.kind,
    source: r.source,
    why,
    addedAt: r.added_at.toISOString(),
    addedBy: r.added_by ? { id: r.added_by, nickname: r.added_by_name } : null,
  };
}

async function memberTags(db: Queryable, memberId: string): Promise<MemberTagView[]> {
  const { rows } = await db.query<TagRow>(
    `select d.key, d.name, d.kind, t.source, t.reason, t.added_at, t.added_by, a.nickname as added_by_name
     from member_tags t join tag_definitions d on d.key = t.tag_key left join members a on a.id = t.added_by
     where t.member_id = $1 order by array_position(array['basic', 'behaviour', 'interest', 'preference'], d.kind), d.position, d.key`,
    [memberId],
  );
  return rows.map(toTagView);
}

export async function memberSegmentation(db: Queryable, memberId: string): Promise<MemberSegmentation> {
  const [facts, tags, segments] = await Promise.all([
    db.query<FactsRow & { layer_since: string | null }>(`select ${FACTS_COLUMNS}, layer_since from member_facts where member_id = $1`, [memberId]),
    memberTags(db, memberId),
    db.query<{ id: string; name: string }>(
      `select s.id, s.name from segments s join segment_members m on m.segment_id = s.id and m.until_version is null
       where m.member_id = $1 order by s.id`,
      [memberId],
    ),
  ]);
  const row = facts.rows[0];
  const f: MemberFacts | null = row ? factsFromRow(row) : null;
  return {
    day: f?.day ?? null,
    layer: f ? { key: f.layer as LayerKey, name: layerName(f.layer as LayerKey), since: row!.layer_since } : null,
    rfm: f && f.rScore !== null ? { r: f.rScore, f: f.fScore!, m: f.mScore! } : null,
    churn: { risk: f?.churnRisk ?? false, reason: f?.churnReason ?? null },
    facts: f ? Object.fromEntries(FACT_FIELD_KEYS.map((k) => [k, FACT_FIELDS[k].js(f)])) : null,
    tags,
    segments: segments.rows,
  };
}

export async function adminMemberDetail(ctx: UseCaseContext, _actor: Actor, params: { targetMemberId: string }): Promise<AdminMemberDetail | Failure> {
  const { rows } = await ctx.db.query<{
    id: string;
    nickname: string | null;
    avatar_url: string | null;
    role: Role;
    tier: string;
    points_balance: number;
    created_at: Date;
    source: string | null;
    guide_id: string | null;
    guide_name: string | null;
    deleted_at: Date | null;
  }>(
    `select m.id, m.nickname, m.avatar_url, m.role, m.tier, m.points_balance, m.created_at, m.source, m.guide_id, g.nickname as guide_name, m.deleted_at
     from members m left join members g on g.id = m.guide_id where m.id = $1`,
    [params.targetMemberId],
  );
  const m = rows[0];
  if (!m) return fail('NOT_FOUND', '会员不存在');
  return {
    member: {
      id: m.id,
      nickname: m.nickname,
      avatarUrl: m.avatar_url,
      role: m.role,
      tier: m.tier,
      pointsBalance: m.points_balance,
      joinedAt: toBrandIso(m.created_at, ctx.brand.timeZone),
      source: m.source ?? 'direct',
      guide: m.guide_id ? { id: m.guide_id, nickname: m.guide_name } : null,
      deleted: m.deleted_at !== null,
    },
    segmentation: await memberSegmentation(ctx.db, m.id),
  };
}

/** An admin tags anyone; a guide only a member whose exclusive guide they are. */
async function mayTag(db: Queryable, actor: Actor, memberId: string): Promise<Failure | null> {
  const { rows } = await db.query<{ guide_id: string | null }>(`select guide_id from members where id = $1 and deleted_at is null and role = 'member'`, [memberId]);
  if (!rows[0]) return fail('NOT_FOUND', '会员不存在');
  if (actor.role !== 'admin' && rows[0].guide_id !== actor.memberId) return fail('NOT_FOUND', '会员不存在');
  return null;
}

/** A manual tag's key comes from its name: the same name is the same tag, whoever adds it. */
const manualKey = (name: string) => `manual:${crypto.createHash('sha256').update(name).digest('hex').slice(0, 16)}`;

export async function tagMember(ctx: UseCaseContext, actor: Actor, params: { targetMemberId: string; name: string }): Promise<MemberTagView[] | Failure> {
  return transactionOrFailure(ctx.db, async (tx) => {
    const refused = await mayTag(tx, actor, params.targetMemberId);
    if (refused) return refused;
    const key = manualKey(params.name);
    await tx.query(
      `insert into tag_definitions (key, name, kind, rule, created_by, created_at) values ($1, $2, 'basic', null, $3, $4)
       on conflict (key) do nothing`,
      [key, params.name, actor.memberId, ctx.now],
    );
    const added = await tx.query(
      `insert into member_tags (member_id, tag_key, source, reason, added_by, added_at) values ($1, $2, 'manual', null, $3, $4)
       on conflict (member_id, tag_key) do nothing`,
      [params.targetMemberId, key, actor.memberId, ctx.now],
    );
    if (added.rowCount > 0) {
      const after = { tagKey: key, name: params.name, source: 'manual' };
      await recordAudit(tx, { actor: asAdmin(actor), at: ctx.now, kind: 'member.tag', targetType: 'member', targetId: params.targetMemberId, before: null, after });
    }
    return memberTags(tx, params.targetMemberId);
  });
}

export async function untagMember(ctx: UseCaseContext, actor: Actor, params: { targetMemberId: string; tagKey: string }): Promise<MemberTagView[] | Failure> {
  return transactionOrFailure(ctx.db, async (tx) => {
    const refused = await mayTag(tx, actor, params.targetMemberId);
    if (refused) return refused;
    const held = await tx.query<{ source: string }>('select source from member_tags where member_id = $1 and tag_key = $2', [params.targetMemberId, params.tagKey]);
    if (!held.rows[0]) return fail('NOT_FOUND', '会员没有这个标签');
    if (held.rows[0].source !== 'manual') return fail('TAG_NOT_MANUAL');
    const removed = await tx.query<{ added_by: string | null; added_at: Date; name: string }>(
      `delete from member_tags t using tag_definitions d where t.member_id = $1 and t.tag_key = $2 and d.key = t.tag_key
       returning t.added_by, t.added_at, d.name`,
      [params.targetMemberId, params.tagKey],
    );
    const was = removed.rows[0];
    if (was) {
      const before = { tagKey: params.tagKey, name: was.name, source: 'manual', addedBy: was.added_by, addedAt: was.added_at.toISOString() };
      await recordAudit(tx, { actor: asAdmin(actor), at: ctx.now, kind: 'member.untag', targetType: 'member', targetId: params.targetMemberId, before, after: null });
    }
    return memberTags(tx, params.targetMemberId);
  });
}

export async function listTags(ctx: UseCaseContext): Promise<TagDefinitionView[]> {
  const [{ rows }, names] = await Promise.all([
    ctx.db.query<{ key: string; name: string; kind: TagKind; rule: RuleNode | null; members: string }>(
      `select d.key, d.name, d.kind, d.rule, (select count(*) from member_tags t where t.tag_key = d.key) as members
       from tag_definitions d order by array_position(array['basic', 'behaviour', 'interest', 'preference'], d.kind), d.rule is null, d.position, d.key`,
    ),
    tagNames(ctx.db),
  ]);
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    kind: r.kind,
    source: r.rule ? 'rule' : 'manual',
    ruleText: r.rule ? describeRule(r.rule, names) : null,
    members: Number(r.members),
  }));
}

export async function layerReport(ctx: UseCaseContext): Promise<LayerReport> {
  const day = (await ctx.db.query<{ day: string | null }>('select max(day) as day from layer_sizes')).rows[0]?.day ?? null;
  if (!day) return { day: null, layers: LAYER_KEYS.map((key) => ({ key, name: layerName(key), members: 0 })), movements: [] };
  const [sizes, moves] = await Promise.all([
    ctx.db.query<{ layer: LayerKey; members: number }>('select layer, members from layer_sizes where day = $1', [day]),
    ctx.db.query<{ from_layer: string; to_layer: LayerKey; members: number }>(
      'select from_layer, to_layer, members from layer_movements where day = $1 order by members desc',
      [day],
    ),
  ]);
  const size = new Map(sizes.rows.map((r) => [r.layer, r.members]));
  return {
    day,
    layers: LAYER_KEYS.map((key) => ({ key, name: layerName(key), members: size.get(key) ?? 0 })),
    movements: moves.rows.map((r) => ({ from: r.from_layer, to: r.to_layer, members: r.members })),
  };
}
