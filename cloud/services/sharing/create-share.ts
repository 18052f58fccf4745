import type { ShareCreated } from '../../contract';
import type { Queryable } from '../../db/port';
import { newShareId } from '../../domain/share-id';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { sharePath } from './share-pages';

const ID_ATTEMPTS = 3;

/**
 * The member's share of a product card (productId) or their invite: one per sharer and target,
 * made on first use, so the card, the poster code and the link never change and opening the
 * page again adds nothing. Per-group figures come from where the card was opened. Nothing is
 * given for sharing (WeChat's rule 5.1): a reward can only follow what the friend does later.
 */
export async function createShare(ctx: UseCaseContext, actor: Actor, params: { productId?: string }): Promise<ShareCreated | Failure> {
  if (params.productId) {
    const { rows } = await ctx.db.query<{ name: string; image_url: string | null }>(
      'select name, images[1] as image_url from products where id = $1 and active',
      [params.productId],
    );
    const product = rows[0];
    if (!product) return fail('NOT_FOUND', '商品不存在或已下架');
    const shareId = await insertShare(ctx.db, actor, params.productId, ctx.now);
    return { shareId, kind: 'product', path: sharePath(shareId, params.productId), title: product.name, imageUrl: product.image_url };
  }
  const { rows } = await ctx.db.query<{ nickname: string | null }>('select nickname from members where id = $1', [actor.memberId]);
  const shareId = await insertShare(ctx.db, actor, null, ctx.now);
  const gift = ctx.brand.referral.welcomeCouponTemplateId ? '新人专享好礼等你领' : '每天签到领积分';
  return {
    shareId,
    kind: 'invite',
    path: sharePath(shareId, null),
    title: `${rows[0]?.nickname ?? '好友'}邀请你一起加入会员，${gift}`,
    imageUrl: null,
  };
}

async function insertShare(db: Queryable, actor: Actor, productId: string | null, at: Date): Promise<string> {
  const kind = productId ? 'product' : 'invite';
  const existing = () =>
    db.query<{ id: string }>('select id from shares where sharer_id = $1 and kind = $2 and coalesce(product_id, 0) = coalesce($3::bigint, 0)', [
      actor.memberId,
      kind,
      productId,
    ]);
  for (let attempt = 1; attempt <= ID_ATTEMPTS; attempt++) {
    const found = await existing();
    if (found.rows[0]) return found.rows[0].id;
    // A conflict is either a race for the same target (found next time round) or a taken id (drawn again).
    await db.query(
      `insert into shares (id, sharer_id, kind, product_id, created_at) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [newShareId(), actor.memberId, kind, productId, at],
    );
  }
  const found = await existing();
  if (found.rows[0]) return found.rows[0].id;
  throw new Error('no free share id after several attempts');
}
