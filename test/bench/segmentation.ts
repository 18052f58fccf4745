/**
 * `npm run bench:segments`: the nightly segmentation run at scale on PostgreSQL, beside the
 * reference a user would write by hand, in the same run. Goals (DESIGN.md "Budgets", issue 10):
 * - the full recompute (read model, layers with RFM and churn, rule tags, ten saved segments)
 *   takes ≤ 2 × one statement computing R, F, M quintiles with NTILE(5) over the same 365 days
 *   of paid orders into a table;
 * - admin.previewSegment ≤ 2 s at 1 M members;
 * - this Node process stays under 500 MB (nothing loads a million rows into JavaScript);
 * - churn warning recall ≥ 80 % over the members whose activity stopped 21–30 days before the
 *   run's day, precision ≥ 70 % over every member flagged.
 *
 * Options: --members N (default 1,000,000), --day YYYY-MM-DD (the run's day D, default
 * 2025-06-30), --nights K (default 2: consecutive nights ending on D; the first writes the read
 * model afresh, each later one updates it as every night after the first does), --db NAME (default bench_segments), --reuse (keep
 * the database when it already holds this size and day; otherwise it is made anew).
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server.
 * Data: test/bench/segmentation-data.ts.
 */
import os from 'node:os';
import { migrate } from '../../cloud/db/migrate';
import { addDays } from '../../cloud/domain/business-day';
import type { Db } from '../../cloud/db/port';
import { openPostgres } from '../../cloud/db/postgres';
import type { Adapters } from '../../cloud/adapters';
import type { Actor, UseCaseContext } from '../../cloud/services/context';
import { runJob } from '../../cloud/services/jobs/run-job';
import { SEGMENTATION_JOB_NAME, segmentationJob } from '../../cloud/services/segments/segmentation-job';
import { previewSegment } from '../../cloud/services/segments/segments';
import { cpuMsOf } from './bench-server';
import { loadBrandSettings } from '../../cloud/services/settings/brand-settings-store';
import {
  churnQuality,
  generateSegmentationData,
  insertBenchSegments,
  parseRule,
  PREVIEW_RULES,
  referenceDisagreements,
  referenceRfm,
  WEEKLY_OR_MORE,
} from './segmentation-data';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const MEMBERS = Number((option('members') ?? '1000000').replace(/[,_]/g, ''));
const DAY = option('day') ?? '2025-06-30';
const NIGHTS = Number(option('nights') ?? 2);
const DB_NAME = option('db') ?? 'bench_segments';
const REUSE = args.includes('--reuse');
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`--db must be a plain name (got ${DB_NAME})`);

const serverUrl = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${DB_NAME}`;

const fmt = (n: number) => n.toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)} %`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// The process's peak resident memory, sampled through the whole run.
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
        const meta = await db.query<{ members: number; day: string }>(`select members, day from bench_meta`).catch(() => ({ rows: [] as Array<{ members: number; day: string }> }));
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

/** The segmentation's own tables emptied, for a first night on a kept database. */
async function resetSegmentation(db: Db): Promise<void> {
  await db.exec(
    `truncate member_facts, facts_state, member_tags, segment_members, segment_actions, segments, layer_sizes, layer_movements, tag_definitions cascade;
     delete from job_runs where job = '${SEGMENTATION_JOB_NAME}'`,
  );
}

interface NightResult {
  totalMs: number;
  /** CPU time of the database backend that did the work (null: not readable here). */
  cpuMs: number | null;
  result: Record<string, number>;
  state: string;
}

/**
 * CPU time (ms) the work's database backend spends on `work`, when the server runs on this machine
 * (/proc); beside wall time on a shared machine it tells the statements' own cost, which other load
 * moves far less.
 */
async function backendCpu<T>(pid: number | null, work: () => Promise<T>): Promise<[T, number | null]> {
  const before = pid === null ? null : cpuMsOf(pid);
  const result = await work();
  const after = pid === null ? null : cpuMsOf(pid);
  return [result, before && after ? after.user + after.system - before.user - before.system : null];
}

