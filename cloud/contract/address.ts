/** `address`: my address book (收货地址), from which an order takes where to ship. */
import { z } from 'zod';
import { address as shippingAddress, id, noParams, returns, type ShippingAddress } from './primitives';

export interface SavedAddress extends ShippingAddress {
  id: string;
  isDefault: boolean;
}

export const address = {
  /** My addresses: the default first, then the newest. */
  list: { params: noParams, result: returns<SavedAddress[]>() },
  /**
   * Adds an address, or with `id` changes that one. The first address is the default; isDefault
   * makes this one the default. At most ADDRESS_BOOK_LIMIT addresses (409 ADDRESS_LIMIT).
   */
  save: {
    params: z.object({ id: id.optional(), address: shippingAddress, isDefault: z.boolean().optional() }).strict(),
    result: returns<{ id: string }>(),
  },
  /** Removing the default makes the newest remaining address the default. */
  remove: { params: z.object({ id }).strict(), result: returns<{ id: string }>() },
} as const;
