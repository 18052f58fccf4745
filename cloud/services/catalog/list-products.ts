import type { ProductPage } from '../../contract';
import type { Actor, UseCaseContext } from '../context';
import { cardColumns, CARD_JOINS, pricingFor, toCard, type CardRow } from './product-card';

const PAGE = 20;

/** A category (or the whole catalogue) page by page; the cursor is the offset of the next page. */
export async function listProducts(
  ctx: UseCaseContext,
  actor: Actor,
  params: { categoryId?: string; cursor?: string },
): Promise<ProductPage> {
  const offset = Number(params.cursor ?? 0);
  const { rows } = await ctx.db.query<CardRow>(
    `select ${cardColumns('$4')} from products p ${CARD_JOINS}
     where p.active and ($2::bigint is null or p.category_id = $2)
     order by p.position, p.id limit ${PAGE + 1} offset $3`,
    [ctx.now, params.categoryId ?? null, offset, actor.memberId],
  );
  const rates = pricingFor(ctx, actor);
  return {
    items: rows.slice(0, PAGE).map((r) => toCard(r, ctx, rates)),
    nextCursor: rows.length > PAGE ? String(offset + PAGE) : null,
  };
}
