/**
 * 配置 in Chromium against the real Node server with the demo data, as the demo admin 小陈: the
 * settings in their sections; a fee over the limit refused with the server's message at the
 * field; the 会员日 moved and the member 小林's 签到 page follows (今天是会员日 shows on the new
 * day only); 抽奖活动 from the settings, a prize over ¥50,000 refused at its value; 券模板 and 积分商城
 * opened. Screenshots in test-results/ (e2e-admin-settings*, -campaign*, -coupon*, -mall*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrandSettings, CheckinStatus } from '@cloud/contract';
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

/** A screenshot once the page has come to rest (slide-ins end; endless pulses aside). */
async function shot(page: WatchedPage, name: string) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.screenshot({ path: path.join(RESULTS_DIR, `e2e-admin-${name}.png`), fullPage: true });
}

const fieldAt = (page: WatchedPage, p: string) => page.locator(`.admin-field[data-path="${p}"]:visible`);
const isoWeekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;

/** The member's 签到 page, and whether it says today is 会员日. */
async function memberDayShown(page: WatchedPage): Promise<boolean> {
  await page.goto(`${server.url}/?as=demo-member&role=member#/pages/checkin/index`);
  await page.locator('.checkin-card:not(.checkin-card--loading):visible').waitFor({ timeout: 20_000 });
  return page.locator('.checkin-card__member-day:visible').isVisible();
}

