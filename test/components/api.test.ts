/**
 * The typed client: results come back typed, failures become ApiError with the server's
 * code and Chinese message, and a 401 signs in again once (H5: the same demo identity).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, ApiError } from '@/services/api';
import { setTransport, type Transport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { useSessionStore } from '@/stores/session';

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const profile = { id: '1', nickname: null, avatarUrl: null, role: 'member', pointsBalance: 0, joinedOn: '2026-11-01' };

let calls: { name: string; payload: Record<string, unknown>; token: string | null }[];
let answers: { status: number; body: unknown }[];

beforeEach(() => {
  localStorage.clear();
  useSessionStore.setState({ status: 'idle', member: null, devIdentities: null, pickerOpen: false, error: null });
  calls = [];
  answers = [];
  const fake: Transport = {
    kind: 'http',
    needsSession: true,
    async callFunction(name, payload, token) {
      calls.push({ name, payload, token });
      const next = answers.shift();
      if (!next) throw new Error('no answer queued');
      return next as never;
    },
  };
  setTransport(fake);
});

afterEach(() => {
  setTransport(null);
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('call()', () => {
  it('sends {action, ...params} with the session token and resolves with the data', async () => {
    localStorage.setItem('session.token', JSON.stringify({ data: 'tok-1' }));
    answers.push({ status: 200, body: { ok: true, data: { items: [], nextCursor: null } } });
    const page = await call('points', 'ledger', { limit: 5 });
    expect(page).toEqual({ items: [], nextCursor: null });
    expect(calls).toEqual([{ name: 'points', payload: { limit: 5, action: 'ledger' }, token: 'tok-1' }]);
  });

  it('with a session the request leaves at once, before any other work queued meanwhile (the first screen’s data does not wait for a render)', async () => {
    localStorage.setItem('session.token', JSON.stringify({ data: 'tok-1' }));
    answers.push({ status: 200, body: { ok: true, data: { balance: 1, expiring: null } } });
    const answer = call('points', 'balance', {});
    expect(calls).toHaveLength(1);
    await answer;
  });

  it('throws ApiError with the server code and its Chinese message', async () => {
    localStorage.setItem('session.token', JSON.stringify({ data: 'tok-1' }));
    answers.push({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' } } });
    const err = await call('checkin', 'do', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试', status: 429 });
  });

  it('on 401 forgets the token, signs in again as the same demo identity, and retries once', async () => {
    localStorage.setItem('session.token', JSON.stringify({ data: 'expired' }));
    localStorage.setItem('session.devIdentity', JSON.stringify({ data: { openid: 'demo-member', role: 'member' } }));
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: true, data: { token: 'fresh', member: profile } }));
    vi.stubGlobal('fetch', fetchMock);
    answers.push({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } } });
    answers.push({ status: 200, body: { ok: true, data: { balance: 3, expiring: null } } });
    const balance = await call('points', 'balance', {});
    expect(balance.balance).toBe(3);
    expect(calls.map((c) => c.token)).toEqual(['expired', 'fresh']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toContain('/api/auth/dev-login');
    expect(JSON.parse(String(init.body))).toEqual({ openid: 'demo-member', role: 'member' });
  });

  it('calls refused together share one sign-in, and each retries with its token', async () => {
    localStorage.setItem('session.token', JSON.stringify({ data: 'expired' }));
    localStorage.setItem('session.devIdentity', JSON.stringify({ data: { openid: 'demo-member', role: 'member' } }));
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: true, data: { token: 'fresh', member: profile } }));
    vi.stubGlobal('fetch', fetchMock);
    const unauth = { status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } } };
    const balance = { status: 200, body: { ok: true, data: { balance: 3, expiring: null } } };
    answers.push(unauth, unauth, unauth, balance, balance, balance);
    await Promise.all([call('points', 'balance', {}), call('points', 'balance', {}), call('points', 'balance', {})]);
    expect(fetchMock.mock.calls.filter((c) => String((c as unknown[])[0]).includes('dev-login'))).toHaveLength(1);
    expect(calls.map((c) => c.token)).toEqual(['expired', 'expired', 'expired', 'fresh', 'fresh', 'fresh']);
  });

  it('switching identity leaves nothing of the previous member in the member store', async () => {
    useMemberStore.setState({ profile: { ...profile, nickname: '小林' } as never, balance: 120 });
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, { ok: true, data: { token: 'guide-token', member: { ...profile, id: '2', role: 'guide' } } })));
    await useSessionStore.getState().switchIdentity('demo-guide', 'guide');
    expect(useMemberStore.getState()).toMatchObject({ profile: null, balance: null });
  });

  it('a second 401 in a row is an error, not a loop', async () => {
    localStorage.setItem('session.token', JSON.stringify({ data: 'expired' }));
    localStorage.setItem('session.devIdentity', JSON.stringify({ data: { openid: 'demo-member', role: 'member' } }));
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, { ok: true, data: { token: 'fresh', member: profile } })));
    const unauth = { status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } } };
    answers.push(unauth, unauth);
    await expect(call('member', 'profile', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls).toHaveLength(2);
  });

  it('H5 without a session: signs in from ?as= before the first call', async () => {
    window.history.replaceState(null, '', '/?as=e2e-x&role=guide');
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) =>
      url.includes('/api/dev/identities')
        ? jsonResponse(200, { ok: true, data: [] })
        : jsonResponse(200, { ok: true, data: { token: 'from-url', member: { ...profile, role: 'guide' } } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    answers.push({ status: 200, body: { ok: true, data: { ...profile, role: 'guide' } } });
    const me = await call('member', 'profile', {});
    expect(me.role).toBe('guide');
    expect(calls[0]!.token).toBe('from-url');
    const login = fetchMock.mock.calls.find(([u]) => String(u).includes('dev-login'))!;
    expect(JSON.parse(String(login[1]!.body))).toEqual({ openid: 'e2e-x', role: 'guide' });
  });

  it.each([
    ['without ?as=', '/'],
    ['with a demo link’s ?as=', '/?as=demo-member&role=member'],
  ])('H5 on a production server (no dev routes, 404) %s: no identity picker, no 切换身份, asks to open in WeChat', async (_, url) => {
    window.history.replaceState(null, '', url);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(404, { ok: false, error: { code: 'NOT_FOUND', message: '内容不存在' } })),
    );
    await useSessionStore.getState().ensure();
    expect(useSessionStore.getState()).toMatchObject({ status: 'error', error: '请在微信中打开本小程序', devIdentities: null, pickerOpen: false });
  });
});
