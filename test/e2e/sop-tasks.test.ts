/**
 * 今日任务 in Chromium against the real Node server, on a 390 px phone: a new member opens a
 * guide's card → the guide's 导购工作台 counts the task, 今日任务 shows the day-0 step with the
 * member's nickname in the 话术; 复制话术 copies it, 发券 gives the step's coupon once, 完成 marks
 * it done on time. A screenshot of each screen is kept in test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuideTasks } from '@cloud/contract';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { devLogin, post } from '../support/http';
import { startTestServer } from '../support/server';
import { answerOf, lastCopy, newPage, openBrowser, recordCopies, RESULTS_DIR, shotAtRest } from './browser';

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

const shot = (page: Parameters<typeof shotAtRest>[0], name: string) => shotAtRest(page, path.join(RESULTS_DIR, `e2e-${name}.png`));

describe('H5: 今日任务', () => {
  it('a new member opens a guide’s card → the guide’s 今日任务 shows the day-0 task by name; 复制话术 copies it, 完成 marks it done', async () => {
    // The guide shares a product card; a new member, who gave a nickname, opens it.
    const guideToken = await devLogin(server.url, 'e2e-sop-guide', 'guide');
    const home = await post(`${server.url}/api/fn/catalog`, { action: 'home' }, { token: guideToken });
    const productId = home.body.data.newLaunches[0].id as string;
    const share = await post(`${server.url}/api/fn/share`, { action: 'create', productId }, { token: guideToken });
    const memberToken = await devLogin(server.url, 'e2e-sop-newbie');
    const named = await post(`${server.url}/api/fn/member`, { action: 'update', consentVersion: CONSENT_VERSION, nickname: '林晓晓' }, { token: memberToken });
    expect(named.status).toBe(200);
    const opened = await post(`${server.url}/api/fn/share`, { action: 'open', shareId: share.body.data.shareId, scene: 1007 }, { token: memberToken });
    expect(opened.status).toBe(200);

    const page = await newPage(browser.context);
    await recordCopies(page);
    await page.goto(`${server.url}/?as=e2e-sop-guide&role=guide#/packages/guide/dashboard/index`);
    const link = page.locator('.guide-dashboard__link--tasks');
    await expect.poll(() => link.innerText(), { timeout: 20_000 }).toMatch(/今日任务\s*1 条待办/);
    await shot(page, 'sop-dashboard');

    const listed = answerOf<GuideTasks>(page, 'guide', 'tasks');
    await link.click();
    const tasks = await listed;
    expect(tasks.items).toHaveLength(1);
    const task = page.locator(`.sop-task[data-task-id="${tasks.items[0]!.id}"]`);
    await task.waitFor({ timeout: 20_000 });
    expect(await task.locator('.sop-task__name').innerText()).toBe('林晓晓');
    expect(await task.locator('.sop-task__trigger').innerText()).toBe('新会员绑定当天');
    const script = await task.locator('.sop-task__script').innerText();
    expect(script.startsWith('林晓晓您好')).toBe(true);
    expect(script).not.toMatch(/\{(昵称|导购|券|商品)\}/);
    expect(await page.locator('.guide-tasks__count--open').innerText()).toBe('待办 1');
    await shot(page, 'sop-tasks');

    await task.locator('.sop-task__copy').click();
    expect(await lastCopy(page)).toBe(script);
    await shot(page, 'sop-tasks-copied');

    // The welcome step's gift (the demo's 新人礼), given once: 已发券 after.
    const coupon = task.locator('.sop-task__coupon');
    if (tasks.items[0]!.coupon) {
      await coupon.click();
      await expect.poll(() => task.locator('.sop-task__given').count(), { timeout: 10_000 }).toBe(1);
      expect(await coupon.count()).toBe(0);
    }

    await task.locator('.sop-task__done').click();
    await expect.poll(() => task.locator('.sop-task__status').innerText(), { timeout: 10_000 }).toBe('已完成 · 按时');
    await expect.poll(() => page.locator('.guide-tasks__count--done').innerText()).toBe('已完成 1');
    expect(await page.locator('.guide-tasks__count--open').innerText()).toBe('待办 0');
    // Once 复制话术's toast is gone (Taro hides it by its style: display none).
    await expect
      .poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((t) => t.style.display === 'none')), { timeout: 10_000 })
      .toBe(true);
    await shot(page, 'sop-tasks-done');

    // Back on the dashboard (it reloads when shown again): nothing left to do today.
    await page.goBack();
    await expect.poll(() => link.innerText(), { timeout: 20_000 }).toMatch(/暂无待办/);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