const cpuText = (ms: number | null) => (ms === null ? '' : `, database CPU ${sec(ms)}`);

async function night(db: Db, pid: number | null, brand: Awaited<ReturnType<typeof loadBrandSettings>>, day: string, label: string): Promise<NightResult> {
  const now = new Date(`${day}T23:00:00+08:00`);
  await db.query(`delete from job_runs where job = $1 and day = $2`, [SEGMENTATION_JOB_NAME, day]);
  // The state a night starts from in production: autovacuum has cleaned and analysed the read
  // model's tables during the day (the bench's server may run without autovacuum). Not timed.
  await db.exec(`vacuum (analyze) member_facts, member_tags, segment_members, segments, layer_sizes, layer_movements, tag_definitions, job_runs`);
  await db.exec('checkpoint');
  console.log(`\n${label}: runJob(segmentation, ${day}) …`);
  const started = performance.now();
  const [report, cpuMs] = await backendCpu(pid, () => runJob(db, segmentationJob, { brand, day, now }));
  const totalMs = performance.now() - started;
  if (!report || report.run?.state !== 'finished') throw new Error(`the run did not finish: ${JSON.stringify(report)}`);
  const { rows } = await db.query<{ result: Record<string, number> }>(`select result from job_runs where job = $1 and day = $2`, [
    SEGMENTATION_JOB_NAME,
    day,
  ]);
  const result = rows[0]!.result;
  const stepsMs = (result.factsMs ?? 0) + (result.layersMs ?? 0) + (result.tagsMs ?? 0) + (result.segmentsMs ?? 0);
  const how = result.factsAfresh !== undefined ? 'written afresh' : `updated: ${fmt(result.factsListed ?? 0)} listed for a group, ${fmt(result.facts ?? 0)} rows changed`;
  console.log(`  facts     ${sec(result.factsMs ?? 0).padStart(9)}  (${how})`);
  console.log(`  layers    ${sec(result.layersMs ?? 0).padStart(9)}  (${fmt(result.layered ?? 0)} members, ${fmt(result.movedLayer ?? 0)} moved)`);
  console.log(`  tags      ${sec(result.tagsMs ?? 0).padStart(9)}  (+${fmt(result.tagsAdded ?? 0)} / −${fmt(result.tagsRemoved ?? 0)})`);
  console.log(`  segments  ${sec(result.segmentsMs ?? 0).padStart(9)}  (${result.segments ?? 0} computed, ${result.segmentsFailed ?? 0} failed)`);
  console.log(`  total     ${sec(totalMs).padStart(9)}  (steps ${sec(stepsMs)}, runner and commits ${sec(totalMs - stepsMs)}${cpuText(cpuMs)})`);
  return { totalMs, cpuMs, result, state: report.run.state };
}

