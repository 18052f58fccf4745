/**
 * `npm run bench`: check-ins per second through the Node server on PostgreSQL, 16 distinct
 * members in flight at a time (each checks in once), beside `pgbench -b tpcb-like -c 16` on
 * the same server in the same run. Goals (DESIGN.md): ratio ≥ 0.5, p95 ≤ 50 ms.
 *
 * The machine is shared and its speed drifts, so the two alternate in short rounds (pgbench,
 * server, pgbench, … pgbench) and the ratio is of their medians: a burst of other load lands on
 * one round, not on one side. Each round is printed with the CPU time per check-in of the server
 * and of the bench's own client: figures other load moves far less than the rates.
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
import { openDatabase } from '../../cloud/db/open';
import { openPostgres } from '../../cloud/db/postgres';
import { cpuMsOf, percentile, startServer, tokensFor } from './bench-server';
import { KeepAliveConnection } from './keep-alive-connection';

const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Enough for the server's hot paths to be compiled before the first round, however slow the machine is now. */
const WARM_UP_CHECKINS = 4000;
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

interface Cpu {
  user: number;
  system: number;
}

const cpuText = (cpu: Cpu) =>
  `${(cpu.user + cpu.system).toFixed(2)} ms (user ${cpu.user.toFixed(2)}, system ${cpu.system.toFixed(2)})`;

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main() {
  await freshDatabase();
  initPgbench();

  const members = WARM_UP_CHECKINS + ROUNDS * SECONDS * MAX_RATE;
  console.log(`app: migrating and creating ${members} members …`);
  const db = await openDatabase({ databaseUrl: benchUrl.toString() });
  await db.query(`insert into members (openid, created_at) select 'bench-' || g, now() - interval '30 days' from generate_series(1, $1) g`, [members]);
  if (!process.env.BENCH_FIRST_CHECKINS) {
    await db.query(
      `insert into checkins (member_id, day, streak, points, created_at)
       select id, (now() at time zone 'Asia/Shanghai')::date - 1, 1, 0, now() - interval '1 day' from members`,
    );
  }
  const secret = crypto.randomBytes(32).toString('hex');
  const tokens = await tokensFor(db, secret, 'bench', members);
  await db.close();
  const server = await startServer(secret, benchUrl.toString());

  let next = 0;
  const latencies: number[] = [];
  let failures = 0;
  // One kept-alive connection per member in flight, through a client lighter than node:http's
  // (keep-alive-connection.ts): the load generator shares the two cores with the server.
  const connections = await Promise.all(Array.from({ length: CLIENTS }, () => KeepAliveConnection.open(server.url)));
  const headers = { 'Content-Type': 'application/json' };
  async function checkInOnce(connection: KeepAliveConnection): Promise<void> {
    const token = tokens[next++]!;
    const started = performance.now();
    const answer = await connection.post('/api/fn/checkin', { ...headers, Authorization: `Bearer ${token}` }, '{"action":"do"}');
    const body = JSON.parse(answer.body) as { ok: boolean; data?: { alreadyCheckedIn: boolean } };
    if (!body.ok || body.data!.alreadyCheckedIn) failures++;
    latencies.push(performance.now() - started);
  }

  /**
   * Check-ins for `seconds` (or until `checkins` were made), 16 members in flight: the rate, and
   * the CPU ms per check-in of the server and of this client.
   */
  async function serverRound(seconds: number, checkins = Infinity): Promise<{ rate: number; server: Cpu | null; client: Cpu }> {
    const count = latencies.length;
    const last = Math.min(tokens.length, next + checkins);
    const serverBefore = cpuMsOf(server.pid);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      connections.map(async (connection) => {
        while (performance.now() < deadline && next < last) await checkInOnce(connection);
      }),
    );
    if (next >= tokens.length) throw new Error(`the server checked in faster than ${MAX_RATE}/s: raise MAX_RATE`);
    const done = latencies.length - count;
    const serverAfter = cpuMsOf(server.pid);
    const client = process.cpuUsage(clientBefore);
    return {
      rate: done / ((performance.now() - started) / 1000),
      server: serverBefore && serverAfter && { user: (serverAfter.user - serverBefore.user) / done, system: (serverAfter.system - serverBefore.system) / done },
      client: { user: client.user / 1000 / done, system: client.system / 1000 / done },
    };
  }

  console.log(`app: warming up, ${WARM_UP_CHECKINS} check-ins …`);
  await serverRound(Infinity, WARM_UP_CHECKINS);
  latencies.length = 0;
  failures = 0;

  console.log(`rounds: pgbench tpcb-like -c ${CLIENTS} and ${CLIENTS} check-ins in flight, alternating, ${SECONDS} s each`);
  const pgbench: number[] = [runPgbench()];
  console.log(`  pgbench  ${pgbench[0]!.toFixed(0).padStart(6)} tps`);
  const rates: number[] = [];
  const serverCpu: Cpu[] = [];
  const clientCpu: Cpu[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const { rate, server: serverUsed, client } = await serverRound(SECONDS);
    rates.push(rate);
    if (serverUsed) serverCpu.push(serverUsed);
    clientCpu.push(client);
    const after = runPgbench();
    const around = (pgbench.at(-1)! + after) / 2;
    pgbench.push(after);
    console.log(
      `  server   ${rate.toFixed(0).padStart(6)} /s   ratio to the pgbench rounds around it ${(rate / around).toFixed(2)}; ` +
        `CPU per check-in: ${serverUsed ? `server ${cpuText(serverUsed)}, ` : ''}bench client ${cpuText(client)}`,
    );
    console.log(`  pgbench  ${after.toFixed(0).padStart(6)} tps`);
  }
  for (const connection of connections) connection.close();
  server.stop();

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
  const medianCpu = (xs: Cpu[]) => cpuText({ user: median(xs.map((c) => c.user)), system: median(xs.map((c) => c.system)) });
  if (serverCpu.length) console.log(`CPU per check-in, server:      ${medianCpu(serverCpu)} (medians)`);
  console.log(`CPU per check-in, bench client: ${medianCpu(clientCpu)} (medians)`);
  if (failures > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
