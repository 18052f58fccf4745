/**
 * `npm run bench:kpis`: admin.kpis at scale on PostgreSQL. Goal (DESIGN.md "Budgets", issue 11):
 * p95 ≤ 300 ms over 1 M members and 5 M orders, for each period.
 *
 * 1. Data: the segmentation bench's year of activity (test/bench/segmentation-data.ts, set-based
 *    SQL: members, visits, check-ins, orders, coupons, views, group visits, draws, shares, clicks,
 *    redemptions, points lots), and on top of it, set-based too, what the 运营 tab reads that the
 *    segmentation does not: the ledger rows of the last 61 days' check-ins and redemptions, every
 *    guide's product cards with the clicks of their members and the orders those brought (with the
 *    members' groups, some named), a night-market category per weekday, and two weeks of layer
 *    sizes and moves.
 * 2. The nightly rollup: the 'kpi-rollup' job run for the day D over the days before it (64 by
 *    default: 近 30 天 and the 30 before it, the 28 days of the 会员日 comparison and the Sundays of
 *    the retention table), timed.
 * 3. admin.kpis (the use case, as the admin function calls it) at D 23:30 for 今天, 昨天, 近 7 天 and
 *    近 30 天: a few calls to prepare the statements, then --calls timed one after another; p50,
 *    p95 and max per period, and the answer's main figures.
 *
 * Options: --members N (default 1,000,000), --day YYYY-MM-DD (default 2025-06-30), --calls N
 * (default 50), --backfill N (days rolled up, default 64), --db NAME (default bench_kpis),
 * --reuse (keep the generated data when the database holds this size and day), --keep-rollup
 * (with --reuse: keep the rollup the run before made). The server:
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import os from 'node:os';
import type { Adapters } from '../../cloud/adapters';
import type { AdminKpis } from '../../cloud/contract';
import { migrate } from '../../cloud/db/migrate';
import type { Db } from '../../cloud/db/port';
import { openPostgres } from '../../cloud/db/postgres';
import { addDays } from '../../cloud/domain/business-day';
import type { KpiPeriod } from '../../cloud/domain/kpis';
import type { Actor, UseCaseContext } from '../../cloud/services/context';
import { Failure } from '../../cloud/services/failure';
import { runJob } from '../../cloud/services/jobs/run-job';
import { adminKpis } from '../../cloud/services/kpis/admin-kpis';
import { KPI_ROLLUP_JOB, kpiRollupJob } from '../../cloud/services/kpis/rollup';
import { loadBrandSettings, saveBrandSettings } from '../../cloud/services/settings/brand-settings-store';
import { generateSegmentationData } from './segmentation-data';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const MEMBERS = Number((option('members') ?? '1000000').replace(/[,_]/g, ''));
const DAY = option('day') ?? '2025-06-30';
const CALLS = Number(option('calls') ?? 50);
const BACKFILL = Number(option('backfill') ?? 64);
const DB_NAME = option('db') ?? 'bench_kpis';
const REUSE = args.includes('--reuse');
/** With --reuse: keep the rollup a run before made (same size, day and backfill) instead of running it again. */
const KEEP_ROLLUP = args.includes('--keep-rollup');
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`--db must be a plain name (got ${DB_NAME})`);
if (!/^\d{4}-\d\d-\d\d$/.test(DAY)) throw new Error(`--day must be YYYY-MM-DD (got ${DAY})`);

