/**
 * Signed, stateless session tokens (HS256 JWT via fast-jwt, synchronous and cheap on the hot
 * path): any server instance can verify any token.
 */
import { createSigner, createVerifier } from 'fast-jwt';

const TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export interface SessionKeys {
  /** A token for the member and their openid: both must still match when it is used. */
  sign(openid: string, memberId: string): Promise<string>;
  /** Who a valid token was signed for, else null (synchronous: it runs before every call). */
  verify(token: string): { openid: string; memberId: string } | null;
}

export function sessionKeys(secret: string): SessionKeys {
  const signer = createSigner({ key: secret, algorithm: 'HS256', expiresIn: TOKEN_LIFETIME_MS });
  // No cache of verified tokens: its key is itself a SHA-256 of the token, so a hit (≈ 4 µs)
  // saves little against verifying (≈ 7.6 µs), and a token's first use pays for both (≈ 18 µs).
  const verifier = createVerifier({ key: secret, algorithms: ['HS256'] });
  return {
    sign: async (openid, memberId) => signer({ sub: openid, mid: memberId }),
    verify(token) {
      try {
        const payload = verifier(token) as { sub?: unknown; mid?: unknown };
        // A token without the member's id cannot tell an erased account from a new one: sign in again.
        return typeof payload.sub === 'string' && typeof payload.mid === 'string' ? { openid: payload.sub, memberId: payload.mid } : null;
      } catch {
        return null;
      }
    },
  };
}
