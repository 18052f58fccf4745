import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { addDays } from '@cloud/domain/business-day';
import { checkinReward, multiplyPoints, nextMilestone } from '@cloud/domain/checkin-rules';
import { isMemberDay, isoWeekday, memberDayMultiplier, pointsMultipliers } from '@cloud/domain/member-day';
import { makeupCapMonth, makeupEligibleDays, makeupRefusal, makeupRun, milestonesUnlockedByMakeup } from '@cloud/domain/makeup';
import { currentStreak, streakOnCheckin, type DayStreak } from '@cloud/domain/streak';
import { lotExpiresOn } from '@cloud/domain/points-expiry';

const rules = DEFAULT_BRAND_SETTINGS.checkin;
const milestones = rules.milestones;

describe('checkinReward', () => {
  it.each([
    [1, [1], 10, null],
    [6, [1], 10, null],
    [7, [1], 10, 50],
    [8, [1], 10, null],
    [30, [1], 10, 300],
    [365, [2], 20, 5000],
    [366, [2], 20, null],
  ])('streak %i with multipliers %j: %i points, bonus %s', (streak, multipliers, points, bonus) => {
    const reward = checkinReward(streak, rules, multipliers);
    expect(reward.points).toBe(points);
    expect(reward.milestone?.bonusPoints ?? null).toBe(bonus);
    expect(reward.lotteryChances).toBe(1);
  });

  it.each([
    [10, [1.5], 15],
    [7, [1.5], 10],
    [7, [2, 1.5], 21],
    [3, [1.1, 3], 9],
  ])('%i points × %j rounds down to %i', (points, multipliers, expected) => {
    expect(multiplyPoints(points, multipliers)).toBe(expected);
  });
});

describe('nextMilestone', () => {
  it.each([
    [0, 7, 7],
    [6, 7, 1],
    [7, 30, 23],
    [29, 30, 1],
    [30, 365, 335],
  ])('after a streak of %i the next milestone is %i days, %i to go', (streak, days, left) => {
    expect(nextMilestone(streak, milestones)).toMatchObject({ days, daysLeft: left });
  });

  it('is null past the last milestone', () => {
    expect(nextMilestone(365, milestones)).toBeNull();
  });
});

describe('member day (default Wednesday; the multiplier is the tier\'s)', () => {
  it.each([
    ['2026-11-23', 1, false],
    ['2026-11-25', 3, true],
    ['2026-11-29', 7, false],
  ])('%s is ISO weekday %i, member day %s', (day, weekday, member) => {
    expect(isoWeekday(day)).toBe(weekday);
    expect(isMemberDay(day, DEFAULT_BRAND_SETTINGS.memberDay)).toBe(member);
    expect(memberDayMultiplier(day, DEFAULT_BRAND_SETTINGS.memberDay, 3)).toBe(member ? 3 : 1);
  });

  it('can be switched off', () => {
    expect(isMemberDay('2026-11-25', { weekday: null, orderDiscountRate: null })).toBe(false);
  });
});

describe('pointsMultipliers (check-ins and orders)', () => {
  const tiers = Object.fromEntries(DEFAULT_BRAND_SETTINGS.tiers.map((t) => [t.key, t.benefits]));
  it.each([
    ['normal', false, [1], 10],
    ['normal', true, [1, 2], 20],
    ['gold', false, [1.5], 15],
    ['gold', true, [1.5, 2], 30],
    ['diamond', true, [2, 3], 60],
  ] as const)('%s, member day %s: %j, 10 points become %i', (tier, memberDay, multipliers, points) => {
    expect(pointsMultipliers(tiers[tier]!, memberDay)).toEqual(multipliers);
    expect(multiplyPoints(10, pointsMultipliers(tiers[tier]!, memberDay))).toBe(points);
  });

  it('member day never earns fewer points than another day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        (points, pointsMultiplier, memberDayMultiplier) => {
          const benefits = { pointsMultiplier, memberDayMultiplier };
          expect(multiplyPoints(points, pointsMultipliers(benefits, true))).toBeGreaterThanOrEqual(
            multiplyPoints(points, pointsMultipliers(benefits, false)),
          );
        },
      ),
    );
  });
});

