/** A scripted transport for component tests: records each call, answers from a handler. */
import { act } from '@testing-library/react';
import type { Envelope } from '@cloud/contract';
import { setTransport, type Transport } from '@/services/transports';

export interface RecordedCall {
  name: string;
  payload: Record<string, unknown>;
}

export type Handler = (call: RecordedCall) => { status?: number; body: Envelope<unknown> } | unknown;

export const ok = (data: unknown) => ({ status: 200, body: { ok: true, data } as Envelope<unknown> });
export const fail = (status: number, code: string, message: string) => ({
  status,
  body: { ok: false, error: { code, message } } as unknown as Envelope<unknown>,
});

/** Installs a transport answering with `handler(call)`; a plain value means ok(value). */
export function fakeTransport(handler: Handler): RecordedCall[] {
  const calls: RecordedCall[] = [];
  const transport: Transport = {
    kind: 'http',
    needsSession: false,
    async callFunction(name, payload) {
      const call = { name, payload };
      calls.push(call);
      const answer = await handler(call);
      if (answer && typeof answer === 'object' && 'body' in answer) return answer as never;
      return ok(answer) as never;
    },
  };
  setTransport(transport);
  return calls;
}

export const actionOf = (c: RecordedCall) => `${c.name}.${String(c.payload.action)}`;

/** A transport whose answers the test gives, one waiting call at a time, in any order. */
export function scriptedTransport() {
  const pending: Array<{ call: RecordedCall; answer(reply: unknown): void }> = [];
  const calls = fakeTransport(
    (c) => new Promise((resolve, reject) => pending.push({ call: c, answer: (reply) => (reply instanceof Error ? reject(reply) : resolve(reply)) })),
  );
  return {
    calls,
    pending,
    /** Answers the n-th call still waiting (0: the oldest); an Error is the transport failing. */
    async answer(n: number, reply: unknown) {
      const [p] = pending.splice(n, 1);
      await act(async () => {
        p!.answer(reply);
      });
    },
  };
}

