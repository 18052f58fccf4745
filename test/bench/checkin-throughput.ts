/**
 * `npm run bench`: check-ins per second through the Node server on PostgreSQL, 16 distinct
 * members in flight at a time (each checks in once), beside `pgbench -b tpcb-like -c 16` on
 * the same server in the same run. Goals (DESIGN.md): ratio ≥ 0.5, p95 ≤ 50 ms.
 *
 * The members are the daily rush: each checked in yesterday, so today's check-in continues a
 * streak (a member's first-ever check-in also settles an invite, in a transaction of its own;
 * BENCH_FIRST_CHECKINS=1 measures those instead).
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 * the bench works in a database of its own, `siyu_bench`, made anew each run.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import { openDatabase } from '../../cloud/db/open';
import { openPostgres } from '../../cloud/db/postgres';
import { sessionKeys } from '../../cloud/server/session';
import { percentile, startServer } from './bench-server';

const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const serverUrl = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const benchUrl = new URL(serverUrl);
benchUrl.pathname = '/siyu_bench';

function pgArgs(): string[] {
  return ['-h', serverUrl.hostname, '-p', serverUrl.port || '5432', '-U', decodeURIComponent(serverUrl.username || 'postgres')];
}

async function freshDatabase() {
  const admin = openPostgres(serverUrl.toString(), { max: 1 });
  await admin.query('drop database if exists siyu_bench with (force)');
  await admin.query('create database siyu_bench');
  await admin.close();
}

function initPgbench(): void {
  console.log(`pgbench: initialising (scale ${CLIENTS}) …`);
  execFileSync('pgbench', [...pgArgs(), '-i', '-q', '-s', String(CLIENTS), 'siyu_bench'], { stdio: 'ignore' });
}

function runPgbench(): number {
  console.log(`pgbench: tpcb-like, ${CLIENTS} clients, ${SECONDS} s …`);
  const out = execFileSync(
    'pgbench',
    [...pgArgs(), '-b', 'tpcb-like', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-P', '5', 'siyu_bench'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  if (!tps) throw new Error(`could not read pgbench output:\n${out}`);
  return Number(tps[1]);
}

async function main() {
  await freshDatabase();
  initPgbench();
  // pgbench runs before and after the check-ins, and the ratio uses their mean: a shared
  // machine's speed drifts, and this keeps the drift from landing on one side only.
  const pgbenchBefore = runPgbench();

  const members = Math.ceil(SECONDS * 6000);
  console.log(`app: migrating and creating ${members} members …`);
  const db = await openDatabase({ databaseUrl: benchUrl.toString() });
  await db.query(`insert into members (openid, created_at) select 'bench-' || g, now() - interval '30 days' from generate_series(1, $1) g`, [members]);
  if (!process.env.BENCH_FIRST_CHECKINS) {
    await db.query(
      `insert into checkins (member_id, day, streak, points, created_at)
       select id, (now() at time zone 'Asia/Shanghai')::date - 1, 1, 0, now() - interval '1 day' from members`,
    );
  }
  await db.close();
  const secret = crypto.randomBytes(32).toString('hex');
  const keys = sessionKeys(secret);
  const tokens = await Promise.all(Array.from({ length: members }, (_, i) => keys.sign(`bench-${i + 1}`)));
  const server = await startServer(secret, benchUrl.toString());

  let next = 0;
  const latencies: number[] = [];
  let failures = 0;
  // node:http with keep-alive: a lighter client than fetch, so the load generator takes less of
  // the two cores the server and PostgreSQL share with it.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const target = new URL(`${server.url}/api/fn/checkin`);
  function post(token: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        target,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve(text));
        },
      );
      request.on('error', reject);
      request.end('{"action":"do"}');
    });
  }
  async function checkInOnce(): Promise<void> {
    const token = tokens[next++]!;
    const started = performance.now();
    const body = JSON.parse(await post(token)) as { ok: boolean; data?: { alreadyCheckedIn: boolean } };
    if (!body.ok || body.data!.alreadyCheckedIn) failures++;
    latencies.push(performance.now() - started);
  }

  console.log('app: warming up …');
  for (let i = 0; i < 500; i++) await checkInOnce();
  latencies.length = 0;

  console.log(`app: check-ins, ${CLIENTS} members in flight, ${SECONDS} s …`);
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const progress = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    console.log(`  ${elapsed.toFixed(0)} s: ${latencies.length} check-ins (${(latencies.length / elapsed).toFixed(0)}/s)`);
  }, 5000);
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline && next < tokens.length) await checkInOnce();
    }),
  );
  clearInterval(progress);
  const elapsed = (performance.now() - started) / 1000;
  server.stop();
  agent.destroy();

  const pgbenchAfter = runPgbench();
  const pgbenchTps = (pgbenchBefore + pgbenchAfter) / 2;
  const rate = latencies.length / elapsed;
  latencies.sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(latencies, p));
  const ratio = rate / pgbenchTps;
  console.log('\n=== check-in throughput (Node server → PostgreSQL) ===');
  console.log(`pgbench tpcb-like -c ${CLIENTS}:   ${pgbenchTps.toFixed(0)} tps  (before ${pgbenchBefore.toFixed(0)}, after ${pgbenchAfter.toFixed(0)})`);
  console.log(`check-ins through the server:  ${rate.toFixed(0)} /s  (${latencies.length} in ${elapsed.toFixed(1)} s, ${failures} failed)`);
  console.log(`ratio:                         ${ratio.toFixed(2)}  (goal ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'MISSED'})`);
  console.log(`latency p50 / p95 / p99:       ${p50!.toFixed(1)} / ${p95!.toFixed(1)} / ${p99!.toFixed(1)} ms  (p95 goal ≤ 50 ms: ${p95! <= 50 ? 'met' : 'MISSED'})`);
  if (failures > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