describe('makeupRefusal (window of the last N days, across month ends)', () => {
  const base = { today: '2026-11-23', windowDays: 7, joinedOn: '2026-11-02', alreadyChecked: false };
  it.each([
    ['2026-11-22', {}, null],
    ['2026-11-16', {}, null],
    ['2026-11-15', {}, 'OUT_OF_WINDOW'],
    ['2026-11-23', {}, 'NOT_PAST'],
    ['2026-11-24', {}, 'NOT_PAST'],
    ['2026-11-20', { alreadyChecked: true }, 'ALREADY_CHECKED'],
    ['2026-11-20', { joinedOn: '2026-11-21' }, 'BEFORE_JOIN'],
    // A day missed on the 30th is made up on the 1st; the window reaches back across the month end.
    ['2026-11-30', { today: '2026-12-01' }, null],
    ['2026-11-24', { today: '2026-12-01' }, null],
    ['2026-11-23', { today: '2026-12-01' }, 'OUT_OF_WINDOW'],
    ['2026-12-31', { today: '2027-01-01', joinedOn: '2026-01-01' }, null],
    ['2026-02-28', { today: '2026-03-01', windowDays: 1, joinedOn: '2026-01-01' }, null],
    ['2026-02-27', { today: '2026-03-01', windowDays: 1, joinedOn: '2026-01-01' }, 'OUT_OF_WINDOW'],
    ['2028-02-29', { today: '2028-03-04', windowDays: 3, joinedOn: '2028-01-01' }, 'OUT_OF_WINDOW'],
    ['2028-02-29', { today: '2028-03-03', windowDays: 3, joinedOn: '2028-01-01' }, null],
  ])('%s with %j → %s', (date, extra, expected) => {
    expect(makeupRefusal({ ...base, ...extra, date })).toBe(expected);
  });
});

describe('makeupCapMonth: a 补签 counts in the month it is made, whichever day it names', () => {
  it.each([
    ['2026-12-01', '2026-12'],
    ['2026-11-30', '2026-11'],
    ['2027-01-01', '2027-01'],
  ])('made on %s → %s', (today, month) => {
    expect(makeupCapMonth(today)).toBe(month);
  });
});

describe('makeupEligibleDays', () => {
  it.each([
    ['on the 1st, last month\'s missed days in the window', '2026-12-01', 7, '2026-01-01', ['2026-11-26', '2026-11-29'], ['2026-11-24', '2026-11-25', '2026-11-27', '2026-11-28', '2026-11-30']],
    ['not before joining', '2026-12-01', 7, '2026-11-28', [], ['2026-11-28', '2026-11-29', '2026-11-30']],
    ['nothing missed', '2026-11-05', 3, '2026-11-01', ['2026-11-02', '2026-11-03', '2026-11-04'], []],
    ['joined today', '2026-11-05', 7, '2026-11-05', [], []],
  ])('%s', (_case, today, windowDays, joinedOn, checked, expected) => {
    expect(makeupEligibleDays(today, windowDays, joinedOn, new Set(checked))).toEqual(expected);
  });

  const DAY_MS = 86_400_000;
  const dayAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  it('are exactly the missed days 1..N days before today since joining, whatever the month end (property)', () => {
    fc.assert(
      fc.property(
        // "Today" near a month end, from 2026 to 2029 (a leap February included).
        fc.integer({ min: 0, max: 47 }),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }),
        (monthIndex, offset, windowDays, joinedAgo, checkedAgo) => {
          const firstOfMonth = Date.UTC(2026, monthIndex, 1);
          const todayMs = firstOfMonth + offset * DAY_MS;
          const today = dayAt(todayMs);
          const joinedOn = dayAt(todayMs - joinedAgo * DAY_MS);
          const checked = new Set(checkedAgo.map((n) => dayAt(todayMs - n * DAY_MS)));
          const eligible = makeupEligibleDays(today, windowDays, joinedOn, checked);
          const expected: string[] = [];
          for (let n = windowDays; n >= 1; n--) {
            const d = dayAt(todayMs - n * DAY_MS);
            if (n <= joinedAgo && !checked.has(d)) expected.push(d);
          }
          expect(eligible).toEqual(expected);
          for (const d of eligible) {
            expect(makeupRefusal({ date: d, today, windowDays, joinedOn, alreadyChecked: false })).toBeNull();
          }
          // The day just outside the window is refused, even when it is last month's.
          expect(makeupRefusal({ date: dayAt(todayMs - (windowDays + 1) * DAY_MS), today, windowDays, joinedOn: '2000-01-01', alreadyChecked: false })).toBe(
            'OUT_OF_WINDOW',
          );
        },
      ),
    );
  });
});

