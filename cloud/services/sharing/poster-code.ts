import type { ShareCode } from '../../contract';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { HOME_PAGE } from './share-pages';

/**
 * The code on my share's poster. It carries only the share id (a code's scene holds ≤ 32
 * characters) and always opens the home page, which opens the share from there. Only the sharer
 * makes posters of a share: another member's share id answers as unknown.
 */
export async function posterCode(ctx: UseCaseContext, actor: Actor, params: { shareId: string }): Promise<ShareCode | Failure> {
  const { rows } = await ctx.db.query('select 1 from shares where id = $1 and sharer_id = $2', [params.shareId, actor.memberId]);
  if (!rows[0]) return fail('NOT_FOUND', '分享不存在或已失效');
  const image = await ctx.adapters.shareCodes.make(params.shareId, HOME_PAGE);
  return { shareId: params.shareId, scene: params.shareId, ...image };
}
