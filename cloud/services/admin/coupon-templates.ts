import type { CouponTemplateInput, CouponTemplateView } from '../../contract';
import { couponTemplateProblem } from '../../domain/coupons';
import { recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { TEMPLATE_COLUMNS, toTemplateView, type TemplateRow } from '../coupons/template-row';

const PROBLEMS = {
  NO_DISCOUNT: '请填写优惠金额或折扣（1–90%）',
  BAD_VALIDITY: '有效期请二选一：固定日期，或领取后 N 天',
  DISCOUNT_ABOVE_THRESHOLD: '减免金额不能高于使用门槛',
} as const;

export async function listCouponTemplates(ctx: UseCaseContext): Promise<CouponTemplateView[]> {
  const { rows } = await ctx.db.query<TemplateRow>(`select ${TEMPLATE_COLUMNS} from coupon_templates order by id desc limit 200`);
  return rows.map(toTemplateView);
}

/** actor null: set-up by the system (seed data, tests), not audited. */
export async function saveCouponTemplate(
  ctx: UseCaseContext,
  actor: Actor | null,
  params: { template: CouponTemplateInput },
): Promise<CouponTemplateView | Failure> {
  const t = params.template;
  const problem = couponTemplateProblem(t);
  if (problem) {
    // The field the editor shows the message at: the discount the kind uses, or the validity.
    const field = problem === 'BAD_VALIDITY' ? 'validDays' : t.kind === 'percent_off' ? 'percentOff' : 'amountOffFen';
    return fail('INVALID_PARAMS', PROBLEMS[problem], [{ path: `template.${field}`, message: PROBLEMS[problem] }]);
  }
  const values = [
    t.name,
    t.kind,
    t.amountOffFen,
    t.percentOff,
    t.capFen,
    t.thresholdFen,
    t.validFrom,
    t.validUntil,
    t.validDays,
    t.categoryIds,
    t.perMemberLimit,
    t.active,
  ];
  return transactionOrFailure(ctx.db, async (tx) => {
    const before = t.id ? await rowState(tx, 'coupon_templates', t.id) : null;
    const { rows } = t.id
      ? await tx.query<TemplateRow>(
          `update coupon_templates set name = $2, kind = $3, amount_off_fen = $4, percent_off = $5, cap_fen = $6,
             threshold_fen = $7, valid_from = $8, valid_until = $9, valid_days = $10, category_ids = $11,
             per_member_limit = $12, active = $13
           where id = $1 returning ${TEMPLATE_COLUMNS}`,
          [t.id, ...values],
        )
      : await tx.query<TemplateRow>(
          `insert into coupon_templates (name, kind, amount_off_fen, percent_off, cap_fen, threshold_fen, valid_from,
             valid_until, valid_days, category_ids, per_member_limit, active)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning ${TEMPLATE_COLUMNS}`,
          values,
        );
    if (!rows[0]) return fail('NOT_FOUND', '优惠券模板不存在');
    const view = toTemplateView(rows[0]);
    await recordAudit(tx, {
      actor,
      at: ctx.now,
      kind: 'couponTemplate.save',
      targetType: 'couponTemplate',
      targetId: view.id,
      before,
      after: await rowState(tx, 'coupon_templates', view.id),
    });
    return view;
  });
}
