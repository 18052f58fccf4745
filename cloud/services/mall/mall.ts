import type { MallItemView, RedeemResult, RedemptionView, ShippingAddress } from '../../contract';
import type { Queryable } from '../../db/port';
import { toBrandIso } from '../../domain/business-day';
import { tierIndex } from '../../domain/tiers';
import type { Actor, UseCaseContext } from '../context';
import { issueCoupon } from '../coupons/issue-coupon';
import { myCouponById } from '../coupons/wallet';
import { Failure, fail, transactionOrFailure } from '../failure';
import { oncePerRequest } from '../request-once';
import { mallItemColumns, type MallItemRow } from './mall-item-row';
import { bookPoints } from '../points/book-points';

interface ItemRow extends MallItemRow {
  my_redeemed: number;
}

const ITEM_COLUMNS = `${mallItemColumns('i')},
  coalesce((select redeemed from mall_member_counts c where c.item_id = i.id and c.member_id = $1), 0) as my_redeemed`;

/** Why this member cannot redeem this item now, or null. The redemption re-checks each in SQL. */
function blockedBy(item: ItemRow, actor: Actor, balance: number, now: Date, ctx: UseCaseContext): MallItemView['blockedBy'] {
  const tiers = ctx.brand.tiers;
  if ((item.starts_at && now < item.starts_at) || (item.ends_at && now >= item.ends_at)) return 'NOT_IN_WINDOW';
  if (tierIndex(actor.tier, tiers) < tierIndex(item.min_tier, tiers)) return 'TIER_REQUIRED';
  if (item.stock !== null && item.redeemed >= item.stock) return 'OUT_OF_STOCK';
  if (item.per_member_limit !== null && item.my_redeemed >= item.per_member_limit) return 'REDEEM_LIMIT';
  if (item.cash_fen > 0) return 'CASH_VIA_ORDER';
  if (balance < item.points_price) return 'INSUFFICIENT_POINTS';
  return null;
}

function toView(item: ItemRow, actor: Actor, balance: number, ctx: UseCaseContext): MallItemView {
  const tier = ctx.brand.tiers.find((t) => t.key === item.min_tier)!;
  const tz = ctx.brand.timeZone;
  return {
    id: item.id,
    name: item.name,
    description: item.description,
    imageUrl: item.image_url,
    kind: item.kind,
    pointsPrice: item.points_price,
    cashFen: item.cash_fen,
    remaining: item.stock === null ? null : Math.max(0, item.stock - item.redeemed),
    perMemberLimit: item.per_member_limit,
    myRedeemed: item.my_redeemed,
    minTier: { key: tier.key, name: tier.name },
    blockedBy: blockedBy(item, actor, balance, ctx.now, ctx),
    startsAt: item.starts_at ? toBrandIso(item.starts_at, tz) : null,
    endsAt: item.ends_at ? toBrandIso(item.ends_at, tz) : null,
  };
}

/** The points mall as this member sees it: active items not yet ended, cheapest first. */
export async function listMall(ctx: UseCaseContext, actor: Actor): Promise<MallItemView[]> {
  const [items, member] = await Promise.all([
    ctx.db.query<ItemRow>(
      `select ${ITEM_COLUMNS} from mall_items i where i.active and (i.ends_at is null or i.ends_at > $2)
       order by i.points_price, i.id limit 100`,
      [actor.memberId, ctx.now],
    ),
    ctx.db.query<{ points_balance: number }>('select points_balance from members where id = $1', [actor.memberId]),
  ]);
  return items.rows.map((i) => toView(i, actor, member.rows[0]!.points_balance, ctx));
}

/**
 * 积分兑换 in one transaction: stock and the member's count by conditional updates, the points
 * through the ledger, then the coupon or the goods claim. Any refusal rolls all of it back.
 * A repeated requestId answers with the first redemption.
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
  const refusal = blockedBy(item, actor, Number.MAX_SAFE_INTEGER, ctx.now, ctx);
  if (refusal) return fail(refusal);
  const stock = await tx.query('update mall_items set redeemed = redeemed + 1 where id = $1 and (stock is null or redeemed < stock)', [
    item.id,
  ]);
  if (stock.rowCount === 0) return fail('OUT_OF_STOCK');
  const counted = await tx.query(
    `insert into mall_member_counts (item_id, member_id, redeemed) values ($1, $2, 1)
     on conflict (item_id, member_id) do update set redeemed = mall_member_counts.redeemed + 1
     where $3::int is null or mall_member_counts.redeemed < $3::int`,
    [item.id, actor.memberId, item.per_member_limit],
  );
  if (counted.rowCount === 0) return fail('REDEEM_LIMIT');
  const { rows: redemption } = await tx.query<{ id: string }>(
    `insert into mall_redemptions (item_id, member_id, request_id, points, fulfilment, created_at)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [item.id, actor.memberId, params.requestId, item.points_price, item.kind === 'goods' ? 'pending_address' : 'done', ctx.now],
  );
  const redemptionId = redemption[0]!.id;
  const balance = await bookPoints(tx, {
    memberId: actor.memberId,
    delta: -item.points_price,
    source: 'redeem',
    sourceId: redemptionId,
    note: item.name,
    at: ctx.now,
  });
  if (balance === null) return fail('INSUFFICIENT_POINTS');
  if (item.kind === 'coupon') {
    const coupon = await issueCoupon(tx, ctx.brand, {
      templateId: item.coupon_template_id!,
      memberId: actor.memberId,
      source: 'mall',
      sourceId: redemptionId,
      at: ctx.now,
      limitPerMember: true,
    });
    if (coupon instanceof Failure) return coupon;
    await tx.query('update mall_redemptions set coupon_id = $2 where id = $1', [redemptionId, coupon.id]);
  }
  return redemptionId;
}

async function earlierRedemption(db: Queryable, ctx: UseCaseContext, actor: Actor, requestId: string): Promise<RedeemResult | null> {
  const { rows } = await db.query<{ id: string; item_id: string; name: string; points: number; coupon_id: string | null; fulfilment: string; balance: number }>(
    `select r.id, r.item_id, i.name, r.points, r.coupon_id, r.fulfilment, m.points_balance as balance
     from mall_redemptions r join mall_items i on i.id = r.item_id join members m on m.id = r.member_id
     where r.member_id = $1 and r.request_id = $2`,
    [actor.memberId, requestId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    redemptionId: r.id,
    item: { id: r.item_id, name: r.name },
    points: r.points,
    balance: r.balance,
    coupon: r.coupon_id ? await myCouponById(ctx, actor, r.coupon_id) : null,
    needsAddress: r.fulfilment === 'pending_address',
  };
}

const REDEMPTIONS_SHOWN = 50;

export async function myRedemptions(ctx: UseCaseContext, actor: Actor): Promise<RedemptionView[]> {
  const { rows } = await ctx.db.query<{
    id: string;
    item_id: string;
    name: string;
    kind: 'coupon' | 'goods';
    points: number;
    created_at: Date;
    fulfilment: RedemptionView['fulfilment'];
    address: ShippingAddress | null;
  }>(
    `select r.id, r.item_id, i.name, i.kind, r.points, r.created_at, r.fulfilment, r.address
     from mall_redemptions r join mall_items i on i.id = r.item_id
     where r.member_id = $1 order by r.id desc limit $2`,
    [actor.memberId, REDEMPTIONS_SHOWN],
  );
  return rows.map((r) => ({
    redemptionId: r.id,
    item: { id: r.item_id, name: r.name, kind: r.kind },
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
