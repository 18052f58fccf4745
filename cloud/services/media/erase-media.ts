import type { Queryable } from '../../db/port';

/** Deletes every image the member uploaded, bytes and all: their URLs answer 404 from then on. */
export async function eraseMediaOf(tx: Queryable, memberId: string): Promise<void> {
  await tx.query('delete from media where member_id = $1', [memberId]);
}
