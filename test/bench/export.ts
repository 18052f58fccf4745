/**
 * `npm run bench:export`: 100,000 members exported to xlsx on PostgreSQL. Goal (DESIGN.md
 * "Budgets", issue 11): the file is done in ≤ 15 s and the server's memory grows ≤ 200 MB.
 *
 * 1. Data, set-based SQL only, in a database of its own (default bench_export on the server of
 *    BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres): N members with
 *    nicknames, tiers, balances, sources and guides, the nightly read model (member_facts: layer,
 *    last active, 365-day orders and GMV), ~3 tags each, and a segment of about a third of them.
 * 2. Through the real server (a child process in production mode, as bench-server.ts starts it):
 *    admin.export {kind: members} → admin.exportStatus until done → GET the file. Timed from the
 *    ask to done and to the last byte downloaded; the server's resident memory (VmRSS from /proc)
 *    sampled every 20 ms, its growth = peak − the value just before the ask.
 * 3. In this process: the worker itself (runExports) on the same data, with rss and V8 heap
 *    sampled after every batch and every 20 ms — the heap figure the child cannot give.
 * The file is read back (exceljs's streaming reader) and its rows counted.
 *
 * Options: --members N (default 100,000), --db NAME, --reuse (keep the data when it has N members).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { migrate } from '../../cloud/db/migrate';
import type { Db } from '../../cloud/db/port';
import { openPostgres } from '../../cloud/db/postgres';
import { CHUNK_BYTES } from '../../cloud/services/exports/export-file-store';
import { EXPORT_BATCH } from '../../cloud/services/exports/export-sources';
import { runExports } from '../../cloud/services/exports/run-exports';
import { loadBrandSettings } from '../../cloud/services/settings/brand-settings-store';
import { sessionKeys } from '../../cloud/server/session';
import { cpuMsOf, startServer } from './bench-server';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const MEMBERS = Number((option('members') ?? '100000').replace(/[,_]/g, ''));
const DB_NAME = option('db') ?? 'bench_export';
const REUSE = args.includes('--reuse');
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`--db must be a plain name (got ${DB_NAME})`);
const GOAL = { seconds: 15, growthMb: 200 };

const serverUrl = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${DB_NAME}`;

const fmt = (n: number) => n.toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function databaseReady(): Promise<boolean> {
  const admin = openPostgres(serverUrl.toString(), { max: 1 });
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [DB_NAME]);
    if (REUSE && exists.rowCount) {
      const db = openPostgres(benchUrl.toString(), { max: 1 });
      try {
        const meta = await db.query<{ members: number }>('select members from bench_meta').catch(() => ({ rows: [] as Array<{ members: number }> }));
        if (meta.rows[0]?.members === MEMBERS) return true;
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

const TAGS = [
  ['checkin_star', '签到达人', 'behaviour'],
  ['recent_buyer', '近期购买', 'behaviour'],
  ['night_owl', '夜市买家', 'behaviour'],
  ['member_day_fan', '会员日达人', 'behaviour'],
  ['coupon_lover', '爱用券', 'preference'],
  ['flash_buyer', '秒杀党', 'preference'],
  ['likes_dresses', '偏好连衣裙', 'interest'],
  ['likes_coats', '偏好外套', 'interest'],
  ['likes_kids', '偏好童装', 'interest'],
  ['size_m', '常穿M码', 'preference'],
  ['birthday_month', '本月生日', 'basic'],
  ['new_member', '新会员', 'basic'],
] as const;

/** N members with everything the export reads, in a few statements. */
async function generate(db: Db): Promise<void> {
  const started = performance.now();
  await db.exec(`
    insert into members (openid, role, nickname, created_at)
      select 'bench-guide-' || g, 'guide', '导购' || g, '2024-01-01T09:00:00+08:00' from generate_series(1, 50) g;
    insert into members (openid, role, nickname, created_at) values ('bench-export-admin', 'admin', '运营小王', '2024-01-01T09:00:00+08:00');
  `);
  // Nicknames: a surname and one or two characters from the common range; ids rise with the join date.
  await db.query(
    `insert into members (openid, role, nickname, tier, points_balance, source, guide_id, guide_bound_at, created_at)
     select 'bench-m-' || g, 'member',
       case when g % 17 = 0 then null else
         (array['林','王','张','李','陈','刘','周','吴','徐','孙','胡','朱'])[1 + g % 12]
         || chr(19968 + (abs(hashint4(g)) % 8000)) || case when g % 3 = 0 then chr(19968 + (abs(hashint4(g * 7)) % 8000)) else '' end end,
       (array['normal','normal','normal','normal','silver','silver','gold','diamond'])[1 + abs(hashint4(g * 3)) % 8],
       abs(hashint4(g * 5)) % 20000,
       (array['share','guide','group','poster','direct', null])[1 + abs(hashint4(g * 11)) % 6],
       case when g % 3 = 0 then (select min(id) from members where role = 'guide') + g % 50 end,
       case when g % 3 = 0 then timestamptz '2024-06-01T10:00:00+08:00' + g * interval '5 minutes' end,
       timestamptz '2024-06-01T10:00:00+08:00' + g * interval '5 minutes'
     from generate_series(1, $1::int) g`,
    [MEMBERS],
  );
  // The nightly read model, with the columns the export reads varied and the rest plausible.
  await db.exec(`
    insert into member_facts (member_id, day, joined_on, source, tier, guide_id, last_visit_on, visit_days_7, visit_days_30,
      checkins_30, checkins_90, current_streak, longest_streak, orders_90, orders_365, gmv_90_fen, gmv_365_fen, first_order_on,
      last_order_on, last_active_on, active_days_90, median_interval_days, categories_bought, categories_viewed, new_launch_views_30,
      top_size, top_color, avg_order_fen, price_band, coupon_share, member_day_share, flash_share, night_share, lottery_draws_30,
      redemptions_365, points_balance, points_expiring_30, shares_30, share_clicks_30, invites_rewarded, groups_seen_90,
      r_score, f_score, m_score, churn_risk, churn_reason, layer, layer_since)
    select m.id, date '2026-12-06', (m.created_at at time zone 'Asia/Shanghai')::date, coalesce(m.source, 'direct'), m.tier, m.guide_id,
      date '2026-12-06' - (h % 120), h % 8, h % 31, h % 20, h % 60, h % 9, h % 40, h % 4, o, o * (19900 + h % 50000), o * (21900 + h % 60000),
      case when o > 0 then date '2026-01-01' end, case when o > 0 then date '2026-12-06' - (h % 200) end,
      date '2026-12-06' - (h % 120), h % 90, 7.5, '{连衣裙}', '{连衣裙,外套}', h % 5, 'M', '黑色',
      case when o > 0 then 29900 end, 'mid', 0.2, 0.1, 0.05, 0.05, h % 10, h % 3, m.points_balance, h % 300, h % 6, h % 12, h % 2, h % 4,
      case when o > 0 then 1 + h % 5 end, case when o > 0 then 1 + (h / 5) % 5 end, case when o > 0 then 1 + (h / 25) % 5 end,
      h % 13 = 0, case when h % 13 = 0 then '平时约 7 天来一次，已 30 天没来' end,
      (array['new','high','potential','dormant','at_risk','regular'])[1 + h % 6], date '2026-11-01'
    from (select id, created_at, source, tier, guide_id, points_balance, abs(hashint8(id)) as h, (abs(hashint8(id)) % 7)::int as o
          from members where role = 'member') m;
  `);
  for (const [i, [key, name, kind]] of TAGS.entries()) {
    await db.query(`insert into tag_definitions (key, name, kind, rule, position) values ($1, $2, $3, null, $4)`, [key, name, kind, i]);
  }
  await db.exec(`
    insert into member_tags (member_id, tag_key, source, reason, added_at)
    select m.id, t.key, 'rule', '{}'::jsonb, timestamptz '2026-12-06T02:00:00+08:00'
    from members m cross join tag_definitions t
    where m.role = 'member' and abs(hashint8(m.id * 31 + t.position)) % 4 = 0;
    insert into segments (name, rule, version, status, member_count, computed_at, created_at, updated_at)
      values ('高价值女装', '{"layer":["high","potential"]}', 1, 'ready', 0, now(), now(), now());
    insert into segment_members (segment_id, since_version, member_id)
      select (select max(id) from segments), 1, member_id from member_facts where layer in ('high', 'potential');
    update segments set member_count = (select count(*) from segment_members) where id = (select max(id) from segments);
    create table bench_meta (members integer not null);
  `);
  await db.exec('vacuum analyze');
  await db.query('insert into bench_meta (members) values ($1)', [MEMBERS]);
  const counts = await db.query<{ members: number; tags: number; segment: number }>(
    `select (select count(*)::int from members) as members, (select count(*)::int from member_tags) as tags, (select count(*)::int from segment_members) as segment`,
  );
  const c = counts.rows[0]!;
  console.log(`  generated ${fmt(c.members)} members, ${fmt(c.tags)} tags, a segment of ${fmt(c.segment)} in ${sec(performance.now() - started)}`);
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Counts the data rows of the first sheet with exceljs's streaming reader (never the whole file in memory). */
async function countRows(bytes: Buffer): Promise<{ rows: number; headers: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'ignore', styles: 'ignore', worksheets: 'emit' });
  let rows = 0;
  let headers: string[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (row.number === 1) headers = (row.values as unknown[]).slice(1).map(String);
      else rows++;
    }
  }
  return { rows, headers };
}

