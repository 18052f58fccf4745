/**
 * How a cloud function runs, wherever it is hosted (WeChat cloud or the Node server):
 * drop identity fields from the event, find the action, resolve the member from the
 * server-side identity, check the role, validate the params against the contract, call the
 * use case, and answer with the envelope. Expected failures are values (services/failure.ts); anything thrown is a
 * 500 that never shows its stack.
 */
import type { z } from 'zod';
import {
  contract,
  ERRORS,
  type ActionName,
  type Envelope,
  type ErrorCode,
  type FieldProblem,
  type FunctionName,
  type ParamsOut,
  type Result,
  type Role,
} from '../contract';
import type { Db } from '../db/port';
import { fieldProblems } from '../domain/field-problems';
import type { Adapters } from '../adapters';
import type { Actor, UseCaseContext } from '../services/context';
import { loadBrandSettings } from '../services/settings/brand-settings-store';
import { Failure } from '../services/failure';
import { toActor } from '../services/member/member-row';
import { memberOf } from '../services/member/resolve-member';

export type Handler<F extends FunctionName, A extends ActionName<F>> = (
  ctx: UseCaseContext,
  actor: Actor,
  params: ParamsOut<F, A>,
) => Promise<Result<F, A> | Failure>;

export type Actions<F extends FunctionName> = { [A in ActionName<F>]: Handler<F, A> };

/** Roles allowed per action ('*' = every action of the function); absent = every signed-in member. */
export type RoleRules<F extends FunctionName> = Partial<Record<ActionName<F> | '*', readonly Role[]>>;

export interface FunctionDef<F extends FunctionName> {
  actions: Actions<F>;
  roles: RoleRules<F>;
  /** Actions whose actor carries the member's latest check-in (Actor.latestCheckin), read with the member. */
  withLatestCheckin: ReadonlySet<string>;
}

export function defineFunction<F extends FunctionName>(
  _name: F,
  actions: Actions<F>,
  options: { roles?: RoleRules<F>; withLatestCheckin?: readonly ActionName<F>[] } = {},
): FunctionDef<F> {
  return { actions, roles: options.roles ?? {}, withLatestCheckin: new Set(options.withLatestCheckin) };
}

/** Who is calling, as established by the host (WeChat context or a verified session token). */
export interface Identity {
  openid: string;
  /** The member a session token was signed for (Node server); absent in WeChat's context. */
  memberId?: string;
}

export interface Invocation {
  event: unknown;
  identity: Identity | null;
  now: Date;
  db: Db;
  adapters: Adapters;
}

/** Fields that speak of identity: WeChat adds userInfo; the rest a caller might try to forge. */
const IDENTITY_FIELDS = ['userInfo', 'openid', '_openid', 'memberId', 'role'];

const failure = (code: ErrorCode, message: string = ERRORS[code].message, fields?: FieldProblem[]): Envelope<never> => ({
  ok: false,
  error: fields?.length ? { code, message, fields } : { code, message },
});

export async function invoke<F extends FunctionName>(
  name: F,
  def: FunctionDef<F>,
  inv: Invocation,
): Promise<Envelope<unknown>> {
  if (typeof inv.event !== 'object' || inv.event === null || Array.isArray(inv.event)) {
    return failure('INVALID_PARAMS', '请求格式有误');
  }
  const { action, ...rest } = inv.event as Record<string, unknown>;
  for (const field of IDENTITY_FIELDS) delete rest[field];
  const actions = contract[name] as Record<string, { params: z.ZodType }>;
  if (typeof action !== 'string' || !Object.hasOwn(actions, action)) return failure('UNKNOWN_ACTION');
  if (!inv.identity) return failure('UNAUTHENTICATED');
  try {
    const member = await memberOf(inv.db, inv.identity, inv.now, { latestCheckin: def.withLatestCheckin.has(action) });
    if (!member) return failure('UNAUTHENTICATED');
    const actor = toActor(member);
    // Who may call comes before what they send: a caller learns nothing of an action they may not use.
    const allowed = (def.roles as Record<string, readonly Role[] | undefined>)[action] ?? def.roles['*'];
    if (allowed && !allowed.includes(actor.role)) return failure('FORBIDDEN');
    const parsed = actions[action]!.params.safeParse(rest);
    if (!parsed.success) {
      // A rule written for people (a segment rule's) says what is wrong in Chinese; others name the fields.
      const told = [...new Set(parsed.error.issues.filter((i) => i.code === 'custom' && /[\u4e00-\u9fa5]/.test(i.message)).map((i) => i.message))];
      if (told.length) return failure('INVALID_PARAMS', `${ERRORS.INVALID_PARAMS.message}：${told.join('；')}`);
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(',') : '')))];
      // Each field with its own message too, for a form to show it where it was typed.
      return failure('INVALID_PARAMS', `${ERRORS.INVALID_PARAMS.message}：${fields.filter(Boolean).join('、') || action}`, fieldProblems(parsed.error));
    }
    const ctx: UseCaseContext = { db: inv.db, now: inv.now, brand: await loadBrandSettings(inv.db), adapters: inv.adapters };
    const handler = (def.actions as Record<string, Handler<F, ActionName<F>>>)[action]!;
    const result = await handler(ctx, actor, parsed.data as never);
    if (result instanceof Failure) return failure(result.code, result.message, result.fields);
    return { ok: true, data: result };
  } catch (err) {
    console.error(`[fn ${name}.${action}]`, err);
    return failure('INTERNAL');
  }
}
