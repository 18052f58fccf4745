/**
 * `npm run bench`: check-ins per second through the Node server on PostgreSQL, 16 distinct
 * members in flight at a time (each checks in once), beside `pgbench -b tpcb-like -c 16` on
 * the same server in the same run. Goals (DESIGN.md): ratio ≥ 0.5, p95 ≤ 50 ms.
 *
 * The machine is shared and its speed drifts, so the two alternate in short rounds (pgbench,
 * server, pgbench, … pgbench) and the ratio is of their medians: a burst of other load lands on
 * one round, not on one side. Each round is printed, and the server's CPU time per check-in,
 * which other load does not change.
 *
 * The members are the daily rush: each checked in yesterday, so today's check-in continues a
 * streak (a member's first-ever check-in also settles an invite, in a transaction of its own;
 * BENCH_FIRST_CHECKINS=1 measures those instead).
 *
 * BENCH_ROUNDS (default 5) server rounds of BENCH_SECONDS (default 8) each.
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 * the bench works in a database of its own, `siyu_bench`, made anew each run.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import { openDatabase } from '../../cloud/db/open';
import { openPostgres } from '../../cloud/db/postgres';
import { sessionKeys } from '../../cloud/server/session';
import { cpuMsOf, percentile, startServer } from './bench-server';

const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Long enough for the server's hot paths to be compiled before the first round. */
const WARM_UP_SECONDS = 3;
/** Check-ins per second the members are made for; a faster server runs out of them (and says so). */
const MAX_RATE = 5000;
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
  const out = execFileSync(
    'pgbench',
    [...pgArgs(), '-b', 'tpcb-like', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), 'siyu_bench'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  if (!tps) throw new Error(`could not read pgbench output:\n${out}`);
  return Number(tps[1]);
}

const cpuText = (cpu: { user: number; system: number }) =>
  `${(cpu.user + cpu.system).toFixed(2)} ms (user ${cpu.user.toFixed(2)}, system ${cpu.system.toFixed(2)})`;

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main() {
  await freshDatabase();
  initPgbench();

  const members = Math.ceil((ROUNDS * SECONDS + WARM_UP_SECONDS) * MAX_RATE);
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

  /** Check-ins for `seconds`, 16 members in flight: the rate, and the server's CPU ms per check-in. */
  async function serverRound(seconds: number): Promise<{ rate: number; cpuPerCheckin: { user: number; system: number } | null }> {
    const count = latencies.length;
    const cpuBefore = cpuMsOf(server.pid);
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < deadline && next < tokens.length) await checkInOnce();
      }),
    );
    if (next >= tokens.length) throw new Error(`the server checked in faster than ${MAX_RATE}/s: raise MAX_RATE`);
    const done = latencies.length - count;
    const cpuAfter = cpuMsOf(server.pid);
    return {
      rate: done / ((performance.now() - started) / 1000),
      cpuPerCheckin:
        cpuBefore && cpuAfter ? { user: (cpuAfter.user - cpuBefore.user) / done, system: (cpuAfter.system - cpuBefore.system) / done } : null,
    };
  }

  console.log(`app: warming up, ${WARM_UP_SECONDS} s …`);
  await serverRound(WARM_UP_SECONDS);
  latencies.length = 0;
  failures = 0;

  console.log(`rounds: pgbench tpcb-like -c ${CLIENTS} and ${CLIENTS} check-ins in flight, alternating, ${SECONDS} s each`);
  const pgbench: number[] = [runPgbench()];
  console.log(`  pgbench  ${pgbench[0]!.toFixed(0).padStart(6)} tps`);
  const rates: number[] = [];
  const cpu: Array<{ user: number; system: number }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const { rate, cpuPerCheckin } = await serverRound(SECONDS);
    rates.push(rate);
    if (cpuPerCheckin !== null) cpu.push(cpuPerCheckin);
    const after = runPgbench();
    const around = (pgbench.at(-1)! + after) / 2;
    pgbench.push(after);
    const cpuPart = cpuPerCheckin && `, server CPU per check-in ${cpuText(cpuPerCheckin)}`;
    console.log(`  server   ${rate.toFixed(0).padStart(6)} /s   (ratio to the pgbench rounds around it ${(rate / around).toFixed(2)}${cpuPart ?? ''})`);
    console.log(`  pgbench  ${after.toFixed(0).padStart(6)} tps`);
  }
  server.stop();
  agent.destroy();

  const checkins = latencies.length;
  latencies.sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(latencies, p));
  const ratio = median(rates) / median(pgbench);
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  console.log('\n=== check-in throughput (Node server → PostgreSQL) ===');
  console.log(`pgbench tpcb-like -c ${CLIENTS}:   ${median(pgbench).toFixed(0)} tps median of ${pgbench.length} rounds (${range(pgbench)})`);
  console.log(`check-ins through the server:  ${median(rates).toFixed(0)} /s median of ${rates.length} rounds (${range(rates)}; ${checkins} check-ins, ${failures} failed)`);
  console.log(`ratio of the medians:          ${ratio.toFixed(2)}  (goal ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'MISSED'})`);
  console.log(`latency p50 / p95 / p99:       ${p50!.toFixed(1)} / ${p95!.toFixed(1)} / ${p99!.toFixed(1)} ms  (p95 goal ≤ 50 ms: ${p95! <= 50 ? 'met' : 'MISSED'})`);
  if (cpu.length) {
    const user = median(cpu.map((c) => c.user));
    const system = median(cpu.map((c) => c.system));
    console.log(`server CPU per check-in:       ${cpuText({ user, system })} (medians)`);
  }
  if (failures > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
