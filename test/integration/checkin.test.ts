import { describe, expect, it } from 'vitest';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import { getCheckinStatus } from '@cloud/services/checkin/checkin-status';
import { getBalance, listLedger } from '@cloud/services/points/points-queries';
import { backends, useTestDatabase } from '../support/databases';
import { ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';

describe.each(backends)('check-in on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('credits the base points once, with a ledger row, and a repeat changes nothing', async () => {
    const actor = await memberJoinedAt(t.db, 'alice', '2026-11-23 08:00:00');
    const first = await doCheckin(ctxAt(t.db, '2026-11-23 09:00:00'), actor, {});
    const expected = { date: '2026-11-23', pointsGained: 10, milestone: null, groupPointsGained: 0, lotteryChances: 1, memberDay: false, streak: 1, balance: 10, upgradedTo: null };
    expect(first).toEqual({ ...expected, alreadyCheckedIn: false });

    const again = await doCheckin(ctxAt(t.db, '2026-11-23 21:00:00'), actor, {});
    expect(again).toEqual({ ...expected, alreadyCheckedIn: true });

    const ledger = await listLedger(ctxAt(t.db, '2026-11-23 21:00:00'), actor, {});
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0]).toMatchObject({ source: 'checkin', delta: 10, balanceAfter: 10, createdAt: '2026-11-23T09:00:00+08:00' });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('23:59:59 and 00:00:00 Beijing time are two business days and make a streak of 2', async () => {
    const actor = await memberJoinedAt(t.db, 'bob', '2026-11-01 08:00:00');
    const late = await doCheckin(ctxAt(t.db, '2026-11-23 23:59:59'), actor, {});
    const early = await doCheckin(ctxAt(t.db, '2026-11-24 00:00:00'), actor, {});
    expect([late.date, late.streak, late.alreadyCheckedIn]).toEqual(['2026-11-23', 1, false]);
    expect([early.date, early.streak, early.alreadyCheckedIn]).toEqual(['2026-11-24', 2, false]);
    expect(early.balance).toBe(20);
  });

  it('keeps the streak across a month end and restarts it after a missed day', async () => {
    const actor = await memberJoinedAt(t.db, 'carol', '2026-11-01 08:00:00');
    for (const day of ['2026-11-29', '2026-11-30', '2026-12-01']) {
      await doCheckin(ctxAt(t.db, `${day} 07:30:00`), actor, {});
    }
    const status = await getCheckinStatus(ctxAt(t.db, '2026-12-02 12:00:00'), actor, {});
    expect(status).toMatchObject({ today: '2026-12-02', checkedInToday: false, streak: 3, month: '2026-12' });

    const broken = await getCheckinStatus(ctxAt(t.db, '2026-12-03 00:00:01'), actor, {});
    expect(broken.streak).toBe(0);
    const restart = await doCheckin(ctxAt(t.db, '2026-12-03 00:00:01'), actor, {});
    expect(restart.streak).toBe(1);
    expect((await getBalance(ctxAt(t.db, '2026-12-03 01:00:00'), actor)).balance).toBe(40);
  });

  it('shows the month calendar: checked, missed, today, future, before joining; and past months', async () => {
    const actor = await memberJoinedAt(t.db, 'dan', '2026-11-20 10:00:00');
    await doCheckin(ctxAt(t.db, '2026-11-21 10:00:00'), actor, { scene: 1044 });
    const status = await getCheckinStatus(ctxAt(t.db, '2026-11-23 10:00:00'), actor, {});
    const state = Object.fromEntries(status.days.map((d) => [d.date, d.state]));
    expect(state).toMatchObject({
      '2026-11-19': 'before_join',
      '2026-11-20': 'missed',
      '2026-11-21': 'checked',
      '2026-11-22': 'missed',
      '2026-11-23': 'today',
      '2026-11-24': 'future',
    });
    expect(status.pointsPerCheckin).toBe(10);

    const october = await getCheckinStatus(ctxAt(t.db, '2026-11-23 10:00:00'), actor, { month: '2026-10' });
    expect(october.days).toHaveLength(31);
    expect(october.days.every((d) => d.state === 'before_join')).toBe(true);
    const { rows } = await t.db.query<{ scene: number }>('select scene from checkins');
    expect(rows).toEqual([{ scene: 1044 }]);
  });

  it('pages the ledger newest first with a cursor', async () => {
    const actor = await memberJoinedAt(t.db, 'erin', '2026-11-01 08:00:00');
    // Thursday 5 to Monday 9 November: no member day among them.
    for (let d = 5; d <= 9; d++) await doCheckin(ctxAt(t.db, `2026-11-0${d} 09:00:00`), actor, {});
    const ctx = ctxAt(t.db, '2026-11-09 10:00:00');
    const first = await listLedger(ctx, actor, { limit: 2 });
    expect(first.items.map((i) => i.balanceAfter)).toEqual([50, 40]);
    const second = await listLedger(ctx, actor, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.balanceAfter)).toEqual([30, 20]);
    const last = await listLedger(ctx, actor, { limit: 2, cursor: second.nextCursor! });
    expect(last.items.map((i) => i.balanceAfter)).toEqual([10]);
    expect(last.nextCursor).toBeNull();
  });

  it('a database failure mid-check-in leaves no partial write', async () => {
    const actor = await memberJoinedAt(t.db, 'frank', '2026-11-01 08:00:00');
    // A ledger row already holding today's source key makes the credit fail after the check-in row was inserted.
    await t.db.query(
      `insert into points_ledger (member_id, delta, balance_after, source, source_id, created_at)
       values ($1, 1, 1, 'checkin', $2, now())`,
      [actor.memberId, `${actor.memberId}:2026-11-23`],
    );
    await expect(doCheckin(ctxAt(t.db, '2026-11-23 09:00:00'), actor, {})).rejects.toThrow();
    const { rows } = await t.db.query('select 1 from checkins where member_id = $1', [actor.memberId]);
    expect(rows).toHaveLength(0);
  });
});
