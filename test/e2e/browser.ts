/** Chromium through playwright-core (TOOLCHAIN.md): the system browser, a fresh profile per run. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
import type { Envelope } from '@cloud/contract';

export const RESULTS_DIR = path.resolve(__dirname, '../../test-results');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A fresh browser profile at 390×844, 2×. `phone: false` leaves out the touch screen, the mobile
 * viewport and the locale, as the first-screen tool does (first-screen.test.ts).
 */
export async function openBrowser({ phone = true }: { phone?: boolean } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    ...(phone ? { isMobile: true, hasTouch: true, locale: 'zh-CN' } : {}),
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A page that collects its uncaught errors (every journey ends expecting none). */
export type WatchedPage = Page & { errors: string[] };

/** A new tab; `cpuSlowdown` > 1 throttles its CPU like a mid-range phone (first-screen budgets). */
export async function newPage(context: BrowserContext, cpuSlowdown = 1): Promise<WatchedPage> {
  return watched(context, (await context.newPage()) as WatchedPage, cpuSlowdown);
}

/** The tab a fresh browser opens with, as a newcomer's first page uses it (the first-screen tool). */
export async function firstTab(context: BrowserContext, cpuSlowdown = 1): Promise<WatchedPage> {
  return watched(context, (context.pages()[0] ?? (await context.newPage())) as WatchedPage, cpuSlowdown);
}

async function watched(context: BrowserContext, page: WatchedPage, cpuSlowdown: number): Promise<WatchedPage> {
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  if (cpuSlowdown > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  }
  return page;
}

/** The answer of the next call of `fn.action` the page makes. */
export function answerOf<T>(page: Page, fn: string, action: string): Promise<T> {
  return page
    .waitForResponse((r: Response) => r.url().endsWith(`/api/fn/${fn}`) && (r.request().postDataJSON() as { action?: string } | null)?.action === action, {
      timeout: 20_000,
    })
    .then(async (r) => {
      const body = (await r.json()) as Envelope<T>;
      if (!body.ok) throw new Error(`${fn}.${action}: ${body.error.code} ${body.error.message}`);
      return body.data;
    });
}

/**
 * At 确认订单 without a saved address: 添加收货地址, the H5 form, and — for a member who has not
 * yet agreed — the privacy guide's 同意; resolves once the address is on the page. `shot`:
 * where to keep a screenshot of the filled form.
 */
export async function addAddressAtCheckout(page: Page, shot?: string): Promise<void> {
  await page.locator('.confirm-page__add-address').click();
  const field = (key: string) => page.locator(`.address-form__input--${key} input, input.address-form__input--${key}`).first();
  await field('name').waitFor({ timeout: 10_000 });
  await field('name').fill('林小姐');
  await field('phone').fill('13800138000');
  await field('region').fill('上海市 静安区');
  await field('detail').fill('南京西路 1266 号 12 楼');
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  await page.locator('.dialog__button--confirm').click();
  const consent = page.locator('.dialog__title', { hasText: '隐私保护指引' });
  const saved = page.locator('.confirm-page__address .address-card');
  await Promise.race([consent.waitFor({ timeout: 10_000 }), saved.waitFor({ timeout: 10_000 })]);
  if (await consent.isVisible()) await page.locator('.dialog__button--confirm').click();
  await saved.waitFor({ timeout: 10_000 });
}

/**
 * Records what the page copies (Taro H5's setClipboardData copies a selected textarea with
 * execCommand): links are copied, never printed, so a journey reads them here.
 */
export async function recordCopies(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const copies: string[] = [];
    (window as unknown as { __copies: string[] }).__copies = copies;
    const exec = document.execCommand.bind(document);
    document.execCommand = (command: string, ...rest: [boolean?, string?]) => {
      if (command === 'copy') {
        const active = document.activeElement;
        copies.push(active instanceof HTMLTextAreaElement ? active.value : String(window.getSelection() ?? ''));
      }
      return exec(command, ...rest);
    };
  });
}

/** The last text the page copied (recordCopies), waiting for it. */
export async function lastCopy(page: Page): Promise<string> {
  const handle = await page.waitForFunction(() => (window as unknown as { __copies?: string[] }).__copies?.at(-1), undefined, { timeout: 10_000 });
  return (await handle.jsonValue()) as string;
}

/**
 * A tab of the tab bar on screen (components/TabBar): every tab page visited keeps its own bar in
 * the DOM, hidden with its page, so a tab is found among the visible ones.
 */
export function tab(page: Page, name: '首页' | '签到' | '我的' | '运营') {
  return page.locator('.tab-bar__item:visible', { hasText: name });
}

/** A full-page screenshot once the page has come to rest (slide-ins end; endless pulses aside). */
export async function shotAtRest(page: Page, file: string): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.screenshot({ path: file, fullPage: true });
}
