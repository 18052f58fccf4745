/** The coupon templates an admin may give, as options of a picker. */
import type { CouponTemplateView } from '@cloud/contract';
import { couponCondition, couponValue } from '@/utils/money';
import type { SheetOption } from './OptionSheet';

export function templateOptions(templates: readonly CouponTemplateView[]): SheetOption[] {
  return templates
    .filter((t) => t.active)
    .map((t) => ({
      value: t.id,
      name: t.name,
      sub: `${couponValue(t)} · ${couponCondition(t)}${t.validDays ? ` · 领取后 ${t.validDays} 天有效` : t.validUntil ? ` · 至 ${t.validUntil}` : ''}`,
    }));
}
