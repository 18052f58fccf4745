/** A tiny HTTP client for the API suites: JSON in, status and envelope out. */
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
