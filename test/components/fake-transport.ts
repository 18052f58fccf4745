/** A scripted transport for component tests: records each call, answers from a handler. */
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
