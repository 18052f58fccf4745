/**
 * The admin side of the product catalogue: categories, products with their SKUs, flash sales
 * and banners. Part of `admin` (admin.ts).
 */
import { z } from 'zod';
import { id, imageUrl, isoTime, noParams, returns, text } from './primitives';

const position = z.number().int().min(0).max(100_000).default(0);
/** A list or flash price: up to ¥100,000. */
const priceFen = z.number().int().min(1).max(10_000_000);

const categoryInput = z
  .object({
    id: id.optional(),
    name: text({ max: 20 }),
    imageUrl: imageUrl.nullable().default(null),
    position,
    active: z.boolean().default(true),
  })
  .strict();

const skuInput = z
  .object({
    /** Empty when the product has one size (均码) or one colour. */
    size: text({ min: 0, max: 10 }).default(''),
    color: text({ min: 0, max: 10 }).default(''),
    priceFen,
    stock: z.number().int().min(0).max(1_000_000),
    /**
     * The stock the form showed for this (size, colour), null for a pair it adds. The save is
     * refused when the stock is no longer that (an order reserved some since), so a stale form
     * never overwrites what was reserved.
     */
    stockSeen: z.number().int().min(0).max(1_000_000).nullable().default(null),
  })
  .strict();

const productInput = z
  .object({
    id: id.optional(),
    categoryId: id,
    name: text({ max: 40 }),
    subtitle: text({ min: 0, max: 60 }).default(''),
    description: text({ min: 0, max: 2000, multiline: true }).default(''),
    images: z.array(imageUrl).max(9).default([]),
    /** 新款首发: both or neither. */
    launchStartsAt: isoTime.nullable().default(null),
    launchEndsAt: isoTime.nullable().default(null),
    active: z.boolean().default(true),
    position,
    /**
     * Saved by (size, colour): a pair already there is updated, a new pair added. A pair left out
     * stays (orders point at it) but is taken off sale with stock 0.
     */
    skus: z.array(skuInput).min(1).max(60),
  })
  .strict();

const flashSaleInput = z
  .object({
    id: id.optional(),
    productId: id,
    /** One price for every SKU of the product, below its lowest SKU price. */
    priceFen,
    stock: z.number().int().min(1).max(1_000_000),
    perMemberLimit: z.number().int().min(1).max(99).default(1),
    startsAt: isoTime,
    endsAt: isoTime,
  })
  .strict();

const bannerInput = z
  .object({
    id: id.optional(),
    title: text({ max: 30 }),
    imageUrl,
    /** The product the banner opens, or null for a banner that only shows. */
    productId: id.nullable().default(null),
    position,
    active: z.boolean().default(true),
  })
  .strict();

export type CategoryInput = z.output<typeof categoryInput>;
export type SkuInput = z.output<typeof skuInput>;
export type ProductInput = z.output<typeof productInput>;
export type FlashSaleInput = z.output<typeof flashSaleInput>;
export type BannerInput = z.output<typeof bannerInput>;

export interface CategoryAdminView extends Omit<CategoryInput, 'id'> {
  id: string;
  /** Products in the category, active or not. */
  productCount: number;
}

export interface SkuAdminView extends Omit<SkuInput, 'stockSeen'> {
  id: string;
  sold: number;
  position: number;
}

export interface FlashSaleAdminView extends Omit<FlashSaleInput, 'id'> {
  id: string;
  taken: number;
  state: 'upcoming' | 'live' | 'sold_out' | 'ended';
}

export interface FlashSaleListItem extends FlashSaleAdminView {
  productName: string;
}

export interface ProductAdminView extends Omit<ProductInput, 'id' | 'skus'> {
  id: string;
  categoryName: string;
  skus: SkuAdminView[];
  /** Over all SKUs. */
  stock: number;
  sold: number;
  flashSales: FlashSaleAdminView[];
  createdAt: string;
}

export interface ProductAdminPage {
  items: ProductAdminView[];
  nextCursor: string | null;
}

export interface BannerAdminView extends Omit<BannerInput, 'id'> {
  id: string;
  productName: string | null;
}

/** Entries of `admin`. */
export const adminCatalog = {
  categories: { params: noParams, result: returns<CategoryAdminView[]>() },
  saveCategory: { params: z.object({ category: categoryInput }).strict(), result: returns<CategoryAdminView>() },
  /** Newest first, 20 a page, with SKUs, sold counts and flash sales; `search` is a part of the name. */
  products: {
    params: z.object({ categoryId: id.optional(), search: text({ max: 20 }).optional(), cursor: id.optional() }).strict(),
    result: returns<ProductAdminPage>(),
  },
  product: { params: z.object({ id }).strict(), result: returns<ProductAdminView>() },
  /** Refused with STOCK_CHANGED at the SKU's stock when a SKU's stock is not the one the form saw. */
  saveProduct: { params: z.object({ product: productInput }).strict(), result: returns<ProductAdminView>() },
  /** The latest 100 by start, with their product's name. */
  flashSales: { params: noParams, result: returns<FlashSaleListItem[]>() },
  /** Refused when the price is not below the product's lowest SKU price or the window overlaps another flash sale of it. */
  saveFlashSale: { params: z.object({ flashSale: flashSaleInput }).strict(), result: returns<FlashSaleAdminView>() },
  banners: { params: noParams, result: returns<BannerAdminView[]>() },
  saveBanner: { params: z.object({ banner: bannerInput }).strict(), result: returns<BannerAdminView>() },
} as const;
