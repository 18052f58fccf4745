/**
 * 社群积分: what being in a WeChat group earns the member who is there. A member present in a group
 * on a brand day (a card opened from it, or a check-in from it) earns the presence points once
 * that day, whichever group came first, and a check-in made from a group earns the bonus once.
 * Nothing is ever earned for sharing (WeChat's rule 5.1): the sharer of the card gets nothing here.
 */
import { z } from 'zod';

export const groupPointsSettingsSchema = z.object({
  /** Off: nobody earns group points (what was earned can still be redeemed). */
  enabled: z.boolean(),
  /** For being in a group on a day (once a day). */
  presencePoints: z.number().int().min(0).max(10_000),
  /** More for checking in from a group (once a day). */
  checkinBonus: z.number().int().min(0).max(10_000),
});

export type GroupPointsSettings = z.infer<typeof groupPointsSettingsSchema>;

export const DEFAULT_GROUP_POINTS: GroupPointsSettings = { enabled: true, presencePoints: 50, checkinBonus: 10 };

/** Why group points changed: the ledger's source (migration 0024 checks the same list). */
export type GroupPointsSource = 'presence' | 'checkin' | 'redeem';

/** The group points an earning event gives under the brand's rules (0: nothing is booked). */
export function groupPointsEarned(rules: GroupPointsSettings, event: 'presence' | 'checkin'): number {
  if (!rules.enabled) return 0;
  return event === 'presence' ? rules.presencePoints : rules.checkinBonus;
}

/** How many members the 签到 board lists by current streak. */
export const GROUP_BOARD_LEADERS = 5;
/** A member counts as the group's when seen in it during these many days up to today. */
export const GROUP_BOARD_SEEN_DAYS = 30;
