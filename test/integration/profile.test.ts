import { describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { catalogHome } from '@cloud/services/catalog/home';
import { getProfile } from '@cloud/services/member/get-profile';
import { markProfileAsked } from '@cloud/services/member/mark-profile-asked';
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

  it('asks a new member for avatar and nickname once: not again after 以后再说, on any device', async () => {
    const actor = await memberJoinedAt(t.db, 'asked-once', '2026-11-01 08:00:00');
    const ctx = ctxAt(t.db, '2026-11-20 10:00:00');
    // Before consent too: the app shows the privacy guide first, then asks.
    expect((await getProfile(ctx, actor)).askProfile).toBe(true);
    expect(await updateProfile(ctx, actor, { consentVersion: CONSENT_VERSION })).toMatchObject({ askProfile: true });
    const asked = await markProfileAsked(ctxAt(t.db, '2026-11-20 10:00:05'), actor);
    expect(asked).toMatchObject({ askProfile: false, nickname: null });
    // Another device, another day: the member's record says the ask was made.
    expect((await getProfile(ctxAt(t.db, '2026-11-22 09:00:00'), actor)).askProfile).toBe(false);
    await markProfileAsked(ctxAt(t.db, '2026-11-22 09:00:00'), actor);
    const { rows } = await t.db.query<{ at: Date }>('select profile_asked_at as at from members where id = $1', [actor.memberId]);
    expect(rows[0]!.at.toISOString()).toBe('2026-11-20T02:00:05.000Z');
  });

  it('does not ask a member who gave a name on the profile page, nor one who has both already', async () => {
    const named = await memberJoinedAt(t.db, 'named-first', '2026-11-01 08:00:00');
    const ctx = ctxAt(t.db, '2026-11-20 10:00:00');
    await updateProfile(ctx, named, { consentVersion: CONSENT_VERSION });
    expect(await updateProfile(ctx, named, { nickname: '小满' })).toMatchObject({ askProfile: false });
    // Consent withdrawn and given again: the name is gone, but the ask was made once already.
    await withdrawConsent(ctx, named);
    expect(await updateProfile(ctx, named, { consentVersion: CONSENT_VERSION })).toMatchObject({ askProfile: false });

    const complete = await memberJoinedAt(t.db, 'complete', '2026-11-01 08:00:00');
    await t.db.query(`update members set nickname = '阿青', avatar_url = '/media/AAAAAAAAAAAAAAAAAAAAAA' where id = $1`, [complete.memberId]);
    expect(await updateProfile(ctx, complete, { consentVersion: CONSENT_VERSION })).toMatchObject({ askProfile: false });
  });

  it('records one visit per member per brand day, from 首页 or the profile, across midnight in brand time', async () => {
    const actor = await memberJoinedAt(t.db, 'visitor', '2026-11-01 08:00:00');
    await catalogHome(ctxAt(t.db, '2026-11-20 09:00:00'), actor);
    await getProfile(ctxAt(t.db, '2026-11-20 23:59:59'), actor);
    await catalogHome(ctxAt(t.db, '2026-11-21 00:00:00'), actor);
    await catalogHome(ctxAt(t.db, '2026-11-23 07:30:00'), actor);
    const { rows } = await t.db.query<{ day: string }>('select day from member_visits where member_id = $1 order by day', [actor.memberId]);
    expect(rows.map((r) => r.day)).toEqual(['2026-11-20', '2026-11-21', '2026-11-23']);
  });
});
