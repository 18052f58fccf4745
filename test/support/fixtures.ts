/** Small builders the integration suites share. */
import type { Db } from '@cloud/db/port';
import type { Actor, UseCaseContext } from '@cloud/services/context';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { localAdapters } from '@cloud/adapters';
import { businessDay } from '@cloud/domain/business-day';
import { multiplyPoints } from '@cloud/domain/checkin-rules';
import { isMemberDay, pointsMultipliers } from '@cloud/domain/member-day';
import { toActor } from '@cloud/services/member/member-row';
import { resolveMember } from '@cloud/services/member/resolve-member';

export const brand = DEFAULT_BRAND_SETTINGS;

/** A brand-time (Beijing) instant: at('2026-03-01 00:00:00'). */
export const at = (beijing: string) => new Date(`${beijing.replace(' ', 'T')}+08:00`);

/** The local adapters the tests run with (sandbox payments, local group data, QR codes). */
export const adapters = localAdapters({ publicUrl: 'http://localhost:3000', sandboxSecret: 'test-sandbox-secret' });

export const ctxAt = (db: Db, beijing: string): UseCaseContext => ({ db, brand, now: at(beijing), adapters });

/**
 * What a normal member's check-in gives on the real clock: suites that run through the server
 * without a dev clock meet 周三会员日 one day a week, and must not fail on Wednesdays.
 */
export function checkinPointsNow(now = new Date()): number {
  const normal = brand.tiers[0]!.benefits;
  return multiplyPoints(brand.checkin.basePoints, pointsMultipliers(normal, isMemberDay(businessDay(now, brand.timeZone), brand.memberDay)));
}

export async function memberJoinedAt(db: Db, openid: string, beijing: string): Promise<Actor> {
  return toActor(await resolveMember(db, openid, at(beijing)));
}

/**
 * The invariants of the points ledger, for every member: cached balance = sum of ledger ≥ 0,
 * every lot's remaining ≥ 0, and sum of lots' remaining = balance. Returns the members that break them.
 */
export async function ledgerMismatches(
  db: Db,
): Promise<Array<{ id: string; balance: number; ledger: number; lots: number; negative_lots: number }>> {
  const { rows } = await db.query<{ id: string; balance: number; ledger: number; lots: number; negative_lots: number }>(
    `select m.id, m.points_balance as balance,
       (select coalesce(sum(delta), 0)::int from points_ledger where member_id = m.id) as ledger,
       (select coalesce(sum(remaining), 0)::int from points_lots where member_id = m.id) as lots,
       (select count(*)::int from points_lots where member_id = m.id and remaining < 0) as negative_lots
     from members m`,
  );
  return rows.filter((r) => r.balance < 0 || r.balance !== r.ledger || r.balance !== r.lots || r.negative_lots > 0);
}

/** 收货人 on test orders. */
export const TEST_ADDRESS = { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号' };

/** A default address in the member's book, written straight in (the address use cases have tests of their own): its id. */
export async function addressOf(db: Db, member: Actor): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into addresses (member_id, address, is_default, created_at, updated_at)
     values ($1, $2, not exists (select 1 from addresses where member_id = $1 and is_default), now(), now()) returning id`,
    [member.memberId, JSON.stringify(TEST_ADDRESS)],
  );
  return rows[0]!.id;
}
