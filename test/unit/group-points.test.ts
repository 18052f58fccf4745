/** 社群积分's pure rules: what an earning event gives under the brand's settings, and what the settings accept. */
import { describe, expect, it } from 'vitest';
import { brandSettingsSchema, DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { DEFAULT_GROUP_POINTS, groupPointsEarned, type GroupPointsSettings } from '@cloud/domain/group-points';
import { blockedReason } from '@/utils/money';

const rules = (over: Partial<GroupPointsSettings> = {}): GroupPointsSettings => ({ enabled: true, presencePoints: 50, checkinBonus: 10, ...over });

describe('groupPointsEarned', () => {
  it.each([
    ['presence, the defaults', DEFAULT_GROUP_POINTS, 'presence', 50],
    ['check-in bonus, the defaults', DEFAULT_GROUP_POINTS, 'checkin', 10],
    ['presence, a brand giving 20', rules({ presencePoints: 20 }), 'presence', 20],
    ['check-in bonus, a brand giving none', rules({ checkinBonus: 0 }), 'checkin', 0],
    ['presence, switched off', rules({ enabled: false }), 'presence', 0],
    ['check-in bonus, switched off', rules({ enabled: false }), 'checkin', 0],
  ] as const)('%s: %s → %i', (_name, settings, event, points) => {
    expect(groupPointsEarned(settings, event)).toBe(points);
  });
});

describe('the groupPoints settings section', () => {
  const withGroupPoints = (groupPoints: unknown) => brandSettingsSchema.safeParse({ ...DEFAULT_BRAND_SETTINGS, groupPoints });

  it.each([
    ['the defaults', DEFAULT_GROUP_POINTS, true],
    ['off, amounts kept', { enabled: false, presencePoints: 50, checkinBonus: 10 }, true],
    ['zero points', { enabled: true, presencePoints: 0, checkinBonus: 0 }, true],
    ['negative presence', { enabled: true, presencePoints: -1, checkinBonus: 10 }, false],
    ['a fraction', { enabled: true, presencePoints: 50, checkinBonus: 2.5 }, false],
    ['over 10,000', { enabled: true, presencePoints: 10_001, checkinBonus: 10 }, false],
    ['no switch', { presencePoints: 50, checkinBonus: 10 }, false],
  ] as const)('%s → valid: %s', (_name, section, valid) => {
    expect(withGroupPoints(section).success).toBe(valid);
  });
});

describe('a 社群积分 item the member cannot afford', () => {
  it('says so in group points, not points', () => {
    expect(blockedReason({ blockedBy: 'INSUFFICIENT_GROUP_POINTS', minTier: { key: 'normal', name: '普通会员' } })).toEqual({
      button: '社群积分不足',
      text: '社群积分不足，在群里签到可以攒社群积分',
    });
  });
});
