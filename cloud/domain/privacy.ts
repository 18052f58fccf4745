/**
 * Privacy consent (个人信息保护): nothing personal (nickname, avatar, birthday) is collected
 * before the member agrees to the privacy guide of this version. A new version asks again.
 */
export const CONSENT_VERSION = '2026-11-01';

export function hasConsent(consentVersion: string | null): boolean {
  return consentVersion !== null && consentVersion >= CONSENT_VERSION;
}
