/**
 * "Now" as the server sees it, for countdowns: the device clock, or in development the H5 URL's
 * ?now= (which the server is told with every call) moving on from when the app loaded.
 */
import { devNow } from './dev-clock';

const loadedAt = Date.now();

export function serverNow(): number {
  const dev = devNow();
  return dev ? Date.parse(dev) + (Date.now() - loadedAt) : Date.now();
}
