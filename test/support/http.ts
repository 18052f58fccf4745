/** A tiny HTTP client for the API suites: JSON in, status and envelope out. */
import { CONSENT_VERSION } from '@cloud/domain/privacy';

export interface Reply<T = any> {
  status: number;
  body: T;
}

export async function post<T = any>(
  url: string,
  body: unknown,
  options: { token?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<Reply<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function devLogin(base: string, openid: string, role = 'member'): Promise<string> {
  const reply = await post(`${base}/api/auth/dev-login`, { openid, role });
  if (reply.status !== 200) throw new Error(`dev-login failed: ${JSON.stringify(reply.body)}`);
  return reply.body.data.token;
}

/** The member agrees to the privacy guide and saves an address, as the app does before a first order: its id. */
export async function savedAddress(base: string, token: string): Promise<string> {
  const consent = await post(`${base}/api/fn/member`, { action: 'update', consentVersion: CONSENT_VERSION }, { token });
  if (consent.status !== 200) throw new Error(`consent failed: ${JSON.stringify(consent.body)}`);
  const saved = await post(
    `${base}/api/fn/address`,
    { action: 'save', address: { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号' } },
    { token },
  );
  if (saved.status !== 200) throw new Error(`address.save failed: ${JSON.stringify(saved.body)}`);
  return saved.body.data.id;
}
