import type { ProductAdminPage, ProductAdminView, ProductInput, SkuAdminView } from '../../contract';
import type { Queryable } from '../../db/port';
import { toBrandIso } from '../../domain/business-day';
import { productProblem } from '../../domain/product-setup';
import { recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, Failure, transactionOrFailure } from '../failure';
import { toFlashSaleView, type FlashSaleRow } from './flash-sales';

const PAGE_SIZE = 20;

const PROBLEMS = {
  DUPLICATE_SKU: '规格重复：同一尺码和颜色只能有一个规格',
  HALF_LAUNCH_WINDOW: '新款首发请同时填写开始和结束时间，或都不填',
  BAD_LAUNCH_WINDOW: '新款首发结束时间必须晚于开始时间',
} as const;

interface ProductRow {
  id: string;
  category_id: string;
  category_name: string;
  name: string;
  subtitle: string;
  description: string;
  images: string[];
  launch_starts_at: Date | null;
  launch_ends_at: Date | null;
  active: boolean;
  position: number;
  created_at: Date;
  skus: SkuAdminView[];
  flash_sales: FlashSaleRow[];
}

/** Products with their category, SKUs and flash sales in one query; `where` may use $1, $2 … of `params`. */
async function queryProducts(q: Queryable, where: string, params: unknown[], limit: number): Promise<ProductRow[]> {
  const { rows } = await q.query<ProductRow>(
    `select p.id, p.category_id, c.name as category_name, p.name, p.subtitle, p.description, p.images::text[] as images,
       p.launch_starts_at, p.launch_ends_at, p.active, p.position, p.created_at,
       coalesce((select json_agg(json_build_object('id', s.id::text, 'size', s.size, 'color', s.color, 'priceFen', s.price_fen,
           'stock', s.stock, 'sold', s.sold, 'position', s.position) order by s.position, s.id)
         from product_skus s where s.product_id = p.id), '[]') as skus,
       coalesce((select json_agg(json_build_object('id', f.id::text, 'product_id', f.product_id::text, 'price_fen', f.price_fen,
           'stock', f.stock, 'taken', f.taken, 'per_member_limit', f.per_member_limit, 'starts_at', f.starts_at,
           'ends_at', f.ends_at) order by f.starts_at desc)
         from flash_sales f where f.product_id = p.id), '[]') as flash_sales
     from products p join categories c on c.id = p.category_id
     where ${where}
     order by p.id desc limit ${limit}`,
    params,
  );
  return rows;
}

function toView(r: ProductRow, ctx: UseCaseContext): ProductAdminView {
  const tz = ctx.brand.timeZone;
  return {
    id: r.id,
    categoryId: r.category_id,
    categoryName: r.category_name,
    name: r.name,
    subtitle: r.subtitle,
    description: r.description,
    images: r.images,
    launchStartsAt: r.launch_starts_at ? toBrandIso(r.launch_starts_at, tz) : null,
    launchEndsAt: r.launch_ends_at ? toBrandIso(r.launch_ends_at, tz) : null,
    active: r.active,
    position: r.position,
    skus: r.skus,
    stock: r.skus.reduce((sum, s) => sum + s.stock, 0),
    sold: r.skus.reduce((sum, s) => sum + s.sold, 0),
    flashSales: r.flash_sales.map((f) => toFlashSaleView(f, ctx)),
    createdAt: toBrandIso(r.created_at, tz),
  };
}

/** `search` as a literal part of a name in a LIKE pattern: its % and _ are no wildcards. */
const likePart = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest first, 20 a page; the cursor is the last product id of the page before. */
export async function listProducts(ctx: UseCaseContext, params: { categoryId?: string; search?: string; cursor?: string }): Promise<ProductAdminPage> {
  const rows = await queryProducts(
    ctx.db,
    '($1::bigint is null or p.category_id = $1) and ($2::bigint is null or p.id < $2) and ($3::text is null or p.name ilike $3)',
    [params.categoryId ?? null, params.cursor ?? null, params.search ? likePart(params.search) : null],
    PAGE_SIZE + 1,
  );
  const items = rows.slice(0, PAGE_SIZE).map((r) => toView(r, ctx));
  return { items, nextCursor: rows.length > PAGE_SIZE ? items[items.length - 1]!.id : null };
}

export async function getProduct(ctx: UseCaseContext, params: { id: string }): Promise<ProductAdminView | Failure> {
  const [row] = await queryProducts(ctx.db, 'p.id = $1', [params.id], 1);
  return row ? toView(row, ctx) : fail('NOT_FOUND', '商品不存在');
}

/** A refusal with the field the editor shows it at, by its path in the params. */
const refuse = (field: string, message: string) => fail('CATALOG_INVALID', message, [{ path: `product.${field}`, message }]);

/** Where the editor shows a product's problem: the repeated SKU's size, the launch time to fix. */
function problemPath(problem: keyof typeof PROBLEMS, p: ProductInput): string {
  if (problem === 'DUPLICATE_SKU') {
    const keys = p.skus.map((s) => `${s.size}\u0000${s.color}`);
    return `skus.${keys.findIndex((k, i) => keys.indexOf(k) !== i)}.size`;
  }
  return problem === 'HALF_LAUNCH_WINDOW' && p.launchStartsAt === null ? 'launchStartsAt' : 'launchEndsAt';
}

