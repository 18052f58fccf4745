/**
 * The H5 build in Chromium against the real Node server (fresh PGlite, demo data): sign in
 * from the URL, check in, see the points in 我的; and the demo identity picker.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinPointsNow } from '../support/fixtures';
import { startTestServer } from '../support/server';
import { newPage, openBrowser, RESULTS_DIR, tab } from './browser';

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

const checkinButton = (page: Page) => page.locator('.checkin-card__button');

describe('H5: check in and see the points', () => {
  it('signs in from ?as=, checks in, and 我的 shows the balance and a 每日签到 row', async () => {
    // Doubled on 周三会员日: the suite runs on the real clock.
    const page = await newPage(browser.context, 4);
    const started = Date.now();
    await page.goto(`${server.url}/?as=e2e-member&role=member#/pages/checkin/index`);
    await expect.poll(() => checkinButton(page).textContent(), { timeout: 20_000 }).toBe('签到');
    await page.locator('.calendar__cell--today').waitFor();
    const usableMs = Date.now() - started;
    console.log(`[e2e] first screen usable (4× CPU slow-down) in ${usableMs} ms`);
    fs.writeFileSync(path.join(RESULTS_DIR, 'e2e-timings.json'), JSON.stringify({ firstScreenUsableMs4xCpu: usableMs }, null, 2));
    expect(usableMs).toBeLessThan(15_000);

    await expect.poll(() => page.locator('.checkin-card').innerText()).toContain('连续签到 0 天');
    await checkinButton(page).click();
    await page.getByText(`签到成功 +${checkinPointsNow()} 积分`).first().waitFor();
    await expect.poll(() => checkinButton(page).textContent()).toBe('今日已签到');
    await page.locator('.calendar__cell--checked').first().waitFor();
    expect(await page.locator('.checkin-card').innerText()).toContain('连续签到 1 天');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-checkin.png'), fullPage: true });

    // Tapping again changes nothing: the button is done.
    await checkinButton(page).click({ force: true });

    await tab(page, '我的').click();
    await expect.poll(() => page.locator('.profile__balance').textContent(), { timeout: 10_000 }).toBe(String(checkinPointsNow()));
    const row = page.locator('.ledger__row').first();
    await row.waitFor();
    expect(await row.innerText()).toMatch(new RegExp(`每日签到[\\s\\S]*\\+${checkinPointsNow()}`));
    expect(await page.locator('.ledger__row').count()).toBe(1);
    expect(await page.locator('.profile__name').textContent()).toBe('微信用户');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-mine.png'), fullPage: true });
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('without a session the demo identity picker shows; picking 会员 小林 opens their check-in page', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByText('选择演示身份').waitFor({ timeout: 20_000 });
    expect(await page.locator('.identity-picker').count()).toBe(1);
    for (const label of ['会员 小林', '会员 小周', '导购 王姐', '运营 小陈']) await page.getByText(label).waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-picker.png') });
    await page.getByText('会员 小林').click();
    // The app opens on 首页; the check-in is one tab away.
    await page.locator('.home-page').first().waitFor({ timeout: 20_000 });
    await tab(page, '签到').click();
    await page.locator('.calendar__cell--today').waitFor({ timeout: 20_000 });
    // The demo member checked in on most days since joining, missing the day three days ago.
    expect(await page.locator('.checkin-card').innerText()).toContain('连续签到 2 天');
    expect(await page.locator('.calendar__cell--checked').count()).toBeGreaterThanOrEqual(1);

    await tab(page, '我的').click();
    await page.getByText('切换身份').click();
    expect(await page.locator('.identity-picker').count()).toBe(1);
    await page.getByText('导购 王姐').click();
    await expect.poll(() => page.locator('.profile__tag').textContent(), { timeout: 10_000 }).toBe('导购');
    expect(await page.locator('.identity-picker').count()).toBe(0);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
