/** Share ids: they travel in card paths and in a poster code's scene (≤ 32 characters). */
import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const SHARE_ID_LENGTH = 10;

/**
 * A 10-character base62 id from a CSPRNG (62^10 ≈ 8.4e17): not guessable, so a share's stats
 * cannot be probed by walking ids; the primary key catches the improbable repeat.
 */
export function newShareId(): string {
  return Array.from({ length: SHARE_ID_LENGTH }, () => BASE62[randomInt(BASE62.length)]).join('');
}
