import type { CategoryAdminView, CategoryInput } from '../../contract';
import type { UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';

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

export async function saveCategory(ctx: UseCaseContext, params: { category: CategoryInput }): Promise<CategoryAdminView | Failure> {
  const c = params.category;
  const values = [c.name, c.imageUrl, c.position, c.active];
  const { rows } = c.id
    ? await ctx.db.query<CategoryRow>(
        `with c as (update categories set name = $2, image_url = $3, position = $4, active = $5 where id = $1 returning *)
         select ${COLUMNS} from c`,
        [c.id, ...values],
      )
    : await ctx.db.query<CategoryRow>(
        `with c as (insert into categories (name, image_url, position, active) values ($1, $2, $3, $4) returning *)
         select ${COLUMNS} from c`,
        values,
      );
  return rows[0] ? toView(rows[0]) : fail('NOT_FOUND', '分类不存在');
}
