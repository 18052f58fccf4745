import type { MemberProfile } from '../../contract';
import { CONSENT_VERSION, hasConsent } from '../../domain/privacy';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { recordConsent } from '../privacy/consent-history';
import { loadProfile } from './get-profile';

export interface ProfileChanges {
  nickname?: string;
  avatarUrl?: string;
  birthday?: string;
  consentVersion?: string;
}

/**
 * Records consent (if given) and personal details (only with consent), in one statement whose
 * conditions decide: the birthday is written only while it is empty, so it is set once even
 * under concurrent calls.
 */
export async function updateProfile(
  ctx: UseCaseContext,
  actor: Actor,
  changes: ProfileChanges,
): Promise<MemberProfile | Failure> {
  if (changes.consentVersion !== undefined && changes.consentVersion !== CONSENT_VERSION) {
    return fail('INVALID_PARAMS', '隐私保护指引已更新，请重新阅读后同意');
  }
  const personal = changes.nickname !== undefined || changes.avatarUrl !== undefined || changes.birthday !== undefined;
  return transactionOrFailure(ctx.db, async (tx) => {
    const { rows } = await tx.query<{ consent_version: string | null; birthday: string | null }>(
      `update members set
         consent_version = coalesce($2, consent_version),
         consent_at = case when $2::text is null then consent_at else $3 end
       where id = $1 returning consent_version, birthday`,
      [actor.memberId, changes.consentVersion ?? null, ctx.now],
    );
    const member = rows[0]!;
    if (changes.consentVersion !== undefined) {
      await recordConsent(tx, { memberId: actor.memberId, kind: 'given', version: changes.consentVersion, at: ctx.now });
    }
    if (personal && !hasConsent(member.consent_version)) return fail('CONSENT_REQUIRED');
    if (changes.birthday !== undefined && member.birthday !== null && member.birthday !== changes.birthday) {
      return fail('BIRTHDAY_LOCKED');
    }
    if (personal) {
      const updated = await tx.query(
        `update members set
           nickname = coalesce($2, nickname),
           avatar_url = coalesce($3, avatar_url),
           birthday = coalesce(birthday, $4::date),
           -- Details given on the profile page answer the ask for avatar and nickname too.
           profile_asked_at = coalesce(profile_asked_at, $5)
         where id = $1 and ($4::date is null or birthday is null or birthday = $4::date)`,
        [actor.memberId, changes.nickname ?? null, changes.avatarUrl ?? null, changes.birthday ?? null, ctx.now],
      );
      if (updated.rowCount === 0) return fail('BIRTHDAY_LOCKED');
    }
    return loadProfile(tx, ctx, actor.memberId);
  });
}
