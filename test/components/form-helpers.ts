/** What the admin edit screens' tests do: read a field by the path the server names, type into it, tap. */
import { act, fireEvent } from '@testing-library/react';
import type { Envelope, ErrorCode, FieldProblem } from '@cloud/contract';
import { actionOf, fakeTransport, type RecordedCall } from './fake-transport';

export const text = (selector: string) => document.querySelector(selector)?.textContent;
export const all = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
export const field = (path: string) => document.querySelector(`.admin-field[data-path="${path}"]`);
export const valueAt = (path: string) => field(path)!.querySelector('input')!.value;
export const errorAt = (path: string) => field(path)?.querySelector('.admin-field__error')?.textContent ?? null;
export const typeAt = (path: string, value: string) => fireEvent.input(field(path)!.querySelector('input')!, { target: { value } });
export const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
/** The params of each call of `name` ('admin.saveCampaign'), in order. */
export const paramsOf = (calls: RecordedCall[], name: string) => calls.filter((c) => actionOf(c) === name).map((c) => c.payload);

/** A fake server answering each action ('admin.campaigns') with a value or a function of the call; any other with null. */
export function answering(answers: Record<string, unknown>): RecordedCall[] {
  return fakeTransport((c) => {
    const answer = answers[actionOf(c)];
    return typeof answer === 'function' ? (answer as (c: RecordedCall) => unknown)(c) : (answer ?? null);
  });
}

/** The server's 400 naming fields, each with its message; the envelope's message is the first field's unless given. */
export function refusal(code: ErrorCode, fields: FieldProblem[], message = fields[0]!.message) {
  return { status: 400, body: { ok: false, error: { code, message, fields } } as Envelope<never> };
}
