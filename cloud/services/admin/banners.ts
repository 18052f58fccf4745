import type { BannerAdminView, BannerInput } from '../../contract';
import { recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';

interface BannerRow {
  id: string;
  title: string;
  image_url: string;
  product_id: string | null;
  product_name: string | null;
  position: number;
  active: boolean;
}

const COLUMNS = 'b.id, b.title, b.image_url, b.product_id, p.name as product_name, b.position, b.active';

const toView = (r: BannerRow): BannerAdminView => ({
  id: r.id,
  title: r.title,
  imageUrl: r.image_url,
  productId: r.product_id,
  productName: r.product_name,
  position: r.position,
  active: r.active,
});

export async function listBanners(ctx: UseCaseContext): Promise<BannerAdminView[]> {
  const { rows } = await ctx.db.query<BannerRow>(
    `select ${COLUMNS} from banners b left join products p on p.id = b.product_id order by b.position, b.id limit 100`,
  );
  return rows.map(toView);
}

/** actor null: set-up by the system (seed data, tests), not audited. */
export async function saveBanner(ctx: UseCaseContext, actor: Actor | null, params: { banner: BannerInput }): Promise<BannerAdminView | Failure> {
  const b = params.banner;
  if (b.productId) {
    // Products are never deleted (orders point at them), so this check holds until the write.
    const product = await ctx.db.query('select id from products where id = $1', [b.productId]);
    if (!product.rows[0]) return fail('CATALOG_INVALID', '横幅关联的商品不存在', [{ path: 'banner.productId', message: '横幅关联的商品不存在' }]);
  }
  const values = [b.title, b.imageUrl, b.productId, b.position, b.active];
  return transactionOrFailure(ctx.db, async (tx) => {
    const before = b.id ? await rowState(tx, 'banners', b.id) : null;
    const { rows } = b.id
      ? await tx.query<BannerRow>(
          `with b as (update banners set title = $2, image_url = $3, product_id = $4, position = $5, active = $6 where id = $1 returning *)
           select ${COLUMNS} from b left join products p on p.id = b.product_id`,
          [b.id, ...values],
        )
      : await tx.query<BannerRow>(
          `with b as (insert into banners (title, image_url, product_id, position, active) values ($1, $2, $3, $4, $5) returning *)
           select ${COLUMNS} from b left join products p on p.id = b.product_id`,
          values,
        );
    if (!rows[0]) return fail('NOT_FOUND', '横幅不存在');
    const after = await rowState(tx, 'banners', rows[0].id);
    await recordAudit(tx, { actor, at: ctx.now, kind: 'banner.save', targetType: 'banner', targetId: rows[0].id, before, after });
    return toView(rows[0]);
  });
}