describe('H5: 配置', () => {
  it('an admin moves the 会员日 and the member’s 签到 page follows; a value over the limit is refused at its field', async () => {
    const memberToken = await devLogin(server.url, 'demo-member');
    const status = (await post<{ data: CheckinStatus }>(`${server.url}/api/fn/checkin`, { action: 'status' }, { token: memberToken })).body.data;
    const today = isoWeekday(status.today);
    const adminToken = await devLogin(server.url, 'demo-admin', 'admin');
    const before = (await post<{ data: BrandSettings }>(`${server.url}/api/fn/admin`, { action: 'configGet' }, { token: adminToken })).body.data;
    // Today unless it already is the member day; then the day after, so that the page changes either way.
    const target = before.memberDay.weekday === today ? (today % 7) + 1 : today;

    const page = await newPage(browser.context);
    expect(await memberDayShown(page)).toBe(before.memberDay.weekday === today);
    await shot(page, 'settings-checkin-before');

    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });
    await tab(page, '运营').click();
    await page.locator('.ops-page__entry--settings').click();
    await page.locator('.admin-settings__section--memberDay').waitFor({ timeout: 20_000 });
    expect(await page.locator('.admin-settings__section--shipping .admin-settings__summary').innerText()).toBe('运费 ¥10 · 满 ¥99 包邮');
    await shot(page, 'settings');

    // 运费 over ¥1,000: the server's message at the field, the edit kept.
    await page.locator('.admin-settings__section--shipping .admin-settings__head').click();
    expect(await fieldAt(page, 'shipping.feeFen').locator('input').inputValue()).toBe('10');
    await fieldAt(page, 'shipping.feeFen').locator('input').fill('1000.5');
    await page.locator('.admin-settings__save:visible').click();
    await expect.poll(() => fieldAt(page, 'shipping.feeFen').locator('.admin-field__error').innerText(), { timeout: 20_000 }).toBe('不能大于 1000 元');
    expect(await page.locator('.admin-settings__save-error:visible').innerText()).toBe('有 1 处设置需要修改，见标红的项');
    await shot(page, 'settings-field-error');
    await page.locator('.admin-settings__discard:visible').click();
    expect(await fieldAt(page, 'shipping.feeFen').locator('input').inputValue()).toBe('10');

    // 会员日 → the target weekday, saved.
    await page.locator('.admin-settings__section--memberDay .admin-settings__head').click();
    await fieldAt(page, 'memberDay.weekday').locator('.admin-field__pick').click();
    await page.locator(`.option-sheet__option[data-value="${target}"]:visible`).click();
    await shot(page, 'settings-member-day');
    const saved = answerOf<BrandSettings>(page, 'admin', 'configSet');
    await page.locator('.admin-settings__save:visible').click();
    expect((await saved).memberDay.weekday).toBe(target);
    await expect.poll(() => page.locator('.admin-settings__state:visible').innerText()).toBe('所有设置已保存');
    expect(await page.locator('.admin-settings__section--memberDay .admin-settings__summary').innerText()).toMatch(
      new RegExp(`^每${['周一', '周二', '周三', '周四', '周五', '周六', '周日'][target - 1]} · `),
    );
    expect((await saved).shipping.feeFen).toBe(before.shipping.feeFen);

    // The member's 签到 page: 今天是会员日 exactly when the new member day is today.
    expect(await memberDayShown(page)).toBe(target === today);
    if (target === today) expect(await page.locator('.checkin-card__member-day:visible').innerText()).toMatch(/^今天是会员日 · 签到积分 ×\d/);
    await shot(page, 'settings-checkin-after');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('抽奖活动 from the settings: the campaigns, a new one whose prize is worth more than ¥50,000 refused at its value', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });
    await page.goto(`${server.url}/#/packages/admin/settings/index`);
    await page.locator('.admin-settings__campaigns:visible').click();
    await page.locator('.admin-editor__item:visible').first().waitFor({ timeout: 20_000 });
    await shot(page, 'campaigns');

    await page.locator('.admin-editor__new:visible').click();
    await fieldAt(page, 'name').locator('input').fill('周末抽奖');
    await page.locator('.admin-editor__add:visible').click();
    await fieldAt(page, 'prizes.2.kind').locator('[data-value="goods"]').click();
    await fieldAt(page, 'prizes.2.name').locator('input').fill('小汽车');
    await fieldAt(page, 'prizes.2.odds').locator('input').fill('0.01');
    await fieldAt(page, 'prizes.2.valueFen').locator('input').fill('50000.01');
    await fieldAt(page, 'prizes.2.stock').locator('input').fill('1');
    await expect.poll(() => page.locator('.admin-editor__total:visible').innerText()).toBe('概率合计 100.01%（须为 100%，多了 0.01%）');
    await fieldAt(page, 'prizes.1.odds').locator('input').fill('79.99');
    await expect.poll(() => page.locator('.admin-editor__total:visible').innerText()).toBe('概率合计 100%');
    await page.locator('.admin-editor__save:visible').click();
    await expect
      .poll(() => fieldAt(page, 'prizes.2.valueFen').locator('.admin-field__error').innerText(), { timeout: 20_000 })
      .toBe('单个奖品价值不得超过 50000 元（有奖销售规定）');
    expect(await page.locator('.admin-editor__refusal:visible').innerText()).toBe('单个奖品价值不得超过 50000 元（有奖销售规定）');
    await shot(page, 'campaign-refused');

    // At ¥50,000 it is saved and listed.
    await fieldAt(page, 'prizes.2.valueFen').locator('input').fill('50000');
    const saved = answerOf<{ id: string; name: string }>(page, 'admin', 'saveCampaign');
    await page.locator('.admin-editor__save:visible').click();
    const campaign = await saved;
    await page.locator(`.admin-editor__item[data-campaign="${campaign.id}"]:visible`).waitFor({ timeout: 20_000 });
    expect(await page.locator(`.admin-editor__item[data-campaign="${campaign.id}"] .admin-editor__prizes`).innerText()).toBe('10 积分 20% · 谢谢参与 79.99% · 小汽车 0.01%');
    await shot(page, 'campaigns-saved');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('券模板 and 积分商城 from the settings: the lists and an editor each, amounts in yuan', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });

    await page.goto(`${server.url}/#/packages/admin/settings/index`);
    const templates = answerOf<Array<{ id: string; amountOffFen: number | null; kind: string }>>(page, 'admin', 'couponTemplates');
    await page.locator('.admin-settings__coupons:visible').click();
    const amountOff = (await templates).find((t) => t.kind === 'amount_off' && t.amountOffFen !== null)!;
    await page.locator(`.admin-coupons__item[data-template="${amountOff.id}"]:visible`).waitFor({ timeout: 20_000 });
    await shot(page, 'coupons');
    await page.locator(`.admin-coupons__item[data-template="${amountOff.id}"]:visible`).click();
    expect(await fieldAt(page, 'amountOffFen').locator('input').inputValue()).toBe(String(amountOff.amountOffFen! / 100));
    await shot(page, 'coupon-editor');

    await page.goto(`${server.url}/#/packages/admin/settings/index`);
    const items = answerOf<Array<{ id: string; pointsPrice: number; redeemed: number }>>(page, 'admin', 'mallItems');
    await page.locator('.admin-settings__mall:visible').click();
    const item = (await items)[0]!;
    await page.locator(`.admin-mall__item[data-item="${item.id}"]:visible`).waitFor({ timeout: 20_000 });
    await shot(page, 'mall');
    await page.locator(`.admin-mall__item[data-item="${item.id}"]:visible`).click();
    expect(await fieldAt(page, 'pointsPrice').locator('input').inputValue()).toBe(String(item.pointsPrice));
    expect(await fieldAt(page, 'stock').locator('.admin-field__hint').innerText()).toBe(`已兑换 ${item.redeemed} 件；总库存不能少于已兑换`);
    await shot(page, 'mall-editor');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
