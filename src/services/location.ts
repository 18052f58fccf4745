/**
 * What the H5 URL says: the query may sit in the search part or in the hash part (the hash
 * router's `#/pages/...?x=1`). No framework code here: the early requests read it before the
 * app's code has loaded (early-requests.ts).
 */
import type { Role } from '@cloud/contract';
import { IS_H5 } from './config';

const ROLES: readonly Role[] = ['member', 'guide', 'admin'];

/** The search part's query, then the hash part's. */
function queries(): URLSearchParams[] {
  if (typeof window === 'undefined') return [];
  const { search, hash } = window.location;
  const hashQuery = hash.includes('?') ? hash.slice(hash.indexOf('?')) : '';
  return [new URLSearchParams(search), new URLSearchParams(hashQuery)];
}

/** A query parameter of the H5 URL, or null. */
export function urlParam(name: string): string | null {
  for (const query of queries()) {
    const value = query.get(name);
    if (value) return value;
  }
  return null;
}

/** H5: `/?as=<openid>&role=<role>` (in the search part, or in the hash part's query). */
export function identityFromUrl(): { openid: string; role: Role } | null {
  if (!IS_H5) return null;
  for (const query of queries()) {
    const openid = query.get('as');
    if (!openid) continue;
    const role = query.get('role') as Role | null;
    return { openid, role: role && ROLES.includes(role) ? role : 'member' };
  }
  return null;
}

/** H5 opened on 首页: no route in the hash, or the home page's. */
export function opensOnHome(): boolean {
  if (!IS_H5 || typeof window === 'undefined') return false;
  const route = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  return route === '' || route === 'pages/home/index';
}
