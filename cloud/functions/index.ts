/** Every cloud function by name: the Node server routes to these, build:cloud bundles each. */
import type { FunctionName } from '../contract';
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
import { referral } from './referral';
import type { FunctionDef } from './runtime';
import { segment } from './segment';
import { share } from './share';

export const functions: { [F in FunctionName]: FunctionDef<F> } = {
  member,
  checkin,
  points,
  lottery,
  mall,
  coupon,
  catalog,
  address,
  order,
  share,
  guide,
  referral,
  admin,
  segment,
};
