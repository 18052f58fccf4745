/**
 * A newcomer's first visit in Chromium on a 390 px phone, against the real Node server: the
 * empty screens (积分明细, 我的订单, 我的卡包, 我的奖品, 邀请好友) each offer the next step and
 * take it; subpages have a title bar whose 返回 goes back, and a subpage opened from a link
 * (no history) offers 首页 instead; no page prints a raw server address; a friend opening an
 * invite is welcomed in the app's own dialog. A production server's H5 shows no demo identity
 * picker and no 切换身份, where a development server's does.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShareCreated } from '@cloud/contract';
import { devLogin, post } from '../support/http';
import { startTestServer } from '../support/server';
import { newPage, openBrowser, RESULTS_DIR, tab, type WatchedPage } from './browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof openBrowser>>;

beforeAll(async () => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  server = await startTestServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A screenshot once the page has stopped sliding in. */
async function shot(page: Page, name: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: path.join(RESULTS_DIR, `e2e-first-visit-${name}.png`) });
}

const BRAND = 'rgb(232, 83, 43)';
const colours = (button: ReturnType<Page['locator']>) =>
  button.evaluate((e) => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]);

/** Taro keeps the pages of the stack in the document: only what is on screen counts. */
const onScreen = (page: Page, selector: string) => page.locator(`${selector}:visible`);

/** The page on screen prints no server address (links are copied, never shown). */
async function expectNoAddress(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text).not.toContain('127.0.0.1');
  expect(text).not.toContain(new URL(server.url).host);
  expect(text).not.toMatch(/https?:\/\//);
}

/** The empty state saying `text` is on screen and offers `action`; answers its button. */
async function expectEmptyState(page: Page, text: string, action: string) {
  // While a page slides in, the one it covers (or the same page's last visit, sliding out) is
  // still visible: find this one by its words; the newest page comes last.
  const empty = onScreen(page, '.empty-state').filter({ has: page.getByText(text, { exact: true }) }).last();
  await empty.waitFor({ timeout: 20_000 });
  const button = empty.locator('.empty-state__action');
  expect(await button.innerText()).toBe(action);
  // The app's own look (brand orange on white), not the platform button's grey.
  expect(await colours(button)).toEqual([BRAND, 'rgb(255, 255, 255)']);
  return button;
}

const titleBar = (page: Page) => page.locator('#taro-navigation-bar');
const title = (page: Page) => page.locator('#taro-navigation-bar .taro-navigation-bar-title');