const serverUrl = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${DB_NAME}`;

const fmt = (n: number) => n.toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const TZ = 'Asia/Shanghai';

async function databaseReady(): Promise<boolean> {
  const admin = openPostgres(serverUrl.toString(), { max: 1 });
  try {
    const exists = await admin.query(`select 1 from pg_database where datname = $1`, [DB_NAME]);
    if (REUSE && exists.rowCount) {
      const db = openPostgres(benchUrl.toString(), { max: 1 });
      try {
        const meta = await db
          .query<{ members: number; day: string }>(`select members, day from kpi_bench_meta`)
          .catch(() => ({ rows: [] as Array<{ members: number; day: string }> }));
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

/** A deterministic draw in [0, n) from a key and a salt. */
const pick = (key: string, salt: number, n: number | string) => `(abs(hashint8extended((${key})::bigint, ${salt})) % ${n})`;

/** What the 运营 tab reads beyond the segmentation bench's data (see the header), in set-based steps. */
async function supplement(db: Db, day: string): Promise<void> {
  const D = `date '${day}'`;
  const step = async (name: string, sql: string) => {
    const t = performance.now();
    const n = await db.transaction(async (tx) => {
      await tx.query(`set local synchronous_commit = off`);
      await tx.query(`set local work_mem = '256MB'`);
      return (await tx.query(sql)).rowCount;
    });
    console.log(`  ${name.padEnd(26)} ${fmt(n).padStart(12)} rows ${sec(performance.now() - t).padStart(8)}`);
  };
  console.log('supplementing for the 运营 tab …');
  await step(
    'points_ledger (check-ins)',
    `insert into points_ledger (member_id, delta, balance_after, source, source_id, created_at)
     select member_id, 10, 0, 'checkin', member_id || ':' || day, created_at from checkins where day > ${D} - 61 order by created_at`,
  );
  await step(
    'points_ledger (redeemed)',
    `insert into points_ledger (member_id, delta, balance_after, source, source_id, created_at)
     select member_id, -points, 0, 'redeem', 'bench-r-' || id, created_at from mall_redemptions
     where created_at >= (${D} - 60)::timestamptz order by created_at`,
  );
  await step(
    'members.points_balance',
    `update members m set points_balance = greatest(0, m.points_balance + x.net)
     from (select member_id, sum(delta) as net from points_ledger where source in ('checkin', 'redeem') group by member_id) x
     where x.member_id = m.id`,
  );
  await step(
    'shares (guides)',
    `insert into shares (id, sharer_id, kind, product_id, created_at)
     select 'gs' || g.id || 'p' || p.id, g.id, 'product', p.id,
            (${D} - ${pick('g.id * 1000 + p.id', 91, 61)}::int + time '10:00' + ${pick('g.id * 1000 + p.id', 95, 600)} * interval '1 minute') at time zone '${TZ}'
     from members g cross join products p where g.role = 'guide'
     on conflict do nothing`,
  );
  const K = `v.member_id * 16384 + (v.day - date '2000-01-01')`;
  await step(
    'share_clicks (guides)',
    `insert into share_clicks (share_id, viewer_id, scene, group_id, clicks, first_clicked_at, last_clicked_at)
     select 'gs' || m.guide_id || 'p' || p.product_id, v.member_id, 1044,
            case when b.group_no is not null then 'bench-group-' || b.group_no end, 1, x.at, x.at
     from member_visits v
     join members m on m.id = v.member_id
     join bench_members b on b.member_id = v.member_id
     join bench_categories c on c.cat_idx = b.fav_cat
     join bench_products p on p.cat_idx = c.cat_idx and p.slot = ${pick(K, 92, 'c.prod_count')}
     cross join lateral (select (v.day + time '09:00' + ${pick(K, 93, 720)} * interval '1 minute') at time zone '${TZ}' as at) x
     where v.day > ${D} - 61 and m.guide_id is not null and ${pick(K, 94, 10)} = 0
     on conflict do nothing`,
  );
  await step(
    'orders (through guides)',
    `update orders o set share_id = 'gs' || o.guide_id || 'p' || o.product_id,
            group_id = (select 'bench-group-' || b.group_no from bench_members b where b.member_id = o.member_id)
     where o.guide_id is not null and o.product_id is not null and o.created_at >= (${D} - 61)::timestamptz`,
  );
  await step(
    'wechat_groups',
    `insert into wechat_groups (group_id, first_seen_on, name, named_at)
     select group_id, min(day), case when ${pick("substr(group_id, 13)::int", 96, 2)} = 0 then '社群' || substr(group_id, 13) end,
            case when ${pick("substr(group_id, 13)::int", 96, 2)} = 0 then min(day)::timestamptz end
     from group_visits where group_id like 'bench-group-%' group by group_id
     on conflict do nothing`,
  );
  await step(
    'layer_sizes',
    `insert into layer_sizes (day, layer, members)
     select ${D} - k, l.layer, (l.share * ${MEMBERS} * (1 + k / 100.0))::int
     from generate_series(0, 14) k
     cross join (values ('new', 0.06), ('high', 0.08), ('potential', 0.12), ('dormant', 0.45), ('at_risk', 0.05), ('regular', 0.24)) l(layer, share)`,
  );
  await step(
    'layer_movements',
    `insert into layer_movements (day, from_layer, to_layer, members)
     select ${D} - k, f.layer, t.layer, (${MEMBERS} / 2000 * (1 + ${pick('k * 100 + f.n * 10 + t.n', 97, 5)}))::int
     from generate_series(0, 14) k
     cross join (values ('new', 1), ('high', 2), ('potential', 3), ('dormant', 4), ('at_risk', 5), ('regular', 6)) f(layer, n)
     cross join (values ('new', 1), ('high', 2), ('potential', 3), ('dormant', 4), ('at_risk', 5), ('regular', 6)) t(layer, n)
     where f.layer <> t.layer and t.layer <> 'new'`,
  );
  const t = performance.now();
  await db.exec(`vacuum (analyze) points_ledger, members, shares, share_clicks, orders, wechat_groups, layer_sizes, layer_movements`);
  console.log(`  vacuum analyze ${sec(performance.now() - t).padStart(31)}`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function main() {
  console.log(`kpis bench: ${fmt(MEMBERS)} members, today ${DAY}, database ${DB_NAME} on ${serverUrl.host}, ${os.cpus().length} CPUs`);
  const reused = await databaseReady();
  // The Node server's pool (openDatabase's default): admin.kpis sends its statements at once.
  const db = openPostgres(benchUrl.toString(), { max: 10 });
  try {
    await migrate(db);
    let brand = await loadBrandSettings(db);
    if (reused) console.log('reusing the generated data (--reuse)');
    else {
      await generateSegmentationData(db, { members: MEMBERS, day: DAY, timeZone: brand.timeZone, log: (line) => console.log(line) });
      await supplement(db, DAY);
      await db.exec(`create table kpi_bench_meta (members integer not null, day date not null); insert into kpi_bench_meta values (${MEMBERS}, '${DAY}')`);
    }
    // Each weekday's night its own category (Monday the first …).
    const categories = (await db.query<{ id: string }>(`select id from categories order by position, id limit 7`)).rows.map((r) => r.id);
    brand = await saveBrandSettings(db, { ...brand, nightMarket: { ...brand.nightMarket, categoryByWeekday: Array.from({ length: 7 }, (_, i) => categories[i % categories.length] ?? null) } }, null);

    const sizes = await db.query<{ name: string; rows: string; size: string }>(
      `select c.relname as name, c.reltuples::bigint as rows, pg_size_pretty(pg_total_relation_size(c.oid)) as size from pg_class c
       where c.relname in ('members', 'member_visits', 'checkins', 'orders', 'points_ledger', 'points_lots', 'coupons', 'product_views',
         'lottery_draws', 'group_visits', 'shares', 'share_clicks') and c.relkind = 'r' order by c.relname`,
    );
    console.log(`\ntables: ${sizes.rows.map((r) => `${r.name} ${fmt(Number(r.rows))} (${r.size})`).join(', ')}`);
    const autovacuum = (await db.query<{ autovacuum: string }>('show autovacuum')).rows[0]!.autovacuum;
    const jit = (await db.query<{ jit: string }>('show jit')).rows[0]!.jit;
    console.log(`server: autovacuum ${autovacuum}, jit ${jit}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

    // The rollup of the days before D, as the job runs it on the night of D.
    const rolled = Number((await db.query<{ n: string }>(`select count(*) as n from kpi_daily where day >= $1::date and day < $2::date`, [addDays(DAY, -BACKFILL), DAY])).rows[0]!.n);
    let days = rolled;
    let rollupMs = 0;
    if (reused && KEEP_ROLLUP && rolled === BACKFILL) console.log(`\nrollup: kept from the run before (--keep-rollup): ${rolled} days`);
    else {
      await db.exec(`truncate kpi_daily, kpi_daily_guides, kpi_daily_groups, kpi_window_bits; delete from job_runs where job = '${KPI_ROLLUP_JOB}'`);
      console.log(`\nrollup: runJob(kpi-rollup) on ${DAY} 00:10 over the ${BACKFILL} days before …`);
      const rollupStarted = performance.now();
      const report = await runJob(db, kpiRollupJob({ backfillDays: BACKFILL }), { brand, day: DAY, now: new Date(`${DAY}T00:10:00+08:00`) });
      rollupMs = performance.now() - rollupStarted;
      if (report?.run?.state !== 'finished') throw new Error(`the rollup did not finish: ${JSON.stringify(report)}`);
      days = report.run.rows;
      console.log(`  ${days} days in ${sec(rollupMs)}: ${(rollupMs / Math.max(1, days)).toFixed(0)} ms a day`);
      await db.exec(`vacuum (analyze) kpi_daily, kpi_daily_guides, kpi_daily_groups, kpi_window_bits`);
    }

    const now = new Date(`${DAY}T23:30:00+08:00`);
    const ctx = { db, now, brand, adapters: {} as Adapters } as UseCaseContext;
    const actor: Actor = { memberId: '1', openid: 'bench-admin', role: 'admin', tier: 'normal', joinedAt: now };
    const periods: Array<[string, KpiPeriod]> = [
      ['今天 today', 'today'],
      ['昨天 yesterday', 'yesterday'],
      ['近 7 天 7d', '7d'],
      ['近 30 天 30d', '30d'],
    ];
    const results: Array<{ label: string; p50: number; p95: number; max: number; answer: AdminKpis }> = [];
    console.log(`\nadmin.kpis at ${DAY} 23:30 (3 calls to prepare, then ${CALLS} timed one after another) …`);
    for (const [label, period] of periods) {
      let answer: AdminKpis | null = null;
      const call = async () => {
        const out = await adminKpis(ctx, actor, { period });
        if (out instanceof Failure) throw new Error(`${out.code}: ${out.message}`);
        answer = out;
      };
      for (let i = 0; i < 3; i++) await call();
      const times: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const t = performance.now();
        await call();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const r = { label, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times[times.length - 1]!, answer: answer! };
      results.push(r);
      console.log(`  ${label.padEnd(16)} p50 ${r.p50.toFixed(0).padStart(4)} ms   p95 ${r.p95.toFixed(0).padStart(4)} ms   max ${r.max.toFixed(0).padStart(4)} ms`);
    }

    const loadDuring = os.loadavg();
    console.log('\nthe answers (value / previous):');
    const keys = ['newMembers', 'totalMembers', 'dau', 'wau', 'mau', 'checkins', 'checkinRate', 'pointsIssued', 'pointsRedeemed', 'pointsLiability', 'draws', 'awards', 'couponsIssued', 'couponsUsed', 'orders', 'gmvFen', 'aovFen', 'payingMembers', 'conversion', 'refunds'] as const;
    const show = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? fmt(v) : String(v));
    console.log(`  ${''.padEnd(16)}${results.map((r) => r.label.padStart(26)).join('')}`);
    for (const key of keys) {
      console.log(`  ${key.padEnd(16)}${results.map((r) => `${show(r.answer.figures[key].value)} / ${show(r.answer.figures[key].previous)}`.padStart(26)).join('')}`);
    }
    const month = results[3]!.answer;
    console.log(`  coverage (30d): rolled up ${month.coverage.rolledUp}, live ${month.coverage.live.join(', ')}, missing ${month.coverage.missing.length}`);
    console.log(`  streaks: ${month.activity.streaks.map((s) => `${s.label} ${fmt(s.members)}`).join(', ')}`);
    console.log(`  会员日 (30d): ${JSON.stringify(month.trade.memberDay)}`);
    console.log(`  night market (30d): ${month.trade.nightMarket.map((n) => `${n.name} ${fmt(n.visitors)} visitors ${fmt(n.orders)} orders`).join('; ')}`);
    console.log(`  guides (30d): ${month.guides.length} listed, first ${JSON.stringify(month.guides[0] ?? null)}`);
    console.log(`  groups (30d): first by active ${JSON.stringify(month.groups.byActive[0] ?? null)}`);
    console.log(`  retention: ${month.retention.cohorts.map((c) => `${c.week} ${fmt(c.members)} [${c.active.map((a) => (a === null ? '·' : `${Math.round(a * 100)}%`)).join(' ')}]`).join('; ')}`);
    console.log(`  expiring next month: ${JSON.stringify(month.points.expiringNextMonth)}`);

    // Today live (as measured) against today computed as the rollup computes a day: the same figures.
    const { computeDay } = await import('../../cloud/services/kpis/day-figures');
    const live = results[0]!.answer.figures;
    const whole = (await computeDay(db, DAY, brand, { now, previous: null, rollup: true })).figures;
    const agree = [
      ['dau', live.dau.value, whole.dau],
      ['wau', live.wau.value, whole.wau],
      ['mau', live.mau.value, whole.mau],
      ['totalMembers', live.totalMembers.value, whole.totalMembers],
      ['checkins', live.checkins.value, whole.checkins],
      ['orders', live.orders.value, whole.orders.paid],
      ['gmvFen', live.gmvFen.value, whole.orders.gmvFen],
      ['pointsLiability', live.pointsLiability.value, whole.points.liability],
      ['payingMembers 7d', results[2]!.answer.figures.payingMembers.value, whole.payers?.d7 ?? null],
      ['payingMembers 30d', results[3]!.answer.figures.payingMembers.value, whole.payers?.d30 ?? null],
    ] as const;
    const differ = agree.filter(([, a, b]) => a !== b);
    console.log(`\ntoday live vs today computed whole (as a rollup, without the day before): ${differ.length ? `DIFFER ${JSON.stringify(differ)}` : `agree (${agree.map(([k, a]) => `${k} ${fmt(a ?? 0)}`).join(', ')})`}`);

    console.log('\n== summary ==');
    console.log(`members ${fmt(MEMBERS)}, orders ${fmt(Number(sizes.rows.find((r) => r.name === 'orders')?.rows ?? 0))}, ${os.cpus().length} CPUs, today ${DAY}, past days ${addDays(DAY, -BACKFILL)} … ${addDays(DAY, -1)} rolled up`);
    console.log(rollupMs ? `rollup: ${days} days in ${sec(rollupMs)} (${(rollupMs / Math.max(1, days)).toFixed(0)} ms a day)` : `rollup: ${days} days, kept from the run before`);
    console.log(`load average during the calls: ${loadDuring.map((l) => l.toFixed(1)).join(' ')} (1, 5, 15 min)`);
    for (const r of results) {
      console.log(`admin.kpis ${r.label.padEnd(16)} p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, max ${r.max.toFixed(0)} ms (goal p95 ≤ 300 ms: ${r.p95 <= 300 ? 'met' : 'MISSED'})`);
    }
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
