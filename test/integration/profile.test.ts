import { describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { getProfile } from '@cloud/services/member/get-profile';
import { updateProfile } from '@cloud/services/member/update-profile';
import { withdrawConsent } from '@cloud/services/privacy/withdraw-consent';
import { backends, useTestDatabase } from '../support/databases';
import { ctxAt, memberJoinedAt } from '../support/fixtures';

describe.each(backends)('profile and privacy on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('collects nothing personal before consent, and nothing at all when refused', async () => {
    const actor = await memberJoinedAt(t.db, 'shy', '2026-11-01 08:00:00');
    const ctx = ctxAt(t.db, '2026-11-20 10:00:00');
    expect(await updateProfile(ctx, actor, { nickname: '小林' })).toMatchObject({ code: 'CONSENT_REQUIRED' });
    const profile = await getProfile(ctx, actor);
    expect(profile).toMatchObject({ nickname: null, consent: null, consentVersionRequired: CONSENT_VERSION });
  });

  it('records consent with its version and time, then the details in the same call', async () => {
    const actor = await memberJoinedAt(t.db, 'agrees', '2026-11-01 08:00:00');
    const ctx = ctxAt(t.db, '2026-11-20 10:00:00');
    const profile = await updateProfile(ctx, actor, { consentVersion: CONSENT_VERSION, nickname: '小林', birthday: '1995-03-08' });
    expect(profile).toMatchObject({
      nickname: '小林',
      birthday: '1995-03-08',
      consent: { version: CONSENT_VERSION, at: '2026-11-20T10:00:00+08:00' },
    });
  });

  it('refuses an outdated consent version, writing nothing', async () => {
    const actor = await memberJoinedAt(t.db, 'outdated', '2026-11-01 08:00:00');
    const ctx = ctxAt(t.db, '2026-11-20 10:00:00');
    expect(await updateProfile(ctx, actor, { consentVersion: '2020-01-01', nickname: 'x' })).toMatchObject({ code: 'INVALID_PARAMS' });
    expect((await getProfile(ctx, actor)).consent).toBeNull();
  });

  it('sets the birthday once; a change is refused and rolls the whole call back', async () => {
    const actor = await memberJoinedAt(t.db, 'birthday', '2026-11-01 08:00:00');
    const ctx = ctxAt(t.db, '2026-11-20 10:00:00');
    await updateProfile(ctx, actor, { consentVersion: CONSENT_VERSION, birthday: '1990-11-30' });
    expect(await updateProfile(ctx, actor, { birthday: '1990-11-30', nickname: '同一天' })).toMatchObject({ nickname: '同一天' });
    expect(await updateProfile(ctx, actor, { birthday: '1990-12-01', nickname: '想改生日' })).toMatchObject({ code: 'BIRTHDAY_LOCKED' });
    expect(await getProfile(ctx, actor)).toMatchObject({ birthday: '1990-11-30', nickname: '同一天' });
  });

  it('withdrawing consent erases nickname, avatar and birthday', async () => {
    const actor = await memberJoinedAt(t.db, 'withdraws', '2026-11-01 08:00:00');
    const ctx = ctxAt(t.db, '2026-11-20 10:00:00');
    await updateProfile(ctx, actor, { consentVersion: CONSENT_VERSION, nickname: '小王', avatarUrl: '/media/AAAAAAAAAAAAAAAAAAAAAA', birthday: '1992-05-05' });
    const after = await withdrawConsent(ctx, actor);
    expect(after).toMatchObject({ nickname: null, avatarUrl: null, birthday: null, consent: null });
    expect(await updateProfile(ctx, actor, { nickname: '又来' })).toMatchObject({ code: 'CONSENT_REQUIRED' });
  });
});
