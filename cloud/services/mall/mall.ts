import type { MallCurrency, MallItemView, RedeemResult, RedemptionView, ShippingAddress } from '../../contract';
import type { Queryable } from '../../db/port';
import { toBrandIso } from '../../domain/business-day';
import { tierIndex } from '../../domain/tiers';
import type { Actor, UseCaseContext } from '../context';
import { issueCoupon } from '../coupons/issue-coupon';
import { myCouponById } from '../coupons/wallet';
import { Failure, fail, transactionOrFailure } from '../failure';
import { oncePerRequest } from '../request-once';
import { mallItemColumns, type MallItemRow } from './mall-item-row';
import { ORDER_COLUMNS, toOrderView, type OrderRow } from '../orders/order-row';
import { bookPoints } from '../points/book-points';
import { bookGroupPoints } from '../group-points/book-group-points';
import { reserveMallItem } from '../orders/stock-reservations';

interface ItemRow extends MallItemRow {
  my_redeemed: number;
}

const ITEM_COLUMNS = `${mallItemColumns('i')},
  coalesce((select redeemed from mall_member_counts c where c.item_id = i.id and c.member_id = $1), 0) as my_redeemed`;

/** My balances in each currency an item can be priced in. */
type Balances = Record<MallCurrency, number>;

/** Why this member cannot redeem this item now, or null. The redemption re-checks each in SQL. */
function blockedBy(item: ItemRow, actor: Actor, balances: Balances, now: Date, ctx: UseCaseContext): MallItemView['blockedBy'] {
  const tiers = ctx.brand.tiers;
  if ((item.starts_at && now < item.starts_at) || (item.ends_at && now >= item.ends_at)) return 'NOT_IN_WINDOW';
  if (tierIndex(actor.tier, tiers) < tierIndex(item.min_tier, tiers)) return 'TIER_REQUIRED';
  if (item.stock !== null && item.redeemed >= item.stock) return 'OUT_OF_STOCK';
  if (item.per_member_limit !== null && item.my_redeemed >= item.per_member_limit) return 'REDEEM_LIMIT';
  if (balances[item.currency] < item.points_price) return item.currency === 'points' ? 'INSUFFICIENT_POINTS' : 'INSUFFICIENT_GROUP_POINTS';
  return null;
}

function toView(item: ItemRow, actor: Actor, balances: Balances, ctx: UseCaseContext): MallItemView {
  const tier = ctx.brand.tiers.find((t) => t.key === item.min_tier)!;
  const tz = ctx.brand.timeZone;
  return {
    id: item.id,
    name: item.name,
    description: item.description,
    imageUrl: item.image_url,
    kind: item.kind,
    currency: item.currency,
    pointsPrice: item.points_price,
    cashFen: item.cash_fen,
    remaining: item.stock === null ? null : Math.max(0, item.stock - item.redeemed),
    perMemberLimit: item.per_member_limit,
    myRedeemed: item.my_redeemed,
    minTier: { key: tier.key, name: tier.name },
    blockedBy: blockedBy(item, actor, balances, ctx.now, ctx),
    startsAt: item.starts_at ? toBrandIso(item.starts_at, tz) : null,
    endsAt: item.ends_at ? toBrandIso(item.ends_at, tz) : null,
  };
}

/** The points mall as this member sees it: active items not yet ended, cheapest first (both currencies: the app sorts them into sections). */
export async function listMall(ctx: UseCaseContext, actor: Actor): Promise<MallItemView[]> {
  const [items, member] = await Promise.all([
    ctx.db.query<ItemRow>(
      `select ${ITEM_COLUMNS} from mall_items i where i.active and (i.ends_at is null or i.ends_at > $2)
       order by i.points_price, i.id limit 100`,
      [actor.memberId, ctx.now],
    ),
    ctx.db.query<{ points_balance: number; group_points: number }>(
      `select m.points_balance, coalesce(g.balance, 0) as group_points
       from members m left join group_points_balances g on g.member_id = m.id where m.id = $1`,
      [actor.memberId],
    ),
  ]);
  const me = member.rows[0]!;
  return items.rows.map((i) => toView(i, actor, { points: me.points_balance, group_points: me.group_points }, ctx));
}

/**
 * 积分兑换 in one transaction: stock and the member's count by conditional updates, the points
 * (or, for a 社群积分 item, the group points) through their ledger, then the coupon or the goods claim. Any refusal rolls all of it back.
 * An item with a cash part (加钱换购) takes the points and holds the item the same way, and
 * opens an order for the cash: the redemption is made when the order is paid
 * (completeRedemption), and an unpaid order gives both back when it is cancelled.
 * A repeated requestId answers with the first redemption (or its order).
 */
