import type { CategoryAdminView, CategoryInput } from '../../contract';
import { recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';

interface CategoryRow {
  id: string;
  name: string;
  image_url: string | null;
  position: number;
  active: boolean;
  product_count: number;
}

const COLUMNS = `c.id, c.name, c.image_url, c.position, c.active,
  (select count(*)::int from products p where p.category_id = c.id) as product_count`;

const toView = (r: CategoryRow): CategoryAdminView => ({
  id: r.id,
  name: r.name,
  imageUrl: r.image_url,
  position: r.position,
  active: r.active,
  productCount: r.product_count,
});

export async function listCategories(ctx: UseCaseContext): Promise<CategoryAdminView[]> {
  const { rows } = await ctx.db.query<CategoryRow>(`select ${COLUMNS} from categories c order by c.position, c.id limit 200`);
  return rows.map(toView);
}

/** actor null: set-up by the system (seed data, tests), not audited. */
export async function saveCategory(ctx: UseCaseContext, actor: Actor | null, params: { category: CategoryInput }): Promise<CategoryAdminView | Failure> {
  const c = params.category;
  const values = [c.name, c.imageUrl, c.position, c.active];
  return transactionOrFailure(ctx.db, async (tx) => {
    const before = c.id ? await rowState(tx, 'categories', c.id) : null;
    const { rows } = c.id
      ? await tx.query<CategoryRow>(
          `with c as (update categories set name = $2, image_url = $3, position = $4, active = $5 where id = $1 returning *)
           select ${COLUMNS} from c`,
          [c.id, ...values],
        )
      : await tx.query<CategoryRow>(
          `with c as (insert into categories (name, image_url, position, active) values ($1, $2, $3, $4) returning *)
           select ${COLUMNS} from c`,
          values,
        );
    if (!rows[0]) return fail('NOT_FOUND', '分类不存在');
    const after = await rowState(tx, 'categories', rows[0].id);
    await recordAudit(tx, { actor, at: ctx.now, kind: 'category.save', targetType: 'category', targetId: rows[0].id, before, after });
    return toView(rows[0]);
  });
}
