/**
 * When earned points expire: at the end of the Nth month after the month they were earned
 * (default 12), or never. Spending and expiry consume lots first-in-first-out.
 */
import { addMonths, endOfMonth } from './business-day';

/** The last day a lot earned on `earnedOn` can be spent, or null when points never expire. */
export function lotExpiresOn(earnedOn: string, expiryMonths: number | null): string | null {
  if (expiryMonths === null) return null;
  return endOfMonth(addMonths(`${earnedOn.slice(0, 7)}-01`, expiryMonths));
}
