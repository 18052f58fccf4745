/**
 * 礼品待发 in the 运营 tab: mall goods redemptions and lottery goods prizes that have not gone out
 * — waiting for the member's address (pending_address) or to ship (to_ship) — oldest first, and
 * 发货 of one with its carrier and tracking number. Both tables keep the waiting rows in a
 * partial index (migration 0022): a page reads those few, never every redemption and award.
 */
import type { AdminGift, AdminGiftsPage, GiftKind, ParamsOut, ShippingAddress } from '../../contract';
import { ADMIN_GIFTS_PAGE } from '../../contract/admin-orders';
import type { Queryable } from '../../db/port';
import { toBrandIso } from '../../domain/business-day';
import { asAdmin, recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { eraseGiftAddressIfWithdrawn } from '../privacy/erase-addresses';

const TABLES = { mall: 'mall_redemptions', lottery: 'lottery_awards' } as const satisfies Record<GiftKind, string>;

/** Each kind's rows `g` with what the list shows; `where` is about `g`. */
function giftSelect(kind: GiftKind, where: string): string {
  const what = kind === 'mall' ? 'mall_items w on w.id = g.item_id' : 'lottery_prizes w on w.id = g.prize_id';
  return `select '${kind}'::text as kind, g.id, w.name, w.image_url, g.member_id, m.nickname, g.fulfilment, g.address,
       g.carrier, g.tracking_no, g.shipped_at, g.created_at
     from ${TABLES[kind]} g join ${what} join members m on m.id = g.member_id
     where ${where}`;
}

interface GiftRow {
  kind: GiftKind;
  id: string;
  name: string;
  image_url: string | null;
  member_id: string;
  nickname: string | null;
  fulfilment: AdminGift['fulfilment'];
  address: ShippingAddress | null;
  carrier: string | null;
  tracking_no: string | null;
  shipped_at: Date | null;
  created_at: Date;
}

function toGift(r: GiftRow, timeZone: string): AdminGift {
  return {
    kind: r.kind,
    id: r.id,
    name: r.name,
    imageUrl: r.image_url,
    member: { id: r.member_id, nickname: r.nickname },
    fulfilment: r.fulfilment,
    address: r.address,
    shipment: r.shipped_at && r.tracking_no ? { carrier: r.carrier ?? '', trackingNo: r.tracking_no, shippedAt: toBrandIso(r.shipped_at, timeZone) } : null,
    createdAt: toBrandIso(r.created_at, timeZone),
  };
}

const WAITING = `g.fulfilment in ('pending_address', 'to_ship')`;

/** Oldest first across both kinds (by the time redeemed or won, then kind, then id); the cursor is the last one's kind and id. */
export async function listGifts(ctx: UseCaseContext, params: ParamsOut<'admin', 'fulfilment'>): Promise<AdminGiftsPage> {
  const args: unknown[] = [];
  const arg = (value: unknown) => `$${args.push(value)}`;
  let after = 'true';
  if (params.cursor) {
    const [kind, id] = params.cursor.split('-') as [GiftKind, string];
    const cursorId = arg(id);
    after = `(created_at, kind, id) > ((select created_at from ${TABLES[kind]} where id = ${cursorId}::bigint), ${arg(kind)}::text, ${cursorId}::bigint)`;
  }
  const kinds: GiftKind[] = params.kind ? [params.kind] : ['lottery', 'mall'];
  const { rows } = await ctx.db.query<GiftRow>(
    `select * from (${kinds.map((k) => giftSelect(k, WAITING)).join(' union all ')}) waiting
     where ${after}
     order by created_at, kind, id
     limit ${ADMIN_GIFTS_PAGE + 1}`,
    args,
  );
  const page = rows.slice(0, ADMIN_GIFTS_PAGE);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toGift(r, ctx.brand.timeZone)),
    nextCursor: rows.length > ADMIN_GIFTS_PAGE && last ? `${last.kind}-${last.id}` : null,
  };
}

/** Why a gift in this state cannot go out now. */
const NOT_SHIPPABLE: Record<string, string> = {
  shipped: '这份礼品已经发货',
  pending_address: '会员还没有填写收货地址，暂不能发货',
  cancelled: '这份礼品已取消（已退款或会员已注销），无需发货',
  done: '这份奖品无需发货',
};

async function shipmentState(tx: Queryable, kind: GiftKind, id: string) {
  const { rows } = await tx.query<{ fulfilment: string; carrier: string | null; tracking_no: string | null; shipped_at: Date | null }>(
    `select fulfilment, carrier, tracking_no, shipped_at from ${TABLES[kind]} where id = $1 for update`,
    [id],
  );
  const r = rows[0];
  return r ? { fulfilment: r.fulfilment, carrier: r.carrier, trackingNo: r.tracking_no, shippedAt: r.shipped_at } : null;
}

/**
 * 发货 of a gift: a conditional update from to_ship (an address given, nothing shipped yet), so a
 * second attempt — or one racing the first — finds nothing to ship and says why.
 */
export async function shipPrize(ctx: UseCaseContext, actor: Actor, params: ParamsOut<'admin', 'shipPrize'>): Promise<AdminGift | Failure> {
  const table = TABLES[params.kind];
  const shipped = await transactionOrFailure(ctx.db, async (tx) => {
    const before = await shipmentState(tx, params.kind, params.id);
    if (!before) return fail('NOT_FOUND', '礼品记录不存在');
    const { rowCount } = await tx.query(
      `update ${table} set fulfilment = 'shipped', carrier = $2, tracking_no = $3, shipped_at = $4 where id = $1 and fulfilment = 'to_ship'`,
      [params.id, params.carrier, params.trackingNo, ctx.now],
    );
    if (rowCount === 0) return fail('GIFT_NOT_SHIPPABLE', NOT_SHIPPABLE[before.fulfilment]);
    await recordAudit(tx, {
      actor: asAdmin(actor),
      at: ctx.now,
      kind: 'prize.ship',
      targetType: params.kind === 'mall' ? 'mallRedemption' : 'lotteryAward',
      targetId: params.id,
      before,
      after: await shipmentState(tx, params.kind, params.id),
    });
    // Gone out: a member who withdrew consent no longer has their address kept for it.
    await eraseGiftAddressIfWithdrawn(tx, table, params.id);
    return true;
  });
  if (shipped !== true) return shipped;
  const { rows } = await ctx.db.query<GiftRow>(giftSelect(params.kind, 'g.id = $1'), [params.id]);
  return toGift(rows[0]!, ctx.brand.timeZone);
}
