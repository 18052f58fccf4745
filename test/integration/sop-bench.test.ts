/**
 * bench:sop at a small scale, with its results asserted: the segmentation bench's members, orders
 * and read model (3,000 members), the default plans, one guide given a crowd, two nights (an
 * ordinary day, then 618) on the resumable runner — each step makes exactly what a hand-written
 * count of its members says, a night run again makes nothing new — and 今日任务 of the crowded
 * guide on the holiday (the 1 M timings are the bench's, not this test's).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOP_PLANS } from '@cloud/domain/sop-defaults';
import { Failure } from '@cloud/services/failure';
import { runJob } from '@cloud/services/jobs/run-job';
import { segmentationJob } from '@cloud/services/segments/segmentation-job';
import { loadBrandSettings } from '@cloud/services/settings/brand-settings-store';
import { guideTasks } from '@cloud/services/sop/guide-tasks';
import { saveSopPlan } from '@cloud/services/sop/sop-plans';
import type { UseCaseContext } from '@cloud/services/context';
import { generateSegmentationData } from '../bench/segmentation-data';
import { completeSome, crowdGuide, expectedByStep, referenceInsert, sopNight, tasksByStep } from '../bench/sop-data';
import { postgresUrl, useTestDatabase } from '../support/databases';
import { adapters } from '../support/fixtures';

const MEMBERS = 3_000;
const DAY = '2025-06-17';
const HOLIDAY = '2025-06-18';

// The bench is PostgreSQL's (BENCH_DATABASE_URL): its small run goes with the PostgreSQL suites.
describe.skipIf(!postgresUrl)('bench:sop at 3,000 members on postgres', () => {
  const t = useTestDatabase('postgres');

  it('generates each night exactly the tasks each step is due for, once, and lists the crowded guide’s day', async () => {
    const db = t.db;
    const brand = await loadBrandSettings(db);
    const setUp = { db, brand, now: new Date(`${DAY}T00:00:00+08:00`), adapters } as UseCaseContext;
    // The tables were emptied for this test: the plans a fresh brand has, again.
    for (const plan of DEFAULT_SOP_PLANS) expect(await saveSopPlan(setUp, null, { name: plan.name, enabled: true, steps: plan.steps })).not.toBeInstanceOf(Failure);

    await generateSegmentationData(db, { members: MEMBERS, day: DAY, timeZone: brand.timeZone });
    const seg = await runJob(db, segmentationJob, { brand, day: DAY, now: new Date(`${DAY}T00:30:00+08:00`) });
    expect(seg?.run?.state).toBe('finished');
    const guideId = await crowdGuide(db, 500);
    expect(Number((await db.query<{ n: string }>('select count(*) as n from members where guide_id = $1', [guideId])).rows[0]!.n)).toBe(500);

    const ordinary = await sopNight(db, brand, DAY);
    const made = await tasksByStep(db, DAY);
    expect(made).toEqual(await expectedByStep(db, DAY, brand.timeZone));
    // The bench's data reaches the bulk steps: the first night's segment entries and deliveries.
    expect(made['churn-winback']).toBeGreaterThan(20);
    expect(made['high-value']).toBeGreaterThan(50);
    expect(made['delivered-7']).toBeGreaterThan(5);
    expect(ordinary.tasks).toBe(Object.values(made).reduce((a, b) => a + b, 0));
    expect((await sopNight(db, brand, DAY)).tasks).toBe(0);

    const before = await tasksByStep(db, HOLIDAY);
    expect(before).toEqual({});
    const expectedHoliday = await expectedByStep(db, HOLIDAY, brand.timeZone);
    await sopNight(db, brand, HOLIDAY);
    const holiday = await tasksByStep(db, HOLIDAY);
    expect(holiday).toEqual(expectedHoliday);
    const reference = await referenceInsert(db);
    expect(holiday['618']).toBe(reference.rows);
    expect(holiday['churn-winback']).toBeUndefined();

    await completeSome(db, guideId, HOLIDAY, 0.2);
    const now = new Date(`${HOLIDAY}T15:00:00+08:00`);
    const list = await guideTasks({ db, brand, now, adapters }, { memberId: guideId, openid: 'bench-guide', role: 'guide', tier: 'normal', joinedAt: now }, {});
    if (list instanceof Failure) throw new Error(list.message);
    const { rows } = await db.query<{ open: string; done: string }>(
      `select count(*) filter (where status = 'open' and (due_on = $2 or expires_on >= $2)) as open, count(*) filter (where status = 'done' and due_on = $2) as done
       from sop_tasks where guide_id = $1`,
      [guideId, HOLIDAY],
    );
    expect(list.counts.open).toBe(Number(rows[0]!.open));
    expect(list.counts.done).toBe(Number(rows[0]!.done));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.filter((i) => i.status === 'open').every((i) => i.member.id && i.script.length > 0)).toBe(true);
  });
});
