import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@cloud/domain/business-day';
import { adjustPoints } from '@cloud/services/admin/adjust-points';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import { makeupCheckin } from '@cloud/services/checkin/makeup-checkin';
import { expirePointsBatch } from '@cloud/services/points/expire-points';
import { getBalance, listLedger } from '@cloud/services/points/points-queries';
import { backends, useTestDatabase } from '../support/databases';
import { runToEnd } from '../support/jobs';
import { at, brand, ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';

describe.each(backends)('points ledger and lots on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('points earned in November 2026 expire after 30 November 2027, at the month boundary, once', async () => {
    const actor = await memberJoinedAt(t.db, 'expiring', '2026-11-01 08:00:00');
    await doCheckin(ctxAt(t.db, '2026-11-23 09:00:00'), actor, {});
    await doCheckin(ctxAt(t.db, '2026-12-01 09:00:00'), actor, {});

    const lastDay = await getBalance(ctxAt(t.db, '2027-11-30 23:59:59'), actor);
    expect(lastDay).toEqual({ balance: 20, expiring: { points: 10, on: '2027-11-30' }, groupPoints: 0 });
    expect(await runToEnd(t.db, expirePointsBatch, brand, at('2027-11-30 23:59:59'))).toEqual({ members: 0, points: 0 });

    expect(await runToEnd(t.db, expirePointsBatch, brand, at('2027-12-01 00:00:00'))).toEqual({ members: 1, points: 10 });
    expect(await runToEnd(t.db, expirePointsBatch, brand, at('2027-12-01 03:00:00'))).toEqual({ members: 0, points: 0 });
    const after = await getBalance(ctxAt(t.db, '2027-12-01 08:00:00'), actor);
    expect(after).toEqual({ balance: 10, expiring: { points: 10, on: '2027-12-31' }, groupPoints: 0 });
    const ledger = await listLedger(ctxAt(t.db, '2027-12-01 08:00:00'), actor, { limit: 1 });
    expect(ledger.items[0]).toMatchObject({ source: 'expire', delta: -10, balanceAfter: 10, note: '积分过期' });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('「N 积分将于 YYYY-MM-DD 过期」: the soonest lot day still to come, what is left of it, and nothing once all is spent', async () => {
    const actor = await memberJoinedAt(t.db, 'soonest', '2026-10-01 08:00:00');
    expect(await getBalance(ctxAt(t.db, '2026-10-01 09:00:00'), actor)).toEqual({ balance: 0, expiring: null, groupPoints: 0 });
    // Two October check-ins (lots to 2027-10-31) and one in November (to 2027-11-30).
    await doCheckin(ctxAt(t.db, '2026-10-30 09:00:00'), actor, {});
    await doCheckin(ctxAt(t.db, '2026-10-31 09:00:00'), actor, {});
    await doCheckin(ctxAt(t.db, '2026-11-02 09:00:00'), actor, {});
    expect(await getBalance(ctxAt(t.db, '2026-11-02 10:00:00'), actor)).toEqual({ balance: 30, expiring: { points: 20, on: '2027-10-31' }, groupPoints: 0 });
    // A 补签 spends 20 from the oldest lots: October's are gone, November's are next.
    await makeupCheckin(ctxAt(t.db, '2026-11-02 10:00:00'), actor, { date: '2026-11-01' });
    expect(await getBalance(ctxAt(t.db, '2026-11-02 11:00:00'), actor)).toEqual({ balance: 10, expiring: { points: 10, on: '2027-11-30' }, groupPoints: 0 });
    // The lot's last day still counts; the day after, before the expiry job, it no longer does.
    expect((await getBalance(ctxAt(t.db, '2027-11-30 23:59:59'), actor)).expiring).toEqual({ points: 10, on: '2027-11-30' });
    expect((await getBalance(ctxAt(t.db, '2027-12-01 00:01:00'), actor)).expiring).toBeNull();
  });

  it('spending consumes the oldest lots first, so expiry takes only what is left of them', async () => {
    const actor = await memberJoinedAt(t.db, 'fifo', '2026-11-01 08:00:00');
    await doCheckin(ctxAt(t.db, '2026-11-30 09:00:00'), actor, {}); // lot of 10, to 2027-11-30
    await doCheckin(ctxAt(t.db, '2026-12-01 09:00:00'), actor, {}); // lot of 10, to 2027-12-31
    await doCheckin(ctxAt(t.db, '2026-12-03 09:00:00'), actor, {});
    const spent = await makeupCheckin(ctxAt(t.db, '2026-12-03 10:00:00'), actor, { date: '2026-12-02' });
    expect(spent).toMatchObject({ balance: 10 + 10 + 10 - 20, streak: 4 });
    expect(await runToEnd(t.db, expirePointsBatch, brand, at('2027-12-01 00:00:00'))).toEqual({ members: 0, points: 0 });
    expect(await runToEnd(t.db, expirePointsBatch, brand, at('2028-01-01 00:00:00'))).toEqual({ members: 1, points: 10 });
    expect((await getBalance(ctxAt(t.db, '2028-01-01 08:00:00'), actor)).balance).toBe(0);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('admin adjustments need a reason, record who made them, refuse to go below zero, and a retry books once', async () => {
    const member = await memberJoinedAt(t.db, 'adjusted', '2026-11-01 08:00:00');
    const admin = { ...(await memberJoinedAt(t.db, 'staff', '2026-11-01 08:00:00')), role: 'admin' as const };
    const ctx = ctxAt(t.db, '2026-11-20 10:00:00');
    const params = { targetMemberId: member.memberId, delta: 100, reason: '门店活动补发', requestId: 'adjust-0001' };
    const first = await adjustPoints(ctx, admin, params);
    const retry = await adjustPoints(ctx, admin, params);
    expect(first).toEqual(retry);
    expect(first).toMatchObject({ delta: 100, balance: 100, reason: '门店活动补发' });
    const refused = await adjustPoints(ctx, admin, { ...params, delta: -101, requestId: 'adjust-0002' });
    expect(refused).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    expect(await adjustPoints(ctx, admin, { ...params, delta: -30, requestId: 'adjust-0003' })).toMatchObject({ balance: 70 });
    const { rows } = await t.db.query<{ actor_id: string; note: string }>(
      "select actor_id, note from points_ledger where source = 'admin_adjust' order by id",
    );
    expect(rows).toEqual([
      { actor_id: admin.memberId, note: '门店活动补发' },
      { actor_id: admin.memberId, note: '门店活动补发' },
    ]);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('keeps balance = sum of ledger = sum of lots ≥ 0 through random earn, spend, make-up, expire and adjust (property)', async () => {
    const admin = { ...(await memberJoinedAt(t.db, 'prop-admin', '2026-01-01 08:00:00')), role: 'admin' as const };
    let run = 0;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('checkin' as const), day: fc.integer({ min: 0, max: 500 }) }),
      fc.record({ kind: fc.constant('makeup' as const), day: fc.integer({ min: 0, max: 500 }), back: fc.integer({ min: 1, max: 27 }) }),
      fc.record({ kind: fc.constant('adjust' as const), day: fc.integer({ min: 0, max: 500 }), delta: fc.integer({ min: -60, max: 60 }).filter((d) => d !== 0) }),
      fc.record({ kind: fc.constant('expire' as const), day: fc.integer({ min: 0, max: 900 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        run++;
        const member = await memberJoinedAt(t.db, `prop-${run}`, '2026-01-01 00:00:01');
        let n = 0;
        for (const o of ops) {
          const day = addDays('2026-01-01', o.day);
          const ctx = ctxAt(t.db, `${day} 12:00:00`);
          if (o.kind === 'checkin') await doCheckin(ctx, member, {});
          if (o.kind === 'makeup') await makeupCheckin(ctx, member, { date: addDays(day, -o.back) });
          if (o.kind === 'adjust') {
            await adjustPoints(ctx, admin, { targetMemberId: member.memberId, delta: o.delta, reason: '属性测试', requestId: `prop-${run}-${n++}` });
          }
          if (o.kind === 'expire') await runToEnd(t.db, expirePointsBatch, brand, at(`${day} 00:00:00`));
        }
        expect(await ledgerMismatches(t.db)).toEqual([]);
      }),
      {
        numRuns: 25,
        // Found in CI: points credited after the same day's expiry run, then expired again.
        examples: [[[
          { kind: 'checkin', day: 8 },
          { kind: 'expire', day: 775 },
          { kind: 'adjust', day: 10, delta: 30 },
          { kind: 'expire', day: 775 },
        ]]],
      },
    );
  });
});
