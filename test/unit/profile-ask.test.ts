import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shouldAskProfile } from '@cloud/domain/profile-ask';

const AVATAR = '/media/AAAAAAAAAAAAAAAAAAAAAA';
const ASKED = new Date('2026-11-20T02:00:00Z');

describe('shouldAskProfile', () => {
  it.each([
    ['nothing given, never asked', null, null, null, true],
    ['a nickname but no avatar', '小林', null, null, true],
    ['an avatar but no nickname', null, AVATAR, null, true],
    ['a blank nickname', '   ', AVATAR, null, true],
    ['both given', '小林', AVATAR, null, false],
    ['asked already, nothing given', null, null, ASKED, false],
  ] as const)('%s → %s', (_case, nickname, avatarUrl, askedAt, expected) => {
    expect(shouldAskProfile({ nickname, avatarUrl, askedAt })).toBe(expected);
  });

  it('never asks twice, never a member who has both, always one who has neither and was not asked (property)', () => {
    const facts = fc.record({
      nickname: fc.option(fc.string({ maxLength: 4 }), { nil: null }),
      avatarUrl: fc.option(fc.constant(AVATAR), { nil: null }),
      askedAt: fc.option(fc.constant(ASKED), { nil: null }),
    });
    fc.assert(
      fc.property(facts, (f) => {
        const ask = shouldAskProfile(f);
        if (f.askedAt !== null) expect(ask).toBe(false);
        if (f.nickname?.trim() && f.avatarUrl) expect(ask).toBe(false);
        if (f.askedAt === null && !f.avatarUrl) expect(ask).toBe(true);
      }),
    );
  });
});
