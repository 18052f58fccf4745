/**
 * Development only: `?now=<ISO time>` in the H5 URL sends the `x-dev-now` header with every
 * function call, so that day boundaries, member day and 补签 can be tried at any date. It is
 * honoured only after this browser signed in through the dev routes (a stored dev identity,
 * which a production server, having no dev-login, can never give).
 */
import { IS_H5 } from './config';
import { urlParam } from './location';
import { DEV_IDENTITY_KEY, readStoredH5 } from './session-storage';

const hasDevIdentity = () => readStoredH5(DEV_IDENTITY_KEY) !== null;

/** The dev clock from the URL, or null (not H5, no param, not a time, or no dev routes). */
export function devNow(): string | null {
  if (!IS_H5) return null;
  const now = urlParam('now');
  if (!now || Number.isNaN(new Date(now).getTime())) return null;
  return hasDevIdentity() ? now : null;
}

/** Headers to add to a call to the Node server. */
export function devClockHeaders(): Record<string, string> {
  const now = devNow();
  return now ? { 'x-dev-now': now } : {};
}
