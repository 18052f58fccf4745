import type { Queryable } from '../../db/port';

/**
 * Deletes every image the member uploaded, bytes and all: their URLs answer 404 from then on,
 * and the after-sales requests that showed them no longer name them.
 */
export async function eraseMediaOf(tx: Queryable, memberId: string): Promise<void> {
  await tx.query('delete from media where member_id = $1', [memberId]);
  await tx.query(`update refund_requests set photos = '{}' where member_id = $1 and photos <> '{}'`, [memberId]);
}
