/**
 * The H5 build in Chromium on a phone (390 px; the 补签 dialog also at 320 px) against the real
 * Node server: a member makes up a day missed last month with the server clock pinned (`?now=`
 * → x-dev-now), and a guide previews and verifies a member's coupon from 我的 → 券码核销. The
 * console of both pages stays free of errors (the issue saw repeated `insertBefore` errors there).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouponPreview } from '@cloud/contract';
import { addDays, businessDay, endOfMonth } from '@cloud/domain/business-day';
import { devLogin, post } from '../support/http';
import { startTestServer } from '../support/server';
import { answerOf, newPage, openBrowser, RESULTS_DIR, tab, type WatchedPage } from './browser';

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

/** The console's errors (and the page's uncaught ones), as the member or guide would see them in DevTools. */
function consoleErrors(page: WatchedPage): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(RESULTS_DIR, `e2e-${name}.png`), fullPage: true });
const streakOf = async (page: Page) => Number(/连续签到\s*(\d+)\s*天/.exec(await page.locator('.checkin-card').innerText())![1]);
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;

describe('H5: 补签 of a day missed last month', () => {
  it('the rule shows before any day qualifies; on the 2nd, last month’s last day is offered, made up at 320 px, and joins the streak', async () => {
    const page = await newPage(browser.context);
    const errors = consoleErrors(page);
    // The member joins today; the missed day is this month's last, made up on the 2nd of next month.
    const joined = businessDay(new Date(), 'Asia/Shanghai');
    const missed = endOfMonth(joined);
    const first = addDays(missed, 1);
    const today = addDays(missed, 2);
    // Points for the 补签 (a check-in's 10 would not be enough), from the admin.
    const admin = await devLogin(server.url, 'demo-admin', 'admin');
    const memberId = (await post(`${server.url}/api/fn/member`, { action: 'profile' }, { token: await devLogin(server.url, 'e2e-window') })).body.data.id;
    await post(`${server.url}/api/fn/admin`, { action: 'adjustPoints', targetMemberId: memberId, delta: 100, reason: '补签测试', requestId: 'e2e-window-points' }, { token: admin });
    const at = (day: string, time: string) => `${server.url}/?as=e2e-window&role=member&now=${encodeURIComponent(`${day}T${time}+08:00`)}#/pages/checkin/index`;

    await page.goto(`${server.url}/?as=e2e-window&role=member#/pages/checkin/index`);
    await page.locator('.calendar__cell--today').waitFor({ timeout: 20_000 });
    // Nothing to make up yet, and the rule is already there.
    expect(await page.locator('.makeup-rule__text').innerText()).toBe('可补签最近 7 天内漏签的日期，每月 2 次，每次 20 积分');
    expect(await page.locator('.makeup-rule__left').innerText()).toBe('本月还可补签 2 次');
    expect(await page.locator('.makeup-rule__day').count()).toBe(0);
    await page.locator('.makeup-rule').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-makeup-rule.png') });

    // The 1st of next month: a check-in (the 30th/31st before it stays missed).
    await page.goto(at(first, '09:00:00'));
    await page.locator(`[data-date="${first}"][data-state="today"]`).waitFor({ timeout: 20_000 });
    await page.locator('.checkin-card__button').click();
    await expect.poll(() => page.locator('.checkin-card__button').textContent()).toBe('今日已签到');

    // The 2nd: the calendar shows the new month, and last month's missed day is offered.
    await page.goto(at(today, '10:00:00'));
    await page.locator(`[data-date="${today}"][data-state="today"]`).waitFor({ timeout: 20_000 });
    expect(await streakOf(page)).toBe(1);
    const chip = page.locator(`.makeup-rule__day[data-day="${missed}"]`);
    expect(await chip.innerText()).toBe(monthDay(missed));
    await chip.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-makeup-offered.png') });

    // ‹ goes back to last month, where the day is marked 可补.
    await page.locator('[aria-label="上个月"]').click();
    const cell = page.locator(`.calendar__cell[data-date="${missed}"]`);
    await cell.waitFor({ timeout: 10_000 });
    expect(await cell.getAttribute('class')).toContain('calendar__cell--makeup');
    expect(await cell.innerText()).toContain('可补');
    await shot(page, 'makeup-last-month');

    // On a 320 px screen the dialog's confirm button holds its words on one line.
    await page.setViewportSize({ width: 320, height: 640 });
    await cell.click();
    const dialog = page.locator('.dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/补签消耗 20 积分，本月还可补签 2 次/);
    const confirm = page.locator('.dialog__button--confirm');
    expect(await confirm.innerText()).toBe('确认补签');
    const fit = await confirm.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return { lines: range.getClientRects().length, overflow: el.scrollWidth - el.clientWidth };
    });
    expect(fit).toEqual({ lines: 1, overflow: 0 });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-makeup-dialog-320.png') });

    const made = answerOf<{ date: string; streak: number }>(page, 'checkin', 'makeup');
    await confirm.click();
    expect(await made).toMatchObject({ date: missed, streak: 2 });
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => cell.getAttribute('data-state')).toBe('made_up');
    await expect.poll(() => streakOf(page)).toBe(2);
    expect(await page.locator('.makeup-rule__left').innerText()).toBe('本月还可补签 1 次');
    await shot(page, 'makeup-done');

    expect(errors.filter((e) => e.includes('insertBefore'))).toEqual([]);
    expect(errors).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});