async function main() {
  console.log(`segmentation bench: ${fmt(MEMBERS)} members, run day ${DAY}, database ${DB_NAME} on ${serverUrl.host}`);
  const reused = await databaseReady();
  const db = openPostgres(benchUrl.toString(), { max: 5 });
  // The timed work (the nights and the reference) on one connection: one backend to take the CPU time of.
  const work = openPostgres(benchUrl.toString(), { max: 1 });
  try {
    await migrate(db);
    const brand = await loadBrandSettings(db);
    if (reused) {
      console.log('reusing the generated data (--reuse)');
      await resetSegmentation(db);
    } else {
      await generateSegmentationData(db, { members: MEMBERS, day: DAY, timeZone: brand.timeZone, log: (line) => console.log(line) });
      await db.exec(`create table bench_meta (members integer not null, day date not null); insert into bench_meta values (${MEMBERS}, '${DAY}')`);
    }
    const autovacuum = (await db.query<{ autovacuum: string }>('show autovacuum')).rows[0]!.autovacuum;
    const jit = (await db.query<{ jit: string }>('show jit')).rows[0]!.jit;
    console.log(`server: autovacuum ${autovacuum}, jit ${jit}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const sizes = await db.query<{ name: string; rows: string; size: string }>(
      `select c.relname as name, c.reltuples::bigint as rows, pg_size_pretty(pg_total_relation_size(c.oid)) as size from pg_class c
       where c.relname in ('members', 'member_visits', 'checkins', 'orders', 'product_views', 'lottery_draws', 'group_visits', 'shares', 'share_clicks') order by c.relname`,
    );
    console.log(`\ntables: ${sizes.rows.map((r) => `${r.name} ${fmt(Number(r.rows))} rows (${r.size})`).join(', ')}`);

    const { rows: backend } = await work.query<{ pid: number }>('select pg_backend_pid() as pid');
    const pid = cpuMsOf(backend[0]!.pid) ? backend[0]!.pid : null;
    const now = new Date(`${DAY}T23:00:00+08:00`);
    await insertBenchSegments(db, now);
    const nights: NightResult[] = [];
    // Consecutive nights ending on the run's day: the first writes the read model afresh, each later one updates it.
    for (let i = 1; i <= NIGHTS; i++) {
      const day = addDays(DAY, i - NIGHTS);
      nights.push(await night(work, pid, brand, day, i === 1 ? 'night 1 (read model written afresh)' : `night ${i} (read model updated)`));
    }

    // The reference, twice after the recompute (so both find the data as warm); the faster counts.
    console.log('\nreference: one statement, NTILE(5) R/F/M over 365 days of paid orders into a table (run twice, the faster counts) …');
    const [ref1, refCpu1] = await backendCpu(pid, () => referenceRfm(work, DAY, brand.timeZone));
    const [ref2, refCpu2] = await backendCpu(pid, () => referenceRfm(work, DAY, brand.timeZone));
    const refMs = Math.min(ref1.ms, ref2.ms);
    const refCpu = refCpu1 === null || refCpu2 === null ? null : Math.min(refCpu1, refCpu2);
    console.log(`  reference ${sec(ref1.ms)} and ${sec(ref2.ms)}${refCpu === null ? '' : ` (database CPU ${sec(refCpu1!)} and ${sec(refCpu2!)})`}; ${fmt(ref1.rows)} members with a paid order in 365 days`);
    const agree = await referenceDisagreements(db);
    console.log(`  the recompute's R/F/M scores vs the reference: ${fmt(agree.scored)} scored, ${fmt(agree.reference)} in the reference, ${fmt(agree.differ)} differ`);

    // admin.previewSegment, as the service runs it (count and 20 sample members, in parallel).
    console.log('\nadmin.previewSegment (each rule twice: first call prepares the statements) …');
    const ctx = { db, now, brand, adapters: {} as Adapters } as UseCaseContext;
    const actor: Actor = { memberId: '1', openid: 'bench-admin', role: 'admin', tier: 'normal', joinedAt: now };
    const previewMs: number[] = [];
    for (const p of PREVIEW_RULES) {
      const rule = parseRule(p.rule);
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < 2; i++) {
        const t = performance.now();
        const out = await previewSegment(ctx, actor, { rule });
        times.push(performance.now() - t);
        count = out.count;
      }
      previewMs.push(...times);
      console.log(`  ${p.name.padEnd(20)} ${fmt(count).padStart(10)} members  ${times.map((t) => `${t.toFixed(0)} ms`).join(' / ')}`);
    }
    const sortedPreview = [...previewMs].sort((a, b) => a - b);
    const previewMedian = (sortedPreview[Math.floor((sortedPreview.length - 1) / 2)]! + sortedPreview[Math.ceil((sortedPreview.length - 1) / 2)]!) / 2;
    const previewMax = sortedPreview[sortedPreview.length - 1]!;

    const layers = await db.query<{ layer: string; n: string }>(`select layer, count(*) as n from member_facts group by layer order by layer`);
    console.log(`\nlayers: ${layers.rows.map((r) => `${r.layer} ${fmt(Number(r.n))}`).join(', ')}`);
    const segs = await db.query<{ name: string; member_count: number | null; status: string }>(`select name, member_count, status from segments order by id`);
    console.log(`segments: ${segs.rows.map((s) => `${s.name} ${s.status === 'ready' ? fmt(s.member_count ?? 0) : s.status}`).join('; ')}`);

    const churn = await churnQuality(db, DAY);
    console.log(`\nchurn warning (k = ${brand.segmentation.churn.k}, at least ${brand.segmentation.churn.minSilenceDays} days, ${brand.segmentation.churn.minActiveDays} active days in 90):`);
    console.log('  rhythm      members  stop D−30…D−21  caught   flagged  of them stoppers  pausing');
    for (const r of churn.byRhythm) {
      console.log(
        `  ${r.rhythm.padEnd(10)} ${fmt(r.members).padStart(8)} ${fmt(r.windowStoppers).padStart(15)} ${fmt(r.windowCaught).padStart(7)} ${fmt(r.flagged).padStart(9)} ${fmt(r.flaggedStoppers).padStart(17)} ${fmt(r.flaggedPausing).padStart(8)}`,
      );
    }
    console.log(`  recall (all stoppers 21–30 days silent): ${fmt(churn.windowCaught)} / ${fmt(churn.windowStoppers)} = ${pct(churn.recall)}`);
    console.log(`  recall (of them, those who came about weekly or more: ${WEEKLY_OR_MORE.join(', ')}): ${fmt(churn.weeklyWindowCaught)} / ${fmt(churn.weeklyWindowStoppers)} = ${pct(churn.weeklyRecall)}`);
    console.log(`  precision: ${fmt(churn.flaggedStoppers)} / ${fmt(churn.flagged)} flagged = ${pct(churn.precision)}`);

    const main = nights[nights.length - 1]!;
    const first = nights[0]!;
    const ratio = main.totalMs / refMs;
    const goal = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log('\n== summary ==');
    console.log(`members ${fmt(MEMBERS)}, run day ${DAY}, ${os.cpus().length} CPUs`);
    for (const [i, n] of nights.entries()) {
      console.log(`night ${i + 1}: ${sec(n.totalMs)}${cpuText(n.cpuMs)} (facts ${sec(n.result.factsMs ?? 0)}, layers ${sec(n.result.layersMs ?? 0)}, tags ${sec(n.result.tagsMs ?? 0)}, segments ${sec(n.result.segmentsMs ?? 0)}); ratio ${(n.totalMs / refMs).toFixed(2)}`);
    }
    console.log(`reference (faster of two): ${sec(refMs)}${cpuText(refCpu)}`);
    console.log(`ratio recompute / reference: ${ratio.toFixed(2)} (${nights.length > 1 ? 'a later night' : 'first night'}; goal ≤ 2.0: ${goal(ratio <= 2)}${nights.length > 1 ? `; first night ${(first.totalMs / refMs).toFixed(2)}` : ''})`);
    if (main.cpuMs !== null && refCpu) {
      console.log(`ratio in database CPU time: ${(main.cpuMs / refCpu).toFixed(2)}${nights.length > 1 && first.cpuMs !== null ? ` (first night ${(first.cpuMs / refCpu).toFixed(2)})` : ''} — less moved by other load than wall time`);
    }
    console.log(`preview: median ${previewMedian.toFixed(0)} ms, max ${previewMax.toFixed(0)} ms over ${previewMs.length} calls (goal ≤ 2000 ms: ${goal(previewMax <= 2000)})`);
    console.log(`churn recall ${pct(churn.recall)} (goal ≥ 80 %: ${goal(churn.recall >= 0.8)}${churn.recall < 0.8 ? `, short by ${((0.8 - churn.recall) * 100).toFixed(1)} points` : ''}); among weekly-or-more stoppers ${pct(churn.weeklyRecall)}`);
    console.log(`churn precision ${pct(churn.precision)} (goal ≥ 70 %: ${goal(churn.precision >= 0.7)}${churn.precision < 0.7 ? `, short by ${((0.7 - churn.precision) * 100).toFixed(1)} points` : ''})`);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log(`peak RSS of this process: ${mb(peakRss)} (goal < 500 MB: ${goal(peakRss < 500 * 1024 * 1024)})`);
  } finally {
    await work.close();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
