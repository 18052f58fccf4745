/**
 * Privacy consent (个人信息保护): nothing personal (nickname, avatar, birthday) is collected
 * before the member agrees to the privacy guide of this version. A new version asks again.
 */
export const CONSENT_VERSION = '2026-11-01';

export function hasConsent(consentVersion: string | null): boolean {
  return consentVersion !== null && consentVersion >= CONSENT_VERSION;
}

/** Deliveries still to make: they keep their address until the goods have gone out. */
export const DELIVERY_PENDING = ['pending_address', 'to_ship'] as const;

/**
 * Orders whose address may still be needed: to ship once paid, to ship now, or in after-sales
 * (a return is collected from it).
 */
export const ORDER_DELIVERY_PENDING = ['pending', 'paid', 'refunding'] as const;

/**
 * What stands in an erased account's openid (注销): unique, and never a WeChat openid, so the
 * same WeChat user signing in again is a new member.
 */
export function tombstoneOpenid(memberId: string): string {
  return `deleted:${memberId}`;
}
