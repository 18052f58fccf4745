/**
 * The admin side of the product catalogue: categories, products with their SKUs, flash sales
 * and banners. Params are validated on the server; the client imports the types only.
 */
import { z } from 'zod';

const id = z.string().regex(/^\d{1,18}$/, 'not an id');
const isoTime = z.iso.datetime({ offset: true });
const position = z.number().int().min(0).max(100_000).default(0);

/** Images the brand serves itself (/catalog-images, /media), from WeChat cloud storage, or over HTTPS. */
export const CATALOG_IMAGE_URL_PATTERN =
  /^(\/catalog-images\/[\w-]+\.(svg|png|jpg|jpeg|webp)|\/media\/\d{1,18}|cloud:\/\/[\w./-]+|https:\/\/[\w./%-]+)$/;
const imageUrl = z.string().max(300).regex(CATALOG_IMAGE_URL_PATTERN, 'not an image url');

const categoryInput = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(20),
    imageUrl: imageUrl.nullable().default(null),
    position,
    active: z.boolean().default(true),
  })
  .strict();

const skuInput = z
  .object({
    /** Empty when the product has one size (均码) or one colour. */
    size: z.string().trim().max(10).default(''),
    color: z.string().trim().max(10).default(''),
    priceFen: z.number().int().min(1).max(10_000_000),
    stock: z.number().int().min(0).max(1_000_000),
  })
  .strict();

const productInput = z
  .object({
    id: id.optional(),
    categoryId: id,
    name: z.string().trim().min(1).max(40),
    subtitle: z.string().trim().max(60).default(''),
    description: z.string().max(2000).default(''),
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
    priceFen: z.number().int().min(1).max(10_000_000),
    stock: z.number().int().min(1).max(1_000_000),
    perMemberLimit: z.number().int().min(1).max(99).default(1),
    startsAt: isoTime,
    endsAt: isoTime,
  })
  .strict();

const bannerInput = z
  .object({
    id: id.optional(),
    title: z.string().trim().min(1).max(30),
    imageUrl,
    /** The product the banner opens, or null for a banner that only shows. */
    productId: id.nullable().default(null),
    position,
    active: z.boolean().default(true),
  })
  .strict();

const noParams = z.object({}).strict();

/** Entries of `contract.admin`. */
export const catalogAdminActions = {
  categories: noParams,
  saveCategory: z.object({ category: categoryInput }).strict(),
  /** Newest first, 20 a page, with SKUs, sold counts and flash sales. */
  products: z.object({ categoryId: id.optional(), cursor: id.optional() }).strict(),
  saveProduct: z.object({ product: productInput }).strict(),
  /** Refused when the price is not below the product's lowest SKU price or the window overlaps another flash sale of it. */
  saveFlashSale: z.object({ flashSale: flashSaleInput }).strict(),
  banners: noParams,
  saveBanner: z.object({ banner: bannerInput }).strict(),
} as const;

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

export interface SkuAdminView extends SkuInput {
  id: string;
  sold: number;
  position: number;
}

export interface FlashSaleAdminView extends Omit<FlashSaleInput, 'id'> {
  id: string;
  taken: number;
  state: 'upcoming' | 'live' | 'sold_out' | 'ended';
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

/** Entries of `Results.admin`. */
export interface CatalogAdminResults {
  categories: CategoryAdminView[];
  saveCategory: CategoryAdminView;
  products: ProductAdminPage;
  saveProduct: ProductAdminView;
  saveFlashSale: FlashSaleAdminView;
  banners: BannerAdminView[];
  saveBanner: BannerAdminView;
}
