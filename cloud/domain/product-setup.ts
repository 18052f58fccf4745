/**
 * What makes a product or a flash sale fit to sell, as operations staff set them up. Money is
 * integer fen; windows are half-open [startsAt, endsAt).
 */

export type ProductProblem = 'DUPLICATE_SKU' | 'HALF_LAUNCH_WINDOW' | 'BAD_LAUNCH_WINDOW';

export interface ProductSetup {
  skus: ReadonlyArray<{ size: string; color: string }>;
  launchStartsAt: Date | null;
  launchEndsAt: Date | null;
}

/** A SKU is its (size, colour) pair: the table's unique key. */
const skuKey = (s: { size: string; color: string }) => `${s.size}\u0000${s.color}`;

export function productProblem(p: ProductSetup): ProductProblem | null {
  if (new Set(p.skus.map(skuKey)).size !== p.skus.length) return 'DUPLICATE_SKU';
  if ((p.launchStartsAt === null) !== (p.launchEndsAt === null)) return 'HALF_LAUNCH_WINDOW';
  if (p.launchStartsAt && p.launchEndsAt && p.launchEndsAt <= p.launchStartsAt) return 'BAD_LAUNCH_WINDOW';
  return null;
}

export type FlashSaleProblem = 'BAD_WINDOW' | 'ALREADY_ENDED' | 'PRICE_NOT_BELOW' | 'STOCK_BELOW_TAKEN';

export interface FlashSaleSetup {
  priceFen: number;
  stock: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * A flash sale must end after it starts and after now, sell below every SKU's own price (or it
 * is no 秒杀), and, when edited, keep at least the stock already taken.
 */
export function flashSaleProblem(
  sale: FlashSaleSetup,
  current: { lowestSkuPriceFen: number | null; alreadyTaken: number },
  now: Date,
): FlashSaleProblem | null {
  if (sale.endsAt <= sale.startsAt) return 'BAD_WINDOW';
  if (sale.endsAt <= now) return 'ALREADY_ENDED';
  if (current.lowestSkuPriceFen === null || sale.priceFen >= current.lowestSkuPriceFen) return 'PRICE_NOT_BELOW';
  if (sale.stock < current.alreadyTaken) return 'STOCK_BELOW_TAKEN';
  return null;
}

export type FlashSaleState = 'upcoming' | 'live' | 'sold_out' | 'ended';

export function flashSaleState(sale: FlashSaleSetup & { taken: number }, now: Date): FlashSaleState {
  if (now >= sale.endsAt) return 'ended';
  if (sale.taken >= sale.stock) return 'sold_out';
  return now < sale.startsAt ? 'upcoming' : 'live';
}
