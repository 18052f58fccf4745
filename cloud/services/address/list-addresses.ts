import type { SavedAddress, ShippingAddress } from '../../contract';
import type { Queryable } from '../../db/port';
import type { Actor, UseCaseContext } from '../context';

interface AddressRow {
  id: string;
  address: ShippingAddress;
  is_default: boolean;
}

const toView = (r: AddressRow): SavedAddress => ({ id: r.id, ...r.address, isDefault: r.is_default });

/** 收货地址: the default first, then the newest. */
export async function listAddresses(ctx: UseCaseContext, actor: Actor): Promise<SavedAddress[]> {
  const { rows } = await ctx.db.query<AddressRow>(
    'select id, address, is_default from addresses where member_id = $1 order by is_default desc, id desc',
    [actor.memberId],
  );
  return rows.map(toView);
}

/** One of my addresses (another member's is not found). */
export async function findMyAddress(q: Queryable, memberId: string, addressId: string): Promise<ShippingAddress | null> {
  const { rows } = await q.query<{ address: ShippingAddress }>('select address from addresses where id = $1 and member_id = $2', [addressId, memberId]);
  return rows[0]?.address ?? null;
}
