/**
 * The signed-in member's role, for what the UI shows (the 运营 tab, the admin screens): the
 * profile when it is loaded, else what the sign-in answered, else what the last sign-in stored —
 * never a request of its own, so that a member's tab bar asks the server nothing. The server
 * checks the role of every call; a stale role shows a screen whose calls are refused.
 */
import { useEffect } from 'react';
import type { Role } from '@cloud/contract';
import { getStoredRole, storeRole } from '@/services/session';
import { useMemberStore } from '@/stores/member';
import { useSessionStore } from '@/stores/session';

export function useRole(): Role | null {
  const profileRole = useMemberStore((s) => s.profile?.role ?? null);
  const signedInRole = useSessionStore((s) => s.member?.role ?? null);
  // Read again whenever the identity changes.
  useSessionStore((s) => s.generation);
  const live = profileRole ?? signedInRole;
  useEffect(() => {
    if (live) storeRole(live);
  }, [live]);
  return live ?? getStoredRole();
}
