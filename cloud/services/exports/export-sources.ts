/**
 * Where an export's rows come from: for each kind, one keyset query that reads the next batch
 * after the last id (members by id, or a segment's members of one computation; orders by id;
 * the points ledger by id), and a count of what the file will hold. Keyset batches through the
 * Db port are the cursor: they work the same on PGlite (which has no server-side cursors) and on
 * PostgreSQL, hold no transaction open between batches, and each batch is one index range scan.
 * Times come back as text in the brand's time zone, so the sheet needs no formatting per row.
 */
import type { Queryable } from '../../db/port';
import type { ExportKind, ExportRowOf, MemberExportRow, OrderExportRow, PointsExportRow } from '../../domain/export-columns';
import { inVersion } from '../segments/compute-segment';

/** Rows per batch: big enough that a batch's round trip is small next to writing its rows. */
export const EXPORT_BATCH = 5_000;

export interface ExportSource {
  kind: ExportKind;
  segmentId: string | null;
  segmentVersion: number | null;
  timeZone: string;
}

const brandTime = (column: string) => `to_char(${column} at time zone $2, 'YYYY-MM-DD HH24:MI')`;

/**
 * A batch of members in one statement: the batch's ids first (an index range, `limit`), then
 * the read model and the tags joined over exactly that id range — so each batch reads its own
 * slice of member_facts and member_tags, never the tables from their start (a plain left join
 * let the planner merge-join member_facts from its first row, every batch: quadratic). Tags in
 * the order the tag list shows them, joined with 、; the guide's name by the primary key.
 * $1 the last id, $2 the time zone, $3 the batch size (, $4 segment, $5 version).
 */
const membersSql = (batch: string) => `with batch as materialized (${batch}),
  bounds as materialized (select max(id) as last from batch)
  select b.id, b.nickname, b.role, b.tier, b.points_balance, ${brandTime('b.created_at')} as joined_at, b.source, b.guide_id,
    (select g.nickname from members g where g.id = b.guide_id) as guide_nickname,
    f.layer, f.last_active_on, f.orders_365, f.gmv_365_fen, tg.tags
  from batch b
  left join member_facts f on f.member_id = b.id and f.member_id > $1 and f.member_id <= (select last from bounds)
  left join (
    select t.member_id, string_agg(d.name, '、' order by d.position, d.key) as tags
    from member_tags t join tag_definitions d on d.key = t.tag_key
    where t.member_id > $1 and t.member_id <= (select last from bounds)
    group by t.member_id
  ) tg on tg.member_id = b.id
  order by b.id`;

const BATCH_COLUMNS = 'm.id, m.nickname, m.role, m.tier, m.points_balance, m.created_at, m.source, m.guide_id';

/** Erased accounts are left out. */
const ALL_MEMBERS_SQL = membersSql(`select ${BATCH_COLUMNS} from members m where m.id > $1 and m.deleted_at is null order by m.id limit $3`);

const SEGMENT_MEMBERS_SQL = membersSql(
  `select ${BATCH_COLUMNS} from segment_members s join members m on m.id = s.member_id
   where s.segment_id = $4 and ${inVersion('s', '$5')} and s.member_id > $1 and m.deleted_at is null
   order by s.member_id limit $3`,
);

/** Every order, whatever its status; no address and no note (the member's own words). */
const ORDERS_SQL = `select o.id, o.member_id, m.nickname, o.mall_item_id is not null as is_mall, o.product_name, o.sku_label, o.qty,
    o.unit_price_fen, o.member_discount_fen, o.member_day_discount_fen, o.coupon_discount_fen, o.shipping_fen, o.total_fen,
    o.points_price, o.status, ${brandTime('o.created_at')} as created_at, ${brandTime('o.paid_at')} as paid_at,
    ${brandTime('o.shipped_at')} as shipped_at, ${brandTime('o.completed_at')} as completed_at,
    ${brandTime('o.refunded_at')} as refunded_at, o.carrier, o.tracking_no, o.guide_id, gd.nickname as guide_nickname,
    wg.name as group_name, o.group_id, o.member_day, o.night_market
  from orders o join members m on m.id = o.member_id
    left join members gd on gd.id = o.guide_id left join wechat_groups wg on wg.group_id = o.group_id
  where o.id > $1
  order by o.id limit $3`;

const POINTS_SQL = `select l.id, l.member_id, m.nickname, l.delta, l.balance_after, l.source, l.source_id, l.note,
    ${brandTime('l.created_at')} as created_at
  from points_ledger l join members m on m.id = l.member_id
  where l.id > $1
  order by l.id limit $3`;

/** The next batch after `after` (an id; '0' to begin), at most `limit` rows. */
export async function readBatch<K extends ExportKind>(
  db: Queryable,
  source: ExportSource & { kind: K },
  after: string,
  limit = EXPORT_BATCH,
): Promise<Array<ExportRowOf<K>>> {
  const base = [after, source.timeZone, limit];
  let result;
  if (source.kind === 'members') {
    result =
      source.segmentId === null
        ? await db.query<MemberExportRow>(ALL_MEMBERS_SQL, base)
        : await db.query<MemberExportRow>(SEGMENT_MEMBERS_SQL, [...base, source.segmentId, source.segmentVersion]);
  } else if (source.kind === 'orders') {
    result = await db.query<OrderExportRow>(ORDERS_SQL, base);
  } else {
    result = await db.query<PointsExportRow>(POINTS_SQL, base);
  }
  return result.rows as Array<ExportRowOf<K>>;
}

/** Past this many rows (by the planner's statistics) a table is estimated, not counted. */
const COUNT_EXACTLY_BELOW = 200_000;

/**
 * How many rows the file will hold: exact for members (a segment's count, or the members), and
 * for the orders and the points ledger while they are small; from the planner's statistics when
 * they are large (counting 20 million ledger rows would take longer than writing a small file).
 */
export async function estimateRows(db: Queryable, source: ExportSource): Promise<number> {
  if (source.kind === 'members') {
    const { rows } =
      source.segmentId === null
        ? await db.query<{ n: number }>('select count(*)::int as n from members where deleted_at is null')
        : await db.query<{ n: number }>(`select count(*)::int as n from segment_members s where s.segment_id = $1 and ${inVersion('s', '$2')}`, [
            source.segmentId,
            source.segmentVersion,
          ]);
    return rows[0]!.n;
  }
  const table = source.kind === 'orders' ? 'orders' : 'points_ledger';
  const { rows: stats } = await db.query<{ n: number }>(
    `select coalesce(max(reltuples), -1)::float8 as n from pg_class where oid = to_regclass($1)`,
    [table],
  );
  const planned = Number(stats[0]?.n ?? -1);
  if (planned >= COUNT_EXACTLY_BELOW) return Math.round(planned);
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}
