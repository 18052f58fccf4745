import Taro from '@tarojs/taro';
import type { Envelope } from '@cloud/contract';
import { devClockHeaders } from '../dev-clock';
import { ApiError } from '../errors';
import type { Transport, TransportReply } from './types';

function isEnvelope(body: unknown): body is Envelope<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

/** POSTs JSON to the Node server; every answer (also 4xx) comes back as an envelope. */
export async function postJson(url: string, data: unknown, token: string | null = null): Promise<TransportReply> {
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request({
      url,
      method: 'POST',
      data: data as Record<string, unknown>,
      header: {
        'content-type': 'application/json',
        ...devClockHeaders(),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw new ApiError('NETWORK');
  }
  if (!isEnvelope(res.data)) throw new ApiError('BAD_RESPONSE', undefined, res.statusCode);
  return { status: res.statusCode, body: res.data };
}

/** GETs a JSON envelope; null when the route does not answer with one (e.g. 404 in production). */
export async function getJson(url: string): Promise<TransportReply | null> {
  try {
    const res = await Taro.request({ url, method: 'GET', dataType: 'json', timeout: 10000 });
    return isEnvelope(res.data) ? { status: res.statusCode, body: res.data } : null;
  } catch {
    return null;
  }
}

export function httpTransport(base: string): Transport {
  return {
    kind: 'http',
    needsSession: true,
    callFunction: (name, payload, token) => postJson(`${base}/api/fn/${encodeURIComponent(name)}`, payload, token),
  };
}
