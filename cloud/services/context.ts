import type { Db } from '../db/port';
import type { BrandSettings, TierKey } from '../domain/brand-settings';
import type { Role } from '../contract';
import type { DayStreak } from '../domain/streak';
import type { Adapters } from '../adapters';

/** The signed-in member a use case acts for (resolved on the server, never from the request). */
export interface Actor {
  memberId: string;
  openid: string;
  role: Role;
  /** The tier when the request began (upgrades during it are the use case's to report). */
  tier: TierKey;
  joinedAt: Date;
  /**
   * The member's latest check-in when the request resolved them, for the actions that declare
   * it (defineFunction's withLatestCheckin; undefined: not read). A hint: the check-in verifies
   * it in its write and reads again when it is stale.
   */
  latestCheckin?: DayStreak | null;
}

export type { BrandSettings };

/** What every use case gets: the database, the moment of the request, the brand settings, the adapters. */
export interface UseCaseContext {
  db: Db;
  now: Date;
  brand: BrandSettings;
  adapters: Adapters;
}
