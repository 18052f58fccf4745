import type { AuditState, FlashSaleAdminView, FlashSaleInput, FlashSaleListItem } from '../../contract';
import { toBrandIso } from '../../domain/business-day';
import { flashSaleProblem, flashSaleState } from '../../domain/product-setup';
import { recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, Failure, transactionOrFailure } from '../failure';

/** A flash_sales row; times are strings when it comes through json_agg. */
export interface FlashSaleRow {
  id: string;
  product_id: string;
  price_fen: number;
  stock: number;
  taken: number;
  per_member_limit: number;
  starts_at: Date | string;
  ends_at: Date | string;
}

const COLUMNS = 'id, product_id, price_fen, stock, taken, per_member_limit, starts_at, ends_at';

/** Each problem's message and the field the editor shows it at. */
const PROBLEMS = {
  BAD_WINDOW: { path: 'endsAt', message: '秒杀结束时间必须晚于开始时间' },
  ALREADY_ENDED: { path: 'endsAt', message: '秒杀结束时间已过' },
  PRICE_NOT_BELOW: { path: 'priceFen', message: '秒杀价必须低于商品所有规格的最低售价' },
  STOCK_BELOW_TAKEN: { path: 'stock', message: '秒杀库存不能低于已抢数量' },
} as const;

const refuse = ({ path, message }: { path: string; message: string }, code: 'CATALOG_INVALID' | 'NOT_FOUND' = 'CATALOG_INVALID') =>
  fail(code, message, [{ path: `flashSale.${path}`, message }]);

export function toFlashSaleView(r: FlashSaleRow, ctx: UseCaseContext): FlashSaleAdminView {
  const sale = { priceFen: r.price_fen, stock: r.stock, taken: r.taken, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) };
  return {
    id: r.id,
    productId: r.product_id,
    priceFen: r.price_fen,
    stock: r.stock,
    taken: r.taken,
    perMemberLimit: r.per_member_limit,
    startsAt: toBrandIso(sale.startsAt, ctx.brand.timeZone),
    endsAt: toBrandIso(sale.endsAt, ctx.brand.timeZone),
    state: flashSaleState(sale, ctx.now),
  };
}

/** The latest 100 flash sales by start, with their product's name. */
export async function listFlashSales(ctx: UseCaseContext): Promise<FlashSaleListItem[]> {
  const { rows } = await ctx.db.query<FlashSaleRow & { product_name: string }>(
    `select f.id, f.product_id, f.price_fen, f.stock, f.taken, f.per_member_limit, f.starts_at, f.ends_at, p.name as product_name
     from flash_sales f join products p on p.id = f.product_id
     order by f.starts_at desc, f.id desc limit 100`,
  );
  return rows.map((r) => ({ ...toFlashSaleView(r, ctx), productName: r.product_name }));
}

/** 'YYYY-MM-DD HH:mm' in brand time, for messages. */
const brandMinute = (at: Date, timeZone: string) => toBrandIso(at, timeZone).slice(0, 16).replace('T', ' ');

/**
 * Saves a flash sale of a product (an existing one stays with its product). The product row is
 * locked for the check and the write, so two flash sales of one product saved at once cannot
 * both pass the overlap check. `no key update` locks leave orders free to reference the rows
 * (their foreign keys take key-share locks), so an order in flight and this save never deadlock.
 * actor null: set-up by the system (seed data, tests), not audited.
 */
export async function saveFlashSale(ctx: UseCaseContext, actor: Actor | null, params: { flashSale: FlashSaleInput }): Promise<FlashSaleAdminView | Failure> {
  const s = params.flashSale;
  const sale = { priceFen: s.priceFen, stock: s.stock, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) };
  const saved = await transactionOrFailure(ctx.db, async (tx) => {
    const product = await tx.query('select id from products where id = $1 for no key update', [s.productId]);
    if (!product.rows[0]) return refuse({ path: 'productId', message: '商品不存在' }, 'NOT_FOUND');
    let alreadyTaken = 0;
    let before: AuditState = null;
    if (s.id) {
      const { rows } = await tx.query<{ taken: number }>('select taken from flash_sales where id = $1 and product_id = $2 for no key update', [
        s.id,
        s.productId,
      ]);
      if (!rows[0]) return fail('NOT_FOUND', '秒杀活动不存在');
      alreadyTaken = rows[0].taken;
      before = await rowState(tx, 'flash_sales', s.id);
    }
    const { rows: prices } = await tx.query<{ lowest: number | null }>(
      'select min(price_fen)::int as lowest from product_skus where product_id = $1',
      [s.productId],
    );
    const problem = flashSaleProblem(sale, { lowestSkuPriceFen: prices[0]!.lowest, alreadyTaken }, ctx.now);
    if (problem) return refuse(PROBLEMS[problem]);
    const { rows: overlapping } = await tx.query<{ starts_at: Date; ends_at: Date }>(
      `select starts_at, ends_at from flash_sales
       where product_id = $1 and id <> coalesce($2::bigint, 0) and starts_at < $4 and $3 < ends_at
       order by starts_at limit 1`,
      [s.productId, s.id ?? null, sale.startsAt, sale.endsAt],
    );
    const other = overlapping[0];
    if (other) {
      const tz = ctx.brand.timeZone;
      return refuse({ path: 'startsAt', message: `与该商品已有的秒杀时间重叠（${brandMinute(other.starts_at, tz)} 至 ${brandMinute(other.ends_at, tz)}）` });
    }
    const values = [s.productId, s.priceFen, s.stock, s.perMemberLimit, sale.startsAt, sale.endsAt];
    const { rows } = s.id
      ? await tx.query<FlashSaleRow>(
          `update flash_sales set price_fen = $3, stock = $4, per_member_limit = $5, starts_at = $6, ends_at = $7
           where id = $1 and product_id = $2 returning ${COLUMNS}`,
          [s.id, ...values],
        )
      : await tx.query<FlashSaleRow>(
          `insert into flash_sales (product_id, price_fen, stock, per_member_limit, starts_at, ends_at)
           values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
          values,
        );
    const after = await rowState(tx, 'flash_sales', rows[0]!.id);
    await recordAudit(tx, { actor, at: ctx.now, kind: 'flashSale.save', targetType: 'flashSale', targetId: rows[0]!.id, before, after });
    return rows[0]!;
  });
  return saved instanceof Failure ? saved : toFlashSaleView(saved, ctx);
}
