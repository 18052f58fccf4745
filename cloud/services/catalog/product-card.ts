/**
 * Product cards as a member sees them: the lowest list price, my member price, the 新款 and
 * 秒杀 state. One SQL shape for every list (home rows, categories, night market).
 */
import type { FlashSaleView, ProductCard } from '../../contract';
import { businessDay, toBrandIso } from '../../domain/business-day';
import { flashAllowance, flashPriceFor, memberRates, unitPrice, type FlashAllowance, type MemberRates } from '../../domain/pricing';
import type { Actor, UseCaseContext } from '../context';
import { myFlashTakenSql } from '../orders/stock-reservations';

/** How far ahead an upcoming flash sale is already shown. */
export const FLASH_PREVIEW_HOURS = 24;

export interface CardRow {
  id: string;
  name: string;
  subtitle: string;
  image_url: string | null;
  category_id: string;
  price_fen: number;
  sold_out: boolean;
  is_new: boolean;
  flash_id: string | null;
  flash_price_fen: number | null;
  flash_starts_at: Date | null;
  flash_ends_at: Date | null;
  flash_stock: number | null;
  flash_taken: number | null;
  flash_limit: number | null;
  /** How much of the flash sale's per-member limit the member has used. */
  my_flash_taken: number;
}

/**
 * Columns of a card for products `p`; `$1` must be the request's instant and `member` the
 * parameter holding the member's id. The flash sale shown is the one live now, else the next one
 * starting within FLASH_PREVIEW_HOURS, with the member's count in it (the count ordering keeps).
 */
export const cardColumns = (member: string) => `p.id, p.name, p.subtitle, p.images[1] as image_url, p.category_id,
  s.price_fen, s.sold_out,
  coalesce(p.launch_starts_at <= $1 and $1 < p.launch_ends_at, false) as is_new,
  f.id as flash_id, f.price_fen as flash_price_fen, f.starts_at as flash_starts_at, f.ends_at as flash_ends_at,
  f.stock as flash_stock, f.taken as flash_taken, f.per_member_limit as flash_limit,
  ${myFlashTakenSql(member)} as my_flash_taken`;

export const CARD_JOINS = `
  join lateral (
    select min(price_fen)::int as price_fen, bool_and(stock = 0) as sold_out from product_skus where product_id = p.id
  ) s on s.price_fen is not null
  left join lateral (
    select * from flash_sales f
    where f.product_id = p.id and f.ends_at > $1 and f.starts_at < $1 + interval '${FLASH_PREVIEW_HOURS} hours'
    order by f.starts_at limit 1
  ) f on true`;

/** The rates that make my price today: tier, member day. */
export function pricingFor(ctx: UseCaseContext, actor: Actor): MemberRates {
  return memberRates(ctx.brand, actor.tier, businessDay(ctx.now, ctx.brand.timeZone));
}

export function flashSaleView(row: CardRow, now: Date, timeZone: string): ProductCard['flashSale'] {
  if (row.flash_id === null) return null;
  const remaining = Math.max(0, row.flash_stock! - row.flash_taken!);
  return {
    id: row.flash_id,
    priceFen: row.flash_price_fen!,
    startsAt: toBrandIso(row.flash_starts_at!, timeZone),
    endsAt: toBrandIso(row.flash_ends_at!, timeZone),
    total: row.flash_stock!,
    remaining,
    perMemberLimit: row.flash_limit!,
    state: now < row.flash_starts_at! ? 'upcoming' : remaining === 0 ? 'sold_out' : 'live',
    mine: flashAllowance(row.flash_limit!, row.my_flash_taken),
  };
}

/** My price for a list price, given the product's flash sale state and my allowance in it (null: not known). */
export function myUnitPrice(listFen: number, flash: FlashSaleView | null, rates: MemberRates, allowance: FlashAllowance | null = null) {
  return unitPrice({
    listFen,
    tierRate: rates.tierRate,
    memberDayRate: rates.memberDayRate,
    flashPriceFen: flash ? flashPriceFor(flash.state === 'live', flash.priceFen, allowance) : null,
  });
}

export function toCard(row: CardRow, ctx: UseCaseContext, rates: MemberRates): ProductCard {
  const flashSale = flashSaleView(row, ctx.now, ctx.brand.timeZone);
  return {
    id: row.id,
    name: row.name,
    subtitle: row.subtitle,
    imageUrl: row.image_url,
    categoryId: row.category_id,
    priceFen: row.price_fen,
    memberPriceFen: myUnitPrice(row.price_fen, flashSale, rates, flashSale?.mine ?? null).unitFen,
    isNew: row.is_new,
    soldOut: row.sold_out,
    flashSale,
  };
}
