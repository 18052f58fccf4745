import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { shouldAskProfile } from '@cloud/domain/profile-ask';

const AVATAR = '/media/AAAAAAAAAAAAAAAAAAAAAA';
const ASKED = new Date('2026-11-20T02:00:00Z');

describe('shouldAskProfile', () => {
  it.each([
    ['no consent yet', null, null, null, null, false],
    ['an outdated consent', '2020-01-01', null, null, null, false],
    ['consent, nothing given', CONSENT_VERSION, null, null, null, true],
    ['consent, a nickname but no avatar', CONSENT_VERSION, '小林', null, null, true],
    ['consent, an avatar but no nickname', CONSENT_VERSION, null, AVATAR, null, true],
    ['consent, a blank nickname', CONSENT_VERSION, '   ', AVATAR, null, true],
    ['consent, both given', CONSENT_VERSION, '小林', AVATAR, null, false],
    ['asked already', CONSENT_VERSION, null, null, ASKED, false],
  ] as const)('%s → %s', (_case, consentVersion, nickname, avatarUrl, askedAt, expected) => {
    expect(shouldAskProfile({ consentVersion, nickname, avatarUrl, askedAt })).toBe(expected);
  });

  it('never asks before consent, never twice, never a member who has both (property)', () => {
    const facts = fc.record({
      consentVersion: fc.option(fc.constantFrom(CONSENT_VERSION, '2020-01-01', '2099-01-01'), { nil: null }),
      nickname: fc.option(fc.string({ maxLength: 4 }), { nil: null }),
      avatarUrl: fc.option(fc.constant(AVATAR), { nil: null }),
      askedAt: fc.option(fc.constant(ASKED), { nil: null }),
    });
    fc.assert(
      fc.property(facts, (f) => {
        const ask = shouldAskProfile(f);
        if (f.askedAt !== null || f.consentVersion === null || f.consentVersion < CONSENT_VERSION) expect(ask).toBe(false);
        if (f.nickname?.trim() && f.avatarUrl) expect(ask).toBe(false);
        if (f.askedAt === null && f.consentVersion !== null && f.consentVersion >= CONSENT_VERSION && !f.avatarUrl) expect(ask).toBe(true);
      }),
    );
  });
});
