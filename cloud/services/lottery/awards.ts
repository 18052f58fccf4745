import type { AwardView, ShippingAddress } from '../../contract';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { loadAwards } from './award-view';

const PAGE = 20;

/** 我的奖品, newest first (also a member's an admin looks at). */
export async function myAwards(
  ctx: UseCaseContext,
  member: Pick<Actor, 'memberId'>,
  params: { cursor?: string },
): Promise<{ items: AwardView[]; nextCursor: string | null }> {
  const items = await loadAwards(ctx.db, ctx.brand, ctx.now, { memberId: member.memberId, before: params.cursor, limit: PAGE + 1 });
  return { items: items.slice(0, PAGE), nextCursor: items.length > PAGE ? items[PAGE - 1]!.id : null };
}

/** A physical prize's shipping address, while it has not been shipped. */
export async function setAwardAddress(
  ctx: UseCaseContext,
  actor: Actor,
  params: { awardId: string; address: ShippingAddress },
): Promise<AwardView | Failure> {
  const { rowCount } = await ctx.db.query(
    `update lottery_awards set address = $3, fulfilment = 'to_ship'
     where id = $1 and member_id = $2 and fulfilment in ('pending_address', 'to_ship')`,
    [params.awardId, actor.memberId, JSON.stringify(params.address)],
  );
  if (rowCount === 0) {
    const { rows } = await ctx.db.query('select 1 from lottery_awards where id = $1 and member_id = $2', [params.awardId, actor.memberId]);
    return rows[0] ? fail('ADDRESS_NOT_NEEDED') : fail('NOT_FOUND', '奖品记录不存在');
  }
  return (await loadAwards(ctx.db, ctx.brand, ctx.now, { memberId: actor.memberId, awardId: params.awardId, limit: 1 }))[0]!;
}
