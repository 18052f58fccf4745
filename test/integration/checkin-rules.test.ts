import { describe, expect, it } from 'vitest';
import { getCheckinStatus } from '@cloud/services/checkin/checkin-status';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import { makeupCheckin } from '@cloud/services/checkin/makeup-checkin';
import { Failure } from '@cloud/services/failure';
import type { Actor } from '@cloud/services/context';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at, brand, ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';
import { myCoupons } from '@cloud/services/coupons/wallet';
import { couponTemplate } from '../support/catalog';

describe.each(backends)('check-in rules on %s', (backend) => {
  const t = useTestDatabase(backend);

  const checkInOn = async (actor: Actor, days: string[], time = '09:00:00') => {
    const results = [];
    for (const day of days) results.push(await doCheckin(ctxAt(t.db, `${day} ${time}`), actor, {}));
    return results;
  };
  const ledgerSources = async (actor: Actor) =>
    (
      await t.db.query<{ source: string; delta: number }>(
        'select source, delta from points_ledger where member_id = $1 order by id',
        [actor.memberId],
      )
    ).rows;

  it('pays the 7-day milestone bonus on the 7th day, once, and a lottery chance per check-in', async () => {
    const actor = await memberJoinedAt(t.db, 'seven', '2026-11-01 08:00:00');
    // Thursday 5 to Wednesday 11 November: the 11th is a member day (×2).
    const results = await checkInOn(actor, ['05', '06', '07', '08', '09', '10', '11'].map((d) => `2026-11-${d}`));
    expect(results.map((r) => r.streak)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(results[6]).toMatchObject({ milestone: { days: 7, bonusPoints: 50, couponName: null }, pointsGained: 20, memberDay: true });
    expect(results.slice(0, 6).every((r) => r.milestone === null)).toBe(true);
    expect(results[6]!.balance).toBe(6 * 10 + 20 + 50);
    const again = await doCheckin(ctxAt(t.db, '2026-11-11 22:00:00'), actor, {});
    expect(again).toMatchObject({ alreadyCheckedIn: true, milestone: { days: 7, bonusPoints: 50 }, balance: 130 });
    const chances = await t.db.query<{ n: number }>('select count(*)::int as n from lottery_chances where member_id = $1', [actor.memberId]);
    expect(chances.rows[0]!.n).toBe(7);
    const status = await getCheckinStatus(ctxAt(t.db, '2026-11-11 23:00:00'), actor, {});
    expect(status.nextMilestone).toEqual({ days: 30, bonusPoints: 300, daysLeft: 23 });
  });

  it('a milestone with a coupon puts it in the wallet with the bonus, in the same check-in', async () => {
    const template = await couponTemplate(t.db, { name: '连签7天券' });
    const withCoupon = {
      ...brand,
      checkin: { ...brand.checkin, milestones: brand.checkin.milestones.map((m) => (m.days === 7 ? { ...m, couponTemplateId: template.id } : m)) },
    };
    const actor = await memberJoinedAt(t.db, 'coupon-seven', '2026-11-01 08:00:00');
    let last;
    for (const d of ['05', '06', '07', '08', '09', '10', '11']) last = await doCheckin({ db: t.db, adapters, brand: withCoupon, now: at(`2026-11-${d} 09:00:00`) }, actor, {});
    expect(last!.milestone).toEqual({ days: 7, bonusPoints: 50, couponName: '连签7天券' });
    const again = await doCheckin({ db: t.db, adapters, brand: withCoupon, now: at('2026-11-11 10:00:00') }, actor, {});
    expect(again.milestone).toEqual({ days: 7, bonusPoints: 50, couponName: '连签7天券' });
    const wallet = await myCoupons({ db: t.db, adapters, brand: withCoupon, now: at('2026-11-11 10:00:00') }, actor, {});
    expect(wallet).toMatchObject([{ name: '连签7天券', source: 'milestone' }]);
  });

  it('member day: Wednesday 23:59 pays double, Thursday 00:00 single', async () => {
    const actor = await memberJoinedAt(t.db, 'wednesday', '2026-11-01 08:00:00');
    const wed = await doCheckin(ctxAt(t.db, '2026-11-25 23:59:00'), actor, {});
    const thu = await doCheckin(ctxAt(t.db, '2026-11-26 00:00:00'), actor, {});
    expect([wed.memberDay, wed.pointsGained, thu.memberDay, thu.pointsGained]).toEqual([true, 20, false, 10]);
    const banner = await getCheckinStatus(ctxAt(t.db, '2026-11-25 08:00:00'), actor, {});
    expect([banner.memberDay, banner.memberDayMultiplier, banner.pointsPerCheckin]).toEqual([true, 2, 20]);
  });

  it('a make-up joins two streaks, re-numbers the days after it, and pays the milestone the joined run reaches', async () => {
    const actor = await memberJoinedAt(t.db, 'joiner', '2026-11-01 08:00:00');
    // 2–4 (Mon–Wed, the 4th doubled) and 6–9; the 5th is missed.
    await checkInOn(actor, ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09']);
    const before = await getCheckinStatus(ctxAt(t.db, '2026-11-10 12:00:00'), actor, {});
    expect(before.streak).toBe(4);
    const result = await makeupCheckin(ctxAt(t.db, '2026-11-10 12:00:00'), actor, { date: '2026-11-05' });
    expect(result).toMatchObject({ date: '2026-11-05', costPoints: 20, streak: 8, remainingThisMonth: 1 });
    // 80 earned, −20 for the make-up, +50 for the 7-day milestone the joined run reached.
    expect((result as { balance: number }).balance).toBe(80 - 20 + 50);
    const after = await getCheckinStatus(ctxAt(t.db, '2026-11-10 12:00:00'), actor, {});
    expect(after.streak).toBe(8);
    expect(after.days.find((d) => d.date === '2026-11-05')!.state).toBe('made_up');
    expect(after.makeup).toEqual({ remainingThisMonth: 1, perMonth: 2, costPoints: 20, windowDays: 7, days: [] });
    const next = await doCheckin(ctxAt(t.db, '2026-11-10 13:00:00'), actor, {});
    expect(next.streak).toBe(9);
    expect((await ledgerSources(actor)).filter((l) => l.source !== 'checkin')).toEqual([
      { source: 'makeup', delta: -20 },
      { source: 'streak_bonus', delta: 50 },
    ]);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('a make-up does not pay a milestone the later part of the run already earned', async () => {
    const actor = await memberJoinedAt(t.db, 'earned', '2026-11-01 08:00:00');
    await checkInOn(actor, ['2026-11-01', '2026-11-02']);
    await checkInOn(actor, ['2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09', '2026-11-10']);
    // The evening of the 10th: the 3rd is the last day of the 7-day window.
    const result = await makeupCheckin(ctxAt(t.db, '2026-11-10 20:00:00'), actor, { date: '2026-11-03' });
    expect(result).toMatchObject({ streak: 10 });
    expect((await ledgerSources(actor)).filter((l) => l.source === 'streak_bonus')).toHaveLength(1);
  });

  describe('a milestone that gives only a coupon', () => {
    const couponOnly = async (name: string) => {
      const template = await couponTemplate(t.db, { name });
      return {
        ...brand,
        checkin: {
          ...brand.checkin,
          milestones: brand.checkin.milestones.map((m) => (m.days === 7 ? { ...m, bonusPoints: 0, couponTemplateId: template.id } : m)),
        },
      };
    };
    const walletAt = async (settings: typeof brand, actor: Actor, beijing: string) =>
      (await myCoupons({ db: t.db, adapters, brand: settings, now: at(beijing) }, actor, {})).map((c) => [c.name, c.source]);

    it('is paid when a make-up joins the run that reaches it', async () => {
      const settings = await couponOnly('补签7天券');
      const actor = await memberJoinedAt(t.db, 'makeup-coupon', '2026-11-01 08:00:00');
      for (const d of ['02', '03', '04', '06', '07', '08', '09']) {
        await doCheckin({ db: t.db, adapters, brand: settings, now: at(`2026-11-${d} 09:00:00`) }, actor, {});
      }
      const result = await makeupCheckin({ db: t.db, adapters, brand: settings, now: at('2026-11-10 12:00:00') }, actor, { date: '2026-11-05' });
      expect(result).toMatchObject({ streak: 8, balance: 80 - 20 });
      expect(await walletAt(settings, actor, '2026-11-10 12:00:00')).toEqual([['补签7天券', 'milestone']]);
      // The run goes on: the milestone it reached through the make-up is not paid again.
      await doCheckin({ db: t.db, adapters, brand: settings, now: at('2026-11-10 13:00:00') }, actor, {});
      expect(await walletAt(settings, actor, '2026-11-10 13:00:00')).toHaveLength(1);
    });

    it('earned by check-ins is not paid again by a make-up that joins an earlier part to the run', async () => {
      const settings = await couponOnly('连签7天券');
      const actor = await memberJoinedAt(t.db, 'checkin-coupon', '2026-11-01 08:00:00');
      for (const d of ['01', '02', '04', '05', '06', '07', '08', '09', '10']) {
        await doCheckin({ db: t.db, adapters, brand: settings, now: at(`2026-11-${d} 09:00:00`) }, actor, {});
      }
      expect(await walletAt(settings, actor, '2026-11-10 10:00:00')).toHaveLength(1);
      const result = await makeupCheckin({ db: t.db, adapters, brand: settings, now: at('2026-11-10 20:00:00') }, actor, { date: '2026-11-03' });
      expect(result).toMatchObject({ streak: 10 });
      expect(await walletAt(settings, actor, '2026-11-10 20:00:00')).toHaveLength(1);
    });
  });

  it('refuses make-ups outside the rules, writing nothing', async () => {
    const actor = await memberJoinedAt(t.db, 'rules', '2026-11-01 08:00:00');
    await checkInOn(actor, ['2026-11-01', '2026-11-02', '2026-11-06', '2026-11-09', '2026-11-10', '2026-11-11']);
    const at = ctxAt(t.db, '2026-11-12 10:00:00');
    const refusal = async (date: string) => {
      const r = await makeupCheckin(at, actor, { date });
      return r instanceof Failure ? [r.code, r.message] : 'ok';
    };
    // The window is the 7 days before the 12th: the 5th to the 11th.
    expect(await refusal('2026-11-04')).toEqual(['MAKEUP_OUT_OF_WINDOW', '只能补签最近 7 天内漏签的日期']);
    expect(await refusal('2026-11-12')).toEqual(['MAKEUP_NOT_PAST', '只能补签今天以前的日期']);
    expect(await refusal('2026-11-06')).toEqual(['MAKEUP_ALREADY_CHECKED', '这一天已经签到过了']);
    expect(await refusal('2026-11-05')).toBe('ok');
    expect(await refusal('2026-11-07')).toBe('ok');
    expect(await refusal('2026-11-08')).toEqual(['MAKEUP_LIMIT', '本月补签次数已用完']);
    const late = await memberJoinedAt(t.db, 'late', '2026-11-10 08:00:00');
    expect(await makeupCheckin(at, late, { date: '2026-11-09' })).toMatchObject({ code: 'MAKEUP_BEFORE_JOIN' });
    expect(await makeupCheckin(at, late, { date: '2026-11-11' })).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    const { rows } = await t.db.query<{ n: number }>("select count(*)::int as n from checkins where kind = 'makeup'");
    expect(rows[0]!.n).toBe(2);
    // The refused make-up of the member without points took nothing of their cap.
    expect((await getCheckinStatus(at, late, {})).makeup.remainingThisMonth).toBe(2);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  describe('across a month end', () => {
    it('a day missed on the 30th is offered and made up on the 1st; the run joins and the 7-day milestone is paid once', async () => {
      const actor = await memberJoinedAt(t.db, 'month-end', '2026-11-01 08:00:00');
      // 24–29 November (six days), the 30th missed, then 1 December.
      await checkInOn(actor, ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-12-01']);
      const dec1 = ctxAt(t.db, '2026-12-01 10:00:00');
      const offered = await getCheckinStatus(dec1, actor, {});
      expect(offered.streak).toBe(1);
      expect(offered.month).toBe('2026-12');
      // The window reaches back to 24 November: only the 30th is missed in it.
      expect(offered.makeup).toEqual({ remainingThisMonth: 2, perMonth: 2, costPoints: 20, windowDays: 7, days: ['2026-11-30'] });
      const lastMonth = await getCheckinStatus(dec1, actor, { month: '2026-11' });
      expect(lastMonth.days.find((d) => d.date === '2026-11-30')!.state).toBe('missed');

      const result = await makeupCheckin(dec1, actor, { date: '2026-11-30' });
      expect(result).toMatchObject({ date: '2026-11-30', streak: 8, remainingThisMonth: 1 });
      const streaks = await t.db.query<{ day: string; streak: number; kind: string }>(
        "select day, streak, kind from checkins where member_id = $1 and day >= '2026-11-28' order by day",
        [actor.memberId],
      );
      expect(streaks.rows).toEqual([
        { day: '2026-11-28', streak: 5, kind: 'checkin' },
        { day: '2026-11-29', streak: 6, kind: 'checkin' },
        { day: '2026-11-30', streak: 7, kind: 'makeup' },
        { day: '2026-12-01', streak: 8, kind: 'checkin' },
      ]);
      const after = await getCheckinStatus(dec1, actor, {});
      expect(after.streak).toBe(8);
      expect(after.makeup.days).toEqual([]);
      // The 补签 counts in December, the month it was made in; November's count is untouched.
      const { rows: months } = await t.db.query<{ month: string; used: number }>('select month, used from makeup_member_months where member_id = $1', [
        actor.memberId,
      ]);
      expect(months).toEqual([{ month: '2026-12-01', used: 1 }]);

      // The run goes on to 14 days: the 7-day milestone is not paid again, and a second check-in the same day pays nothing.
      await checkInOn(actor, ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07']);
      await checkInOn(actor, ['2026-12-07'], '18:00:00');
      expect((await ledgerSources(actor)).filter((l) => l.source === 'streak_bonus')).toEqual([{ source: 'streak_bonus', delta: 50 }]);
      expect(await ledgerMismatches(t.db)).toEqual([]);
    });

    it('November’s spent 补签 do not block December’s; December’s cap holds for last month’s days too', async () => {
      const actor = await memberJoinedAt(t.db, 'caps', '2026-11-01 08:00:00');
      await checkInOn(actor, ['2026-11-20', '2026-11-22', '2026-11-24', '2026-11-26', '2026-11-28', '2026-11-30']);
      const nov = ctxAt(t.db, '2026-11-30 20:00:00');
      expect(await makeupCheckin(nov, actor, { date: '2026-11-25' })).toMatchObject({ remainingThisMonth: 1 });
      expect(await makeupCheckin(nov, actor, { date: '2026-11-27' })).toMatchObject({ remainingThisMonth: 0 });
      expect(await makeupCheckin(nov, actor, { date: '2026-11-29' })).toMatchObject({ code: 'MAKEUP_LIMIT' });

      const dec = ctxAt(t.db, '2026-12-01 09:00:00');
      const status = await getCheckinStatus(dec, actor, {});
      expect(status.makeup).toMatchObject({ remainingThisMonth: 2, days: ['2026-11-29'] });
      expect(await makeupCheckin(dec, actor, { date: '2026-11-29' })).toMatchObject({ remainingThisMonth: 1 });
      expect(await makeupCheckin(dec, actor, { date: '2026-11-23' })).toMatchObject({ code: 'MAKEUP_OUT_OF_WINDOW' });
      expect(await makeupCheckin(dec, actor, { date: '2026-11-24' })).toMatchObject({ code: 'MAKEUP_ALREADY_CHECKED' });
      const { rows } = await t.db.query<{ month: string; used: number }>('select month, used from makeup_member_months where member_id = $1 order by month', [
        actor.memberId,
      ]);
      expect(rows).toEqual([
        { month: '2026-11-01', used: 2 },
        { month: '2026-12-01', used: 1 },
      ]);
    });

    it('a brand with a longer window offers more of last month, and one without 补签 offers none', async () => {
      const actor = await memberJoinedAt(t.db, 'window', '2026-11-01 08:00:00');
      await checkInOn(actor, ['2026-11-20', '2026-12-02']);
      const wide = { ...brand, checkin: { ...brand.checkin, makeupWindowDays: 14 } };
      const status = await getCheckinStatus({ db: t.db, adapters, brand: wide, now: at('2026-12-03 09:00:00') }, actor, {});
      expect(status.makeup.days).toEqual(['2026-11-19', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
      expect(await makeupCheckin({ db: t.db, adapters, brand: wide, now: at('2026-12-03 09:00:00') }, actor, { date: '2026-11-19' })).toMatchObject({ date: '2026-11-19' });
      const none = { ...brand, checkin: { ...brand.checkin, makeupPerMonth: 0 } };
      const ctx = { db: t.db, adapters, brand: none, now: at('2026-12-03 09:00:00') };
      expect((await getCheckinStatus(ctx, actor, {})).makeup.remainingThisMonth).toBe(0);
      expect(await makeupCheckin(ctx, actor, { date: '2026-12-01' })).toMatchObject({ code: 'MAKEUP_LIMIT' });
    });
  });

  it('records the entry scene; a check-in from a group card (1044) is a group check-in', async () => {
    const actor = await memberJoinedAt(t.db, 'group', '2026-11-01 08:00:00');
    await doCheckin(ctxAt(t.db, '2026-11-02 08:00:00'), actor, { scene: 1044 });
    await doCheckin(ctxAt(t.db, '2026-11-03 08:00:00'), actor, { scene: 1001 });
    await doCheckin(ctxAt(t.db, '2026-11-05 08:00:00'), actor, {});
    const { rows } = await t.db.query<{ day: string; from_group: boolean }>(
      'select day, from_group from checkins where member_id = $1 order by day',
      [actor.memberId],
    );
    expect(rows.map((r) => r.from_group)).toEqual([true, false, false]);
  });
});
