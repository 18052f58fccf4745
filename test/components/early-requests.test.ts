/**
 * H5's early requests (index.html's inlined script): what it asks for before the app has
 * loaded, for which URL and stored session, and that the app takes each answer once instead of
 * asking again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEarlyRequests, takeEarlyHome, takeEarlySignIn } from '@/services/early-requests';
import { preload, preloaded } from '@/services/preload';
import { devLogin } from '@/services/session';

const profile = { id: '1', nickname: null, avatarUrl: null, role: 'member', pointsBalance: 0, joinedOn: '2026-11-01' };
const home = { banners: [], newLaunches: [], flashSales: [], nightMarket: null, categories: [], memberDay: false };

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let sent: Array<{ url: string; body: unknown; auth: string | null }>;

type Answer = (url: string) => { status: number; body: unknown } | 'dropped';

/** The early requests go out as XMLHttpRequest: a stand-in answering each from `answer`. */
function serve(answer: Answer) {
  const log: typeof sent = (sent = []);
  vi.stubGlobal(
    'XMLHttpRequest',
    class {
      status = 0;
      responseText = '';
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      private url = '';
      private headers: Record<string, string> = {};
      open(_method: string, url: string) {
        this.url = url;
      }
      setRequestHeader(name: string, value: string) {
        this.headers[name] = value;
      }
      send(body: string) {
        log.push({ url: this.url, body: JSON.parse(body), auth: this.headers.Authorization ?? null });
        const reply = answer(this.url);
        setTimeout(() => {
          if (reply === 'dropped') return this.onerror?.();
          this.status = reply.status;
          this.responseText = JSON.stringify(reply.body);
          this.onload?.();
        }, 0);
      }
    },
  );
}

/** The app's own requests (Taro.request in H5 goes through fetch). */
function serveApp(answer: (url: string) => { status: number; body: unknown }) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      calls.push(url);
      const { status, body } = answer(url);
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

const signedIn = (url: string) =>
  url.endsWith('/api/auth/dev-login')
    ? { status: 200, body: { ok: true, data: { token: 'tok-early', member: profile } } }
    : { status: 200, body: { ok: true, data: home } };


beforeEach(() => {
  localStorage.clear();
  delete window.__earlyRequests;
});
afterEach(async () => {
  // A test's requests still on their way finish in its own stand-ins.
  for (let i = 0; i < 3; i++) await flush();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('early requests', () => {
  it('a newcomer on 首页 with ?as=: signs in, then asks for 首页 with that token; the app takes each answer once', async () => {
    window.history.replaceState(null, '', '/?as=demo-member&role=member');
    serve(signedIn);
    startEarlyRequests();
    await flush();
    expect(sent).toEqual([
      { url: '/api/auth/dev-login', body: { openid: 'demo-member', role: 'member' }, auth: null },
      { url: '/api/fn/catalog', body: { action: 'home' }, auth: 'Bearer tok-early' },
    ]);

    // The app's sign-in takes the early answer: no second dev-login, the token is stored.
    const app = serveApp(signedIn);
    const data = await devLogin('demo-member', 'member');
    expect(app).toEqual([]);
    expect(data.token).toBe('tok-early');
    expect(JSON.parse(localStorage.getItem('session.token')!)).toEqual({ data: 'tok-early' });
    expect(await takeEarlyHome()).toEqual(home);
    expect(takeEarlyHome()).toBeNull();
    expect(sent).toHaveLength(2);
  });

  it('an early sign-in that got no answer (the connection dropped) is sent again by the app, once', async () => {
    window.history.replaceState(null, '', '/?as=demo-member&role=member');
    serve(() => 'dropped');
    const app = serveApp(signedIn);
    startEarlyRequests();
    const data = await devLogin('demo-member', 'member');
    expect(data.token).toBe('tok-early');
    expect(sent.map((s) => s.url)).toEqual(['/api/auth/dev-login']);
    expect(app).toEqual(['/api/auth/dev-login']);
  });

  it('an early sign-in the server refused is the answer: the app shows the refusal, without asking again', async () => {
    window.history.replaceState(null, '', '/?as=demo-member&role=member');
    serve(() => ({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', message: '无权限' } } }));
    startEarlyRequests();
    const app = serveApp(signedIn);
    await expect(devLogin('demo-member', 'member')).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(sent.filter((s) => s.url.endsWith('/api/auth/dev-login'))).toHaveLength(1);
    expect(app).toEqual([]);
  });

  it.each([
    ['another identity', 'demo-guide', 'member'],
    ['another role', 'demo-member', 'guide'],
  ] as const)('the app signing in as %s than the URL named gets nothing early: it asks itself', async (_case, openid, role) => {
    window.history.replaceState(null, '', '/?as=demo-member&role=member');
    serve(signedIn);
    startEarlyRequests();
    expect(takeEarlySignIn(openid, role)).toBeNull();
    expect(takeEarlySignIn('demo-member', 'member')).not.toBeNull();
  });

  it.each([
    ['the same identity is stored with its token: no sign-in, 首页 with the stored token', '/?as=demo-member&role=member', true, [['/api/fn/catalog', 'Bearer tok-stored']]],
    ['no ?as= but a stored session: 首页 with the stored token', '/', true, [['/api/fn/catalog', 'Bearer tok-stored']]],
    ['no ?as= and no session (the picker comes first): nothing', '/', false, []],
    ['opened on another page: the sign-in only', '/?as=demo-member&role=member#/pages/checkin/index', false, [['/api/auth/dev-login', null]]],
    ['a dev clock in the URL: nothing, the app asks with its time', '/?as=demo-member&role=member&now=2026-11-25T10:00:00%2B08:00', false, []],
  ] as Array<[string, string, boolean, Array<[string, string | null]>]>)('%s', async (_case, url, stored, expected) => {
    if (stored) {
      localStorage.setItem('session.token', JSON.stringify({ data: 'tok-stored' }));
      localStorage.setItem('session.devIdentity', JSON.stringify({ data: { openid: 'demo-member', role: 'member' } }));
    }
    window.history.replaceState(null, '', url);
    serve(signedIn);
    startEarlyRequests();
    await flush();
    expect(sent.map((s) => [s.url, s.auth])).toEqual(expected);
  });

  it('a refused early 首页 (an expired stored session) is not shown: the screen asks again through the client', async () => {
    localStorage.setItem('session.token', JSON.stringify({ data: 'tok-old' }));
    serve(() => ({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } } }));
    startEarlyRequests();
    const early = takeEarlyHome()!;
    await expect(early).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    preload('catalog.home', () => early);
    const fresh = vi.fn(async () => home);
    expect(await preloaded('catalog.home', fresh)).toEqual(home);
    expect(fresh).toHaveBeenCalledTimes(1);
  });
});
