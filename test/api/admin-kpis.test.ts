/**
 * admin.kpis over HTTP, on the demo brand with its week of history: roles before params, the
 * default period, a bad range refused in Chinese, and the nightly rollup filling the past.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDay } from '@cloud/domain/business-day';
import { runJob } from '@cloud/services/jobs/run-job';
import { kpiRollupJob } from '@cloud/services/kpis/rollup';
import { loadBrandSettings } from '@cloud/services/settings/brand-settings-store';
import { devLogin, post, type Reply } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('admin.kpis over HTTP', () => {
  let server: TestServer;
  let kpis: (body: object, token: string) => Promise<Reply>;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer();
    kpis = (body, token) => post(`${server.url}/api/fn/admin`, { action: 'kpis', ...body }, { token });
    admin = await devLogin(server.url, 'kpi-admin', 'admin');
  });
  afterAll(() => server?.close());

  it('members and guides get 403 whatever they send, before their params are looked at', async () => {
    for (const role of ['member', 'guide']) {
      const token = await devLogin(server.url, `kpi-not-admin-${role}`, role);
      for (const body of [{}, { period: '7d' }, { period: { from: 'soon', to: 1 } }, { nonsense: true }]) {
        const reply = await kpis(body, token);
        expect([reply.status, reply.body.error.code]).toEqual([403, 'FORBIDDEN']);
      }
    }
  });

  it('answers today by default; a bad range is a 400 that says why in Chinese', async () => {
    const reply = await kpis({}, admin);
    expect(reply.status).toBe(200);
    const today = businessDay(new Date(), 'Asia/Shanghai');
    expect(reply.body.data.period).toMatchObject({ key: 'today', from: today, to: today, days: 1 });
    expect(reply.body.data.coverage.live).toContain(today);
    expect(Object.keys(reply.body.data.figures)).toContain('checkins');

    const cases: Array<[unknown, string]> = [
      [{ from: '2026-03-02', to: '2026-03-01' }, '开始日期不能晚于结束日期'],
      [{ from: '2024-01-01', to: '2025-12-31' }, '日期范围最多 366 天'],
      [{ from: today, to: addDays(today, 1) }, '结束日期不能晚于今天'],
      ['90d', 'period'],
      [{ from: '2026-03-01' }, 'period'],
    ];
    for (const [period, words] of cases) {
      const bad = await kpis({ period }, admin);
      expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
      expect(bad.body.error.message).toContain(words);
    }
  });

  it('once the nightly rollup has run, 近 7 天 reads the past from it: nothing missing, only today live', async () => {
    const now = new Date();
    const brand = await loadBrandSettings(server.db);
    // The demo brand began 45 days ago: the two weeks this period and the one before need are enough here.
    const run = await runJob(server.db, kpiRollupJob({ backfillDays: 14 }), { brand, day: businessDay(now, brand.timeZone), now });
    expect(run?.run?.state).toBe('finished');
    const reply = await kpis({ period: '7d' }, admin);
    expect(reply.status).toBe(200);
    const { coverage, figures, activity, trade } = reply.body.data;
    expect(coverage.missing).toEqual([]);
    expect(coverage.live).toEqual([businessDay(now, brand.timeZone)]);
    // The demo week: visits, check-ins and paid orders.
    expect(figures.mau.value).toBeGreaterThan(0);
    expect(figures.gmvFen.value).toBeGreaterThan(0);
    expect(activity.series).toHaveLength(7);
    expect(trade.series).toHaveLength(7);
  });
});
