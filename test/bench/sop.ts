/**
 * `npm run bench:sop`: SOP task generation and 今日任务 at scale on PostgreSQL. Goals (DESIGN.md
 * "Budgets", issue 12 item 9):
 * - the nightly generation for a day, for 1,000,000 members and 500 guides, ≤ 60 s — measured on an
 *   ordinary day (the first night also catches every member already in 流失预警 or 高价值) and on a
 *   holiday (618: a task for every member who has a guide);
 * - `guide.tasks` p95 ≤ 50 ms for a guide with 5,000 members (on the holiday: 5,000 tasks that day).
 * Printed beside a reference measured in the same run: one INSERT of a row per bound member into
 * a table keyed like the tasks (what a holiday night cannot do with less).
 *
 * Options: --members N (default 1,000,000), --day YYYY-MM-DD (the ordinary day D, default
 * 2025-06-17; D + 1 is 618), --db NAME (default bench_sop), --reuse (keep the database when it
 * already holds this size and day), --calls N (guide.tasks calls measured, default 300).
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server.
 */
import os from 'node:os';
import type { Adapters } from '../../cloud/adapters';
import { migrate } from '../../cloud/db/migrate';
import { openPostgres } from '../../cloud/db/postgres';
import { addDays } from '../../cloud/domain/business-day';
import type { Actor, UseCaseContext } from '../../cloud/services/context';
import { Failure } from '../../cloud/services/failure';
import { runJob } from '../../cloud/services/jobs/run-job';
import { segmentationJob } from '../../cloud/services/segments/segmentation-job';
import { loadBrandSettings } from '../../cloud/services/settings/brand-settings-store';
import { guideTasks } from '../../cloud/services/sop/guide-tasks';
import { cpuMsOf } from './bench-server';
import { generateSegmentationData } from './segmentation-data';
import { completeSome, crowdGuide, expectedByStep, percentiles, referenceInsert, sopNight, tasksByStep } from './sop-data';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const MEMBERS = Number((option('members') ?? '1000000').replace(/[,_]/g, ''));
const DAY = option('day') ?? '2025-06-17';
const HOLIDAY = addDays(DAY, 1);
const DB_NAME = option('db') ?? 'bench_sop';
const REUSE = args.includes('--reuse');
const CALLS = Number(option('calls') ?? 300);
const GUIDE_MEMBERS = 5_000;
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`--db must be a plain name (got ${DB_NAME})`);