describe('milestonesUnlockedByMakeup', () => {
  it.each([
    ['joins 3 + 1 + 4 into 8: the 7-day milestone is new', 3, 4, 8, [7]],
    ['the later part had reached 7 already', 3, 7, 11, []],
    ['the earlier part had reached 7 already', 7, 2, 10, []],
    ['still short of 7', 2, 3, 6, []],
    ['reaches 30 and passes 7 that the later part had', 20, 9, 30, [30]],
  ])('%s', (_case, before, afterOld, joined, expected) => {
    expect(milestonesUnlockedByMakeup(before, afterOld, joined, milestones).map((m) => m.days)).toEqual(expected);
  });
});

describe('makeupRun', () => {
  const run = (days: Array<[string, number]>) => days.map(([day, streak]) => ({ day, streak }));
  it.each([
    [
      'joins 2–4 and 6–9 through the 5th: the later days count on, the 7-day milestone is reached',
      run([['2026-11-02', 1], ['2026-11-03', 2], ['2026-11-04', 3], ['2026-11-06', 1], ['2026-11-07', 2], ['2026-11-08', 3], ['2026-11-09', 4]]),
      '2026-11-05',
      '2026-11-10',
      { streak: 4, renumbered: run([['2026-11-06', 5], ['2026-11-07', 6], ['2026-11-08', 7], ['2026-11-09', 8]]), runStart: '2026-11-02', unlocked: [7], streakNow: 8 },
    ],
    [
      'a run that began last month: its stored streak says how long',
      run([['2026-10-31', 12]]),
      '2026-11-01',
      '2026-11-02',
      { streak: 13, renumbered: [], runStart: '2026-10-20', unlocked: [], streakNow: 13 },
    ],
    [
      'a later run past another missed day keeps its own streak, which is today’s',
      run([['2026-11-01', 1], ['2026-11-02', 2], ['2026-11-04', 1], ['2026-11-05', 2], ['2026-11-07', 1], ['2026-11-08', 2]]),
      '2026-11-03',
      '2026-11-08',
      { streak: 3, renumbered: run([['2026-11-04', 4], ['2026-11-05', 5]]), runStart: '2026-11-01', unlocked: [], streakNow: 2 },
    ],
    [
      'the 30th made up on the 1st: last month’s run and today’s check-in join, and reach 7',
      run([['2026-11-28', 5], ['2026-11-29', 6], ['2026-12-01', 1]]),
      '2026-11-30',
      '2026-12-01',
      { streak: 7, renumbered: run([['2026-12-01', 8]]), runStart: '2026-11-24', unlocked: [7], streakNow: 8 },
    ],
    [
      'a lone day, the streak broken since',
      run([]),
      '2026-11-03',
      '2026-11-08',
      { streak: 1, renumbered: [], runStart: '2026-11-03', unlocked: [], streakNow: 0 },
    ],
  ])('%s', (_case, checkins, date, today, expected) => {
    const r = makeupRun(checkins, date, today, milestones);
    expect({ ...r, unlocked: r.unlocked.map((m) => m.days) }).toEqual(expected);
  });

  const streaksOf = (days: string[]) => {
    const out = new Map<string, number>();
    let latest: DayStreak | null = null;
    for (const day of [...days].sort()) {
      latest = { day, streak: streakOnCheckin(latest, day) };
      out.set(day, latest.streak);
    }
    return out;
  };

  it('across a month end: a day of last month made up early this month re-numbers as if checked in, and each milestone is paid once (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 47 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 7 }),
        // The 40 days before today: mostly checked in.
        fc.array(fc.integer({ min: 0, max: 9 }).map((n) => n > 1), { minLength: 40, maxLength: 40 }),
        fc.boolean(),
        (monthIndex, dayOfMonth, back, checked, todayChecked) => {
          const today = new Date(Date.UTC(2026, monthIndex, dayOfMonth)).toISOString().slice(0, 10);
          const date = addDays(today, -(dayOfMonth + back - 1)); // last month, 1..7 days before the 1st
          const days = checked.flatMap((c, i) => (c ? [addDays(today, -40 + i)] : [])).filter((d) => d !== date);
          if (todayChecked) days.push(today);
          const stored = streaksOf(days);
          const checkins = [...stored].filter(([day]) => day >= addDays(date, -1)).map(([day, streak]) => ({ day, streak }));
          const r = makeupRun(checkins, date, today, milestones);

          const after = new Map(stored).set(date, r.streak);
          for (const d of r.renumbered) after.set(d.day, d.streak);
          expect(after).toEqual(streaksOf([...days, date]));
          // Milestones paid before (by any stored streak reaching one, in the joined run) plus those the make-up pays: each once.
          const joinedRun = [...after].filter(([day]) => day >= r.runStart && day <= (r.renumbered.at(-1)?.day ?? date));
          const reachedBefore = new Set(milestones.filter((m) => joinedRun.some(([day]) => day !== date && (stored.get(day) ?? 0) >= m.days)).map((m) => m.days));
          for (const m of r.unlocked) expect(reachedBefore.has(m.days)).toBe(false);
          const longest = Math.max(...joinedRun.map(([, streak]) => streak));
          expect(new Set([...reachedBefore, ...r.unlocked.map((m) => m.days)])).toEqual(new Set(milestones.filter((m) => m.days <= longest).map((m) => m.days)));
        },
      ),
    );
  });

  it('leaves every streak as if the made-up day had been checked in, and pays each milestone of the run once (property)', () => {
    fc.assert(
      fc.property(
        // Mostly checked-in days (long runs), with the made-up day somewhere among them.
        fc.array(fc.integer({ min: 0, max: 9 }).map((n) => n > 1), { minLength: 1, maxLength: 45 }),
        fc.nat(),
        fc.integer({ min: 1, max: 3 }),
        (checked, pick, ahead) => {
          const missed = pick % checked.length;
          const days = checked.flatMap((c, i) => (c && i !== missed ? [addDays('2026-10-01', i)] : []));
          const date = addDays('2026-10-01', missed);
          const today = addDays([...days, date].sort().at(-1)!, ahead);
          const stored = streaksOf(days);
          const checkins = [...stored].map(([day, streak]) => ({ day, streak }));
          const r = makeupRun(checkins, date, today, milestones);

          const after = new Map(stored).set(date, r.streak);
          for (const d of r.renumbered) after.set(d.day, d.streak);
          const expected = streaksOf([...days, date]);
          expect(after).toEqual(expected);
          const latest = [...expected].sort(([a], [b]) => a.localeCompare(b)).at(-1)!;
          expect(r.streakNow).toBe(currentStreak({ day: latest[0], streak: latest[1] }, today));

          // The joined run's milestones: those its parts reached were paid then, the rest now, none twice.
          const before = stored.get(addDays(date, -1)) ?? 0;
          const afterOld = r.renumbered.length ? stored.get(r.renumbered.at(-1)!.day)! : 0;
          const joined = r.streak + r.renumbered.length;
          for (const m of milestones) {
            const paidBefore = m.days <= before || m.days <= afterOld;
            expect(r.unlocked.includes(m)).toBe(m.days <= joined && !paidBefore);
          }
        },
      ),
    );
  });
});

describe('lotExpiresOn (end of the 12th month after the month earned)', () => {
  it.each([
    ['2026-11-23', 12, '2027-11-30'],
    ['2026-11-01', 12, '2027-11-30'],
    ['2026-12-31', 12, '2027-12-31'],
    ['2027-02-28', 12, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-11-23', null, null],
  ])('earned %s, expiry %s months → last day %s', (earned, months, expected) => {
    expect(lotExpiresOn(earned, months)).toBe(expected);
  });
});