async function post(url: string, token: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const json = (await res.json()) as any;
  if (!json.ok) throw new Error(`${res.status} ${JSON.stringify(json.error)}`);
  return json.data;
}

async function throughServer(db: Db, kind: { segmentId?: string; label: string }) {
  const secret = crypto.randomBytes(32).toString('hex');
  const server = await startServer(secret, benchUrl.toString());
  try {
    const admin = await adminToken(db, secret);
    const fn = `${server.url}/api/fn/admin`;
    // Warm the server's code paths (sign-in, a status read) before the baseline.
    await post(fn, admin, { action: 'configGet' });
    await new Promise((r) => setTimeout(r, 300));
    const baseline = rssOf(server.pid);
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(server.pid));
    }, 20);
    const cpuBefore = cpuMsOf(server.pid);
    const started = performance.now();
    const asked = await post(fn, admin, { action: 'export', kind: 'members', ...(kind.segmentId ? { segmentId: kind.segmentId } : {}), requestId: `bench-${Date.now()}-${kind.label}` });
    let status = asked;
    let polls = 0;
    while (status.status !== 'done') {
      if (status.status === 'failed') throw new Error(`export failed: ${status.error}`);
      await new Promise((r) => setTimeout(r, 100));
      status = await post(fn, admin, { action: 'exportStatus', exportId: asked.exportId });
      polls++;
    }
    const doneMs = performance.now() - started;
    const cpuAfter = cpuMsOf(server.pid);
    const cpuMs = cpuBefore && cpuAfter ? cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system : null;
    const res = await fetch(`${server.url}${status.downloadUrl}`, { headers: { authorization: `Bearer ${admin}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const downloadedMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(server.pid));
    if (res.status !== 200 || bytes.length !== status.bytes) throw new Error(`download: ${res.status}, ${bytes.length} of ${status.bytes} bytes`);
    const check = await countRows(bytes);
    return { status, doneMs, cpuMs, downloadedMs, polls, baseline, peak, bytes: bytes.length, check, disposition: res.headers.get('content-disposition') };
  } finally {
    server.stop();
  }
}

async function adminToken(db: Db, secret: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`select id from members where openid = 'bench-export-admin'`);
  return sessionKeys(secret).sign('bench-export-admin', rows[0]!.id);
}

async function inProcess(db: Db) {
  const brand = await loadBrandSettings(db);
  const { rows } = await db.query<{ id: string }>(`select id from members where openid = 'bench-export-admin'`);
  await db.query(
    `insert into exports (id, request_id, kind, file_name, created_by, created_at, expires_at) values ($1, $2, 'members', '会员_bench.xlsx', $3, now(), now() + interval '1 day')`,
    [crypto.randomBytes(16).toString('hex'), `bench-inproc-${Date.now()}`, rows[0]!.id],
  );
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 20);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await runExports(db, brand, new Date(), { onBatch: sample });
  const ms = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpu);
  clearInterval(sampler);
  sample();
  return { report, ms, cpuMs: (cpuUsed.user + cpuUsed.system) / 1000, rssGrowth: peakRss - before.rss, heapGrowth: peakHeap - before.heapUsed, before };
}

async function main() {
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`bench:export — ${os.cpus().length} CPUs, load average ${load}`);
  console.log(`bench:export — ${fmt(MEMBERS)} members on ${benchUrl.host}/${DB_NAME} (batches of ${fmt(EXPORT_BATCH)} rows, chunks of ${mb(CHUNK_BYTES)})`);
  const reused = await databaseReady();
  const db = openPostgres(benchUrl.toString(), { max: 2 });
  try {
    if (!reused) {
      await migrate(db);
      await generate(db);
    } else console.log('  data kept from an earlier run (--reuse)');
    await db.query('delete from exports');

    console.log('\nThrough the server (production mode, child process): admin.export → exportStatus → GET');
    const all = await throughServer(db, { label: 'all' });
    const growth = all.peak - all.baseline;
    console.log(`  done in ${sec(all.doneMs)} (${fmt(all.status.rowsDone)} rows, ${all.polls} status polls); downloaded ${mb(all.bytes)} at ${sec(all.downloadedMs)}`);
    if (all.cpuMs !== null) console.log(`  server CPU time until done: ${sec(all.cpuMs)} (user + system; the machine's load barely moves it)`);
    console.log(`  server rss ${mb(all.baseline)} before → peak ${mb(all.peak)}: growth ${mb(growth)}`);
    console.log(`  file read back: ${fmt(all.check.rows)} rows; headers ${all.check.headers.join(' | ')}`);
    console.log(`  ${all.disposition}`);

    const { rows: seg } = await db.query<{ id: string; member_count: number }>('select id, member_count from segments order by id desc limit 1');
    await db.query('delete from exports');
    const segment = await throughServer(db, { segmentId: seg[0]!.id, label: 'segment' });
    console.log(`  a segment of ${fmt(seg[0]!.member_count)}: done in ${sec(segment.doneMs)}, ${fmt(segment.check.rows)} rows, growth ${mb(segment.peak - segment.baseline)} (${segment.status.fileName})`);

    console.log('\nIn this process (the worker alone, runExports):');
    await db.query('delete from exports');
    const local = await inProcess(db);
    console.log(`  ${fmt(local.report.rows)} rows in ${sec(local.ms)} (CPU ${sec(local.cpuMs)}); rss growth ${mb(local.rssGrowth)}, V8 heap growth ${mb(local.heapGrowth)} (heap ${mb(local.before.heapUsed)} before)`);

    const ok = all.doneMs <= GOAL.seconds * 1000 && growth <= GOAL.growthMb * 1024 * 1024 && all.check.rows === MEMBERS + 51;
    console.log(
      `\nGoal: ${fmt(MEMBERS)} members in ≤ ${GOAL.seconds} s with server memory growth ≤ ${GOAL.growthMb} MB — ` +
        `${sec(all.doneMs)}, ${mb(growth)}: ${ok ? 'MET' : 'NOT MET'}`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
