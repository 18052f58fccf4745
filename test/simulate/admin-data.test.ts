// @vitest-environment jsdom
/**
 * 数据 from the real weapp build (dist/weapp: the admin subpackage with uCharts in it), run by
 * miniprogram-simulate as the demo admin: the page loads, asks admin.kpis and shows the figure
 * cards and every section; 7 天 asks again and the period shown follows. (The simulator has no
 * canvas 2d nodes: the charts themselves are checked in Chromium, test/e2e/admin-data.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPage, tap, textOf, waitFor, type WeappEnv } from './weapp-runtime';

let env: WeappEnv & { detach(): void };

describe('weapp build: 数据', () => {
  beforeAll(async () => {
    env = await openPage('packages/admin/data/index', { serverUrl: inject('simulateServerUrl'), openid: 'demo-admin' });
  });
  afterAll(() => env?.detach());

  it('shows the figures and sections for 今天, then for 7 天', async () => {
    const dom = () => env.page().dom;
    await waitFor('the figures', () => dom().querySelectorAll('[class*="admin-data__figure-value"]').length === 25);
    const text = textOf(env);
    for (const title of ['增长', '活跃', '留存', '积分', '抽奖与券', '交易', '导购与社群', '分层']) expect(text).toContain(title);
    expect(text).toContain('新增会员');
    expect(text).toContain('实时');
    expect(env.requests.filter((r) => r.url === '/api/fn/admin').every((r) => r.status === 200)).toBe(true);

    const span = () => dom().querySelector('[class*="admin-data__span"]')?.textContent ?? '';
    expect(span()).not.toContain('–');
    const chip = [...dom().querySelectorAll('[class*="admin-data__chip"]')].find((c) => c.textContent?.trim() === '7 天')!;
    tap(chip);
    await waitFor('the week', () => span().includes('–'));
    expect(env.requests.filter((r) => r.url === '/api/fn/admin').length).toBeGreaterThanOrEqual(2);
  });
});
