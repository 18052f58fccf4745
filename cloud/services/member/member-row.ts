import type { MemberProfile, Role } from '../../contract';
import type { BrandSettings, TierKey } from '../../domain/brand-settings';
import { businessDay, toBrandIso } from '../../domain/business-day';
import { CONSENT_VERSION } from '../../domain/privacy';
import { shouldAskProfile } from '../../domain/profile-ask';
import type { Actor } from '../context';

export interface MemberRow {
  id: string;
  openid: string;
  role: Role;
  nickname: string | null;
  avatar_url: string | null;
  points_balance: number;
  tier: TierKey;
  birthday: string | null;
  consent_version: string | null;
  consent_at: Date | null;
  profile_asked_at: Date | null;
  created_at: Date;
}

export const MEMBER_COLUMNS =
  'id, openid, role, nickname, avatar_url, points_balance, tier, birthday, consent_version, consent_at, profile_asked_at, created_at';

/** What a use case needs to know of the member it acts for (see toActor). */
export type ActorRow = Pick<MemberRow, 'id' | 'openid' | 'role' | 'tier' | 'created_at'>;

export const ACTOR_COLUMNS = 'id, openid, role, tier, created_at';

export function toProfile(row: MemberRow, brand: BrandSettings, pendingReminders: number): MemberProfile {
  return {
    id: row.id,
    nickname: row.nickname,
    avatarUrl: row.avatar_url,
    role: row.role,
    pointsBalance: row.points_balance,
    tier: { key: row.tier, name: brand.tiers.find((t) => t.key === row.tier)!.name },
    joinedOn: businessDay(row.created_at, brand.timeZone),
    birthday: row.birthday,
    consent:
      row.consent_version && row.consent_at
        ? { version: row.consent_version, at: toBrandIso(row.consent_at, brand.timeZone) }
        : null,
    consentVersionRequired: CONSENT_VERSION,
    pendingReminders,
    askProfile: shouldAskProfile({
      nickname: row.nickname,
      avatarUrl: row.avatar_url,
      askedAt: row.profile_asked_at,
    }),
  };
}

export function toActor(row: ActorRow & Partial<LatestCheckinColumns>): Actor {
  const actor: Actor = { memberId: row.id, openid: row.openid, role: row.role, tier: row.tier, joinedAt: row.created_at };
  if (row.latest_checkin_day !== undefined) {
    actor.latestCheckin = row.latest_checkin_day === null ? null : { day: row.latest_checkin_day, streak: row.latest_checkin_streak! };
  }
  return actor;
}

export interface LatestCheckinColumns {
  latest_checkin_day: string | null;
  latest_checkin_streak: number | null;
}
