import type { CouponPreview, CouponTillStatus } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay, toBrandIso } from '../../domain/business-day';
import { parseCouponCode } from '../../domain/coupon-code';
import { couponUsedMessage } from '../../domain/coupons';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { COUPON_VIEW_COLUMNS, toCouponView, type CouponRow } from './coupon-view';

const STAFF_LABELS = { member: '会员', guide: '导购', admin: '管理员' } as const;

/** A coupon as the till sees it, by its code: the coupon, its member, and its use if any. */
export async function couponAtTill(db: Queryable, code: string, now: Date, timeZone: string): Promise<CouponPreview | null> {
  const { rows } = await db.query<
    CouponRow & {
      order_id: string | null;
      used_store: string | null;
      nickname: string | null;
      used_by_name: string | null;
      used_by_role: keyof typeof STAFF_LABELS | null;
    }
  >(
    `select ${COUPON_VIEW_COLUMNS}, c.order_id, c.used_store, m.nickname, s.nickname as used_by_name, s.role as used_by_role
     from coupons c join coupon_templates t on t.id = c.template_id join members m on m.id = c.member_id
       left join members s on s.id = c.used_by
     where c.code = $1`,
    [code],
  );
  const row = rows[0];
  if (!row) return null;
  const coupon = toCouponView(row, businessDay(now, timeZone), timeZone);
  const status: CouponTillStatus = coupon.state === 'available' ? (row.order_id ? 'held' : 'usable') : coupon.state;
  let used: CouponPreview['used'] = null;
  if (row.used_at) {
    // Staff without a nickname are named by their role.
    const by = row.used_by_role ? (row.used_by_name?.trim() || STAFF_LABELS[row.used_by_role]) : null;
    const at = toBrandIso(row.used_at, timeZone);
    used = {
      at,
      store: row.used_store,
      by,
      message: couponUsedMessage({ at: at.slice(0, 16).replace('T', ' '), store: row.used_store, by, inOrder: row.order_id !== null }),
    };
  }
  return { coupon, status, member: { nickname: row.nickname }, used };
}

/** 核销 preview (guides and admins): what the code typed or scanned is, before it is used. */
export async function previewCoupon(ctx: UseCaseContext, _actor: Actor, params: { code: string }): Promise<CouponPreview | Failure> {
  const code = parseCouponCode(params.code);
  if (!code) return fail('COUPON_CODE_FORMAT');
  return (await couponAtTill(ctx.db, code, ctx.now, ctx.brand.timeZone)) ?? fail('COUPON_NOT_FOUND');
}
