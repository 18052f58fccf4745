/**
 * 数据 in Chromium against the real Node server with the demo data, signed in as the demo admin:
 * from the 运营 tab's first entry, the screen asks admin.kpis for 今天 and every figure card shows
 * what that answer says (written as the cards write it); a chart's canvas has pixels drawn by
 * uCharts, and a touch on it shows the values there; 7 天 asks again and the cards follow.
 * Screenshots: test-results/e2e-admin-data.png and e2e-admin-data-7d.png, each the whole screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminKpis, KpiFigureKey } from '@cloud/contract';
import { FIGURES, formatFigure } from '@/packages/admin/data/figures';
import { formatMonthDay } from '@/utils/format';
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

/** Each card's figure key and the value it shows. */
async function shownFigures(page: WatchedPage): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('.admin-data__figure[data-figure]')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => [el.dataset.figure!, el.querySelector('.admin-data__figure-value')!.textContent!]),
    ),
  );
}

const expectedFigures = (kpis: AdminKpis) =>
  Object.fromEntries(Object.entries(kpis.figures).map(([key, f]) => [key, formatFigure(f.value, FIGURES[key as KpiFigureKey].format)]));

/** Pixels drawn on a chart's canvas (neither left transparent nor white), or only the dark ones (the tooltip's box). */
function drawnPixels(page: WatchedPage, label: string, kind: 'drawn' | 'dark' = 'drawn'): Promise<number> {
  return page.evaluate(
    ([aria, which]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`.admin-chart[aria-label="${aria}"] canvas`);
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx || canvas.width === 0) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const limit = which === 'dark' ? 90 : 250;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (which === 'dark' ? a > 128 && r < limit && g < limit && b < limit : a > 0 && (r < limit || g < limit || b < limit)) n++;
      }
      return n;
    },
    [label, kind] as const,
  );
}

/**
 * The whole screen: it scrolls inside Taro's page, which a full-page screenshot does not reach,
 * so the window is made as tall as the screen for the shot (the width, and so the charts, stay).
 */
async function shot(page: WatchedPage, name: string) {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => Math.ceil(document.querySelector('.admin-data')!.getBoundingClientRect().bottom + window.scrollY));
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: path.join(RESULTS_DIR, `e2e-admin-${name}.png`), fullPage: true });
  await page.setViewportSize(size);
}

describe('H5: 数据', () => {
  it('an admin opens 数据: the figures are admin.kpis’ for 今天, the charts draw, 7 天 follows', async () => {
    const page = await newPage(browser.context);
    await page.goto(`${server.url}/?as=demo-admin&role=admin`);
    await tab(page, '运营').waitFor({ timeout: 20_000 });
    await tab(page, '运营').click();
    const entry = page.locator('.ops-page__entry--data');
    await entry.waitFor({ timeout: 20_000 });
    expect(await page.locator('.ops-page__entry-title:visible').first().innerText()).toBe('数据');

    const todayAnswer = answerOf<AdminKpis>(page, 'admin', 'kpis');
    await entry.click();
    const today = await todayAnswer;
    expect(today.period.key).toBe('today');
    await page.locator('.admin-data__figure[data-figure]:visible').first().waitFor({ timeout: 20_000 });
    expect(await shownFigures(page)).toEqual(expectedFigures(today));
    expect(await page.locator('.admin-data__periods .admin-data__chip--on:visible').innerText()).toBe('今天');
    expect(await page.locator('.admin-data__live:visible').innerText()).toBe('实时');

    // The demo brand has members every day of the week up to today: the total line is drawn.
    expect(today.growth.series.at(-1)!.totalMembers).toBeGreaterThan(0);
    await expect.poll(() => drawnPixels(page, '会员总数'), { timeout: 10_000 }).toBeGreaterThan(500);
    await expect.poll(() => drawnPixels(page, 'DAU / WAU / MAU'), { timeout: 10_000 }).toBeGreaterThan(500);
    // A touch on a chart shows the values there (uCharts' tooltip: a dark box over the lines).
    const before = await drawnPixels(page, 'DAU / WAU / MAU', 'dark');
    await page.locator('.admin-chart[aria-label="DAU / WAU / MAU"] canvas').tap();
    await expect.poll(() => drawnPixels(page, 'DAU / WAU / MAU', 'dark')).toBeGreaterThan(before + 2000);
    await shot(page, 'data');
    expect(await page.locator('.admin-data__section-title:visible').allInnerTexts()).toEqual(['增长', '活跃', '留存', '积分', '抽奖与券', '交易', '导购与社群', '分层']);

    const weekAnswer = answerOf<AdminKpis>(page, 'admin', 'kpis');
    await page.locator('.admin-data__chip[data-period="7d"]:visible').click();
    const week = await weekAnswer;
    expect(week.period).toMatchObject({ key: '7d', days: 7, to: today.today });
    await expect.poll(() => page.locator('.admin-data__span:visible').innerText()).toBe(`${formatMonthDay(week.period.from)} – ${formatMonthDay(week.period.to)}`);
    await expect.poll(() => shownFigures(page)).toEqual(expectedFigures(week));
    expect(await page.locator('.admin-data__periods .admin-data__chip--on:visible').innerText()).toBe('7 天');
    await expect.poll(() => drawnPixels(page, '会员总数'), { timeout: 10_000 }).toBeGreaterThan(500);
    await shot(page, 'data-7d');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
