/** `coupon`: my wallet, and 核销 at the till (guides and admins). */
import { z } from 'zod';
import { returns, text } from './primitives';

export type CouponState = 'available' | 'used' | 'expired' | 'not_yet';

export interface CouponView {
  id: string;
  name: string;
  kind: 'amount_off' | 'percent_off';
  amountOffFen: number | null;
  percentOff: number | null;
  capFen: number | null;
  thresholdFen: number;
  /** Shown as text and as a QR code at the till. */
  code: string;
  state: CouponState;
  validFrom: string;
  validUntil: string;
  source: 'mall' | 'lottery' | 'milestone' | 'birthday' | 'admin' | 'welcome' | 'referral' | 'segment' | 'sop';
  usedAt: string | null;
}

/** What 核销 would do with a code now: use it, or why not (held: a pending order holds it). */
export type CouponTillStatus = 'usable' | 'used' | 'expired' | 'not_yet' | 'held';

/** A code at the till before 核销: the coupon, whose it is, and whether it can be used. */
export interface CouponPreview {
  coupon: CouponView;
  status: CouponTillStatus;
  member: { nickname: string | null };
  /** Once used (or voided): when (brand time, ISO), where and by whom, and the sentence a guide reads. */
  used: { at: string; store: string | null; by: string | null; message: string } | null;
}

export interface CouponVerification {
  couponId: string;
  code: string;
  name: string;
  memberNickname: string | null;
  verifiedAt: string;
  store: string | null;
}

/** A code as typed or scanned: its format is checked by the use case, which says what it should be. */
const tillCode = z.string().max(64);

export const coupon = {
  mine: {
    params: z.object({ status: z.enum(['available', 'used', 'expired']).optional() }).strict(),
    result: returns<CouponView[]>(),
  },
  /** Before 核销 (guides and admins): what a scanned or typed code is. A code not in the coupon format answers COUPON_CODE_FORMAT. */
  preview: { params: z.object({ code: tillCode }).strict(), result: returns<CouponPreview>() },
  /** 核销 (guides and admins): a code scanned or typed at the till, once. */
  verify: {
    params: z.object({ code: tillCode, store: text({ max: 40 }).optional() }).strict(),
    result: returns<CouponVerification>(),
  },
} as const;
