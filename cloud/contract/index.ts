/**
 * The function catalogue: one file per cloud function, each action's params (validated on
 * the server) beside its result type. Shared by the cloud code and the Taro client; the
 * client imports types only.
 */
import type { z } from 'zod';
import { address } from './address';
import { admin } from './admin';
import { catalog } from './catalog';
import { checkin } from './checkin';
import { coupon } from './coupon';
import { guide } from './guide';
import { lottery } from './lottery';
import { mall } from './mall';
import { member } from './member';
import { order } from './order';
import { points } from './points';
import type { Action } from './primitives';
import { referral } from './referral';
import { segment } from './segment';
import { share } from './share';

export * from './errors';
export * from './roles';
export type { Action, ShippingAddress } from './primitives';
export { CATALOG_IMAGE_URL_PATTERN, LIMITS, MEDIA_ID_PATTERN, SHARE_ID_PATTERN } from './primitives';
export type * from './member';
export type * from './checkin';
export type * from './points';
export type * from './lottery';
export type * from './mall';
export type * from './coupon';
export type * from './catalog';
export type * from './order';
export type * from './share';
export type * from './guide';
export type * from './guide-content';
export type * from './guide-sop';
export type * from './referral';
export type * from './admin';
export type * from './admin-catalog';
export type * from './admin-kpis';
export type * from './admin-segments';
export type * from './admin-export';
export type * from './admin-members';
export type * from './admin-orders';
export type * from './admin-sop';
export type * from './admin-audit';
export type * from './admin-content';
export { AUDIT_KIND_NAMES, AUDIT_KINDS } from './admin-audit';
export type * from './segment';
export type * from './address';
export type { BrandSettings, TierKey } from '../domain/brand-settings';

export const contract = { member, checkin, points, lottery, mall, coupon, catalog, address, order, share, guide, referral, admin, segment } as const;

export type Contract = typeof contract;
export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
type ActionOf<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends Action<z.ZodType, unknown> ? Contract[F][A] : never;
/** What a caller sends (before defaults). */
export type Params<F extends FunctionName, A extends ActionName<F>> = z.input<ActionOf<F, A>['params']>;
/** What a use case receives (after defaults and transforms). */
export type ParamsOut<F extends FunctionName, A extends ActionName<F>> = z.output<ActionOf<F, A>['params']>;
export type Result<F extends FunctionName, A extends ActionName<F>> = ActionOf<F, A>['result'];
