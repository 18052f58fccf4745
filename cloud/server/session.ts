/**
 * Signed, stateless session tokens (HS256 JWT via fast-jwt, synchronous and cheap on the hot
 * path): any server instance can verify any token.
 */
import { createSigner, createVerifier } from 'fast-jwt';

const TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export interface SessionKeys {
  sign(openid: string): Promise<string>;
  verify(token: string): Promise<string | null>;
}

export function sessionKeys(secret: string): SessionKeys {
  const signer = createSigner({ key: secret, algorithm: 'HS256', expiresIn: TOKEN_LIFETIME_MS });
  // The cache keeps verified tokens for their lifetime, so a member's later calls skip the HMAC.
  const verifier = createVerifier({ key: secret, algorithms: ['HS256'], cache: 10_000 });
  return {
    sign: async (openid) => signer({ sub: openid }),
    async verify(token) {
      try {
        const payload = verifier(token) as { sub?: unknown };
        return typeof payload.sub === 'string' ? payload.sub : null;
      } catch {
        return null;
      }
    },
  };
}