describe('H5: a newcomer’s first visit', () => {
  it('empty screens offer the next step; subpages have a title bar with 返回; no page prints an address', async () => {
    const page: WatchedPage = await newPage(browser.context);
    await page.goto(`${server.url}/?as=e2e-newcomer&role=member#/pages/mine/index`);

    // 我的: the ledger is empty; 去签到 opens the check-in tab. Tab pages have no title bar.
    const checkIn = await expectEmptyState(page, '还没有积分记录，每天签到都有积分', '去签到');
    expect(await titleBar(page).isVisible()).toBe(false);
    await expectNoAddress(page);
    await shot(page, '1-mine');
    await checkIn.click();
    await onScreen(page, '.calendar__cell--today').first().waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('#/pages/checkin/index');
    await shot(page, '2-checkin');

    // 我的订单 (a subpage): its title bar says so and 返回 goes back to 我的.
    await tab(page, '我的').click();
    await onScreen(page, '.mine-page__item--orders').click();
    await expectEmptyState(page, '还没有订单，挑几件喜欢的吧', '去逛逛');
    expect(await title(page).innerText()).toBe('我的订单');
    const back = page.locator('#taro-navigation-bar .taro-navigation-bar-back');
    expect(await back.isVisible()).toBe(true);
    const box = (await back.boundingBox())!;
    // A thumb-sized target at the left of a 390 px screen.
    expect(box.x).toBeLessThan(8);
    expect(box.width).toBeGreaterThanOrEqual(40);
    expect(await page.locator('#taro-navigation-bar .taro-navigation-bar-home').isVisible()).toBe(false);
    await expectNoAddress(page);
    await shot(page, '3-orders');
    await back.click();
    await onScreen(page, '.mine-page__item--orders').waitFor({ timeout: 20_000 });
    expect(await titleBar(page).isVisible()).toBe(false);

    // 去逛逛 from the empty orders opens 首页.
    await onScreen(page, '.mine-page__item--orders').click();
    await (await expectEmptyState(page, '还没有订单，挑几件喜欢的吧', '去逛逛')).click();
    await onScreen(page, '.product-card').first().waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('#/pages/home/index');

    // 我的卡包: nothing usable; 去领券 opens the points mall, whose 返回 comes back.
    await tab(page, '我的').click();
    await onScreen(page, '.mine-shortcuts__item--wallet').click();
    const toMall = await expectEmptyState(page, '暂无可用的券，用积分就能兑换', '去领券');
    expect(await title(page).innerText()).toBe('我的卡包');
    await expectNoAddress(page);
    await shot(page, '4-wallet');
    await toMall.click();
    await onScreen(page, '.mall-item').first().waitFor({ timeout: 20_000 });
    expect(await title(page).innerText()).toBe('积分商城');
    // Every item has its picture (the demo mall's goods and coupons).
    await expect.poll(() => onScreen(page, '.mall-item .mall-item__image').count()).toBe(await onScreen(page, '.mall-item').count());
    await expectNoAddress(page);
    await shot(page, '5-mall');
    await page.locator('#taro-navigation-bar .taro-navigation-bar-back').click();
    await expectEmptyState(page, '暂无可用的券，用积分就能兑换', '去领券');

    // 邀请好友: no friends yet, 邀请好友 offered; the invite link is copied, never printed.
    await page.locator('#taro-navigation-bar .taro-navigation-bar-back').click();
    await onScreen(page, '.mine-share-entries__item--invite').click();
    await expectEmptyState(page, '还没有好友通过你的邀请加入', '邀请好友');
    await onScreen(page, '.invite-page__copy').waitFor({ timeout: 20_000 });
    await expectNoAddress(page);
    await shot(page, '6-invite');

    // The lottery's 我的奖品 is empty too: 去签到.
    await page.locator('#taro-navigation-bar .taro-navigation-bar-back').click();
    await onScreen(page, '.mine-shortcuts__item--lottery').click();
    await onScreen(page, '.lottery-machine__cell').first().waitFor({ timeout: 20_000 });
    await expectEmptyState(page, '还没有奖品，每天签到送一次抽奖机会', '去签到');
    expect(await onScreen(page, '.lottery-machine__image').count()).toBe(8);
    await shot(page, '7-lottery');

    expect(page.errors).toEqual([]);
  });

  it('a friend opening an invite is welcomed in the app’s own dialog, and 去卡包 shows the welcome coupon', async () => {
    const inviter = await devLogin(server.url, 'demo-member');
    const share = (await post(`${server.url}/api/fn/share`, { action: 'create' }, { token: inviter })).body.data as ShareCreated;
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=e2e-invited-friend&role=member#/${share.path.replace(/^\/+/, '')}`);
    const dialog = page.locator('.dialog__panel[aria-label="新人礼券已放入卡包"]');
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.locator('.welcome-dialog__value').innerText()).toBe('¥15');
    expect(await dialog.locator('.welcome-dialog__name').innerText()).toBe('新人礼 满99减15 · 满¥99可用');
    const [later, wallet] = [dialog.locator('.dialog__button--cancel'), dialog.locator('.dialog__button--confirm')];
    expect([await later.innerText(), await wallet.innerText()]).toEqual(['知道了', '去卡包']);
    // Like every dialog of the app: the two buttons side by side, 去卡包 in the brand's colour.
    expect(await colours(wallet)).toEqual(['rgb(255, 255, 255)', BRAND]);
    expect((await later.boundingBox())!.y).toBe((await wallet.boundingBox())!.y);
    await shot(page, '13-invite-welcome');
    await wallet.click();
    await onScreen(page, '.coupon-card').first().waitFor({ timeout: 20_000 });
    expect(await onScreen(page, '.coupon-card').first().innerText()).toContain('新人礼 满99减15');
    expect(await page.locator('.dialog').count()).toBe(0);
    expect(page.errors).toEqual([]);
  });

  it('a subpage opened from a link (no history) offers 首页 in its title bar', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=e2e-newcomer-link&role=member#/packages/wallet/index`);
    await expectEmptyState(page, '暂无可用的券，用积分就能兑换', '去领券');
    const home = page.locator('#taro-navigation-bar .taro-navigation-bar-home');
    expect(await home.isVisible()).toBe(true);
    expect(await page.locator('#taro-navigation-bar .taro-navigation-bar-back').isVisible()).toBe(false);
    expect(await title(page).innerText()).toBe('我的卡包');
    await shot(page, '8-wallet-from-link');
    await home.click();
    await onScreen(page, '.product-card').first().waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('#/pages/home/index');
    expect(page.errors).toEqual([]);
  });

  it('a product page and a category with a sold-out product print no address; 已售罄 leaves the name readable', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=e2e-newcomer-shop&role=member#/pages/home/index`);
    await onScreen(page, '.product-card').first().click();
    await onScreen(page, '.product-page__copy-button').waitFor({ timeout: 20_000 });
    expect(await title(page).innerText()).toBe('商品详情');
    await expectNoAddress(page);
    await shot(page, '9-product');

    await page.goto(`${server.url}/?as=e2e-newcomer-shop&role=member#/pages/home/index`);
    await onScreen(page, '.home-categories__item').first().click();
    // Scoped to the category page: 首页 may show a sold-out card too, and it hides as the category opens.
    const soldOut = onScreen(page, '.category-page .product-card--sold-out').first();
    await soldOut.waitFor({ timeout: 20_000 });
    await soldOut.scrollIntoViewIfNeeded();
    const mark = (await soldOut.locator('.product-card__sold-out').boundingBox())!;
    const name = (await soldOut.locator('.product-card__name').boundingBox())!;
    expect(mark.y + mark.height).toBeLessThan(name.y);
    await shot(page, '10-category-sold-out');
    expect(page.errors).toEqual([]);
  });
});

