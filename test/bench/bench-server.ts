/** What the benchmarks share: the server under test in its own process, and percentiles. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../../cloud/db/port';
import { sessionKeys } from '../../cloud/server/session';
import { freePort } from '../support/free-port';

const root = path.resolve(__dirname, '../..');

/** The Node server in a child process, in production mode, on the given database. */
export async function startServer(secret: string, databaseUrl: string) {
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'cloud/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: secret,
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
      RATE_LIMIT_PER_MINUTE: '1000000',
      H5_DIR: path.join(root, 'dist/no-h5-for-bench'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('server ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

/**
 * CPU time (ms) a process has used so far, in user space and in the kernel, from /proc (Linux);
 * null elsewhere. Beside a rate on a shared machine it tells the process's own cost, which other
 * load moves far less than the rate.
 */
export function cpuMsOf(pid: number): { user: number; system: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (ticks: string | undefined) => (Number(ticks) * 1000) / CLOCK_TICKS_PER_SECOND;
    return { user: ms(fields[11]), system: ms(fields[12]) };
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}


/** Session tokens for the bench's members (`prefix-1` … `prefix-count`), as a sign-in gives them. */
export async function tokensFor(db: Queryable, secret: string, prefix: string, count: number): Promise<string[]> {
  const keys = sessionKeys(secret);
  const { rows } = await db.query<{ id: string; openid: string }>('select id, openid from members where openid like $1', [`${prefix}-%`]);
  const idOf = new Map(rows.map((r) => [r.openid, r.id]));
  return Promise.all(Array.from({ length: count }, (_, i) => keys.sign(`${prefix}-${i + 1}`, idOf.get(`${prefix}-${i + 1}`)!)));
}
