/**
 * 运营 → 会员详情 in Chromium against the real Node server with the demo data, on a 390 px phone.
 * A new member 陈小北 checks in through the member's API. Signed in as the demo admin 小陈, staff
 * find her in 会员, open her: 积分明细 shows the check-in, 签到日历 today checked; 分配导购 makes
 * 王姐 her guide (王姐's own list then has her); 设置角色 makes her a 导购, and her session opens
 * the guide workspace from the next call. A screenshot of each step is kept in test-results/
 * (e2e-admin-member-*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminMembersPage, CheckinStatus, MemberGuideChange, MemberRoleChange } from '@cloud/contract';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { devLogin, post } from '../support/http';
import { startTestServer } from '../support/server';
import { answerOf, newPage, openBrowser, RESULTS_DIR, shotAtRest, tab, type WatchedPage } from './browser';

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

const shot = (page: WatchedPage, name: string) => shotAtRest(page, path.join(RESULTS_DIR, `e2e-admin-member-${name}.png`));
const field = (page: WatchedPage, cls: string) => page.locator(`input.${cls}:visible, .${cls}:visible input`).first();

describe('H5: 运营 → 会员详情', () => {
  it("an admin reads a member's ledger and calendar, assigns her a guide and makes her a guide", async () => {
    const fn = (name: string) => `${server.url}/api/fn/${name}`;
    const token = await devLogin(server.url, 'e2e-member-detail');
    const memberId = (await post(fn('member'), { action: 'update', consentVersion: CONSENT_VERSION, nickname: '陈小北' }, { token })).body.data.id as string;
    expect((await post(fn('checkin'), { action: 'do' }, { token })).status).toBe(200);

    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });
    await tab(page, '运营').click();
    await page.locator('.ops-page__entry--members').click();
    await page.locator('.admin-member-row').first().waitFor({ timeout: 20_000 });
    await field(page, 'admin-members__input').fill('陈小北');
    const searched = answerOf<AdminMembersPage>(page, 'admin', 'members');
    await page.locator('.admin-members__go:visible').click();
    expect((await searched).items.map((m) => m.id)).toEqual([memberId]);
    await page.locator(`.admin-member-row[data-member-id="${memberId}"]:visible`).click();

    // 积分明细 opens with the screen: her check-in.
    const ledger = page.locator('.member-activity__pane--ledger .member-activity__row:visible');
    await ledger.first().waitFor({ timeout: 20_000 });
    expect(await ledger.first().locator('.member-activity__title').innerText()).toBe('每日签到');
    expect(await page.locator('.admin-member__role:visible').innerText()).toBe('会员');
    await shot(page, 'ledger');

    const calendar = answerOf<CheckinStatus>(page, 'admin', 'memberCalendar');
    await page.locator('.member-activity__tab[data-tab="calendar"]:visible').click();
    const today = (await calendar).today;
    await expect.poll(() => page.locator(`.calendar__cell[data-date="${today}"]:visible`).getAttribute('data-state')).toBe('checked');
    await shot(page, 'calendar');

    // 分配导购: 王姐.
    const guideId = (await post(fn('member'), { action: 'profile' }, { token: await devLogin(server.url, 'demo-guide', 'guide') })).body.data.id as string;
    await page.locator('.admin-member__assign-guide:visible').click();
    await page.locator(`.option-sheet__option[data-value="${guideId}"]:visible`).click();
    await shot(page, 'assign-guide');
    const assigned = answerOf<MemberGuideChange>(page, 'admin', 'assignGuide');
    await page.locator('.dialog__button--confirm:visible').click();
    expect((await assigned).guide).toEqual({ id: guideId, nickname: '王姐' });
    await expect.poll(() => page.locator('.admin-member__guide:visible').innerText()).toBe('王姐');
    const guideToken = await devLogin(server.url, 'demo-guide', 'guide');
    const guideMembers = (await post(fn('guide'), { action: 'members' }, { token: guideToken })).body.data.items as Array<{ id: string }>;
    expect(guideMembers.map((m) => m.id)).toContain(memberId);

    // 设置角色: 导购 — her own session works as a guide's from the next call.
    expect((await post(fn('guide'), { action: 'members' }, { token })).status).toBe(403);
    await page.locator('.admin-member__set-role:visible').click();
    await page.locator('.option-sheet__option[data-value="guide"]:visible').click();
    expect(await page.locator('.admin-member__confirm:visible').innerText()).toContain('员工不再有专属导购');
    await shot(page, 'set-role');
    const changed = answerOf<MemberRoleChange>(page, 'admin', 'setRole');
    await page.locator('.dialog__button--confirm:visible').click();
    expect(await changed).toEqual({ targetMemberId: memberId, role: 'guide', releasedMembers: 0 });
    await expect.poll(() => page.locator('.admin-member__role:visible').innerText()).toBe('导购');
    expect(await page.locator('.admin-member__guide:visible').count()).toBe(0);
    expect((await post(fn('guide'), { action: 'members' }, { token })).status).toBe(200);
    await shot(page, 'role-set');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
