/**
 * Who the app speaks for. weapp: Taro.login → POST /api/auth/login {code}. H5: the `as` URL
 * param or the demo identity picker → POST /api/auth/dev-login (development servers only).
 * With wx.cloud there is no session: WeChat's context carries the identity.
 */
import Taro from '@tarojs/taro';
import type { MemberProfile, Role } from '@cloud/contract';
import { API_BASE, IS_WEAPP } from './config';
import { takeEarlySignIn } from './early-requests';
import { ApiError } from './errors';
import { DEV_IDENTITY_KEY, ROLE_KEY, TOKEN_KEY } from './session-storage';
import { getJson, postJson } from './transports/http';
import type { TransportReply } from './transports/types';

export interface DevIdentity {
  openid: string;
  role: Role;
  label: string;
}

export interface SignedIn {
  token: string;
  member: MemberProfile;
}

function read<T>(key: string): T | null {
  try {
    const value = Taro.getStorageSync(key) as T | '' | undefined;
    return value === '' || value === undefined ? null : (value as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  try {
    if (value === null) Taro.removeStorageSync(key);
    else Taro.setStorageSync(key, value);
  } catch {
    // storage full or unavailable: the session simply lasts for this run
  }
}

export const getToken = () => read<string>(TOKEN_KEY);

export function clearToken() {
  write(TOKEN_KEY, null);
}

/** The demo identity this H5 session signed in as (to sign in again after a 401). */
export const getDevIdentity = () => read<{ openid: string; role: Role }>(DEV_IDENTITY_KEY);

/**
 * The role of the member signed in, as the last sign-in (or the demo identity) said; null when
 * not known. A hint for what to show (the 运营 tab): the server checks the role of every call.
 */
export function getStoredRole(): Role | null {
  return read<Role>(ROLE_KEY) ?? getDevIdentity()?.role ?? null;
}

/** A newer answer of the server (the profile) names the role: kept for the next start. */
export function storeRole(role: Role) {
  if (read<Role>(ROLE_KEY) !== role) write(ROLE_KEY, role);
}

async function signIn(answer: Promise<TransportReply>): Promise<SignedIn> {
  const reply = await answer;
  if (!reply.body.ok) throw new ApiError(reply.body.error.code, reply.body.error.message, reply.status);
  const data = reply.body.data as SignedIn;
  write(TOKEN_KEY, data.token);
  write(ROLE_KEY, data.member.role);
  return data;
}

/** weapp: a wx.login code exchanged by the server for the member's openid. */
export async function wechatLogin(): Promise<SignedIn> {
  let code: string;
  try {
    ({ code } = await Taro.login());
  } catch {
    throw new ApiError('WECHAT_LOGIN_FAILED', '微信登录失败，请重试');
  }
  return signIn(postJson(`${API_BASE}/api/auth/login`, { code }));
}

/**
 * Development servers only: sign in as a demo identity. H5 may have started this very sign-in
 * before the app loaded: its answer is taken, or the sign-in is sent again when it got none.
 */
export async function devLogin(openid: string, role: Role): Promise<SignedIn> {
  const send = () => postJson(`${API_BASE}/api/auth/dev-login`, { openid, role });
  const early = takeEarlySignIn(openid, role);
  const data = await signIn(early ? early.catch(send) : send());
  write(DEV_IDENTITY_KEY, { openid, role });
  return data;
}

/** The demo identities, or null when the server has no dev routes (production answers 404). */
export async function fetchDevIdentities(): Promise<DevIdentity[] | null> {
  const reply = await getJson(`${API_BASE}/api/dev/identities`);
  return reply?.body.ok ? (reply.body.data as DevIdentity[]) : null;
}

export { IS_WEAPP };
