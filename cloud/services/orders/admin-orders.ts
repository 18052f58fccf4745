/**
 * 订单 in the 运营 tab: shop orders (加钱换购 orders are followed on their redemption, see
 * gift-fulfilment.ts) newest first, all or one status, found by order id or member id, a page at
 * a time with a keyset cursor (the last order id shown); and one order with its member.
 *
 * How each condition finds its rows at millions of orders: a status walks
 * `orders_admin_status_idx (status, id desc)` from the cursor down (migration 0022); 全部 walks
 * the primary key; an order id is the primary key, a member id `orders_member_idx`.
 */
import type { AdminOrderDetail, AdminOrderListItem, AdminOrdersPage, ParamsOut } from '../../contract';
import { ADMIN_ORDERS_PAGE } from '../../contract/admin-orders';
import type { TierKey } from '../../domain/brand-settings';
import { toBrandIso } from '../../domain/business-day';
import type { UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { withTimeline } from './my-orders';
import { loadOrderRow } from './order-row';

interface ListRow {
  id: string;
  status: AdminOrderListItem['status'];
  member_id: string;
  nickname: string | null;
  product_name: string;
  sku_label: string;
  qty: number;
  image_url: string | null;
  total_fen: number;
  created_at: Date;
  paid_at: Date | null;
  open_after_sales: AdminOrderListItem['openAfterSales'];
}

export async function listAdminOrders(ctx: UseCaseContext, params: ParamsOut<'admin', 'orders'>): Promise<AdminOrdersPage> {
  const args: unknown[] = [];
  const arg = (value: unknown) => `$${args.push(value)}`;
  const where = ['o.mall_item_id is null'];
  if (params.status) where.push(`o.status = ${arg(params.status)}`);
  if (params.query) {
    const q = arg(params.query);
    where.push(`(o.id = ${q}::bigint or o.member_id = ${q}::bigint)`);
  }
  if (params.cursor) where.push(`o.id < ${arg(params.cursor)}::bigint`);

  const { rows } = await ctx.db.query<ListRow>(
    `select o.id, o.status, o.member_id, m.nickname, o.product_name, o.sku_label, o.qty, o.image_url, o.total_fen, o.created_at, o.paid_at,
       (select r.kind from refund_requests r where r.order_id = o.id and r.status = 'pending') as open_after_sales
     from orders o join members m on m.id = o.member_id
     where ${where.join(' and ')}
     order by o.id desc
     limit ${ADMIN_ORDERS_PAGE + 1}`,
    args,
  );
  const timeZone = ctx.brand.timeZone;
  const page = rows.slice(0, ADMIN_ORDERS_PAGE);
  return {
    items: page.map((r) => ({
      id: r.id,
      status: r.status,
      member: { id: r.member_id, nickname: r.nickname },
      goods: { name: r.product_name, skuLabel: r.sku_label, qty: r.qty, imageUrl: r.image_url },
      totalFen: r.total_fen,
      createdAt: toBrandIso(r.created_at, timeZone),
      paidAt: r.paid_at ? toBrandIso(r.paid_at, timeZone) : null,
      openAfterSales: r.open_after_sales,
    })),
    nextCursor: rows.length > ADMIN_ORDERS_PAGE ? page[page.length - 1]!.id : null,
  };
}

/** One order as staff see it: what the member sees, and who the member is. */
export async function adminOrderDetail(ctx: UseCaseContext, params: { orderId: string }): Promise<AdminOrderDetail | Failure> {
  const order = await loadOrderRow(ctx.db, params.orderId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  const { rows } = await ctx.db.query<{ nickname: string | null; tier: TierKey; deleted: boolean }>(
    'select nickname, tier, deleted_at is not null as deleted from members where id = $1',
    [order.member_id],
  );
  const member = rows[0]!;
  return { ...(await withTimeline(ctx, order)), member: { id: order.member_id, nickname: member.nickname, tier: member.tier, deleted: member.deleted } };
}
