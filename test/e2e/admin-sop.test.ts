/**
 * SOP 计划 and SOP 成效 in Chromium against the real Node server with the demo data: the demo
 * admin opens SOP 计划 from the 运营 tab, edits a step's 话术 (a variable chip included) and saves
 * — the plan's version goes up, in the list and in the database; then SOP 成效 shows a row per
 * guide with tasks in the last 30 days. Screenshots in test-results/ (e2e-admin-sop-*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SopPlanView, SopValue } from '@cloud/contract';
import { startTestServer } from '../support/server';
import { answerOf, newPage, openBrowser, RESULTS_DIR, shotAtRest, tab } from './browser';

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

const shot = (page: Parameters<typeof shotAtRest>[0], name: string) => shotAtRest(page, path.join(RESULTS_DIR, `e2e-admin-sop-${name}.png`));

describe('H5: SOP 计划 and SOP 成效', () => {
  it('an admin edits a step’s 话术 (the version goes up), then sees each guide’s SOP figures', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });
    await tab(page, '运营').click();
    const plansEntry = page.locator('.ops-page__entry--sop-plans:visible');
    await plansEntry.waitFor({ timeout: 20_000 });
    const listed = answerOf<SopPlanView[]>(page, 'admin', 'sopPlans');
    await plansEntry.click();
    const plans = await listed;
    expect(plans.length).toBeGreaterThan(0);
    const plan = plans[0]!;
    const card = page.locator(`.admin-sop__plan[data-plan="${plan.id}"]:visible`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.admin-editor__when').innerText()).toContain(`第 ${plan.version} 版 · ${plan.steps.length} 个步骤`);
    await shot(page, 'plans');

    await card.click();
    const script = page.locator('.admin-field[data-path="steps.0.script"]:visible textarea');
    await script.waitFor({ timeout: 20_000 });
    expect(await script.inputValue()).toBe(plan.steps[0]!.script);
    await script.fill('欢迎来到我们的会员中心，');
    await page.locator('.admin-field[data-path="steps.0.script"]:visible [data-variable="昵称"]').click();
    await expect.poll(() => script.inputValue()).toBe('欢迎来到我们的会员中心，{昵称}');
    await shot(page, 'plan');

    const saved = answerOf<SopPlanView>(page, 'admin', 'saveSopPlan');
    await page.locator('.admin-editor__save:visible').click();
    const after = await saved;
    expect([after.id, after.version, after.steps[0]!.script, after.steps[0]!.key]).toEqual([plan.id, plan.version + 1, '欢迎来到我们的会员中心，{昵称}', plan.steps[0]!.key]);
    await expect.poll(() => card.locator('.admin-editor__when').innerText(), { timeout: 10_000 }).toContain(`第 ${plan.version + 1} 版`);
    const { rows } = await server.db.query<{ version: number }>(`select version from sop_plans where id = $1`, [plan.id]);
    expect(rows[0]!.version).toBe(plan.version + 1);
    expect(page.errors).toEqual([]);

    await page.goBack();
    const valueEntry = page.locator('.ops-page__entry--sop-value:visible');
    await valueEntry.waitFor({ timeout: 20_000 });
    const read = answerOf<SopValue>(page, 'admin', 'sopValue');
    await valueEntry.click();
    const value = await read;
    // The demo guides have tasks in the last 30 days (the demo data's SOP tasks).
    const guides = await server.db.query<{ n: number }>(
      `select count(distinct guide_id)::int as n from sop_tasks where due_on between $1::date and $2::date`,
      [value.since, value.until],
    );
    expect(guides.rows[0]!.n).toBeGreaterThan(0);
    expect(value.guides).toHaveLength(guides.rows[0]!.n);
    const rowsShown = page.locator('.admin-sopv__guides .admin-data__tr:not(.admin-data__tr--head):visible');
    await rowsShown.first().waitFor({ timeout: 20_000 });
    expect(await rowsShown.count()).toBe(value.guides.length);
    const first = value.guides[0]!;
    expect(await rowsShown.first().locator('.admin-data__td').allInnerTexts()).toEqual(
      expect.arrayContaining(['1', first.nickname ?? `导购 #${first.guideId}`, String(first.tasks)]),
    );
    await shot(page, 'value');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
