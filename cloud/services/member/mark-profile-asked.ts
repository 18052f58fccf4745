import type { MemberProfile } from '../../contract';
import type { Actor, UseCaseContext } from '../context';
import { loadProfile } from './get-profile';

/**
 * The app showed the ask for avatar and nickname: it is not shown again, on any device. The
 * first ask's time stays (a repeat changes nothing).
 */
export async function markProfileAsked(ctx: UseCaseContext, actor: Actor): Promise<MemberProfile> {
  await ctx.db.query('update members set profile_asked_at = $2 where id = $1 and profile_asked_at is null', [actor.memberId, ctx.now]);
  return loadProfile(ctx.db, ctx, actor.memberId);
}
