import type { ShippingAddress } from '../../contract';
import type { Queryable } from '../../db/port';
import { hasConsent } from '../../domain/privacy';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';

/** How many addresses a member keeps: enough for home, work and family, not a mailing list. */
export const ADDRESS_BOOK_LIMIT = 20;

/**
 * Locks the member's row for the rest of the transaction: saves and removals of one member's
 * addresses queue here, so the limit and the single default hold however many arrive at once.
 */
export async function lockAddressBook(tx: Queryable, memberId: string): Promise<{ consent_version: string | null }> {
  const { rows } = await tx.query<{ consent_version: string | null }>('select consent_version from members where id = $1 for update', [memberId]);
  return rows[0]!;
}

/** Makes `addressId` the member's one default (the old one first gives it up: one default at a time). */
async function makeDefault(tx: Queryable, memberId: string, addressId: string): Promise<void> {
  await tx.query('update addresses set is_default = false where member_id = $1 and is_default and id <> $2', [memberId, addressId]);
  await tx.query('update addresses set is_default = true where id = $1 and member_id = $2', [addressId, memberId]);
}

/**
 * 保存收货地址: a new one (the first becomes the default), or with `id` a change to one of mine;
 * isDefault makes it the default. An address is personal data: only after privacy consent.
 */
export async function saveAddress(
  ctx: UseCaseContext,
  actor: Actor,
  params: { id?: string; address: ShippingAddress; isDefault?: boolean },
): Promise<{ id: string } | Failure> {
  return transactionOrFailure(ctx.db, async (tx) => {
    const member = await lockAddressBook(tx, actor.memberId);
    if (!hasConsent(member.consent_version)) return fail('CONSENT_REQUIRED');
    const address = JSON.stringify(params.address);
    let id = params.id;
    if (id) {
      const { rowCount } = await tx.query('update addresses set address = $3, updated_at = $4 where id = $1 and member_id = $2', [
        id,
        actor.memberId,
        address,
        ctx.now,
      ]);
      if (rowCount === 0) return fail('NOT_FOUND', '收货地址不存在');
    } else {
      const { rows } = await tx.query<{ id: string }>(
        `insert into addresses (member_id, address, is_default, created_at, updated_at)
         select $1, $2, not exists (select 1 from addresses where member_id = $1 and is_default), $3, $3
         where (select count(*) from addresses where member_id = $1) < $4
         returning id`,
        [actor.memberId, address, ctx.now, ADDRESS_BOOK_LIMIT],
      );
      if (!rows[0]) return fail('ADDRESS_LIMIT', `收货地址最多保存 ${ADDRESS_BOOK_LIMIT} 个，请先删除不用的地址`);
      id = rows[0].id;
    }
    if (params.isDefault) await makeDefault(tx, actor.memberId, id);
    return { id };
  });
}
