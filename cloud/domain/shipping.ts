/**
 * 运费: what delivering an order costs the member. Free for tiers with the freeShipping
 * benefit, and for orders whose goods (after every discount and the coupon) reach the brand's
 * free-shipping amount; otherwise the brand's flat fee. The coupon never comes off the fee.
 */
export interface ShippingRule {
  /** The fee in fen for an order that does not ship free. */
  feeFen: number;
  /** Goods worth at least this much (fen) ship free; null = no amount makes it free. */
  freeFromFen: number | null;
}

export function shippingFeeFen(rule: ShippingRule, goodsFen: number, tierShipsFree: boolean): number {
  if (tierShipsFree) return 0;
  if (rule.freeFromFen !== null && goodsFen >= rule.freeFromFen) return 0;
  return rule.feeFen;
}
