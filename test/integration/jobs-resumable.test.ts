/**
 * The job runner's promises: a run works in keyset batches whose writes commit with the cursor,
 * so a run killed after any batch (a batch that throws after its writes, or a deadline) and
 * continued by whichever instance comes next ends exactly as one uninterrupted run would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '@cloud/db/port';
import { DAILY_JOBS } from '@cloud/services/jobs/daily-jobs';
import type { Job } from '@cloud/services/jobs/job';
import { LEASE_MS, runJob, type RunOptions } from '@cloud/services/jobs/run-job';
import { saveBrandSettings } from '@cloud/services/settings/brand-settings-store';
import { couponTemplate } from '../support/catalog';
import { backends, resetData, useTestDatabase } from '../support/databases';
import { at, brand, ledgerMismatches, memberJoinedAt } from '../support/fixtures';
import { testProduct } from '../support/products';

const DAY = '2027-11-01';
const EVENING = at(`${DAY} 20:30:00`);
const later = (minutes: number) => new Date(EVENING.getTime() + minutes * 60_000);
const expiry = DAILY_JOBS.find((j) => j.name === 'expire-points')!;
/**
 * The jobs whose counts are all keys walked and rows written. Segmentation also counts the
 * milliseconds of each step, which differ run to run; its resumability is tested with it
 * (segmentation.test.ts). The KPI rollup walks days, not members (a year of them for this
 * fixture); its filling and refilling of days is tested with it (kpis.test.ts). SOP task generation
 * takes 50,000 members a batch (one here) and is once per task by its key (sop-generation.test.ts).
 */
const KEYED_JOBS = DAILY_JOBS.filter((j) => j.name !== 'segmentation' && j.name !== 'kpi-rollup' && j.name !== 'sop-tasks');

/** A job that is not idempotent by itself: every application of a batch marks its members once more. */
const marking: Job = {
  name: 'mark-members',
  dueAt: () => '00:00',
  async batch(tx, after, { batchSize }) {
    const { rows } = await tx.query<{ id: string }>(
      `update members set nickname = coalesce(nickname, '') || '✓'
       where id in (select id from members where id > $1::bigint order by id limit $2) returning id`,
      [after ?? '0', batchSize],
    );
    const last = rows.map((r) => Number(r.id)).sort((x, y) => x - y).pop();
    return { cursor: rows.length < batchSize ? null : String(last), rows: rows.length, counts: { marked: rows.length } };
  },
};

/** A job whose batch number `killAt` (1-based, per call) dies after its writes, before the commit. */
function killedAt(job: Job, killAt: number): Job {
  let n = 0;
  return {
    ...job,
    async batch(tx, cursor, ctx) {
      const outcome = await job.batch(tx, cursor, ctx);
      if (++n === killAt) throw new Error('killed mid-batch');
      return outcome;
    },
  };
}

/** A job whose every batch takes `ms` on a clock of its own, for deadlines. */
function timed(job: Job, ms: number): { job: Job; clock: () => number } {
  let t = 0;
  return { job: { ...job, batch: async (tx, cursor, ctx) => ((t += ms), job.batch(tx, cursor, ctx)) }, clock: () => t };
}

/**
 * Members for every daily job on DAY: lots that expired the day before (and one that has not),
 * birthdays in November with a birthday coupon, gold tiers at their anniversary (some keep),
 * acceptances of 明天提醒我 from yesterday, orders shipped 10 days before (they complete) and 9
 * days before (they wait).
 */
