/**
 * Membership core in Chromium against the real Node server: a fresh member accepts the
 * privacy guide, sets nickname, birthday (once) and avatar, sees them and the tier card in
 * 我的; and a member makes up a missed day with the dev clock (`?now=` → x-dev-now).
 */
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server';
import { newPage, openBrowser, RESULTS_DIR, tab } from './browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof openBrowser>>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A 2×2 PNG, small enough for the 200 KB avatar limit. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 232, 83, 43, 232, 83, 43, 0, 232, 83, 43, 232, 83, 43]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Brand-time (Asia/Shanghai) calendar day of `at`, shifted by `days`. */
function brandDay(at: Date, days = 0): string {
  return new Date(at.getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('H5: membership core', () => {
  it('a fresh member accepts the privacy guide, sets nickname, birthday and avatar, and sees them and the tier card in 我的', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=e2e-fresh-profile&role=member#/pages/checkin/index`);
    await page.locator('.calendar__cell--today').waitFor({ timeout: 20_000 });

    await tab(page, '我的').click();
    const tier = page.locator('.tier-card');
    await tier.waitFor({ timeout: 10_000 });
    expect(await page.locator('.tier-card__name').textContent()).toBe('普通会员');
    expect(await tier.innerText()).toContain('再获得 500 成长值升级为银卡会员');
    expect(await tier.innerText()).toContain('9.5折');
    expect(await page.locator('.profile__name').textContent()).toBe('微信用户');

    // 个人资料 (a subpackage page): the privacy guide before anything is asked.
    await page.getByText('个人资料', { exact: true }).click();
    const dialog = page.locator('.dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.innerText()).toContain('隐私保护指引');
    expect(await page.locator('.profile-page__input').count()).toBe(0);
    await page.locator('.dialog__button--confirm').click();
    await dialog.waitFor({ state: 'detached' });

    const nickname = page.locator('input.profile-page__input, .profile-page__input input').first();
    await nickname.fill('测试小明');
    expect(await page.locator('.profile-page').innerText()).toContain('生日设置后不可修改');
    // Taro's date picker opens on the default (1990-01-01); 确定 takes it.
    await page.locator('.profile-page__picker').click();
    await page.getByText('确定', { exact: true }).click();
    await expect.poll(() => page.locator('.profile-page__picker').textContent()).toContain('1990年1月1日');
    await page.locator('.profile-page__primary').click();
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('设置后不可修改');
    await page.locator('.dialog__button--confirm').click();
    await page.locator('.profile-page__birthday').waitFor({ timeout: 10_000 });
    expect(await page.locator('.profile-page__birthday').textContent()).toBe('1990年1月1日');
    expect(await page.locator('.profile-page').innerText()).toContain('生日已设置，不可修改');

    // Avatar through the file picker → POST /api/media/avatar → member.update {avatarUrl}.
    await page.locator('.profile-page input[type=file]').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: tinyPng() });
    await expect
      .poll(() => page.locator('.profile-page .avatar-picker__image').first().evaluate((el) => el.querySelector('img')?.getAttribute('src') ?? el.getAttribute('src')), {
        timeout: 10_000,
      })
      .toMatch(/\/media\/[A-Za-z0-9_-]{22}$/);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-profile.png'), fullPage: true });

    await page.goBack();
    await expect.poll(() => page.locator('.profile__name').textContent(), { timeout: 10_000 }).toBe('测试小明');
    expect(await page.locator('.mine-page__menu').innerText()).toContain('生日 1990-01-01');
    expect(await page.locator('.tier-card__name').textContent()).toBe('普通会员');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-mine-tier.png'), fullPage: true });
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('makes up a missed day with the dev clock, and 明天提醒我 records a reminder', async () => {
    const page = await newPage(browser.context);
    const realNow = new Date();
    const joined = brandDay(realNow);
    // A later "today" whose previous day is in the same month and after joining.
    const k = brandDay(realNow, 2).endsWith('-01') ? 3 : 2;
    const today = brandDay(realNow, k);
    const missed = brandDay(realNow, k - 1);
    const now = `${today}T10:00:00+08:00`;

    await page.goto(`${server.url}/?as=e2e-makeup&role=member#/pages/checkin/index`);
    await page.locator('.calendar__cell--today').waitFor({ timeout: 20_000 });
    await page.locator('.checkin-card__button').click();
    await page.getByText(/签到成功 \+\d+ 积分/).first().waitFor();
    expect(await page.locator('.checkin-card').innerText()).toContain('获得 1 次抽奖机会');
    expect(await page.locator(`[data-date="${joined}"]`).getAttribute('data-state')).toBe('checked');

    // The same member, k days later (x-dev-now on every call).
    await page.goto(`${server.url}/?as=e2e-makeup&role=member&now=${encodeURIComponent(now)}#/pages/checkin/index`);
    await page.locator(`[data-date="${today}"][data-state="today"]`).waitFor({ timeout: 20_000 });
    expect(await page.locator(`[data-date="${missed}"]`).getAttribute('data-state')).toBe('missed');
    await page.locator('.checkin-card__button').click();
    await expect.poll(() => page.locator('.checkin-card__button').textContent()).toBe('今日已签到');
    const before = Number(/连续签到\s*(\d+)\s*天/.exec(await page.locator('.checkin-card').innerText())![1]);

    await page.locator(`[data-date="${missed}"]`).click();
    const dialog = page.locator('.dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/补签消耗 20 积分，本月还可补签 2 次/);
    await page.locator('.dialog__button--confirm').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => page.locator(`[data-date="${missed}"]`).getAttribute('data-state')).toBe('made_up');
    await expect
      .poll(async () => Number(/连续签到\s*(\d+)\s*天/.exec(await page.locator('.checkin-card').innerText())![1]))
      .toBeGreaterThan(before);

    // 明天提醒我: H5 records an acceptance directly.
    await page.locator('.reminder__button').click();
    await page.getByText('明天会提醒你签到').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-makeup.png'), fullPage: true });

    await tab(page, '我的').click();
    const makeupRow = page.locator('.ledger__row', { hasText: '补签' });
    await makeupRow.first().waitFor({ timeout: 10_000 });
    expect(await makeupRow.first().innerText()).toContain('-20');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
