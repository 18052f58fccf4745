/**
 * The one typed client of the cloud functions: `call('checkin', 'do', {})` resolves with the
 * action's result type from the contract, or throws an ApiError with a Chinese message.
 */
import Taro from '@tarojs/taro';
import type { ActionName, ErrorCode, FunctionName, Params, Result } from '@cloud/contract';
import { ApiError, messageOf } from './errors';
import { transport } from './transports';

export { ApiError } from './errors';

/**
 * What the client needs of the session. The session store hands it over once at start
 * (`configureClient`), so that services never import the stores built on them.
 */
export interface ClientSession {
  /** The token for a call: at once when there is one (no await between a sign-in and the request), else after signing in. */
  token(): string | Promise<string>;
  /** After a 401: signs in again once and gives the new token. */
  renew(): Promise<string>;
  /** Resolves once the member is signed in (in H5 possibly after picking a demo identity). */
  signedIn(): Promise<void>;
}

let session: ClientSession | null = null;

export function configureClient(next: ClientSession) {
  session = next;
}

export function clientSession(): ClientSession {
  if (!session) throw new Error('configureClient() has not been called: the session store sets it up');
  return session;
}

/** Sends with the session's token, and once more with a renewed one after a 401. */
export async function withSession<R extends { status: number }>(send: (token: string) => Promise<R>): Promise<R> {
  const s = clientSession();
  const token = s.token();
  const reply = await send(typeof token === 'string' ? token : await token);
  return reply.status === 401 ? send(await s.renew()) : reply;
}

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  params: Params<F, A>,
): Promise<Result<F, A>> {
  const t = transport();
  const payload = { ...(params as Record<string, unknown>), action };
  const reply = t.needsSession
    ? await withSession((token) => t.callFunction(fn, payload, token))
    : await t.callFunction(fn, payload, null);
  if (!reply.body.ok) {
    const { code, message, fields } = reply.body.error;
    throw new ApiError(code as ErrorCode, message, reply.status, fields);
  }
  return reply.body.data as Result<F, A>;
}

/** Shows an error to the member as a toast. */
export function showError(err: unknown) {
  void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 2500 });
}
