/** Catalog and order answers for the shop's component tests (times in brand time, +08:00). */
import { cleanup } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { setTransport } from '@/services/transports';
import type { FlashSaleView, HomeView, OrderAction, OrderQuote, OrderStatus, OrderView, ProductCard, ProductDetail, SavedAddress, SkuView } from '@cloud/contract';

/** "Now" in these tests: 2026-11-25 (a Wednesday) 19:00 in Shanghai. */
export const NOW = new Date('2026-11-25T19:00:00+08:00');

/** jsdom has no IntersectionObserver; Taro's Image needs one for lazyLoad. */
export function stubIntersectionObserver() {
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
}

/**
 * The shop suites' common frame: the brand clock at NOW (timers still advance), images that
 * observe nothing, and — when `signedIn` — a session token for the calls made outside the client.
 */
export function useShopScreen(options: { signedIn?: boolean } = {}) {
  beforeAll(stubIntersectionObserver);
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(NOW);
    if (options.signedIn) Taro.setStorageSync('session.token', 'session-token-1');
  });
  afterEach(() => {
    cleanup();
    setTransport(null);
    if (options.signedIn) Taro.removeStorageSync('session.token');
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}

/** A card's flash sale: with the member's allowance, `used` of its limit. */
export const flashSale = (over: Partial<FlashSaleView> = {}, used = 0): NonNullable<ProductCard['flashSale']> => {
  const sale: FlashSaleView = {
    id: '5',
    priceFen: 9900,
    startsAt: '2026-11-25T18:00:00+08:00',
    endsAt: '2026-11-25T20:00:00+08:00',
    total: 50,
    remaining: 12,
    perMemberLimit: 2,
    state: 'live',
    ...over,
  };
  return { ...sale, mine: { limit: sale.perMemberLimit, used, left: Math.max(0, sale.perMemberLimit - used) } };
};

/** A product page's flash sale (the card's). */
export const detailFlashSale = flashSale;

export const card = (over: Partial<ProductCard> = {}): ProductCard => ({
  id: '1',
  name: '羊毛混纺大衣',
  subtitle: '秋冬新款 双面呢',
  imageUrl: '/catalog-images/coat.svg',
  categoryId: '2',
  priceFen: 19900,
  memberPriceFen: 17910,
  isNew: false,
  soldOut: false,
  flashSale: null,
  ...over,
});

export const home = (over: Partial<HomeView> = {}): HomeView => ({
  banners: [{ id: '1', title: '冬季新品首发', imageUrl: '/catalog-images/banner-1.svg', productId: '1' }],
  newLaunches: [card({ id: '1', isNew: true })],
  flashSales: [],
  nightMarket: null,
  categories: [
    { id: '2', name: '女装', imageUrl: null },
    { id: '3', name: '鞋履', imageUrl: '/catalog-images/shoes.svg' },
  ],
  memberDay: false,
  ...over,
});

export const sku = (over: Partial<SkuView> & Pick<SkuView, 'id' | 'color' | 'size'>): SkuView => ({
  label: `${over.color} / ${over.size}`,
  priceFen: 19900,
  memberPriceFen: 17910,
  flash: false,
  stock: 5,
  ...over,
});

/** 黑色 M/L and 白色 M/L: 黑色 L and all of 白色 are out of stock. */
export const SKUS: SkuView[] = [
  sku({ id: '11', color: '黑色', size: 'M', stock: 3 }),
  sku({ id: '12', color: '黑色', size: 'L', stock: 0 }),
  sku({ id: '13', color: '白色', size: 'M', stock: 0, priceFen: 21900, memberPriceFen: 19710 }),
  sku({ id: '14', color: '白色', size: 'L', stock: 0, priceFen: 21900, memberPriceFen: 19710 }),
];

export const detail = (over: Partial<ProductDetail> = {}): ProductDetail => ({
  ...card(),
  flashSale: null,
  images: ['/catalog-images/coat.svg', '/catalog-images/coat-2.svg'],
  description: '70% 羊毛，双面呢工艺。',
  category: { id: '2', name: '女装' },
  skus: SKUS,
  launch: null,
  pricing: {
    tier: { key: 'gold', name: '金卡会员' },
    memberPriceRate: 0.9,
    memberDay: false,
    memberDayRate: null,
    betterTier: null,
    shipping: { feeFen: 1000, freeFromFen: 9900, tierShipsFree: true },
  },
  ...over,
});

export const quote = (over: Partial<OrderQuote> = {}): OrderQuote => ({
  listPriceFen: 19900,
  unitPriceFen: 17910,
  qty: 2,
  memberDiscountFen: 3980,
  memberDayDiscountFen: 0,
  couponDiscountFen: 0,
  shippingFen: 0,
  totalFen: 35820,
  flashSale: false,
  shipping: { feeFen: 1000, freeFromFen: 9900, tierShipsFree: false },
  sku: SKUS[0]!,
  product: { id: '1', name: '羊毛混纺大衣', imageUrl: '/catalog-images/coat.svg' },
  coupon: null,
  usableCoupons: [
    { id: '31', name: '满100减20券', discountFen: 2000 },
    { id: '32', name: '全场9折券', discountFen: 3582 },
  ],
  pointsToEarn: 358,
  flashAllowance: null,
  ...over,
});

export const ADDRESS = { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号' };

export const savedAddress = (over: Partial<SavedAddress> = {}): SavedAddress => ({ id: '71', ...ADDRESS, isDefault: true, ...over });

/** What the server lets a member do with a shop order in each status. */
const ACTIONS: Record<OrderStatus, OrderAction[]> = {
  pending: ['pay', 'cancel'],
  paid: ['requestRefund'],
  shipped: ['confirmReceipt', 'requestReturn'],
  completed: ['requestReturn'],
  cancelled: [],
  refunding: [],
  refunded: [],
};

export const order = (over: Partial<OrderView> = {}): OrderView => ({
  listPriceFen: 19900,
  unitPriceFen: 17910,
  qty: 2,
  memberDiscountFen: 3980,
  memberDayDiscountFen: 0,
  couponDiscountFen: 0,
  shippingFen: 0,
  totalFen: 35820,
  flashSale: false,
  id: '901',
  kind: 'product',
  status: 'pending',
  product: { id: '1', name: '羊毛混纺大衣', imageUrl: '/catalog-images/coat.svg' },
  pointsPrice: 0,
  skuLabel: '黑色 / M',
  coupon: null,
  pointsEarned: 0,
  address: ADDRESS,
  note: null,
  shipment: null,
  afterSales: null,
  actions: over.kind === 'mall' ? (over.status === 'pending' ? ACTIONS.pending : []) : ACTIONS[over.status ?? 'pending'],
  createdAt: '2026-11-25T18:50:00+08:00',
  expiresAt: '2026-11-25T19:20:00+08:00',
  paidAt: null,
  cancelledAt: null,
  completedAt: null,
  refundedAt: null,
  ...over,
});

/** 加钱换购 of the mall's canvas bag: 800 points plus ¥19.90. */
export const mallOrder = (over: Partial<OrderView> = {}) =>
  order({
    id: '907',
    kind: 'mall',
    product: { id: '3', name: '品牌帆布袋', imageUrl: null },
    pointsPrice: 800,
    skuLabel: '',
    qty: 1,
    listPriceFen: 1990,
    unitPriceFen: 1990,
    memberDiscountFen: 0,
    totalFen: 1990,
    address: null,
    ...over,
  });
