import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { checkinReward, multiplyPoints, nextMilestone } from '@cloud/domain/checkin-rules';
import { isMemberDay, isoWeekday, memberDayMultiplier } from '@cloud/domain/member-day';
import { makeupRefusal, milestonesUnlockedByMakeup } from '@cloud/domain/makeup';
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

describe('makeupRefusal', () => {
  const base = { today: '2026-11-23', joinedOn: '2026-11-02', alreadyChecked: false, usedThisMonth: 0, perMonth: 2 };
  it.each([
    ['2026-11-22', {}, null],
    ['2026-11-01', {}, 'BEFORE_JOIN'],
    ['2026-11-02', {}, null],
    ['2026-10-31', {}, 'NOT_THIS_MONTH'],
    ['2026-11-23', {}, 'NOT_PAST'],
    ['2026-11-24', {}, 'NOT_PAST'],
    ['2026-11-20', { alreadyChecked: true }, 'ALREADY_CHECKED'],
    ['2026-11-20', { usedThisMonth: 1 }, null],
    ['2026-11-20', { usedThisMonth: 2 }, 'MAKEUP_LIMIT'],
  ])('%s with %j → %s', (date, extra, expected) => {
    expect(makeupRefusal({ ...base, ...extra, date })).toBe(expected);
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
