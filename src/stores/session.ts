/**
 * The session as the UI sees it: signing in, ready, or (H5 with dev routes) waiting for the
 * member to pick a demo identity. One sign-in runs at a time; callers share it.
 */
import { create } from 'zustand';
import type { MemberProfile, Role } from '@cloud/contract';
import { configureClient } from '@/services/api';
import { IS_WEAPP } from '@/services/config';
import { ApiError, isApiError, messageOf } from '@/services/errors';
import { identityFromUrl } from '@/services/location';
import {
  clearToken,
  devLogin,
  fetchDevIdentities,
  getDevIdentity,
  getToken,
  wechatLogin,
  type DevIdentity,
  type SignedIn,
} from '@/services/session';
import { transport } from '@/services/transports';
import { useMemberStore } from './member';

export type SessionStatus = 'idle' | 'signing-in' | 'ready' | 'needs-identity' | 'error';

interface SessionState {
  status: SessionStatus;
  /** The profile the sign-in answered with (null until known, e.g. with wx.cloud). */
  member: MemberProfile | null;
  /** Demo identities when the server has dev routes; null otherwise. */
  devIdentities: DevIdentity[] | null;
  pickerOpen: boolean;
  error: string | null;
  /** Bumped on each identity change so pages reload their data. */
  generation: number;
  ensure(): Promise<void>;
  switchIdentity(openid: string, role: Role): Promise<void>;
  openPicker(): void;
  closePicker(): void;
}

let inflight: Promise<void> | null = null;

/** H5 on a server without dev routes (production): members only sign in inside WeChat. */
const OUTSIDE_WECHAT = '请在微信中打开本小程序';

export const useSessionStore = create<SessionState>()((set, get) => {
  const signedIn = (data: SignedIn) => {
    // Another identity: nothing of the previous one may stay on screen until its data arrives.
    useMemberStore.getState().reset();
    set((s) => ({ status: 'ready', member: data.member, error: null, pickerOpen: false, generation: s.generation + 1 }));
  };

  const loadDevIdentities = async () => {
    const devIdentities = await fetchDevIdentities();
    set({ devIdentities });
    return devIdentities;
  };

  async function run() {
    if (!transport().needsSession) {
      set({ status: 'ready' });
      return;
    }
    set({ status: 'signing-in', error: null });
    try {
      if (IS_WEAPP) {
        if (getToken()) set({ status: 'ready' });
        else signedIn(await wechatLogin());
        return;
      }
      const fromUrl = identityFromUrl();
      if (fromUrl) {
        const stored = getDevIdentity();
        const same = stored && stored.openid === fromUrl.openid && stored.role === fromUrl.role;
        void loadDevIdentities();
        if (same && getToken()) set({ status: 'ready' });
        else {
          // A demo link opened on a production server: there is no dev sign-in to answer it.
          const data = await devLogin(fromUrl.openid, fromUrl.role).catch((err: unknown) => {
            if (isApiError(err) && err.status === 404) return null;
            throw err;
          });
          if (data) signedIn(data);
          else set({ status: 'error', error: OUTSIDE_WECHAT });
        }
        return;
      }
      if (getToken()) {
        set({ status: 'ready' });
        void loadDevIdentities();
        return;
      }
      const identities = await loadDevIdentities();
      if (identities) set({ status: 'needs-identity', pickerOpen: true });
      else set({ status: 'error', error: OUTSIDE_WECHAT });
    } catch (err) {
      set({ status: 'error', error: messageOf(err) });
    }
  }

  return {
    status: 'idle',
    member: null,
    devIdentities: null,
    pickerOpen: false,
    error: null,
    generation: 0,
    ensure() {
      if (get().status === 'ready') return Promise.resolve();
      inflight ??= run().finally(() => {
        inflight = null;
      });
      return inflight;
    },
    async switchIdentity(openid, role) {
      set({ status: 'signing-in', error: null });
      try {
        signedIn(await devLogin(openid, role));
      } catch (err) {
        set({ status: get().devIdentities ? 'needs-identity' : 'error', error: messageOf(err) });
        throw err;
      }
    },
    openPicker: () => set({ pickerOpen: true }),
    closePicker: () => set((s) => ({ pickerOpen: s.status === 'needs-identity' })),
  };
});

/** The token for a call: the one being renewed, the stored one at once, or after signing in. */
export function sessionToken(): string | Promise<string> {
  if (renewing) return renewing;
  const token = getToken();
  if (token) return token;
  return useSessionStore
    .getState()
    .ensure()
    .then(() => {
      const signed = getToken();
      if (!signed) throw new ApiError('NEEDS_IDENTITY');
      return signed;
    });
}

/** Resolves once the session is ready (in H5 possibly after the member picked a demo identity). */
export function signedIn(): Promise<void> {
  const store = useSessionStore;
  void store.getState().ensure();
  return new Promise((resolve) => {
    if (store.getState().status === 'ready') {
      resolve();
      return;
    }
    const stop = store.subscribe((s) => {
      if (s.status !== 'ready') return;
      stop();
      resolve();
    });
  });
}

let renewing: Promise<string> | null = null;

/**
 * After a 401: forget the token and sign in again once (wx.login, or the same demo identity).
 * Calls refused together share one renewal, and calls made meanwhile wait for its token.
 */
export function renewSession(): Promise<string> {
  renewing ??= renew().finally(() => {
    renewing = null;
  });
  return renewing;
}

async function renew(): Promise<string> {
  clearToken();
  const store = useSessionStore;
  if (IS_WEAPP) {
    store.setState({ status: 'signing-in' });
    try {
      const data = await wechatLogin();
      store.setState({ status: 'ready', member: data.member });
      return data.token;
    } catch (err) {
      store.setState({ status: 'error', error: messageOf(err) });
      throw err;
    }
  }
  const identity = getDevIdentity();
  if (identity) {
    const data = await devLogin(identity.openid, identity.role);
    store.setState({ status: 'ready', member: data.member });
    return data.token;
  }
  store.setState({ status: 'idle' });
  await store.getState().ensure();
  const token = getToken();
  if (!token) throw new ApiError('NEEDS_IDENTITY');
  return token;
}

// The function client asks the session for its token through this, set once where the session lives.
configureClient({ token: sessionToken, renew: renewSession, signedIn });
