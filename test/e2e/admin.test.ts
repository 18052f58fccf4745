/**
 * The 运营 tab in Chromium against the real Node server with the demo data, on a 390 px phone,
 * signed in as the demo admin 小陈 (`?as=demo-admin&role=admin`): the fourth tab 运营 (a member
 * has three); the workbench (立即计算 before the first run); an admin finds 小林 by nickname and
 * adjusts her points; builds a segment of one condition, sees the preview count, saves it, gives
 * it a coupon and sees the progress reach done as the server's job tick works through it (the
 * test runs the tick: POST /api/dev/run-jobs); the segment's members. A screenshot of every admin
 * screen is kept in test-results/ (e2e-admin-*.png). Then 导出: the members exported and the xlsx
 * downloaded; 操作记录 shows the export, narrowed by kind and by the admin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentPreview } from '@cloud/contract';
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

const field = (page: WatchedPage, cls: string) => page.locator(`input.${cls}:visible, .${cls}:visible input`).first();

describe('H5: the 运营 tab', () => {
  it('a member keeps three tabs', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-member&role=member`);
    await tab(page, '首页').waitFor({ timeout: 20_000 });
    expect(await page.locator('.tab-bar__item:visible').allInnerTexts()).toEqual(['首页', '签到', '我的']);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('an admin finds a member and adjusts their points; builds a segment, saves it, gives it a coupon and sees it done', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });
    expect(await page.locator('.tab-bar__item:visible').allInnerTexts()).toEqual(['首页', '签到', '我的', '运营']);
    await tab(page, '运营').click();

    // The workbench: before the first nightly run it offers to compute now.
    const computeNow = page.locator('.ops-page .empty-state__action');
    const layers = page.locator('.ops-page__layer[data-layer]');
    await Promise.race([computeNow.waitFor({ timeout: 20_000 }), layers.first().waitFor({ timeout: 20_000 })]);
    if (await computeNow.isVisible()) await computeNow.click();
    await layers.first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.ops-page__layer-name:visible').allInnerTexts()).toEqual(['新客', '高价值', '潜力', '沉睡', '流失预警', '一般']);
    await shot(page, 'ops');

    // 会员: find 小林 by the start of her nickname, open her, add 50 points with a reason.
    await page.locator('.ops-page__entry--members').click();
    await page.locator('.admin-member-row').first().waitFor({ timeout: 20_000 });
    await shot(page, 'members');
    await field(page, 'admin-members__input').fill('小林');
    const searched = answerOf<{ items: Array<{ id: string; nickname: string }> }>(page, 'admin', 'members');
    await page.locator('.admin-members__go:visible').click();
    const found = await searched;
    expect(found.items.map((m) => m.nickname)).toContain('小林');
    const lin = found.items.find((m) => m.nickname === '小林')!;
    await expect.poll(() => page.locator('.admin-member-row:visible .admin-member-row__name').allInnerTexts()).toEqual(found.items.map((m) => m.nickname));
    await shot(page, 'members-search');

    await page.locator(`.admin-member-row[data-member-id="${lin.id}"]:visible`).click();
    const balance = page.locator('.admin-member__balance-value:visible');
    await balance.waitFor({ timeout: 20_000 });
    expect(await page.locator('.admin-member__name:visible').innerText()).toBe('小林');
    const before = Number(await balance.innerText());
    await shot(page, 'member');
    await page.locator('.admin-member__adjust:visible').click();
    await field(page, 'admin-form__points').fill('50');
    await field(page, 'admin-form__reason').fill('客诉补偿');
    await expect.poll(() => page.locator('.admin-form__preview:visible').innerText()).toBe(`增加 50 积分，调整后 ${before + 50} 积分`);
    await shot(page, 'member-adjust-points');
    const adjusted = answerOf<{ balance: number; delta: number }>(page, 'admin', 'adjustPoints');
    await page.locator('.dialog__button--confirm:visible').click();
    expect(await adjusted).toMatchObject({ delta: 50, balance: before + 50 });
    await expect.poll(() => balance.innerText()).toBe(String(before + 50));
    // The member's own balance says the same.
    const linToken = await devLogin(server.url, 'demo-member');
    expect((await post(`${server.url}/api/fn/points`, { action: 'balance' }, { token: linToken })).body.data.balance).toBe(before + 50);
    await shot(page, 'member-adjusted');

    // 分群: a new segment of one condition (入会天数 ≥ 0: everyone), its preview count, saved.
    await page.goto(`${server.url}/#/packages/admin/segments/index`);
    await page.locator('.admin-segments__new:visible').click();
    await page.locator('.rule-editor__pick--field:visible').click();
    await page.locator('.option-sheet__option[data-value="daysSinceJoined"]:visible').click();
    const previewed = answerOf<SegmentPreview>(page, 'admin', 'previewSegment');
    await field(page, 'rule-editor__number--0').fill('0');
    const preview = await previewed;
    expect(preview.count).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.admin-segment__preview-count:visible').innerText()).toBe(String(preview.count));
    expect(await page.locator('.admin-segment__preview-rule:visible').innerText()).toBe('入会天数 ≥ 0 天');
    await field(page, 'admin-segment__name-input').fill('全部会员');
    await shot(page, 'segment-editor');
    await page.locator('.admin-segment__save:visible').click();
    await expect.poll(() => page.locator('.admin-segment__count:visible').innerText(), { timeout: 20_000 }).toBe(`${preview.count} 人`);
    expect(await page.locator('.admin-segment__status:visible').innerText()).toBe('已计算');
    await shot(page, 'segment-saved');

    // A coupon to every member of it; the job tick works through the action, the screen follows.
    await page.locator('.admin-segment__issue:visible').click();
    await page.locator('.admin-form__template:visible').click();
    await page.locator('.option-sheet__option:visible').first().click();
    const asked = answerOf<{ id: string; total: number }>(page, 'admin', 'segmentIssueCoupon');
    await page.locator('.dialog__button--confirm:visible').click();
    const action = await asked;
    expect(action.total).toBe(preview.count);
    await expect.poll(() => page.locator('.admin-segment__action-state:visible').innerText()).toBe('发放中');
    await shot(page, 'segment-coupon-running');
    const admin = await devLogin(server.url, 'demo-admin', 'admin');
    const tick = await post(`${server.url}/api/dev/run-jobs`, {}, { token: admin, headers: { 'x-dev-now': new Date().toISOString() } });
    expect(tick.status).toBe(200);
    await expect.poll(() => page.locator('.admin-segment__action-state:visible').innerText(), { timeout: 20_000 }).toBe('已完成');
    expect(await page.locator('.admin-segment__action-figures:visible').innerText()).toMatch(new RegExp(`^${preview.count}/${preview.count} 人 · 已发 \\d+ · 跳过 \\d+$`));
    await shot(page, 'segment-coupon-done');

    // Its members, a page at a time.
    await page.locator('.admin-segment__tab--members:visible').click();
    await page.locator('.admin-segment__members .admin-member-row').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.admin-segment__members .admin-member-row:visible').count()).toBe(Math.min(preview.count, 50));
    await shot(page, 'segment-members');

    // The list shows the saved segment with its size.
    await page.goto(`${server.url}/#/packages/admin/segments/index`);
    const card = page.locator('.admin-segments__card:visible', { hasText: '全部会员' });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.admin-segments__count').innerText()).toBe(`${preview.count} 人`);
    await shot(page, 'segments');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('an admin exports the members and downloads the xlsx; 操作记录 shows the export, by kind and by admin', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });
    await tab(page, '运营').click();
    await page.locator('.ops-page__entry--exports').click();
    await page.locator('.admin-exports__kind--members:visible').waitFor({ timeout: 20_000 });
    expect(await page.locator('.admin-exports__segment-value:visible').innerText()).toBe('全部会员 ▾');
    const asked = answerOf<{ exportId: string; fileName: string }>(page, 'admin', 'export');
    await page.locator('.admin-exports__start:visible').click();
    const { exportId, fileName } = await asked;
    expect(fileName).toMatch(/^会员_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const row = page.locator(`.admin-exports__card .admin-exports__row[data-export="${exportId}"]`);
    await expect.poll(() => row.locator('.admin-exports__meta').innerText(), { timeout: 30_000 }).toMatch(/^已完成 · \d+ 行 · [\d.]+ KB · /);
    await shot(page, 'exports');
    const downloading = page.waitForEvent('download');
    await row.locator('.admin-exports__download').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(fileName);
    const file = fs.readFileSync((await download.path())!);
    // An xlsx is a zip: it begins with PK.
    expect(file.subarray(0, 2).toString()).toBe('PK');

    await page.goto(`${server.url}/#/packages/admin/audit/index`);
    const first = page.locator('.admin-audit__entry:visible').first();
    await first.waitFor({ timeout: 20_000 });
    expect(await first.locator('.admin-audit__kind').innerText()).toBe('导出数据');
    expect(await first.locator('.admin-audit__changes').innerText()).toContain(fileName);
    await shot(page, 'audit');
    await page.locator('.admin-audit__chip--kind:visible').click();
    await page.locator('.option-sheet__option:visible', { hasText: '导出数据' }).click();
    await expect.poll(() => page.locator('.admin-audit__entry:visible .admin-audit__kind').allInnerTexts()).toEqual(expect.arrayContaining(['导出数据']));
    expect(new Set(await page.locator('.admin-audit__entry:visible .admin-audit__kind').allInnerTexts())).toEqual(new Set(['导出数据']));
    const actor = await first.locator('.admin-audit__actor').innerText();
    await first.locator('.admin-audit__actor').click();
    await expect.poll(() => page.locator('.admin-audit__chip--actor:visible').textContent()).toBe(`只看 ${actor}×`);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
