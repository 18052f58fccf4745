/**
 * H5: the first screen's two requests leave before the app's code is even loaded. A small
 * script inlined in index.html (src/h5-boot.ts) signs in as the URL's demo identity (`?as=`)
 * and then asks for 首页's data, while the browser is still fetching and starting a few hundred
 * KB of framework code; the app takes both answers when it gets there (services/session.ts
 * devLogin, and app.ts for 首页). Each answer is taken once; an answer that is not usable (a
 * refusal, a lost connection) makes the app ask again itself, through the normal client.
 *
 * Nothing here may import the framework: the inlined script must stay a few KB (plain promises
 * and Errors: no transpiler helpers either). The script and the app are separate bundles,
 * so they meet on `window`, not in module state.
 */
import type { HomeView, Role } from '@cloud/contract';
import { API_BASE } from './config';
import { ApiError } from './errors';
import { identityFromUrl, opensOnHome, urlParam } from './location';
import { DEV_IDENTITY_KEY, readStoredH5, TOKEN_KEY } from './session-storage';
import type { TransportReply } from './transports/types';

interface EarlyRequests {
  signIn?: { openid: string; role: Role; reply: Promise<TransportReply> };
  home?: Promise<TransportReply>;
}

declare global {
  interface Window {
    __earlyRequests?: EarlyRequests;
  }
}

/**
 * XMLHttpRequest, not fetch: its answer is read in the one task that delivers it, so that the
 * next request leaves in that same task. Between the app's bundles the page's thread is free for
 * a moment only; fetch needs two such moments (the headers, then the body).
 */
/** As long as the client's own requests wait (transports/http.ts). */
const EARLY_TIMEOUT_MS = 15_000;

function postJson(path: string, body: unknown, token: string | null): Promise<TransportReply> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}`);
    xhr.setRequestHeader('content-type', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.onload = () => {
      let envelope: TransportReply['body'] | null = null;
      try {
        envelope = JSON.parse(xhr.responseText) as TransportReply['body'];
      } catch {
        // not JSON: refused below
      }
      if (typeof envelope?.ok !== 'boolean') reject(new Error(`not an envelope (${xhr.status})`));
      else resolve({ status: xhr.status, body: envelope });
    };
    xhr.onerror = () => reject(new Error('network'));
    // An XHR without a timeout waits forever on a stalled connection (a phone changing networks):
    // given up, the app asks again itself, as after any failure.
    xhr.timeout = EARLY_TIMEOUT_MS;
    xhr.ontimeout = () => reject(new Error('timeout'));
    xhr.send(JSON.stringify(body));
  });
}

/** Run by the inlined script, first thing on the page. */
export function startEarlyRequests(): void {
  // With a dev clock (`?now=`) every request carries the app's time: the app asks for itself.
  if (typeof window === 'undefined' || typeof XMLHttpRequest !== 'function' || urlParam('now')) return;
  const early: EarlyRequests = {};
  const identity = identityFromUrl();
  const stored = readStoredH5<{ openid: string; role: Role }>(DEV_IDENTITY_KEY);
  const storedToken = readStoredH5<string>(TOKEN_KEY);
  // The app signs in again only when the URL names another identity than the stored one.
  const sameIdentity = !!identity && stored?.openid === identity.openid && stored.role === identity.role;
  // Without an identity in the URL or a stored session nobody is signed in (the picker comes first).
  let token: Promise<string | null> = Promise.resolve(storedToken);
  if (identity && !(sameIdentity && storedToken)) {
    const reply = postJson('/api/auth/dev-login', identity, null);
    reply.catch(() => undefined);
    early.signIn = { ...identity, reply };
    token = reply.then((r) => (r.body.ok ? (r.body.data as { token: string }).token : null), () => null);
  }
  if (opensOnHome()) {
    early.home = token.then((t) => {
      if (!t) throw new Error('not signed in');
      return postJson('/api/fn/catalog', { action: 'home' }, t);
    });
    // Nobody may take it (another page opened first): its failure is not an error of its own.
    early.home.catch(() => undefined);
  }
  window.__earlyRequests = early;
}

/** The early sign-in's answer if it signed in as this identity (once). */
export function takeEarlySignIn(openid: string, role: Role): Promise<TransportReply> | null {
  const early = typeof window === 'undefined' ? undefined : window.__earlyRequests;
  const signIn = early?.signIn;
  if (!signIn || signIn.openid !== openid || signIn.role !== role) return null;
  delete early.signIn;
  return signIn.reply;
}

/** 首页's early answer (once): its data, or a rejection when it is not usable. */
export function takeEarlyHome(): Promise<HomeView> | null {
  const early = typeof window === 'undefined' ? undefined : window.__earlyRequests;
  const home = early?.home;
  if (!home) return null;
  delete early.home;
  return home.then((reply) => {
    if (!reply.body.ok) throw new ApiError(reply.body.error.code, reply.body.error.message, reply.status);
    return reply.body.data as HomeView;
  });
}
