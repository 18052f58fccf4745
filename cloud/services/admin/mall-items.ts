import type { MallItemAdminView, MallItemInput } from '../../contract';
import { toBrandIso } from '../../domain/business-day';
import { recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { mallItemColumns, type MallItemRow } from '../mall/mall-item-row';

const COLUMNS = mallItemColumns();

function toView(r: MallItemRow, timeZone: string): MallItemAdminView {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    imageUrl: r.image_url,
    kind: r.kind,
    couponTemplateId: r.coupon_template_id,
    currency: r.currency,
    pointsPrice: r.points_price,
    cashFen: r.cash_fen,
    stock: r.stock,
    redeemed: r.redeemed,
    perMemberLimit: r.per_member_limit,
    minTier: r.min_tier,
    startsAt: r.starts_at ? toBrandIso(r.starts_at, timeZone) : null,
    endsAt: r.ends_at ? toBrandIso(r.ends_at, timeZone) : null,
    active: r.active,
  };
}

export async function listMallItems(ctx: UseCaseContext): Promise<MallItemAdminView[]> {
  const { rows } = await ctx.db.query<MallItemRow>(`select ${COLUMNS} from mall_items order by id desc limit 200`);
  return rows.map((r) => toView(r, ctx.brand.timeZone));
}

/** A refusal with the field (of params.item) the editor shows it at. */
const refuse = (field: string, message: string) => fail('INVALID_PARAMS', message, [{ path: `item.${field}`, message }]);

/** actor null: set-up by the system (seed data, tests), not audited. */
export async function saveMallItem(ctx: UseCaseContext, actor: Actor | null, params: { item: MallItemInput }): Promise<MallItemAdminView | Failure> {
  const i = params.item;
  if ((i.kind === 'coupon') !== (i.couponTemplateId !== null)) return refuse('couponTemplateId', '优惠券商品需选择券模板，实物商品不能选择券模板');
  if (i.currency === 'group_points' && i.cashFen > 0) return refuse('cashFen', '社群积分商品不能加钱换购');
  if (i.startsAt && i.endsAt && new Date(i.startsAt) >= new Date(i.endsAt)) return refuse('endsAt', '结束时间必须晚于开始时间');
  const values = [
    i.name,
    i.description,
    i.imageUrl,
    i.kind,
    i.couponTemplateId,
    i.pointsPrice,
    i.cashFen,
    i.stock,
    i.perMemberLimit,
    i.minTier,
    i.startsAt,
    i.endsAt,
    i.active,
    i.currency,
  ];
  return transactionOrFailure(ctx.db, async (tx) => {
    const before = i.id ? await rowState(tx, 'mall_items', i.id) : null;
    const { rows } = i.id
      ? await tx.query<MallItemRow>(
          `update mall_items set name = $2, description = $3, image_url = $4, kind = $5, coupon_template_id = $6,
             points_price = $7, cash_fen = $8, stock = $9, per_member_limit = $10, min_tier = $11, starts_at = $12,
             ends_at = $13, active = $14, currency = $15
           where id = $1 and ($9::int is null or redeemed <= $9::int) and (currency = $15 or redeemed = 0) returning ${COLUMNS}`,
          [i.id, ...values],
        )
      : await tx.query<MallItemRow>(
          `insert into mall_items (name, description, image_url, kind, coupon_template_id, points_price, cash_fen, stock,
             per_member_limit, min_tier, starts_at, ends_at, active, currency)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning ${COLUMNS}`,
          values,
        );
    if (!rows[0]) {
      // What members paid is read in the item's currency (我的兑换): it stays once anyone redeemed.
      if (before && (before as { currency?: string }).currency !== i.currency) return refuse('currency', '已有会员兑换过，不能更换兑换所用的积分；请新建一个商品');
      return refuse('stock', '商品不存在，或库存低于已兑换数量');
    }
    const after = await rowState(tx, 'mall_items', rows[0].id);
    await recordAudit(tx, { actor, at: ctx.now, kind: 'mallItem.save', targetType: 'mallItem', targetId: rows[0].id, before, after });
    return toView(rows[0], ctx.brand.timeZone);
  });
}
