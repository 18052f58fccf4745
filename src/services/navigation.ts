/**
 * Opening a page by its URL: a tab page is switched to (navigateTo refuses tab pages), any
 * other page is pushed onto the stack.
 */
import Taro from '@tarojs/taro';

export const HOME_URL = '/pages/home/index';
export const CHECKIN_URL = '/pages/checkin/index';
export const MINE_URL = '/pages/mine/index';
export const OPS_URL = '/pages/ops/index';
export const MALL_URL = '/packages/mall/index';
export const WALLET_URL = '/packages/wallet/index';

/** The tab bar's pages (src/app.config.ts). */
const TAB_PAGES: readonly string[] = [HOME_URL, CHECKIN_URL, MINE_URL, OPS_URL];

export function openPage(url: string): Promise<unknown> {
  const path = url.split('?')[0]!;
  return TAB_PAGES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url });
}
