/**
 * Signed, stateless session tokens (HS256 JWT via fast-jwt, synchronous and cheap on the hot
 * path): any server instance can verify any token.
 */
import { createSigner, createVerifier } from 'fast-jwt';

const TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export interface SessionKeys {
  /** A token for the openid, naming the member it was signed for (absent: the bench's tokens). */
  sign(openid: string, memberId?: string): Promise<string>;
  verify(token: string): Promise<{ openid: string; memberId?: string } | null>;
}

export function sessionKeys(secret: string): SessionKeys {
  const signer = createSigner({ key: secret, algorithm: 'HS256', expiresIn: TOKEN_LIFETIME_MS });
  // The cache keeps verified tokens for their lifetime, so a member's later calls skip the HMAC.
  const verifier = createVerifier({ key: secret, algorithms: ['HS256'], cache: 10_000 });
  return {
    sign: async (openid, memberId) => signer(memberId === undefined ? { sub: openid } : { sub: openid, mid: memberId }),
    async verify(token) {
      try {
        const payload = verifier(token) as { sub?: unknown; mid?: unknown };
        if (typeof payload.sub !== 'string') return null;
        return typeof payload.mid === 'string' ? { openid: payload.sub, memberId: payload.mid } : { openid: payload.sub };
      } catch {
        return null;
      }
    },
  };
}
