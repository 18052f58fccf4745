/**
 * The one writer of the audit log. Every admin write calls it inside its own transaction, after
 * the write, so the entry commits with the write or not at all.
 */
import type { AuditKind, AuditState, AuditTargetType } from '../../contract';
import type { Queryable } from '../../db/port';
import type { Actor } from '../context';

export interface AuditEntry {
  /** The staff member; null when the write is set-up by the system (seed data, tests): nothing is recorded. */
  actor: Actor | null;
  at: Date;
  kind: AuditKind;
  targetType: AuditTargetType;
  targetId: string | null;
  before: AuditState;
  after: AuditState;
  /** The request's idempotency key: a retry, even one racing the first, records no second entry. */
  requestId?: string;
}

/**
 * Keys whose values are a person's data. States are built without them; dropping them here too
 * keeps them out if a row of a table that gains such a column is ever audited whole.
 */
const PERSONAL_KEYS = new Set(['address', 'phone', 'openid', 'unionid', 'nickname', 'avatar_url', 'avatarUrl', 'birthday', 'session_key']);

function withoutPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonalData);
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !PERSONAL_KEYS.has(key))
      .map(([key, v]) => [key, withoutPersonalData(v)]),
  );
}

const json = (state: AuditState) => (state === null ? null : JSON.stringify(withoutPersonalData(state)));

/**
 * The actor when they act as staff. Use cases that members and guides share with admins (注销
 * refunding the member's own order, a guide tagging their member) are audited for admins only.
 */
export const asAdmin = (actor: Actor): Actor | null => (actor.role === 'admin' ? actor : null);

export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  if (!entry.actor) return;
  await tx.query(
    `insert into audit_log (actor_id, at, kind, target_type, target_id, before, after, request_id)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)
     on conflict (kind, request_id) where request_id is not null do nothing`,
    [entry.actor.memberId, entry.at, entry.kind, entry.targetType, entry.targetId, json(entry.before), json(entry.after), entry.requestId ?? null],
  );
}

/**
 * Tables audited as whole rows (catalogue and configuration: no personal data), with what belongs
 * to a row; an order by its fulfilment and refund only, never its address or the member's note.
 */
const ROW_STATE_SQL = {
  orders: `select jsonb_build_object('status', t.status, 'totalFen', t.total_fen, 'carrier', t.carrier, 'trackingNo', t.tracking_no,
      'shippedAt', t.shipped_at, 'refundedAt', t.refunded_at, 'refundReason', t.refund_reason) as state from orders t where t.id = $1`,
  categories: 'select to_jsonb(t) as state from categories t where t.id = $1',
  banners: 'select to_jsonb(t) as state from banners t where t.id = $1',
  coupon_templates: 'select to_jsonb(t) as state from coupon_templates t where t.id = $1',
  mall_items: 'select to_jsonb(t) as state from mall_items t where t.id = $1',
  flash_sales: 'select to_jsonb(t) as state from flash_sales t where t.id = $1',
  guide_scripts: 'select to_jsonb(t) - \'copies\' as state from guide_scripts t where t.id = $1',
  group_plan_posts: 'select to_jsonb(t) as state from group_plan_posts t where t.id = $1',
  moments_posts: 'select to_jsonb(t) as state from moments_posts t where t.id = $1',
  products: `select to_jsonb(t) || jsonb_build_object('skus', coalesce((select jsonb_agg(to_jsonb(s) order by s.position, s.id)
      from product_skus s where s.product_id = t.id), '[]'::jsonb)) as state from products t where t.id = $1`,
  lottery_campaigns: `select to_jsonb(t) || jsonb_build_object('prizes', coalesce((select jsonb_agg(to_jsonb(p) order by p.position, p.id)
      from lottery_prizes p where p.campaign_id = t.id), '[]'::jsonb)) as state from lottery_campaigns t where t.id = $1`,
} as const;

export type AuditedTable = keyof typeof ROW_STATE_SQL;

/**
 * A row's state (every column, and its SKUs or prizes), null when there is none. Read before a
 * write, it locks the row (`no key update`, as the update itself would: orders referencing the
 * row are not blocked), so the state recorded is the one the write replaced.
 */
export async function rowState(tx: Queryable, table: AuditedTable, id: string): Promise<AuditState> {
  const { rows } = await tx.query<{ state: Record<string, unknown> }>(`${ROW_STATE_SQL[table]} for no key update of t`, [id]);
  return rows[0]?.state ?? null;
}
