/**
 * Issue 4's journey in Chromium against the real Node server: a member checks in, opens 去抽奖
 * and draws (the machine stops on the prize the server answered), redeems points for a coupon
 * in 积分商城 and finds it with its code in 我的卡包; a guide in another browser verifies that
 * code (a second time is refused), and the member's wallet then lists it under 已使用.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrawResult, RedeemResult } from '@cloud/contract';
import { startTestServer } from '../support/server';
import { answerOf, newPage, openBrowser, RESULTS_DIR, tab } from './browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let member: Awaited<ReturnType<typeof openBrowser>>;
let guide: Awaited<ReturnType<typeof openBrowser>> | null = null;

beforeAll(async () => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  server = await startTestServer();
  member = await openBrowser();
});

afterAll(async () => {
  await guide?.close();
  await member?.close();
  await server?.close();
});

const chancesOf = async (page: Page) => Number(/抽奖机会共\s*(\d+)\s*次/.exec(await page.locator('.lottery-page__chances').innerText())![1]);

describe('H5: lottery, points mall, coupon wallet and verification', () => {
  it('check in → 去抽奖 → draw → award; redeem a coupon → 我的卡包 with its code; a guide verifies it → 已使用', async () => {
    const page = await newPage(member.context);
    await page.goto(`${server.url}/?as=demo-member&role=member#/pages/checkin/index`);
    await page.locator('.calendar__cell--today').waitFor({ timeout: 20_000 });

    // 签到: the check-in grants a lottery chance; 去抽奖 is right below.
    await page.locator('.checkin-card__button').click();
    await page.getByText(/签到成功 \+\d+ 积分/).first().waitFor();
    expect(await page.locator('.checkin-card').innerText()).toContain('获得 1 次抽奖机会');
    await expect.poll(() => page.locator('.checkin-shortcuts__lottery').innerText()).toContain('签到送的抽奖机会已到账');
    await page.locator('.checkin-shortcuts__lottery').click();

    // 疯狂抽奖机: eight cells, the rules with the odds, then one draw.
    await page.locator('.lottery-machine__cell').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.lottery-machine__cell').count()).toBe(8);
    const rules = await page.locator('.lottery-rules').innerText();
    expect(rules).toContain('43%');
    expect(rules).toContain('0.2%');
    expect(rules).toContain('不限量');
    const chances = await chancesOf(page);
    expect(chances).toBeGreaterThan(0);
    const drawn = answerOf<DrawResult>(page, 'lottery', 'draw');
    await page.locator('.lottery-machine__button').click();
    const result = await drawn;
    const dialog = page.locator('.award-dialog');
    await dialog.waitFor({ timeout: 20_000 });
    // The highlight stopped on the prize the server chose.
    expect(await page.locator('.lottery-machine__cell--active').getAttribute('data-position')).toBe(String(result.prize.position));
    expect(await page.locator('.lottery-machine__cell--active').innerText()).toContain(result.prize.name);
    expect(await dialog.innerText()).toContain(result.won ? `恭喜获得 ${result.prize.name}` : '谢谢参与');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-lottery.png'), fullPage: true });
    await page.locator('.award-dialog__button--close').click();
    expect(await chancesOf(page)).toBe(result.chancesLeft);
    expect(result.chancesLeft).toBe(chances - 1);
    if (result.won) await page.locator('.awards__row').first().waitFor();

    // 积分商城 from the 签到 page: redeem 满100减20券 for 200 points.
    await page.goBack();
    await page.locator('.checkin-shortcuts__mall').click();
    // By its exact name: the 社群积分 section has 群友专享 满100减20券 too.
    const item = page.locator('.mall-item', { has: page.getByText('满100减20券', { exact: true }) });
    await item.waitFor({ timeout: 20_000 });
    expect(await page.locator('.mall-item', { hasText: '金卡专享保温杯' }).locator('.mall-item__button').innerText()).toBe('金卡会员专享');
    await item.locator('.mall-item__button').click();
    await page.locator('.dialog').waitFor();
    expect(await page.locator('.dialog').innerText()).toContain('用 200 积分 兑换「满100减20券」');
    const redeemed = answerOf<RedeemResult>(page, 'mall', 'redeem');
    await page.locator('.dialog__button--confirm').click();
    const { coupon } = await redeemed;
    expect(coupon).not.toBeNull();
    const code = coupon!.code;
    await expect.poll(() => page.locator('.dialog__title').textContent()).toBe('兑换成功');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-mall.png'), fullPage: true });

    // 去卡包: the coupon under 可用, with its code as text and as a QR code.
    await page.locator('.dialog__button--confirm').click();
    const card = page.locator(`.coupon-card[data-code="${code}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getAttribute('data-state')).toBe('available');
    expect(await card.innerText()).toContain(`券码 ${code}`);
    await card.click();
    await page.locator('.coupon-detail .coupon-qr__dark').first().waitFor();
    expect(await page.locator('.coupon-detail__code').textContent()).toBe(code);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-wallet-qr.png') });
    await page.locator('.coupon-detail__close').click();

    // A guide, in a browser of their own: 我的 → 券码核销, types the code in lower case.
    guide = await openBrowser();
    const till = await newPage(guide.context);
    await till.goto(`${server.url}/?as=e2e-guide&role=guide#/pages/checkin/index`);
    await till.locator('.calendar__cell--today').waitFor({ timeout: 20_000 });
    await tab(till, '我的').click();
    await till.locator('.mine-shortcuts__item--verify').click();
    const codeInput = till.locator('input.verify-page__code, .verify-page__code input').first();
    await codeInput.waitFor({ timeout: 20_000 });
    await codeInput.fill(code.toLowerCase());
    await expect.poll(() => codeInput.inputValue()).toBe(code);
    await till.locator('input.verify-page__store, .verify-page__store input').first().fill('静安嘉里店');
    await till.locator('.verify-page__lookup').click();
    await till.locator('.verify-page__confirm').click();
    const done = till.locator('.verify-page__done');
    await done.waitFor({ timeout: 20_000 });
    expect(await done.innerText()).toContain('核销成功');
    expect(await done.innerText()).toContain(code);
    expect(await done.innerText()).toContain('静安嘉里店');
    await till.screenshot({ path: path.join(RESULTS_DIR, 'e2e-verify.png'), fullPage: true });
    // The same code again: used, when, where and by whom.
    await codeInput.fill(code);
    await till.locator('.verify-page__lookup').click();
    await expect.poll(() => till.locator('.verify-page__used').textContent(), { timeout: 10_000 }).toMatch(/^这张券已于 .+ 在 静安嘉里店 由 .+ 核销$/);
    expect(till.errors).toEqual([]);

    // The member's wallet: no longer under 可用, now under 已使用.
    await page.reload();
    await page.locator('.wallet-page__tab[data-tab="available"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.empty-state, .coupon-card').first().count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator(`.coupon-card[data-code="${code}"]`).count()).toBe(0);
    await page.locator('.wallet-page__tab[data-tab="used"]').click();
    const used = page.locator(`.coupon-card[data-code="${code}"]`);
    await used.waitFor({ timeout: 20_000 });
    expect(await used.getAttribute('data-state')).toBe('used');
    expect(await used.innerText()).toContain('已使用');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-wallet-used.png'), fullPage: true });
    expect(page.errors).toEqual([]);
  });
});
