/** `catalog`: 首页 (banners, 新款首发, 爆款秒杀, 晚10点夜市), category pages, product detail. */
import { z } from 'zod';
import type { TierKey } from '../domain/brand-settings';
import type { FlashAllowance } from '../domain/pricing';
import type { ShippingTerms } from './order';
import { id, noParams, returns } from './primitives';

export interface CategoryView {
  id: string;
  name: string;
  imageUrl: string | null;
}

/**
 * My share of a flash sale's per-member limit: `used` counts the units my orders hold (an unpaid
 * one too, until it is cancelled or expires and gives them back; a refunded one keeps them).
 */
export type { FlashAllowance };

export interface FlashSaleView {
  id: string;
  priceFen: number;
  startsAt: string;
  endsAt: string;
  total: number;
  remaining: number;
  perMemberLimit: number;
  /** upcoming: later today or soon; live: buy now at the flash price. */
  state: 'upcoming' | 'live' | 'sold_out';
}

export interface ProductCard {
  id: string;
  name: string;
  subtitle: string;
  imageUrl: string | null;
  categoryId: string;
  /** The lowest list price over the SKUs. */
  priceFen: number;
  /** The lowest price for my tier (and member day, when it is today). */
  memberPriceFen: number;
  /** In its 新款首发 window now. */
  isNew: boolean;
  /** Every SKU is out of stock. */
  soldOut: boolean;
  /** The flash sale shown, with how much of its per-member limit I have used. */
  flashSale: (FlashSaleView & { mine: FlashAllowance }) | null;
}

export interface SkuView {
  id: string;
  size: string;
  color: string;
  /** "黑色 / M" */
  label: string;
  priceFen: number;
  /** What checkout charges me for one: my member price, or the flash-sale price when that is lower and my allowance is not used up. */
  memberPriceFen: number;
  /** memberPriceFen is the flash-sale price: final, no member discount or coupon on top. */
  flash: boolean;
  stock: number;
}

export interface ProductDetail extends ProductCard {
  images: string[];
  description: string;
  category: { id: string; name: string };
  skus: SkuView[];
  launch: { startsAt: string; endsAt: string } | null;
  /** What makes up my price at checkout (with each SKU's `flash`), and what shipping costs. */
  pricing: {
    tier: { key: TierKey; name: string };
    memberPriceRate: number;
    memberDay: boolean;
    memberDayRate: number | null;
    /** The lowest tier above mine whose member price is lower than mine, for a member who could get one. */
    betterTier: { name: string; memberPriceRate: number } | null;
    shipping: ShippingTerms;
  };
}

export interface NightMarketView {
  category: { id: string; name: string };
  /** When tonight's market opened and when it closes (brand time, ISO). */
  opensAt: string;
  closesAt: string;
  products: ProductCard[];
}

export interface HomeView {
  banners: Array<{ id: string; title: string; imageUrl: string; productId: string | null }>;
  newLaunches: ProductCard[];
  /** Flash sales live now or starting within the next 24 hours. */
  flashSales: ProductCard[];
  nightMarket: NightMarketView | null;
  categories: CategoryView[];
  memberDay: boolean;
}

export interface ProductPage {
  items: ProductCard[];
  nextCursor: string | null;
}

export const catalog = {
  /** 首页: banners, new launches, flash sales, tonight's night market (null when closed), categories. */
  home: { params: noParams, result: returns<HomeView>() },
  list: {
    params: z.object({ categoryId: id.optional(), cursor: z.string().regex(/^\d{1,9}$/).optional() }).strict(),
    result: returns<ProductPage>(),
  },
  /** A product with its SKUs and my member price. */
  detail: { params: z.object({ productId: id }).strict(), result: returns<ProductDetail>() },
} as const;
