/**
 * Asking a member for avatar and nickname: only after privacy consent (nothing personal is asked
 * for before it), only while one of them is missing, and once per member — a member who said
 * 以后再说, or filled in the profile page, is not asked again.
 */
import { hasConsent } from './privacy';

export interface ProfileAskFacts {
  consentVersion: string | null;
  nickname: string | null;
  avatarUrl: string | null;
  /** When the member was asked (the ask shown, or a name or avatar given); null: never. */
  askedAt: Date | null;
}

export function shouldAskProfile(facts: ProfileAskFacts): boolean {
  if (facts.askedAt !== null || !hasConsent(facts.consentVersion)) return false;
  return !facts.nickname?.trim() || !facts.avatarUrl;
}
