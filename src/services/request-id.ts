/**
 * Request ids for intents worth money (a draw, a redemption): one id per intent, sent again
 * when the same intent is retried, so that the server answers the first result and never
 * draws or redeems twice.
 */
import { isApiError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** 22 characters of [A-Za-z0-9_-] (≈132 bits); crypto.getRandomValues where the runtime has it. */
export function newRequestId(): string {
  const bytes = new Uint8Array(22);
  // weapp's JS runtime has no `crypto` global (wx.getRandomValues is async): Math.random there,
  // which is enough for an idempotency key (the server decides everything worth money).
  const c = typeof crypto !== 'undefined' ? (crypto as { getRandomValues?(a: Uint8Array): Uint8Array }) : undefined;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}

/** The call may or may not have reached the server: retrying it must reuse its request id. */
export function isRetryable(err: unknown): boolean {
  if (!isApiError(err)) return true;
  return err.code === 'NETWORK' || err.code === 'BAD_RESPONSE' || err.code === 'INTERNAL' || err.code === 'RATE_LIMITED' || err.status >= 500;
}

/**
 * One pending intent: `id(key)` gives the same request id for the same key until `settle()`
 * (after an answer that is final: a result or a refusal); a different key starts a new intent.
 */
export function createIntent() {
  let current: { key: string; id: string } | null = null;
  return {
    id(key: string): string {
      if (!current || current.key !== key) current = { key, id: newRequestId() };
      return current.id;
    },
    /** After the call: keep the id only when the answer may not have been the server's last word. */
    settle(err?: unknown) {
      if (err === undefined || !isRetryable(err)) current = null;
    },
    reset() {
      current = null;
    },
  };
}

export type Intent = ReturnType<typeof createIntent>;