describe('H5: dev-only controls', () => {
  /** A browser of its own: no session kept from another test. */
  async function openFresh(url: string) {
    const fresh = await openBrowser();
    const page = await newPage(fresh.context);
    await page.goto(url);
    return { page, close: fresh.close };
  }

  it('a development server offers the demo identity picker, and 切换身份 in 我的 (the contrast for the next test)', async () => {
    const { page, close } = await openFresh(`${server.url}/#/pages/mine/index`);
    try {
      await onScreen(page, '.identity-picker').waitFor({ timeout: 20_000 });
      expect(await page.locator('body').innerText()).toContain('选择演示身份');
      await onScreen(page, '.identity-picker__item').first().click();
      await onScreen(page, '.mine-page__switch').waitFor({ timeout: 20_000 });
      expect(await onScreen(page, '.mine-page__switch').innerText()).toBe('切换身份');
    } finally {
      await close();
    }
  });

  it('a production server’s H5 shows no identity picker and no 切换身份, even with ?as= in the link', async () => {
    const production = await startTestServer({ devMode: false });
    try {
      for (const [name, url] of [
        ['11-production', `${production.url}/#/pages/mine/index`],
        ['12-production-with-as', `${production.url}/?as=demo-member&role=member#/pages/mine/index`],
      ] as const) {
        const { page, close } = await openFresh(url);
        try {
          await page.getByText('请在微信中打开本小程序').waitFor({ timeout: 20_000 });
          const text = await page.locator('body').innerText();
          expect(text).not.toContain('选择演示身份');
          expect(text).not.toContain('切换身份');
          expect(await page.locator('.identity-picker').count()).toBe(0);
          await shot(page, name);
        } finally {
          await close();
        }
      }
    } finally {
      await production.close();
    }
  });
});
