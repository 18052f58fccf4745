/** Request ids: valid for the contract, new per intent, the same when an intent is retried. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/services/errors';
import { createIntent, isRetryable, newRequestId } from '@/services/request-id';

describe('request ids', () => {
  it('match the contract (8–64 of [A-Za-z0-9_-]) and do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newRequestId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('an intent keeps its id until a final answer; a lost answer keeps it; another key is a new intent', () => {
    const intent = createIntent();
    const a = intent.id('chance');
    expect(intent.id('chance')).toBe(a);
    intent.settle(new ApiError('NETWORK'));
    expect(intent.id('chance')).toBe(a);
    intent.settle(new ApiError('INTERNAL', '系统繁忙，请稍后再试', 500));
    expect(intent.id('chance')).toBe(a);
    intent.settle(new ApiError('NO_CHANCE', '没有抽奖机会了', 409));
    const b = intent.id('chance');
    expect(b).not.toBe(a);
    expect(intent.id('points')).not.toBe(b);
    intent.settle();
    expect(intent.id('points')).not.toBe(b);
  });

  it('retryable: no answer, a bad answer, 5xx and 429; not a refusal', () => {
    expect(isRetryable(new ApiError('NETWORK'))).toBe(true);
    expect(isRetryable(new ApiError('RATE_LIMITED', 'x', 429))).toBe(true);
    expect(isRetryable(new ApiError('OUT_OF_STOCK', 'x', 409))).toBe(false);
    expect(isRetryable(new ApiError('INVALID_PARAMS', 'x', 400))).toBe(false);
  });
});
