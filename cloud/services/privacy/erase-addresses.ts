/**
 * Shipping addresses on mall redemptions and lottery awards, erased for privacy: the addresses
 * of deliveries already made (consent withdrawn), or all of them, with the deliveries not yet
 * made cancelled (account erased). The one place that erases them.
 */
import type { Queryable } from '../../db/port';
import { DELIVERY_PENDING } from '../../domain/privacy';

const TABLES = ['mall_redemptions', 'lottery_awards'] as const;

/** Keeps the address of a delivery still to make; erases the others. */
export async function eraseDeliveredAddresses(tx: Queryable, memberId: string): Promise<void> {
  for (const table of TABLES) {
    await tx.query(`update ${table} set address = null where member_id = $1 and address is not null and fulfilment <> all($2::text[])`, [
      memberId,
      DELIVERY_PENDING,
    ]);
  }
}

/** Erases every address; a delivery still to make will not be made (there is nowhere to send it). */
export async function eraseAllAddresses(tx: Queryable, memberId: string): Promise<void> {
  for (const table of TABLES) {
    await tx.query(
      `update ${table} set address = null,
         fulfilment = case when fulfilment = any($2::text[]) then 'cancelled' else fulfilment end
       where member_id = $1 and (address is not null or fulfilment = any($2::text[]))`,
      [memberId, DELIVERY_PENDING],
    );
  }
}