async function seedDay(db: Db, members: number) {
  const template = await couponTemplate(db, { name: '生日券' });
  const withCoupon = { ...brand, tiers: brand.tiers.map((t) => ({ ...t, benefits: { ...t.benefits, birthdayCouponTemplateId: template.id } })) };
  await saveBrandSettings(db, withCoupon, null);
  for (let i = 1; i <= members; i++) await memberJoinedAt(db, `member-${i}`, '2026-01-01 08:00:00');
  await db.exec(`
    select book_points(id, 10 * id::int, 'admin_adjust', 'seed:' || id, '种子', '2026-10-15 10:00+08', '2027-10-31', null) from members;
    select book_points(id, 5, 'admin_adjust', 'seed-later:' || id, '种子', '2026-11-15 10:00+08', '2027-11-30', null) from members where id % 4 = 0;
    update members set birthday = '1990-11-15' where id % 2 = 0;
    update members set tier = 'gold', tier_since = '2026-11-01' where id % 3 = 0;
    insert into growth_ledger (member_id, amount, source, source_id, day, created_at)
      select id, 1500, 'test', 'seed:' || id, '2027-06-01', now() from members where id % 6 = 0;
    insert into reminder_subscriptions (member_id, kind, accepted_at)
      select id, 'checkin', '2027-10-31 10:00+08' from members where id % 2 = 1;
    -- 「今日任务」: guides with an open task today and an acceptance get one; the others keep theirs.
    insert into sop_plans (name, version, steps, updated_at) values ('新客 1v1', 1, '[]', now());
    insert into sop_plan_versions (plan_id, version, name, steps, created_at) select id, 1, name, steps, now() from sop_plans;
    insert into sop_tasks (member_id, guide_id, plan_id, plan_version, step_key, occurrence, due_on, due_at, expires_on, created_at)
      select id, id, (select id from sop_plans), 1, 'welcome', 'seed', '2027-11-01', '2027-11-01 10:00+08', '2027-11-02', now() from members where id % 3 = 2;
    insert into reminder_subscriptions (member_id, kind, accepted_at)
      select id, 'tasks', '2027-10-31 10:00+08' from members where id % 3 <> 0;
  `);
  const { productId, categoryId, skus } = await testProduct(db);
  await db.query(
    `insert into orders (member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, category_id,
       list_price_fen, unit_price_fen, total_fen, created_at, expires_at, paid_at, shipped_at, carrier, tracking_no)
     select id, 'seed:' || id, 'shipped', $1, $2, 1, '测试商品', '默认', $3, 9900, 9900, 9900, '2027-10-20 10:00+08', '2027-10-20 10:15+08',
       '2027-10-20 10:01+08', case when id % 2 = 0 then '2027-10-22 23:59+08'::timestamptz else '2027-10-23 00:00+08'::timestamptz end,
       '顺丰速运', 'SF' || lpad(id::text, 10, '0')
     from members`,
    [productId, skus[0]!.id, categoryId],
  );
  return withCoupon;
}

/** Everything the jobs decide, without the clock times of the writes. */
async function endState(db: Db) {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    members: await q('select id, tier, tier_since, points_balance, nickname from members order by id'),
    ledger: await q('select member_id, delta, balance_after, source, source_id from points_ledger order by member_id, id'),
    lots: await q('select member_id, amount, remaining, expires_on from points_lots order by member_id, id'),
    coupons: await q('select member_id, template_id, source, source_id, valid_from, valid_until from coupons order by member_id'),
    outbox: await q('select member_id, kind, subscription_id, payload from outbox order by member_id'),
    subscriptions: await q('select id, member_id, used_at is not null as used from reminder_subscriptions order by id'),
    orders: await q('select id, status, completed_by from orders order by id'),
    runs: await q(`select job, day, result, rows_done, finished_at is not null as finished, cursor from job_runs order by job`),
  };
}

const runRow = async (db: Db, job = expiry.name) =>
  (
    await db.query<{ cursor: string | null; rows_done: string; batches: number; result: unknown; last_error: string | null; finished: boolean; held: boolean }>(
      `select cursor, rows_done, batches, result, last_error, finished_at is not null as finished, claimed_until is not null as held
       from job_runs where job = $1 and day = $2`,
      [job, DAY],
    )
  ).rows[0];

