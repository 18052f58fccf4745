/** Coupon codes: what members show at the till and guides scan or type. */
import { randomInt } from 'node:crypto';

/** Unambiguous characters for codes read aloud or typed (no 0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const COUPON_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{12}$/;

/** A 12-character code from a CSPRNG (31^12 ≈ 7.9e17); the database's unique key catches a repeat. */
export function newCouponCode(): string {
  return Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** A code as typed or scanned, as it is stored, or null when it cannot be one (COUPON_CODE_FORMAT). */
export function parseCouponCode(raw: string): string | null {
  const code = raw.toUpperCase().replace(/[\s-]/g, '');
  return COUPON_CODE_PATTERN.test(code) ? code : null;
}
