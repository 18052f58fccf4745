import type { MallCurrency } from '../../contract';
import type { TierKey } from '../../domain/brand-settings';

/** A mall_items row as the mall and its admin read it. */
export interface MallItemRow {
  id: string;
  name: string;
  description: string;
  image_url: string | null;
  kind: 'coupon' | 'goods';
  coupon_template_id: string | null;
  /** What points_price is counted in. */
  currency: MallCurrency;
  points_price: number;
  cash_fen: number;
  stock: number | null;
  redeemed: number;
  per_member_limit: number | null;
  min_tier: TierKey;
  starts_at: Date | null;
  ends_at: Date | null;
  active: boolean;
}

/** Its columns, qualified with `alias` when the query joins. */
export const mallItemColumns = (alias = '') =>
  ['id', 'name', 'description', 'image_url', 'kind', 'coupon_template_id', 'currency', 'points_price', 'cash_fen', 'stock', 'redeemed',
    'per_member_limit', 'min_tier', 'starts_at', 'ends_at', 'active']
    .map((c) => (alias ? `${alias}.${c}` : c))
    .join(', ');
