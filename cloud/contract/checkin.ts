/** `checkin`: today's check-in, the month calendar, 补签, the 明天提醒我 reminder and a group's board. */
import { z } from 'zod';
import type { TierKey } from '../domain/brand-settings';
import { calendarDay, groupData, returns, scene, yearMonth } from './primitives';

/**
 * checked: checked in that day; made_up: 补签 afterwards; missed: a past day (since joining)
 * without a check-in; today: today, not yet checked in; future: later this month;
 * before_join: before the member joined.
 */
export type CalendarDayState = 'checked' | 'made_up' | 'missed' | 'today' | 'future' | 'before_join';

export interface CalendarDay {
  date: string;
  state: CalendarDayState;
}

export interface CheckinStatus {
  /** Today's business day in brand time, YYYY-MM-DD. */
  today: string;
  checkedInToday: boolean;
  /** Consecutive days up to today (or up to yesterday when today is not checked in yet). */
  streak: number;
  /** Points a check-in today gives (or gave), member-day multiplier included. */
  pointsPerCheckin: number;
  /** Today is the brand's 会员日. */
  memberDay: boolean;
  memberDayMultiplier: number;
  /** The next streak milestone and how many more check-ins reach it; null past the last. */
  nextMilestone: { days: number; bonusPoints: number; daysLeft: number } | null;
  /** 补签: the rule (from the brand settings) and what it allows today. */
  makeup: {
    /** 补签 left this calendar month (a 补签 counts in the month it is made, whichever day it names). */
    remainingThisMonth: number;
    perMonth: number;
    costPoints: number;
    /** A missed day can be made up during this many days after it, across month ends. */
    windowDays: number;
    /** The days that can be made up today, oldest first (may include last month's). */
    days: string[];
  };
  month: string;
  days: CalendarDay[];
}

export interface CheckinResult {
  date: string;
  /** true when today was already checked in: nothing changed. */
  alreadyCheckedIn: boolean;
  /** Check-in points, member-day multiplier included (milestone bonus not included). */
  pointsGained: number;
  /** Bonus for reaching a streak milestone today, else null. */
  milestone: { days: number; bonusPoints: number; couponName: string | null } | null;
  /** 社群积分 the check-in earned from a group: being there (if it was my first visit today) and the bonus; 0 otherwise. */
  groupPointsGained: number;
  lotteryChances: number;
  memberDay: boolean;
  streak: number;
  balance: number;
  /** Set when this check-in's growth value reached a higher tier. */
  upgradedTo: { key: TierKey; name: string } | null;
}

export interface MakeupResult {
  date: string;
  costPoints: number;
  /** The streak as of today after the make-up joined the days around it. */
  streak: number;
  balance: number;
  remainingThisMonth: number;
}

/** One of a group's streak leaders on 签到 (members seen in the group lately). */
export interface GroupStreakLeader {
  nickname: string | null;
  avatarUrl: string | null;
  /** Current streak in days (today's or yesterday's check-in). */
  streak: number;
  /** This is me. */
  me: boolean;
}

/** 签到 opened from a group's card: the group's own activity today (nothing here rewards sharing). */
export interface GroupBoard {
  /** The name staff gave the group, or null (WeChat never tells its name). */
  groupName: string | null;
  /** Members present in the group today who have checked in today. */
  checkedInToday: number;
  /** 「本群今日第 N 位签到」: my place among them by check-in time, or null before I check in. */
  myRank: number | null;
  /** Top current streaks among the members seen in the group lately, longest first. */
  leaders: GroupStreakLeader[];
}

export const checkin = {
  status: { params: z.object({ month: yearMonth.optional() }).strict(), result: returns<CheckinStatus>() },
  do: {
    params: z.object({ scene: scene.optional(), groupData: groupData.optional() }).strict(),
    result: returns<CheckinResult>(),
  },
  /**
   * 签到 opened from a group's card (groupData): I am present in the group today (the day's
   * 社群积分 for being there, once a day), and the group's board.
   */
  group: { params: z.object({ groupData }).strict(), result: returns<GroupBoard>() },
  /** 补签 a missed day of the last `makeup.windowDays` days (CheckinStatus.makeup.days). */
  makeup: { params: z.object({ date: calendarDay }).strict(), result: returns<MakeupResult>() },
  /**
   * 明天提醒我: the member accepted (or refused) the one-time check-in reminder subscription
   * (wx.requestSubscribeMessage, asked on the tap). Each acceptance sends at most one reminder.
   */
  subscribeReminder: {
    params: z.object({ accepted: z.boolean() }).strict(),
    result: returns<{ pendingReminders: number }>(),
  },
} as const;
