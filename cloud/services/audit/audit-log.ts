/** The audit log as the 运营 tab reads it: newest first, by admin and by kind, 50 a page. */
import { AUDIT_KIND_NAMES, type AuditEntryView, type AuditKind, type AuditLogPage, type AuditState, type AuditTargetType } from '../../contract';
import { toBrandIso } from '../../domain/business-day';
import type { UseCaseContext } from '../context';

const PAGE_SIZE = 50;

interface AuditRow {
  id: string;
  at: Date;
  kind: AuditKind;
  actor_id: string;
  nickname: string | null;
  target_type: AuditTargetType;
  target_id: string | null;
  before: AuditState;
  after: AuditState;
  request_id: string | null;
}

export async function listAuditLog(ctx: UseCaseContext, params: { actorId?: string; kind?: AuditKind; cursor?: string }): Promise<AuditLogPage> {
  // One statement whatever the filters; each filter leads an index of its own (audit_log_actor, audit_log_kind).
  const { rows } = await ctx.db.query<AuditRow>(
    `select a.id, a.at, a.kind, a.actor_id, m.nickname, a.target_type, a.target_id, a.before, a.after, a.request_id
     from audit_log a join members m on m.id = a.actor_id
     where ($1::bigint is null or a.actor_id = $1) and ($2::text is null or a.kind = $2) and ($3::bigint is null or a.id < $3)
     order by a.id desc limit ${PAGE_SIZE + 1}`,
    [params.actorId ?? null, params.kind ?? null, params.cursor ?? null],
  );
  const page = rows.slice(0, PAGE_SIZE);
  const items = page.map(
    (r): AuditEntryView => ({
      id: r.id,
      at: toBrandIso(r.at, ctx.brand.timeZone),
      kind: r.kind,
      kindName: AUDIT_KIND_NAMES[r.kind] ?? r.kind,
      actor: { id: r.actor_id, nickname: r.nickname },
      targetType: r.target_type,
      targetId: r.target_id,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
    }),
  );
  return { items, nextCursor: rows.length > PAGE_SIZE ? page[page.length - 1]!.id : null };
}
