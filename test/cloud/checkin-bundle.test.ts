/**
 * The bundled `checkin` cloud function, as WeChat would run it: `main(event, context)` with the
 * caller's identity in the environment (how wx-server-sdk's getWXContext reads it), on PostgreSQL.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCloudFunctions, cloudFunctionRoot } from '../../config/scripts/build-cloud';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../support/databases';
import { checkinPointsNow } from '../support/fixtures';

type Main = (event: unknown, context: unknown) => Promise<any>;

describe.skipIf(!postgresUrl)('bundled checkin cloud function on PostgreSQL', () => {
  let t: TestDatabase;
  let main: Main;
  const saved = { ...process.env };

  function callAs(openid: string, event: unknown) {
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID';
    process.env.WX_OPENID = openid;
    process.env.WX_APPID = 'wx-test-appid';
    return main(event, { function_name: 'checkin', request_id: `req-${Math.random()}` });
  }

  beforeAll(async () => {
    await buildCloudFunctions();
    t = await openTestDatabase('postgres');
    process.env.DATABASE_URL = t.url;
    main = createRequire(__filename)(path.join(cloudFunctionRoot(), 'checkin/index.js')).main;
  });
  afterAll(async () => {
    process.env = saved;
    await t?.drop();
  });

  it('checks in the caller from the WeChat context, once a day', async () => {
    const first = await callAs('o-cloud-alice', { action: 'do', scene: 1001, userInfo: { appId: 'x', openId: 'o-cloud-alice' } });
    const points = checkinPointsNow();
    expect(first).toMatchObject({ ok: true, data: { alreadyCheckedIn: false, pointsGained: points, streak: 1, balance: points } });
    const again = await callAs('o-cloud-alice', { action: 'do' });
    expect(again.data).toMatchObject({ alreadyCheckedIn: true, balance: points });
    const status = await callAs('o-cloud-alice', { action: 'status' });
    expect(status.data).toMatchObject({ checkedInToday: true, streak: 1 });
  });

  it('uses the context identity, never an openid in the event', async () => {
    const reply = await callAs('o-cloud-bob', { action: 'do', openid: 'o-cloud-alice', _openid: 'o-cloud-alice' });
    expect(reply.ok).toBe(true);
    const { rows } = await t.db.query<{ openid: string; points_balance: number }>(
      'select openid, points_balance from members order by openid',
    );
    expect(rows).toEqual([
      { openid: 'o-cloud-alice', points_balance: checkinPointsNow() },
      { openid: 'o-cloud-bob', points_balance: checkinPointsNow() },
    ]);
  });

  it('answers bad input with the error envelope, and a timer-like call without OPENID as unauthenticated', async () => {
    expect(await callAs('o-cloud-alice', { action: 'status', month: 'soon' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PARAMS' },
    });
    expect(await callAs('', { action: 'do' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('the bundled jobs timer function runs the due jobs on the same database, within its time limit', async () => {
    const jobs = createRequire(__filename)(path.join(cloudFunctionRoot(), 'jobs/index.js')).main as Main;
    await callAs('o-cloud-alice', { action: 'subscribeReminder', accepted: true });
    process.env.WX_OPENID = '';
    const finishedRuns = async () =>
      (await t.db.query<{ job: string }>('select job from job_runs where finished_at is not null order by job')).rows.map((r) => r.job);
    // A time limit no larger than what the call keeps for its per-tick work leaves no time for daily batches.
    const hurried = await jobs({ Type: 'Timer', TriggerName: 'due-jobs-every-5-minutes' }, { time_limit_in_ms: 1_000 });
    expect(hurried).toMatchObject({ ok: true });
    expect(hurried.data.filter((r: { job: string }) => r.job !== 'deliver-outbox')).toEqual([]);
    expect(await finishedRuns()).toEqual([]);
    const reply = await jobs({ Type: 'Timer', TriggerName: 'due-jobs-every-5-minutes' }, { time_limit_in_ms: 20_000 });
    const reports: Array<{ job: string; run?: { state: string } }> = reply.data;
    // Whatever the hour, the jobs already due today ran once and were recorded.
    const daily = reports.filter((r) => r.run);
    expect(daily.every((r) => r.run!.state === 'finished')).toBe(true);
    expect(await finishedRuns()).toEqual(daily.map((r) => r.job).sort());
    const again = await jobs({ Type: 'Timer' }, {});
    expect(again.data.filter((r: { job: string }) => r.job !== 'deliver-outbox')).toEqual([]);
  });
});