describe.each(backends)('resumable job runs on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('a run killed mid-batch keeps the cursor of its last commit; another instance continues once the lease runs out', async () => {
    const withCoupon = await seedDay(t.db, 5);
    const run = (now: Date) => ({ brand: withCoupon, day: DAY, now });
    const a = await runJob(t.db, killedAt(expiry, 2), run(EVENING), { instance: 'A', batchSize: 2 });
    expect(a).toEqual({ job: 'expire-points', result: { members: 2, points: 30 }, run: { state: 'failed', batches: 1, rows: 2, error: 'killed mid-batch' } });
    // The second batch's writes went with it: members 1 and 2 expired, nobody else.
    const expired = async () => (await t.db.query(`select member_id from points_ledger where source = 'expire' order by member_id`)).rows;
    expect(await expired()).toEqual([{ member_id: '1' }, { member_id: '2' }]);
    expect(await runRow(t.db)).toMatchObject({ cursor: '2', rows_done: '2', batches: 1, last_error: 'killed mid-batch', finished: false, held: true });

    expect(await runJob(t.db, expiry, run(later(1)), { instance: 'B', batchSize: 2 })).toBeNull();
    const b = await runJob(t.db, expiry, run(new Date(EVENING.getTime() + LEASE_MS + 1_000)), { instance: 'B', batchSize: 2 });
    expect(b).toEqual({ job: 'expire-points', result: { members: 5, points: 150 }, run: { state: 'finished', batches: 2, rows: 5 } });
    expect(await expired()).toEqual(['1', '2', '3', '4', '5'].map((member_id) => ({ member_id })));
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('the instance whose batch failed retries at its next tick, without waiting for its own lease', async () => {
    const withCoupon = await seedDay(t.db, 3);
    await runJob(t.db, killedAt(expiry, 1), { brand: withCoupon, day: DAY, now: EVENING }, { instance: 'A', batchSize: 2 });
    expect(await runRow(t.db)).toMatchObject({ cursor: null, batches: 0, last_error: 'killed mid-batch', held: true });
    const retry = await runJob(t.db, expiry, { brand: withCoupon, day: DAY, now: later(1) }, { instance: 'A', batchSize: 2 });
    expect(retry?.run).toEqual({ state: 'finished', batches: 2, rows: 3 });
  });

  it('a deadline stops between batches and frees the run for the next call', async () => {
    const withCoupon = await seedDay(t.db, 7);
    const { job, clock } = timed(expiry, 400);
    // Batches of 400 ms before a deadline at 1,000 ms: a third would end past it.
    const first = await runJob(t.db, job, { brand: withCoupon, day: DAY, now: EVENING }, { instance: 'A', batchSize: 2, clock, deadline: 1_000 });
    expect(first).toEqual({ job: 'expire-points', result: { members: 4, points: 100 }, run: { state: 'paused', batches: 2, rows: 4 } });
    expect(await runRow(t.db)).toMatchObject({ cursor: '4', batches: 2, finished: false, held: false });
    const next = await runJob(t.db, expiry, { brand: withCoupon, day: DAY, now: later(5) }, { instance: 'B', batchSize: 2 });
    expect(next).toEqual({ job: 'expire-points', result: { members: 7, points: 280 }, run: { state: 'finished', batches: 2, rows: 7 } });
    // No time left at all: nothing is claimed.
    expect(await runJob(t.db, DAILY_JOBS[1]!, { brand: withCoupon, day: DAY, now: later(6) }, { clock: () => 5, deadline: 5 })).toBeNull();
    expect(await runRow(t.db, DAILY_JOBS[1]!.name)).toBeUndefined();
  });

  it('runs once a day, and a failing run leaves the previous complete run readable', async () => {
    const withCoupon = await seedDay(t.db, 4);
    const done = await runJob(t.db, expiry, { brand: withCoupon, day: DAY, now: EVENING });
    expect(done?.run?.state).toBe('finished');
    expect(await runJob(t.db, expiry, { brand: withCoupon, day: DAY, now: later(60) })).toBeNull();
    await t.db.exec(`select book_points(id, 1, 'admin_adjust', 'again:' || id, '种子', '2027-11-01 10:00+08', '2027-11-01', null) from members`);
    const nextDay = { brand: withCoupon, day: '2027-11-02', now: at('2027-11-02 00:10:00') };
    expect((await runJob(t.db, killedAt(expiry, 2), nextDay, { batchSize: 2 }))?.run?.state).toBe('failed');
    const { rows } = await t.db.query(`select day, result, finished_at is not null as finished, last_error from job_runs order by day`);
    expect(rows).toEqual([
      { day: DAY, result: { members: 4, points: 100 }, finished: true, last_error: null },
      { day: '2027-11-02', result: { members: 2, points: 2 }, finished: false, last_error: 'killed mid-batch' },
    ]);
  });

  it('instances racing the same run apply each batch once', async () => {
    const withCoupon = await seedDay(t.db, 9);
    const finished = async () => (await runRow(t.db, marking.name))?.finished === true;
    // Each instance gives up after one batch per call, so that the run passes from hand to hand.
    // Batches that take a moment inside their transaction, so that the instances overlap.
    const slow: Job = { ...marking, batch: async (tx, cursor, ctx) => (await new Promise((r) => setTimeout(r, 5)), marking.batch(tx, cursor, ctx)) };
    const instance = async (name: string) => {
      const { job, clock } = timed(slow, 100);
      let batches = 0;
      while (!(await finished())) {
        const report = await runJob(t.db, job, { brand: withCoupon, day: DAY, now: EVENING }, { instance: name, batchSize: 2, clock, deadline: clock() + 50 });
        if (report) batches += report.run!.batches;
        else await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return batches;
    };
    const batches = await Promise.all(['A', 'B', 'C', 'D'].map(instance));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(5);
    expect(await runRow(t.db, marking.name)).toMatchObject({ batches: 5, rows_done: '9', result: { marked: 9 } });
    const { rows } = await t.db.query<{ nickname: string }>('select nickname from members order by id');
    expect(rows.map((r) => r.nickname)).toEqual(Array(9).fill('✓'));
  });

  it('ends as one uninterrupted run, whatever the batch size and wherever runs are killed (property)', async () => {
    const MEMBERS = 7;
    const runAll = async (plan: Array<{ mode: 'throw' | 'deadline'; after: number }>, batchSize?: number) => {
      const withCoupon = await seedDay(t.db, MEMBERS);
      let call = 0;
      for (const job of [...KEYED_JOBS, marking]) {
        while ((await runRow(t.db, job.name))?.finished !== true) {
          const kill = plan[call];
          // Calls alternate between two instances, each past the lease of the one before.
          const run = { brand: withCoupon, day: DAY, now: later(call * (LEASE_MS / 60_000 + 1)) };
          const options: RunOptions = { instance: call % 2 ? 'B' : 'A', batchSize };
          call++;
          if (kill?.mode === 'throw') await runJob(t.db, killedAt(job, kill.after + 1), run, options);
          else if (kill?.mode === 'deadline') {
            const { job: slow, clock } = timed(job, 100);
            await runJob(t.db, slow, run, { ...options, clock, deadline: 100 * kill.after + 50 });
          } else await runJob(t.db, job, run, options);
        }
      }
      return endState(t.db);
    };
    const reference = await runAll([]);
    // The fixture reaches every job: something expired, moved, was given, queued and marked.
    expect(reference.runs.map((r) => [r.job, r.result])).toEqual([
      ['birthday-gifts', { members: 3, points: 400, coupons: 3 }],
      ['checkin-reminders', { queued: 4 }],
      ['complete-shipped-orders', { completed: 3 }],
      ['expire-points', { members: 7, points: 280 }],
      ['mark-members', { marked: 7 }],
      ['sop-task-reminders', { queued: 2 }],
      ['tier-anniversaries', { evaluated: 2, kept: 1, upgraded: 0, downgraded: 1 }],
    ]);
    const kill = fc.record({ mode: fc.constantFrom('throw' as const, 'deadline' as const), after: fc.integer({ min: 0, max: 3 }) });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(kill, { maxLength: 8 }), async (batchSize, plan) => {
        await resetData(t.db);
        const state = await runAll(plan, batchSize);
        expect(state).toEqual(reference);
      }),
      { numRuns: 12 },
    );
  });
});