export async function redeemItem(
  ctx: UseCaseContext,
  actor: Actor,
  params: { itemId: string; requestId: string },
): Promise<RedeemResult | Failure> {
  return oncePerRequest(
    () => earlierRedemption(ctx.db, ctx, actor, params.requestId),
    () => transactionOrFailure(ctx.db, (tx) => redeemIn(tx, ctx, actor, params)),
  );
}

async function redeemIn(
  tx: Queryable,
  ctx: UseCaseContext,
  actor: Actor,
  params: { itemId: string; requestId: string },
): Promise<string | Failure> {
  const { rows } = await tx.query<ItemRow>(`select ${ITEM_COLUMNS} from mall_items i where i.id = $2 and i.active`, [
    actor.memberId,
    params.itemId,
  ]);
  const item = rows[0];
  if (!item) return fail('NOT_FOUND', '商品不存在或已下架');
  // The balance is checked by the ledger itself below.
  const refusal = blockedBy(item, actor, { points: Number.MAX_SAFE_INTEGER, group_points: Number.MAX_SAFE_INTEGER }, ctx.now, ctx);
  if (refusal) return fail(refusal);
  const reserved = await reserveMallItem(tx, { memberId: actor.memberId, itemId: item.id, perMemberLimit: item.per_member_limit });
  if (reserved) return reserved;
  if (item.cash_fen > 0) return openCashOrder(tx, ctx, actor, item, params.requestId);
  const done = await completeRedemption(tx, ctx, { memberId: actor.memberId, item, requestId: params.requestId, orderId: null, at: ctx.now });
  if (done instanceof Failure) return done;
  if (item.currency === 'group_points') {
    const left = await bookGroupPoints(tx, {
      memberId: actor.memberId,
      delta: -item.points_price,
      source: 'redeem',
      sourceKey: done.redemptionId,
      groupId: null,
      note: item.name,
      at: ctx.now,
    });
    return left === null ? fail('INSUFFICIENT_GROUP_POINTS') : done.redemptionId;
  }
  const balance = await bookPoints(tx, {
    memberId: actor.memberId,
    delta: -item.points_price,
    source: 'redeem',
    sourceId: done.redemptionId,
    note: item.name,
    at: ctx.now,
  });
  if (balance === null) return fail('INSUFFICIENT_POINTS');
  return done.redemptionId;
}

/** A 加钱换购's order keeps the redeem's requestId apart from the shop's (one key on orders). */
const MALL_ORDER_PREFIX = 'mall:';
export const mallOrderRequestId = (requestId: string) => `${MALL_ORDER_PREFIX}${requestId}`;
export const redeemRequestIdOf = (orderRequestId: string) => orderRequestId.slice(MALL_ORDER_PREFIX.length);

/** 加钱换购: the points now, the cash through an order that pays or cancels within the window. */
async function openCashOrder(tx: Queryable, ctx: UseCaseContext, actor: Actor, item: ItemRow, requestId: string): Promise<string | Failure> {
  // The oldest points go first (FIFO): if the order is cancelled they come back with that expiry.
  const { rows } = await tx.query<{ id: string }>(
    `insert into orders (member_id, request_id, status, mall_item_id, points_price, points_expire_on, qty, product_name, sku_label,
       image_url, list_price_fen, unit_price_fen, total_fen, created_at, expires_at)
     values ($1, $2, 'pending', $3, $4,
       (select min(expires_on) from points_lots where member_id = $1 and remaining > 0),
       1, $5, '积分+现金', $6, $7, $7, $7, $8, $9) returning id`,
    [
      actor.memberId,
      mallOrderRequestId(requestId),
      item.id,
      item.points_price,
      item.name,
      item.image_url,
      item.cash_fen,
      ctx.now,
      new Date(ctx.now.getTime() + ctx.brand.orders.unpaidMinutes * 60_000),
    ],
  );
  const orderId = rows[0]!.id;
  const balance = await bookPoints(tx, {
    memberId: actor.memberId,
    delta: -item.points_price,
    source: 'redeem',
    sourceId: `o:${orderId}`,
    note: `${item.name}（加钱换购）`,
    at: ctx.now,
  });
  if (balance === null) return fail('INSUFFICIENT_POINTS');
  return orderId;
}

/**
 * The redemption itself, once the points (and any cash) are settled: the claim row, and the
 * coupon into the wallet or the goods waiting for an address. Inside the caller's transaction.
 */