const serverUrl = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${DB_NAME}`;

const fmt = (n: number) => n.toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const goal = (ok: boolean) => (ok ? 'met' : 'MISSED');

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
sampler.unref();

async function databaseReady(): Promise<boolean> {
  const admin = openPostgres(serverUrl.toString(), { max: 1 });
  try {
    const exists = await admin.query(`select 1 from pg_database where datname = $1`, [DB_NAME]);
    if (REUSE && exists.rowCount) {
      const db = openPostgres(benchUrl.toString(), { max: 1 });
      try {
        const meta = await db.query<{ members: number; day: string }>(`select members, day::text as day from bench_meta`).catch(() => ({ rows: [] as Array<{ members: number; day: string }> }));
        if (meta.rows[0]?.members === MEMBERS && meta.rows[0]?.day === DAY) return true;
      } finally {
        await db.close();
      }
    }
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.query(`create database ${DB_NAME}`);
    return false;
  } finally {
    await admin.close();
  }
}

async function backendCpu<T>(pid: number | null, work: () => Promise<T>): Promise<[T, number | null]> {
  const before = pid === null ? null : cpuMsOf(pid);
  const result = await work();
  const after = pid === null ? null : cpuMsOf(pid);
  return [result, before && after ? after.user + after.system - before.user - before.system : null];
}
const cpuText = (ms: number | null) => (ms === null ? '' : `, database CPU ${sec(ms)}`);

async function main() {
  console.log(`SOP bench: ${fmt(MEMBERS)} members, nights ${DAY} and ${HOLIDAY} (618), database ${DB_NAME} on ${serverUrl.host}`);
  const reused = await databaseReady();
  const db = openPostgres(benchUrl.toString(), { max: 5 });
  // The timed nights and the reference on one connection: one backend to take the CPU time of.
  const work = openPostgres(benchUrl.toString(), { max: 1 });
  try {
    await migrate(db);
    const brand = await loadBrandSettings(db);
    if (reused) {
      console.log('reusing the generated data and read model (--reuse)');
    } else {
      await generateSegmentationData(db, { members: MEMBERS, day: DAY, timeZone: brand.timeZone, log: (line) => console.log(line) });
      console.log(`segmentation for ${DAY} (the read model the 流失预警 and 高价值 steps read) …`);
      const started = performance.now();
      const seg = await runJob(db, segmentationJob, { brand, day: DAY, now: new Date(`${DAY}T00:30:00+08:00`) });
      if (seg?.run?.state !== 'finished') throw new Error(`segmentation did not finish: ${JSON.stringify(seg)}`);
      console.log(`  segmentation ${sec(performance.now() - started)}`);
      const guideId = await crowdGuide(db, GUIDE_MEMBERS);
      await db.exec(`create table bench_meta (members integer not null, day date not null, guide_id bigint not null);
        insert into bench_meta values (${MEMBERS}, '${DAY}', ${guideId})`);
    }
    await db.exec(`truncate sop_tasks; delete from job_runs where job = 'sop-tasks'`);
    await db.exec('vacuum (analyze) sop_tasks, members, orders, member_facts');
    const guideId = (await db.query<{ guide_id: string }>('select guide_id::text from bench_meta')).rows[0]!.guide_id;
    const census = await db.query<{ guides: string; bound: string; crowd: string }>(
      `select (select count(*) from members where role = 'guide') as guides,
              (select count(*) from members where role = 'member' and guide_id is not null and deleted_at is null) as bound,
              (select count(*) from members where guide_id = $1) as crowd`,
      [guideId],
    );
    const { guides, bound, crowd } = census.rows[0]!;
    const jit = (await db.query<{ jit: string }>('show jit')).rows[0]!.jit;
    console.log(`${fmt(Number(guides))} guides, ${fmt(Number(bound))} members with a guide; guide ${guideId} has ${fmt(Number(crowd))}`);
    console.log(`server: jit ${jit}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

    const { rows: backend } = await work.query<{ pid: number }>('select pg_backend_pid() as pid');
    const pid = cpuMsOf(backend[0]!.pid) ? backend[0]!.pid : null;

    const nights: Array<{ day: string; label: string; ms: number; cpu: number | null; tasks: number }> = [];
    for (const [day, label] of [
      [DAY, 'ordinary day (first night: every member already in 流失预警 / 高价值 too)'],
      [HOLIDAY, 'holiday 618 (a task for every member with a guide)'],
    ] as const) {
      console.log(`\nnight ${day} — ${label} …`);
      const [night, cpu] = await backendCpu(pid, () => sopNight(work, brand, day));
      const made = await tasksByStep(db, day);
      const expected = await expectedByStep(db, day, brand.timeZone);
      for (const key of new Set([...Object.keys(expected), ...Object.keys(made)])) {
        const ok = made[key] === expected[key] ? '' : `  ≠ expected ${fmt(expected[key] ?? 0)}`;
        console.log(`  ${key.padEnd(15)} ${fmt(made[key] ?? 0).padStart(10)}${ok}`);
      }
      console.log(`  ${fmt(night.tasks)} tasks in ${night.batches} batches, ${sec(night.ms)}${cpuText(cpu)}`);
      const again = await sopNight(work, brand, day);
      console.log(`  the same night again: ${fmt(again.tasks)} new tasks, ${sec(again.ms)} (once per member, step and occurrence)`);
      nights.push({ day, label, ms: night.ms, cpu, tasks: night.tasks });
    }

    console.log('\nreference: one INSERT of a row per member with a guide into a table keyed (member, occurrence) (twice, the faster counts) …');
    const [ref1, refCpu1] = await backendCpu(pid, () => referenceInsert(work));
    const [ref2, refCpu2] = await backendCpu(pid, () => referenceInsert(work));
    const ref = ref1.ms <= ref2.ms ? { ...ref1, cpu: refCpu1 } : { ...ref2, cpu: refCpu2 };
    console.log(`  ${fmt(ref.rows)} rows: ${sec(ref1.ms)} and ${sec(ref2.ms)}`);

    // 今日任务 of the crowded guide on the holiday afternoon, a fifth of the day's tasks done.
    await completeSome(db, guideId, HOLIDAY, 0.2);
    await db.exec('analyze sop_tasks');
    const now = new Date(`${HOLIDAY}T15:00:00+08:00`);
    const ctx = { db, now, brand, adapters: {} as Adapters } as UseCaseContext;
    const guide: Actor = { memberId: guideId, openid: 'bench-guide', role: 'guide', tier: 'normal', joinedAt: now };
    const call = async () => {
      const t = performance.now();
      const out = await guideTasks(ctx, guide, {});
      if (out instanceof Failure) throw new Error(out.message);
      return { ms: performance.now() - t, out };
    };
    for (let i = 0; i < 10; i++) await call();
    const times: number[] = [];
    let last = (await call()).out;
    for (let i = 0; i < CALLS; i++) {
      const r = await call();
      times.push(r.ms);
      last = r.out;
    }
    const p = percentiles(times);
    console.log(`\nguide.tasks for guide ${guideId} on ${HOLIDAY} 15:00: ${last.items.length} shown; open ${fmt(last.counts.open)}, overdue ${fmt(last.counts.overdue)}, done ${fmt(last.counts.done)}`);
    console.log(`  ${CALLS} calls one after another: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, max ${p.max.toFixed(1)} ms`);

    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log('\n== summary ==');
    console.log(`members ${fmt(MEMBERS)}, guides ${fmt(Number(guides))}, with a guide ${fmt(Number(bound))}, ${os.cpus().length} CPUs`);
    for (const n of nights) {
      console.log(
        `night ${n.day}: ${fmt(n.tasks)} tasks in ${sec(n.ms)}${cpuText(n.cpu)}; ratio to the reference ${(n.ms / ref.ms).toFixed(2)} (goal ≤ 60 s: ${goal(n.ms <= 60_000)})`,
      );
    }
    console.log(`reference (faster of two): ${fmt(ref.rows)} rows in ${sec(ref.ms)}${cpuText(ref.cpu)}`);
    console.log(`guide.tasks p95 ${p.p95.toFixed(1)} ms for a guide with ${fmt(Number(crowd))} members (goal ≤ 50 ms: ${goal(p.p95 <= 50)})`);
    console.log(`peak RSS of this process: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    await work.close();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
