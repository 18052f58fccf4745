/**
 * Stock held for an order until it is paid or given up, for every use case that takes or gives
 * it back: a shop SKU's stock (in a flash sale also the sale's stock and the member's count), and
 * a points-mall item's stock and the member's count. Reserving is a conditional update, so stock
 * and limits hold under concurrency. Releasing, committing and returning happen once because the
 * caller's own conditional status change (pending → cancelled, pending → paid, paid → refunded)
 * decides first, in the same transaction.
 */
import type { Queryable } from '../../db/port';
import { fail, type Failure } from '../failure';
import type { OrderRow } from './order-row';

/** What an order holds: a SKU (maybe in a flash sale) or a mall item, for a member. */
export type OrderStock = Pick<OrderRow, 'member_id' | 'qty' | 'sku_id' | 'flash_sale_id' | 'mall_item_id'>;

/**
 * My count in the flash sale `f` as SQL (`member`: the parameter holding my id): what
 * reserveOrderStock adds and releaseOrderStock gives back, so the product page and checkout read
 * the allowance the reservation enforces.
 */
export const myFlashTakenSql = (member: string) =>
  `coalesce((select taken from flash_sale_member_counts c where c.flash_sale_id = f.id and c.member_id = ${member}), 0)`;

/** 提交订单: `qty` of the SKU, and in a live flash sale as much of the sale and of my allowance. */
export async function reserveOrderStock(
  tx: Queryable,
  r: { memberId: string; skuId: string; qty: number; flashSale: { id: string; perMemberLimit: number } | null; at: Date },
): Promise<Failure | null> {
  const stock = await tx.query('update product_skus set stock = stock - $2 where id = $1 and stock >= $2', [r.skuId, r.qty]);
  if (stock.rowCount === 0) return fail('OUT_OF_STOCK');
  if (!r.flashSale) return null;
  const flash = await tx.query(
    'update flash_sales set taken = taken + $2 where id = $1 and taken + $2 <= stock and starts_at <= $3 and $3 < ends_at',
    [r.flashSale.id, r.qty, r.at],
  );
  if (flash.rowCount === 0) return fail('FLASH_SALE_OVER');
  const mine = await tx.query(
    `insert into flash_sale_member_counts (flash_sale_id, member_id, taken)
     select $1::bigint, $2::bigint, $3::int where $3::int <= $4::int
     on conflict (flash_sale_id, member_id) do update set taken = flash_sale_member_counts.taken + excluded.taken
     where flash_sale_member_counts.taken + excluded.taken <= $4::int`,
    [r.flashSale.id, r.memberId, r.qty, r.flashSale.perMemberLimit],
  );
  if (mine.rowCount === 0) return fail('FLASH_SALE_LIMIT', `秒杀商品每人限购 ${r.flashSale.perMemberLimit} 件`);
  return null;
}

/** 积分兑换 (and 加钱换购): one of the item, within its stock and my per-member limit. */
export async function reserveMallItem(
  tx: Queryable,
  r: { memberId: string; itemId: string; perMemberLimit: number | null },
): Promise<Failure | null> {
  const stock = await tx.query('update mall_items set redeemed = redeemed + 1 where id = $1 and (stock is null or redeemed < stock)', [
    r.itemId,
  ]);
  if (stock.rowCount === 0) return fail('OUT_OF_STOCK');
  const counted = await tx.query(
    `insert into mall_member_counts (item_id, member_id, redeemed) values ($1, $2, 1)
     on conflict (item_id, member_id) do update set redeemed = mall_member_counts.redeemed + 1
     where $3::int is null or mall_member_counts.redeemed < $3::int`,
    [r.itemId, r.memberId, r.perMemberLimit],
  );
  if (counted.rowCount === 0) return fail('REDEEM_LIMIT');
  return null;
}

/** An order that will not be paid (cancelled): everything it reserved goes back. */
export async function releaseOrderStock(tx: Queryable, o: OrderStock): Promise<void> {
  if (o.sku_id) await tx.query('update product_skus set stock = stock + $2 where id = $1', [o.sku_id, o.qty]);
  if (o.flash_sale_id) {
    await tx.query('update flash_sales set taken = taken - $2 where id = $1', [o.flash_sale_id, o.qty]);
    await tx.query('update flash_sale_member_counts set taken = taken - $3 where flash_sale_id = $1 and member_id = $2', [
      o.flash_sale_id,
      o.member_id,
      o.qty,
    ]);
  }
  if (o.mall_item_id) await releaseMallItem(tx, o.member_id, o.mall_item_id);
}

/** A paid order: the SKU units it reserved are sold. */
export async function commitOrderStock(tx: Queryable, o: OrderStock): Promise<void> {
  if (o.sku_id) await tx.query('update product_skus set sold = sold + $2 where id = $1', [o.sku_id, o.qty]);
}

/**
 * A refunded order: the SKU units are back in stock and no longer sold, a mall item back in the
 * mall. The flash sale's count stays: it records what the sale sold.
 */
export async function returnOrderStock(tx: Queryable, o: OrderStock): Promise<void> {
  if (o.sku_id) await tx.query('update product_skus set stock = stock + $2, sold = sold - $2 where id = $1', [o.sku_id, o.qty]);
  if (o.mall_item_id) await releaseMallItem(tx, o.member_id, o.mall_item_id);
}

async function releaseMallItem(tx: Queryable, memberId: string, itemId: string): Promise<void> {
  await tx.query('update mall_items set redeemed = redeemed - 1 where id = $1', [itemId]);
  await tx.query('update mall_member_counts set redeemed = redeemed - 1 where item_id = $1 and member_id = $2', [itemId, memberId]);
}