describe('H5: a guide previews and verifies a member’s coupon', () => {
  it('from 我的 → 券码核销: the code typed loosely → coupon, condition, member, validity → 确认核销 → used: when, where, by whom', async () => {
    // The admin gives the demo member 小林 a coupon; the guide meets them at the till.
    const admin = await devLogin(server.url, 'demo-admin', 'admin');
    const member = await devLogin(server.url, 'demo-member');
    const memberId = (await post(`${server.url}/api/fn/member`, { action: 'profile' }, { token: member })).body.data.id;
    const templates = (await post(`${server.url}/api/fn/admin`, { action: 'couponTemplates' }, { token: admin })).body.data;
    const templateId = templates.find((t: { name: string }) => t.name === '满100减20').id;
    const issued = await post(`${server.url}/api/fn/admin`, { action: 'issueCoupon', templateId, targetMemberId: memberId, requestId: 'e2e-verify-0001' }, { token: admin });
    const code: string = issued.body.data.code;
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} ${code.slice(8)}`;

    const page = await newPage(browser.context);
    const errors = consoleErrors(page);
    await page.goto(`${server.url}/?as=demo-guide&role=guide`);
    await page.locator('.home-page').first().waitFor({ timeout: 20_000 });
    await tab(page, '我的').click();
    await page.locator('.mine-shortcuts__item--verify').click();
    const input = page.locator('input.verify-page__code, .verify-page__code input').first();
    await input.waitFor({ timeout: 20_000 });
    await input.fill(typed);
    await expect.poll(() => input.inputValue()).toBe(code);
    await page.locator('input.verify-page__store, .verify-page__store input').first().fill('静安嘉里店');
    await shot(page, 'verify-typed');

    const previewed = answerOf<CouponPreview>(page, 'coupon', 'preview');
    await page.locator('.verify-page__lookup').click();
    expect(await previewed).toMatchObject({ status: 'usable', member: { nickname: '小林' } });
    const card = page.locator('.verify-page__preview');
    await card.waitFor();
    const text = (await card.innerText()).replace(/\s+/g, '');
    for (const part of ['¥20', '满¥100可用', '满100减20', '可核销', '会员小林', '有效期', `券码${code}`]) expect(text).toContain(part);
    await shot(page, 'verify-preview');

    const verified = answerOf<{ code: string }>(page, 'coupon', 'verify');
    await page.locator('.verify-page__confirm').click();
    expect(await verified).toMatchObject({ code });
    await page.locator('.verify-page__done').waitFor();
    expect(await page.locator('.verify-page__done').innerText()).toContain('核销成功');
    expect(await page.locator('.verify-page__done').innerText()).toContain('静安嘉里店');
    await shot(page, 'verify-done');

    // The same code again: used, and when, where and by whom.
    await input.fill(code);
    const again = answerOf<CouponPreview>(page, 'coupon', 'preview');
    await page.locator('.verify-page__lookup').click();
    const used = (await again).used!;
    expect(used.message).toMatch(/^这张券已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 在 静安嘉里店 由 \S+ 核销$/);
    await expect.poll(() => page.locator('.verify-page__used').innerText()).toBe(used.message);
    expect(await page.locator('.verify-page__status').innerText()).toBe('已使用');
    expect(await page.locator('.verify-page__confirm').count()).toBe(0);
    await shot(page, 'verify-used');

    expect(errors.filter((e) => e.includes('insertBefore'))).toEqual([]);
    expect(errors).toEqual([]);

    // A code in the wrong format says which format (the 400 it answers is the only console line it leaves).
    await input.fill('1234');
    await page.locator('.verify-page__lookup').click();
    await expect.poll(() => page.locator('.verify-page__error').innerText()).toBe('券码为 12 位字母或数字（不含 0、1、I、L、O）');
    await shot(page, 'verify-format');
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
