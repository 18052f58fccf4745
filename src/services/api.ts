/**
 * The one typed client of the cloud functions: `call('checkin', 'do', {})` resolves with the
 * action's result type from the contract, or throws an ApiError with a Chinese message.
 */
import Taro from '@tarojs/taro';
import type { ActionName, ErrorCode, FunctionName, Params, Result } from '@cloud/contract';
import { renewSession, sessionToken } from '@/stores/session';
import { ApiError, messageOf } from './errors';
import { transport } from './transports';

export { ApiError } from './errors';

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  params: Params<F, A>,
): Promise<Result<F, A>> {
  const t = transport();
  const payload = { ...(params as Record<string, unknown>), action };
  let token = t.needsSession ? await sessionToken() : null;
  let reply = await t.callFunction(fn, payload, token);
  if (!reply.body.ok && reply.body.error.code === 'UNAUTHENTICATED' && t.needsSession) {
    token = await renewSession();
    reply = await t.callFunction(fn, payload, token);
  }
  if (!reply.body.ok) {
    const { code, message } = reply.body.error;
    throw new ApiError(code as ErrorCode, message, reply.status);
  }
  return reply.body.data as Result<F, A>;
}

/** Shows an error to the member as a toast. */
export function showError(err: unknown) {
  void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 2500 });
}
