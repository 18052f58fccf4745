/** 会员日: one weekday (brand time) on which check-in and order points are multiplied. */
import type { BrandSettings } from './brand-settings';

/** ISO weekday of a brand-time day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

export function isMemberDay(day: string, memberDay: BrandSettings['memberDay']): boolean {
  return memberDay.weekday !== null && isoWeekday(day) === memberDay.weekday;
}

/**
 * The multipliers of the points a member earns, on a check-in or an order: their tier's, and on
 * member day their tier's member-day one.
 */
export function pointsMultipliers(
  benefits: { pointsMultiplier: number; memberDayMultiplier: number },
  memberDay: boolean,
): number[] {
  return memberDay ? [benefits.pointsMultiplier, benefits.memberDayMultiplier] : [benefits.pointsMultiplier];
}

/** The member-day multiplier of the member's tier on a member day, else 1 (what the banner shows). */
export function memberDayMultiplier(day: string, memberDay: BrandSettings['memberDay'], tierMultiplier: number): number {
  return isMemberDay(day, memberDay) ? tierMultiplier : 1;
}
