/** `coupon`: my wallet, and 核销 at the till (guides and admins). */
import { z } from 'zod';
import { COUPON_CODE_PATTERN } from '../domain/coupon-code';
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
  source: 'mall' | 'lottery' | 'milestone' | 'birthday' | 'admin' | 'welcome' | 'referral';
  usedAt: string | null;
}

export interface CouponVerification {
  couponId: string;
  code: string;
  name: string;
  memberNickname: string | null;
  verifiedAt: string;
  store: string | null;
}

export const coupon = {
  mine: {
    params: z.object({ status: z.enum(['available', 'used', 'expired']).optional() }).strict(),
    result: returns<CouponView[]>(),
  },
  /** 核销 (guides and admins): a code scanned or typed at the till, once. */
  verify: {
    params: z
      .object({
        code: z.string().trim().toUpperCase().pipe(z.string().regex(COUPON_CODE_PATTERN, 'not a coupon code')),
        store: text({ max: 40 }).optional(),
      })
      .strict(),
    result: returns<CouponVerification>(),
  },
} as const;
