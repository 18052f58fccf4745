/**
 * Asking a member for avatar and nickname: while one of them is missing, once per member — a
 * member who said 以后再说, or filled in the profile page, is not asked again. The app asks for
 * privacy consent first when it is missing: nothing personal is asked for before it.
 */
export interface ProfileAskFacts {
  nickname: string | null;
  avatarUrl: string | null;
  /** When the member was asked (the ask shown, or a name or avatar given); null: never. */
  askedAt: Date | null;
}

export function shouldAskProfile(facts: ProfileAskFacts): boolean {
  return facts.askedAt === null && (!facts.nickname?.trim() || !facts.avatarUrl);
}
