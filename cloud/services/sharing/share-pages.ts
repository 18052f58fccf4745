/** The mini-program pages a share opens (no leading slash, as WeChat's APIs take them). */
export const PRODUCT_PAGE = 'packages/shop/product/index';
export const HOME_PAGE = 'pages/home/index';

/** The path a shared card opens, with the share id that records the click. */
export function sharePath(shareId: string, productId: string | null): string {
  return productId ? `/${PRODUCT_PAGE}?id=${productId}&share=${shareId}` : `/${HOME_PAGE}?share=${shareId}`;
}
