/**
 * When an SOP step is due, for a member on a brand day, and what makes it once (its occurrence).
 * The task generation (services/sop/generate-tasks.ts) runs these rules in SQL over every member
 * at once; the SQL takes its bounds from here (a binding's window of instants, a birthday's
 * month-days, a holiday's day), so the edges are decided in one place and tested here.
 */
import dayjs from 'dayjs';
import { addDays, businessDay, daysBetween, startOfBusinessDay } from './business-day';
import type { SopTrigger } from './sop-plan';

/** What a member brings to the rules (brand days 'YYYY-MM-DD'; null: not known or not set). */
export interface SopMemberFacts {
  guideId: string;
  /** When the member was bound to their guide. */
  boundAt: Date;
  /** 'YYYY-MM-DD' (its year is not used). */
  birthday: string | null;
  tier: string;
  /** The day the tier last went up (an anniversary that keeps or lowers it is none). */
  tierRaisedOn: string | null;
  churnRisk: boolean;
  /** The last active day of the silence the churn flag is about. */
  lastActiveOn: string | null;
  layer: string | null;
  layerSince: string | null;
  /** Orders received, with the brand day they were. */
  delivered: { orderId: string; on: string }[];
}

/** The brand day a member was bound on: day 0 of the `bound` steps. */
export const boundDay = (boundAt: Date, timeZone: string): string => businessDay(boundAt, timeZone);

/** The instants whose binding makes a `bound` step of `days` due on `day`: [from, until). */
export function boundWindow(days: number, day: string, timeZone: string): { from: Date; until: Date } {
  const on = addDays(day, -days);
  return { from: startOfBusinessDay(on, timeZone), until: startOfBusinessDay(addDays(on, 1), timeZone) };
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The birthdays ('MM-DD') celebrated on `day`: its own month-day, and on 28 February of a common
 * year also 29 February's (whose birthday has no day of its own that year).
 */
export function birthdaysOn(day: string): string[] {
  const monthDay = day.slice(5);
  return monthDay === '02-28' && !isLeapYear(Number(day.slice(0, 4))) ? ['02-28', '02-29'] : [monthDay];
}

/** A holiday step is due on its fixed month-day every year, or on the dates listed for the lunar ones. */
export function holidayOn(trigger: Extract<SopTrigger, { kind: 'holiday' }>, day: string): boolean {
  return trigger.monthDay ? trigger.monthDay === day.slice(5) : (trigger.dates ?? []).includes(day);
}

/**
 * A tier upgrade is followed up the day after it (the nightly run of that day sees the whole day's
 * upgrades): a tier reached on `day - 1`.
 */
export const tierUpSince = (day: string): string => addDays(day, -1);

/** The brand day an order received `days` ago was received on. */
export const deliveredOn = (days: number, day: string): string => addDays(day, -days);

/**
 * What makes a task once: a member gets one task per plan, step and occurrence. A new binding
 * (another guide, or bound again another day) starts the `bound` steps again; a holiday and a
 * birthday come once a year; a tier once per time it was reached; a churn warning once per
 * silence (its last active day); 高价值 once per entry; a delivery once per order.
 */
export function occurrenceOf(trigger: SopTrigger, member: SopMemberFacts, day: string, timeZone: string): string {
  switch (trigger.kind) {
    case 'bound':
      return `${member.guideId}:${boundDay(member.boundAt, timeZone)}`;
    case 'holiday':
      return day;
    case 'birthday':
      return day.slice(0, 4);
    case 'tierUp':
      return `${member.tier}:${member.tierRaisedOn}`;
    case 'segment':
      return trigger.segment === 'churnRisk' ? `churn:${member.lastActiveOn}` : `high:${member.layerSince}`;
    case 'delivered':
      throw new Error('a delivered step is due once per order: use dueDeliveries');
  }
}

/** The orders a `delivered` step is due for on `day` (one task each, the order id its occurrence). */
export function dueDeliveries(trigger: Extract<SopTrigger, { kind: 'delivered' }>, member: SopMemberFacts, day: string): string[] {
  const on = deliveredOn(trigger.days, day);
  return member.delivered.filter((d) => d.on === on).map((d) => d.orderId);
}

/**
 * Whether a step is due for the member on `day` (the delivered steps: dueDeliveries). Segment
 * steps are due every night the member is in the segment: the occurrence keeps it to one task
 * per entry, so a night missed is caught up by the next.
 */
export function isStepDue(trigger: SopTrigger, member: SopMemberFacts, day: string, timeZone: string): boolean {
  switch (trigger.kind) {
    case 'bound':
      return daysBetween(boundDay(member.boundAt, timeZone), day) === trigger.days;
    case 'holiday':
      return holidayOn(trigger, day);
    case 'birthday':
      return member.birthday !== null && birthdaysOn(day).includes(member.birthday.slice(5));
    case 'tierUp':
      return member.tierRaisedOn !== null && member.tier !== 'normal' && member.tierRaisedOn === tierUpSince(day);
    case 'segment':
      return trigger.segment === 'churnRisk' ? member.churnRisk && member.lastActiveOn !== null : member.layer === 'high' && member.layerSince !== null;
    case 'delivered':
      return dueDeliveries(trigger, member, day).length > 0;
  }
}

/** The instant a task of `day` is due: its step's 'HH:mm' in brand time. */
export function dueInstant(day: string, dueTime: string, timeZone: string): Date {
  return dayjs.tz(`${day} ${dueTime}:00`, timeZone).toDate();
}

/** The last brand day an open task stays in the list (0 days: only its due day). */
export const expiryDay = (day: string, expiresAfterDays: number): string => addDays(day, expiresAfterDays);

/** 高价值 and 流失预警 members come first within a due time. */
export const taskPriority = (member: { layer: string | null; churnRisk: boolean }): 0 | 1 =>
  member.layer === 'high' || member.layer === 'at_risk' || member.churnRisk ? 1 : 0;
