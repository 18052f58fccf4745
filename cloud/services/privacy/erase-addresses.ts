/**
 * Shipping addresses — the address book, and the copies on orders (with their notes), mall
 * redemptions and lottery awards — erased for privacy: the address book and the addresses of
 * deliveries already made (consent withdrawn), or all of them, with the deliveries not yet made
 * cancelled (account erased; orders still to ship are refunded before, delete-account.ts). The
 * one place that erases them.
 */
import type { Queryable } from '../../db/port';
import { DELIVERY_PENDING, ORDER_DELIVERY_PENDING } from '../../domain/privacy';

const TABLES = ['mall_redemptions', 'lottery_awards'] as const;

/** Keeps the address of a delivery still to make; erases the others. */
export async function eraseDeliveredAddresses(tx: Queryable, memberId: string): Promise<void> {
  await tx.query('delete from addresses where member_id = $1', [memberId]);
  await tx.query(
    `update orders set address = null, note = null
     where member_id = $1 and (address is not null or note is not null) and status <> all($2::text[])`,
    [memberId, ORDER_DELIVERY_PENDING],
  );
  for (const table of TABLES) {
    await tx.query(`update ${table} set address = null where member_id = $1 and address is not null and fulfilment <> all($2::text[])`, [
      memberId,
      DELIVERY_PENDING,
    ]);
  }
}

/**
 * An order that no longer needs its address (shipped, refunded, cancelled) of a member who has
 * withdrawn consent: the address and note kept for the delivery go now. Each use case that moves
 * an order out of ORDER_DELIVERY_PENDING calls it in the same transaction.
 */
export async function eraseOrderAddressIfWithdrawn(tx: Queryable, orderId: string): Promise<void> {
  await tx.query(
    `update orders o set address = null, note = null from members m
     where o.id = $1 and m.id = o.member_id and m.consent_version is null
       and (o.address is not null or o.note is not null) and o.status <> all($2::text[])`,
    [orderId, ORDER_DELIVERY_PENDING],
  );
}

/** The same for a mall redemption or a lottery award that has just been shipped (gift-fulfilment.ts). */
export async function eraseGiftAddressIfWithdrawn(tx: Queryable, table: (typeof TABLES)[number], id: string): Promise<void> {
  await tx.query(
    `update ${table} g set address = null from members m
     where g.id = $1 and m.id = g.member_id and m.consent_version is null and g.address is not null and g.fulfilment <> all($2::text[])`,
    [id, DELIVERY_PENDING],
  );
}

/** Erases every address; a delivery still to make will not be made (there is nowhere to send it). */
export async function eraseAllAddresses(tx: Queryable, memberId: string): Promise<void> {
  await tx.query('delete from addresses where member_id = $1', [memberId]);
  await tx.query('update orders set address = null, note = null where member_id = $1 and (address is not null or note is not null)', [memberId]);
  for (const table of TABLES) {
    await tx.query(
      `update ${table} set address = null,
         fulfilment = case when fulfilment = any($2::text[]) then 'cancelled' else fulfilment end
       where member_id = $1 and (address is not null or fulfilment = any($2::text[]))`,
      [memberId, DELIVERY_PENDING],
    );
  }
}