export async function completeRedemption(
  tx: Queryable,
  ctx: UseCaseContext,
  r: { memberId: string; item: Pick<MallItemRow, 'id' | 'kind' | 'coupon_template_id' | 'points_price'>; requestId: string; orderId: string | null; at: Date },
): Promise<{ redemptionId: string } | Failure> {
  const { rows: redemption } = await tx.query<{ id: string }>(
    `insert into mall_redemptions (item_id, member_id, request_id, points, fulfilment, order_id, created_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [r.item.id, r.memberId, r.requestId, r.item.points_price, r.item.kind === 'goods' ? 'pending_address' : 'done', r.orderId, r.at],
  );
  const redemptionId = redemption[0]!.id;
  if (r.item.kind === 'coupon') {
    const coupon = await issueCoupon(tx, ctx.brand, {
      templateId: r.item.coupon_template_id!,
      memberId: r.memberId,
      source: 'mall',
      sourceId: redemptionId,
      at: r.at,
      // Paid in cash, the coupon is owed: the item's own per-member limit was held at redemption.
      limitPerMember: r.orderId === null,
    });
    if (coupon instanceof Failure) return coupon;
    await tx.query('update mall_redemptions set coupon_id = $2 where id = $1', [redemptionId, coupon.id]);
  }
  return { redemptionId };
}

async function earlierRedemption(db: Queryable, ctx: UseCaseContext, actor: Actor, requestId: string): Promise<RedeemResult | null> {
  const { rows } = await db.query<{
    redemption_id: string | null;
    order_id: string | null;
    item_id: string;
    name: string;
    currency: MallCurrency;
    points: number;
    coupon_id: string | null;
    fulfilment: string | null;
    balance: number;
  }>(
    `select r.id as redemption_id, o.id as order_id, i.id as item_id, i.name, i.currency, coalesce(r.points, o.points_price) as points,
       r.coupon_id, r.fulfilment,
       case when i.currency = 'group_points'
         then coalesce((select balance from group_points_balances where member_id = m.id), 0)
         else m.points_balance end as balance
     from (select $1::bigint as member_id, $2::text as request_id) q
     left join mall_redemptions r on r.member_id = q.member_id and r.request_id = q.request_id
     left join orders o on o.member_id = q.member_id and o.request_id = $3 and o.mall_item_id is not null
     join mall_items i on i.id = coalesce(r.item_id, o.mall_item_id)
     join members m on m.id = q.member_id`,
    [actor.memberId, requestId, mallOrderRequestId(requestId)],
  );
  const r = rows[0];
  if (!r) return null;
  const order = r.order_id
    ? (await db.query<OrderRow>(`select ${ORDER_COLUMNS} from orders o where o.id = $1`, [r.order_id])).rows[0]!
    : null;
  return {
    redemptionId: r.redemption_id,
    item: { id: r.item_id, name: r.name },
    currency: r.currency,
    points: r.points,
    balance: r.balance,
    coupon: r.coupon_id ? await myCouponById(ctx, actor, r.coupon_id) : null,
    needsAddress: r.fulfilment === 'pending_address',
    order: order ? toOrderView(order, ctx) : null,
  };
}

const REDEMPTIONS_SHOWN = 50;

export async function myRedemptions(ctx: UseCaseContext, actor: Actor): Promise<RedemptionView[]> {
  const { rows } = await ctx.db.query<{
    id: string;
    item_id: string;
    name: string;
    kind: 'coupon' | 'goods';
    currency: MallCurrency;
    points: number;
    created_at: Date;
    fulfilment: RedemptionView['fulfilment'];
    address: ShippingAddress | null;
  }>(
    `select r.id, r.item_id, i.name, i.kind, i.currency, r.points, r.created_at, r.fulfilment, r.address
     from mall_redemptions r join mall_items i on i.id = r.item_id
     where r.member_id = $1 order by r.id desc limit $2`,
    [actor.memberId, REDEMPTIONS_SHOWN],
  );
  return rows.map((r) => ({
    redemptionId: r.id,
    item: { id: r.item_id, name: r.name, kind: r.kind, currency: r.currency },
    points: r.points,
    createdAt: toBrandIso(r.created_at, ctx.brand.timeZone),
    fulfilment: r.fulfilment,
    address: r.address,
  }));
}

export async function setRedemptionAddress(
  ctx: UseCaseContext,
  actor: Actor,
  params: { redemptionId: string; address: ShippingAddress },
): Promise<{ redemptionId: string; fulfilment: 'to_ship' } | Failure> {
  const { rowCount } = await ctx.db.query(
    `update mall_redemptions set address = $3, fulfilment = 'to_ship'
     where id = $1 and member_id = $2 and fulfilment in ('pending_address', 'to_ship')`,
    [params.redemptionId, actor.memberId, JSON.stringify(params.address)],
  );
  if (rowCount === 0) {
    const { rows } = await ctx.db.query('select 1 from mall_redemptions where id = $1 and member_id = $2', [
      params.redemptionId,
      actor.memberId,
    ]);
    return rows[0] ? fail('ADDRESS_NOT_NEEDED') : fail('NOT_FOUND', '兑换记录不存在');
  }
  return { redemptionId: params.redemptionId, fulfilment: 'to_ship' };
}
