/**
 * Issue 12's group check-ins and 社群积分 in Chromium against the real Node server: two members of
 * one group open 签到 from the group's card (H5: `gid=` simulates it), each checks in and sees
 * their place in the group today (第 1 位, 第 2 位) and the group's count and streak leaders; 我的
 * then shows the 社群积分 each earned for being in the group (50) and checking in from it (10),
 * leading to the mall's 社群积分 section.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server';
import { newPage, openBrowser, RESULTS_DIR, shotAtRest, tab, type WatchedPage } from './browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let first: Awaited<ReturnType<typeof openBrowser>>;
let second: Awaited<ReturnType<typeof openBrowser>>;

beforeAll(async () => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  server = await startTestServer();
  first = await openBrowser();
  second = await openBrowser();
});

afterAll(async () => {
  await second?.close();
  await first?.close();
  await server?.close();
});

const GROUP = 'wx-e2e-group-points';
const text = (page: WatchedPage, selector: string) => page.locator(selector).first().innerText();

/** 签到 opened from the group's card, signed in as `openid`; answers once the group's board is on screen. */
async function openFromGroup(page: WatchedPage, openid: string) {
  await page.goto(`${server.url}/?as=${openid}&role=member&gid=${GROUP}#/pages/checkin/index`);
  await expect.poll(() => page.locator('.checkin-card__button').textContent(), { timeout: 20_000 }).toBe('签到');
  await expect.poll(() => text(page, '.group-board__rank'), { timeout: 20_000 }).toBe('签到后看看你是本群今日第几位');
}

describe('H5: a group sees its own check-ins, and each member their 社群积分', () => {
  it('two members check in from the group: 第 1 位 and 第 2 位, the count and leaders, and 60 社群积分 on 我的', async () => {
    const qing = await newPage(first.context);
    await openFromGroup(qing, 'e2e-gp-qing');
    await qing.locator('.checkin-card__button').click();
    await expect.poll(() => text(qing, '.group-board__rank'), { timeout: 20_000 }).toBe('本群今日第 1 位签到');
    expect(await text(qing, '.group-board__count')).toBe('本群今日已有 1 人签到');
    // Opening 签到 from the group already made her present (50): the check-in adds its bonus.
    expect(await text(qing, '.checkin-card__group-points')).toBe('在群里签到 +10 社群积分');

    const muzi = await newPage(second.context);
    await openFromGroup(muzi, 'e2e-gp-muzi');
    expect(await text(muzi, '.group-board__count')).toBe('本群今日已有 1 人签到');
    await muzi.locator('.checkin-card__button').click();
    await expect.poll(() => text(muzi, '.group-board__rank'), { timeout: 20_000 }).toBe('本群今日第 2 位签到');
    expect(await text(muzi, '.group-board__count')).toBe('本群今日已有 2 人签到');
    expect(await muzi.locator('.group-board__leader').count()).toBe(2);
    expect(await muzi.locator('.group-board__leader--me .group-board__streak').innerText()).toBe('连签 1 天');
    await shotAtRest(muzi, path.join(RESULTS_DIR, 'e2e-group-checkin-board.png'));

    // 我的: being in the group (50) and checking in from it (10), once each today.
    await tab(muzi, '我的').click();
    await expect.poll(() => text(muzi, '.mine-page__group-points'), { timeout: 20_000 }).toBe('60');
    await shotAtRest(muzi, path.join(RESULTS_DIR, 'e2e-group-points-mine.png'));
    // It leads to the mall's 社群积分 section (the demo's items cost more than a day in the group brings).
    await muzi.locator('.mine-page__item--group-points').click();
    await expect.poll(() => text(muzi, '.mall-page__group-balance'), { timeout: 20_000 }).toBe('我的社群积分 60');
    expect(await muzi.locator('.mall-page__group .mall-item').count()).toBeGreaterThanOrEqual(3);
    expect(await text(muzi, '.mall-page__group .mall-item__button')).toBe('社群积分不足');
    await shotAtRest(muzi, path.join(RESULTS_DIR, 'e2e-group-points-mall.png'));

    // Coming back to the group's 签到 later the same day changes neither place nor points.
    await qing.reload();
    await expect.poll(() => text(qing, '.group-board__count'), { timeout: 20_000 }).toBe('本群今日已有 2 人签到');
    expect(await text(qing, '.group-board__rank')).toBe('本群今日第 1 位签到');
    await tab(qing, '我的').click();
    await expect.poll(() => text(qing, '.mine-page__group-points'), { timeout: 20_000 }).toBe('60');

    for (const page of [qing, muzi]) expect(page.errors).toEqual([]);
  });
});