const skuName = (s: { size: string; color: string }) => [s.size, s.color].filter(Boolean).join(' / ') || '该规格';

/**
 * Saves a product with its SKUs in one transaction. SKUs are matched by (size, colour): a pair
 * already there gets the new price and stock only while its stock is still the one the form saw
 * (an order reserving since makes the save a 409 at that SKU's stock, never an overwrite), a new
 * pair is added, and a pair left out keeps its row (orders point at it) with stock 0, so it can
 * no longer be bought, listed last.
 * actor null: set-up by the system (seed data, tests), not audited.
 */
export async function saveProduct(ctx: UseCaseContext, actor: Actor | null, params: { product: ProductInput }): Promise<ProductAdminView | Failure> {
  const p = params.product;
  const launch = {
    launchStartsAt: p.launchStartsAt ? new Date(p.launchStartsAt) : null,
    launchEndsAt: p.launchEndsAt ? new Date(p.launchEndsAt) : null,
  };
  const problem = productProblem({ skus: p.skus, ...launch });
  if (problem) return refuse(problemPath(problem, p), PROBLEMS[problem]);
  const saved = await transactionOrFailure(ctx.db, async (tx) => {
    // Categories are never deleted, so this check holds until the write below.
    const category = await tx.query('select id from categories where id = $1', [p.categoryId]);
    if (!category.rows[0]) return refuse('categoryId', '所选分类不存在');
    const before = p.id ? await rowState(tx, 'products', p.id) : null;
    const values = [p.categoryId, p.name, p.subtitle, p.description, p.images, launch.launchStartsAt, launch.launchEndsAt, p.active, p.position];
    const { rows } = p.id
      ? await tx.query<{ id: string }>(
          `update products set category_id = $2, name = $3, subtitle = $4, description = $5, images = $6,
             launch_starts_at = $7, launch_ends_at = $8, active = $9, position = $10
           where id = $1 returning id`,
          [p.id, ...values],
        )
      : await tx.query<{ id: string }>(
          `insert into products (category_id, name, subtitle, description, images, launch_starts_at, launch_ends_at, active, position)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
          values,
        );
    const id = rows[0]?.id;
    if (!id) return fail('NOT_FOUND', '商品不存在');
    const skus = [id, p.skus.map((s) => s.size), p.skus.map((s) => s.color), p.skus.map((s) => s.priceFen), p.skus.map((s) => s.stock), p.skus.map((s) => s.stockSeen)];
    const input = 'unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::int[]) with ordinality as s(size, color, price_fen, stock, stock_seen, n)';
    // A pair already there is written only at the stock the form saw (re-checked after waiting
    // for an order reserving it); a new pair is inserted unless someone added it meanwhile.
    // A pair neither written nor inserted is stale.
    const { rows: stale } = await tx.query<{ n: number }>(
      `with updated as (
         update product_skus k set price_fen = s.price_fen, stock = s.stock, position = (s.n - 1)::int
         from ${input}
         where k.product_id = $1 and k.size = s.size and k.color = s.color and k.stock = s.stock_seen
         returning s.n),
       inserted as (
         insert into product_skus (product_id, size, color, price_fen, stock, position)
         select $1, s.size, s.color, s.price_fen, s.stock, (s.n - 1)::int from ${input} where s.stock_seen is null
         on conflict (product_id, size, color) do nothing
         returning position + 1 as n)
       select (s.n - 1)::int as n from ${input}
       where s.n not in (select n from updated) and s.n not in (select n from inserted)
       order by s.n limit 1`,
      skus,
    );
    if (stale[0]) {
      const sku = p.skus[stale[0].n]!;
      // A statement of its own, so it reads the stock as the order that changed it left it.
      const { rows: now } = await tx.query<{ stock: number }>('select stock from product_skus where product_id = $1 and size = $2 and color = $3', [id, sku.size, sku.color]);
      const message = now[0]
        ? `${skuName(sku)} 的库存已变为 ${now[0].stock}（期间有订单或他人修改），请按现有库存重新填写`
        : `${skuName(sku)} 不是已有规格，请刷新后重新填写`;
      return fail('STOCK_CHANGED', message, [{ path: `product.skus.${stale[0].n}.stock`, message }]);
    }
    await tx.query(
      `update product_skus set stock = 0, position = $4
       where product_id = $1 and (size, color) not in (select * from unnest($2::text[], $3::text[]))`,
      [id, skus[1], skus[2], p.skus.length],
    );
    await recordAudit(tx, { actor, at: ctx.now, kind: 'product.save', targetType: 'product', targetId: id, before, after: await rowState(tx, 'products', id) });
    return id;
  });
  if (saved instanceof Failure) return saved;
  return getProduct(ctx, { id: saved }) as Promise<ProductAdminView>;
}
