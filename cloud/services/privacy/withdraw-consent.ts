import type { MemberProfile } from '../../contract';
import type { Actor, UseCaseContext } from '../context';
import { eraseMediaOf } from '../media/erase-media';
import { loadProfile } from '../member/get-profile';
import { recordConsent } from './consent-history';
import { eraseDeliveredAddresses } from './erase-addresses';

/**
 * Withdraws consent and stops processing what was collected under it, in one transaction:
 * nickname, avatar (the uploaded images too) and birthday are erased, and the addresses of
 * deliveries already made; a delivery still to make keeps its address until it has gone out.
 */
export async function withdrawConsent(ctx: UseCaseContext, actor: Actor): Promise<MemberProfile> {
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ withdrawn: string | null }>(
      `update members m set consent_version = null, consent_at = null, nickname = null, avatar_url = null, birthday = null
       from (select id, consent_version from members where id = $1 for update) as before
       where m.id = before.id returning before.consent_version as withdrawn`,
      [actor.memberId],
    );
    const withdrawn = rows[0]?.withdrawn;
    if (withdrawn) await recordConsent(tx, { memberId: actor.memberId, kind: 'withdrawn', version: withdrawn, at: ctx.now });
    await eraseMediaOf(tx, actor.memberId);
    await eraseDeliveredAddresses(tx, actor.memberId);
    return loadProfile(tx, ctx, actor.memberId);
  });
}
