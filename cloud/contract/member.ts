/** `member`: the signed-in member's own profile, privacy consent and tier card. */
import { z } from 'zod';
import type { TierKey } from '../domain/brand-settings';
import { AVATAR_URL_PATTERN, calendarDay, noParams, returns, text } from './primitives';
import type { Role } from './roles';

export interface MemberProfile {
  id: string;
  nickname: string | null;
  avatarUrl: string | null;
  role: Role;
  pointsBalance: number;
  tier: { key: TierKey; name: string };
  /** Brand-time day the member joined, YYYY-MM-DD. */
  joinedOn: string;
  birthday: string | null;
  /** The privacy consent the member gave, if any. */
  consent: { version: string; at: string } | null;
  /** The consent version in force: ask again when the member's is older or missing. */
  consentVersionRequired: string;
  /** Unused reminder acceptances (明天提醒我 already on when > 0). */
  pendingReminders: number;
  /**
   * Ask for avatar and nickname now (after the privacy guide, when consent is missing): one of
   * them is missing and the member has not been asked yet (member.profileAsked records the ask;
   * once per member, whatever the device).
   */
  askProfile: boolean;
}

/** A value in the export, as JSON has it. */
export type ExportValue = string | number | boolean | null | ExportValue[] | { [key: string]: ExportValue };
export type ExportRecord = Record<string, ExportValue>;

export interface PersonalDataExport {
  /** When the copy was made, ISO 8601 with the brand's offset. */
  exportedAt: string;
  /** My member record: identifiers, profile, consent in force, tier, points balance, guide. */
  profile: ExportRecord;
  /**
   * Every other kind of record about me by name (consents, checkins, pointsLedger, orders, …),
   * rows as they are kept, times with the brand's offset.
   */
  sections: Record<string, ExportRecord[]>;
}

export interface TierBenefits {
  pointsMultiplier: number;
  memberDayMultiplier: number;
  birthdayPoints: number;
  memberPriceRate: number;
  freeShipping: boolean;
}

export interface TierCard {
  tier: { key: TierKey; name: string };
  /** Growth value over the window (成长值). */
  growth: number;
  windowMonths: number;
  next: { key: TierKey; name: string; threshold: number; needed: number } | null;
  /** What keeps the current tier at its anniversary; null for the base tier. */
  keep: { threshold: number; needed: number; on: string } | null;
  tiers: Array<{ key: TierKey; name: string; threshold: number; keep: number; benefits: TierBenefits }>;
}

export const member = {
  profile: { params: noParams, result: returns<MemberProfile>() },
  /**
   * Personal details, only after privacy consent (consentVersion records it first, in the same
   * call if given). The birthday is set once by the member; later changes only by an admin.
   */
  update: {
    params: z
      .object({
        nickname: text({ max: 20 }).optional(),
        /** From chooseAvatar, uploaded first: /media/<id> (Node server) or cloud:// (WeChat cloud). */
        avatarUrl: z.string().max(300).regex(AVATAR_URL_PATTERN).optional(),
        birthday: calendarDay.optional(),
        consentVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      })
      .strict(),
    result: returns<MemberProfile>(),
  },
  /**
   * Withdraws privacy consent: nickname, avatar (its image too) and birthday are erased, and the
   * addresses of deliveries already made; a delivery still to make keeps its address.
   */
  withdrawConsent: { params: noParams, result: returns<MemberProfile>() },
  /** A complete copy of my personal data (个人信息副本, PIPL art. 45). */
  exportData: { params: noParams, result: returns<PersonalDataExport>() },
  /**
   * 注销账号 (PIPL art. 47): my personal data is erased and the account closed for good; what
   * accounting must keep stays without anything that points to me. Repeating it changes nothing.
   */
  deleteAccount: { params: z.object({ confirm: z.literal(true) }).strict(), result: returns<{ deletedAt: string }>() },
  /** The app asked for avatar and nickname (shown once): it will not ask again. */
  profileAsked: { params: noParams, result: returns<MemberProfile>() },
  /** The tier card: tier, growth, progress, keep-tier, benefits of every tier. */
  tier: { params: noParams, result: returns<TierCard>() },
} as const;
