/**
 * 首页 as a newcomer meets it, measured the way issue 8 measures it (the shared first-screen
 * tool, ../shared/tools/first-screen.mjs): the server as `npm start` runs it (its own process,
 * development mode, PGlite on disk with the demo data), a cold browser profile for every run and
 * its first tab, Chromium with 4× CPU slow-down, a 390×844 phone at 2×, signing in through
 * `/?as=demo-member`, until 新款首发 and a price in that section are on screen. The first run warms
 * the server and is not counted. Prints every run with its median and max and writes them to
 * test-results/e2e-first-screen.json: the budget (≤ 1.5 s median) is judged by those figures. The
 * assertion is only a ceiling that a busy CI machine stays under, so that a first screen that
 * broke or got several times slower fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port';
import { firstTab, openBrowser, RESULTS_DIR } from './browser';

const RUNS = Number(process.env.FIRST_SCREEN_RUNS ?? 7);
const CEILING_MEDIAN_MS = 6000;

const ROOT = path.resolve(__dirname, '../..');

let server: { url: string; process: ChildProcess; dataDir: string } | undefined;

/** `npm start`'s server (the H5 build is made by the suite's global setup), until it prints its address. */
async function startServer(): Promise<NonNullable<typeof server>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-screen-data-'));
  const port = await freePort();
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['cloud/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const open = /Open: (http:\/\/\S+?)\/?\s/.exec(out);
      if (open) resolve(open[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready:\n${out}`)));
  });
  return { url, process: child, dataDir };
}

beforeAll(async () => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  server = await startServer();
});

afterAll(async () => {
  if (!server) return;
  const exited = new Promise((resolve) => server!.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  await exited;
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** In the page: the time at which 新款首发 and a price inside its section are both visible, else false. */
function homeReady(): number | false {
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const leaves = [...document.querySelectorAll('*')].filter((el) => el.childElementCount === 0 && shown(el));
  const title = leaves.find((el) => el.textContent?.trim() === '新款首发');
  if (!title) return false;
  let section = title.parentElement;
  while (section && section !== document.body && !/¥\s*\d/.test(section.innerText)) section = section.parentElement;
  if (!section || section === document.body) return false;
  return leaves.some((el) => section.contains(el) && /¥\s*\d/.test(el.textContent ?? '')) ? performance.now() : false;
}

interface Run {
  readyMs: number;
  firstPaintMs: number | null;
  errors: string[];
}

async function once(screenshot?: string): Promise<Run> {
  const browser = await openBrowser({ phone: false });
  try {
    const page = await firstTab(browser.context, 4);
    await page.goto(`${server!.url}/?as=demo-member&role=member`, { waitUntil: 'commit', timeout: 60_000 });
    const ready = (await (await page.waitForFunction(homeReady, null, { polling: 20, timeout: 60_000 })).jsonValue()) as number;
    // The paint entry can be reported a frame after the content was found on screen: wait for it.
    const firstPaint = await page.evaluate(
      () =>
        new Promise<number | null>((resolve) => {
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
          setTimeout(() => resolve(null), 2000);
        }),
    );
    if (screenshot) await page.screenshot({ path: screenshot });
    return { readyMs: Math.round(ready), firstPaintMs: firstPaint === null ? null : Math.round(firstPaint), errors: page.errors };
  } finally {
    await browser.close().catch(() => undefined);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

describe('H5 first screen', () => {
  it(`首页 with its prices, cold, 4× CPU slow-down: ${RUNS - 1} counted runs`, { timeout: 60_000 * RUNS }, async () => {
    await once();
    const runs: Run[] = [];
    for (let i = 1; i < RUNS; i++) {
      const run = await once(i === RUNS - 1 ? path.join(RESULTS_DIR, 'e2e-first-screen.png') : undefined);
      runs.push(run);
      console.log(`[e2e] first screen run ${i}: first paint ${run.firstPaintMs} ms, 首页 with prices ${run.readyMs} ms`);
    }
    const ready = runs.map((r) => r.readyMs);
    const figures = {
      medianMs: median(ready),
      maxMs: Math.max(...ready),
      firstPaintMedianMs: median(runs.flatMap((r) => (r.firstPaintMs === null ? [] : [r.firstPaintMs]))),
      runsMs: ready,
      budgetMedianMs: 1500,
    };
    console.log(
      `[e2e] first screen median ${figures.medianMs} ms (max ${figures.maxMs}), first paint median ${figures.firstPaintMedianMs} ms over ${runs.length} runs (budget ${figures.budgetMedianMs} ms median)`,
    );
    fs.writeFileSync(path.join(RESULTS_DIR, 'e2e-first-screen.json'), JSON.stringify(figures, null, 2));
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(figures.medianMs).toBeLessThan(CEILING_MEDIAN_MS);
  });
});
