/** Every cloud function by name: the Node server routes to these, build:cloud bundles each. */
import type { FunctionName } from '../contract';
import { admin } from './admin';
import { checkin } from './checkin';
import { coupon } from './coupon';
import { lottery } from './lottery';
import { mall } from './mall';
import { member } from './member';
import { points } from './points';
import type { FunctionDef } from './runtime';

export const functions: { [F in FunctionName]: FunctionDef<F> } = { member, checkin, points, lottery, mall, coupon, admin };
