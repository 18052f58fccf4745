/**
 * Where the session is kept: Taro's storage under these keys (services/session.ts writes them).
 * No framework code here: the early requests and the dev clock read them straight from H5's
 * localStorage, where Taro keeps each value as JSON `{ "data": value }`.
 */
export const TOKEN_KEY = 'session.token';
export const DEV_IDENTITY_KEY = 'session.devIdentity';
/** The role the last sign-in answered with: the tab bar shows 运营 to admins without asking the server. */
export const ROLE_KEY = 'session.role';

/** H5: a value Taro stored, read without Taro; null when absent or unreadable. */
export function readStoredH5<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    return ((JSON.parse(raw) as { data?: T }).data ?? null) as T | null;
  } catch {
    return null;
  }
}
