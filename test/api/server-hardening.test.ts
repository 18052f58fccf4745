/**
 * The holes an attack on the server found, each closed: development mode that failed open,
 * forwarded addresses trusted from anyone, malformed URLs answered outside the envelope, a
 * dev clock at any year, and a sandbox whose payment notices a constant secret could forge.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const root = path.resolve(__dirname, '../..');

interface Spawned {
  url: string;
  stop(): Promise<void>;
}

/** `tsx cloud/server/main.ts` in its own process, with only the environment given (and PATH). */
function runMain(env: Record<string, string>): { ready: Promise<Spawned>; exited: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cloud/server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', SCHEDULER: 'off', H5_DIR: 'dist/none', ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'] as const,
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  const ready = new Promise<Spawned>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const url = /Open: (http:\/\/[\d.:]+)\//.exec(stdout);
      if (url) resolve({ url: url[1]!, stop: async () => void (child.kill('SIGTERM'), await exited) });
    });
    void exited.then(({ code }) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  ready.catch(() => {}); // awaited only by the tests that expect a start
  return { ready, exited };
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-hardening-'));

/** A started server makes its database first (initdb, every migration; development seeds the demo too). */
const STARTS_SERVER_MS = 120_000;

describe('the server started with a NODE_ENV that is not development', () => {
  it.each([['Production'], ['staging'], ['']])('NODE_ENV=%j without SESSION_SECRET: refuses to start, in one clear line', async (nodeEnv) => {
    const { exited } = runMain({ NODE_ENV: nodeEnv, DATA_DIR: tempDir() });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot start: SESSION_SECRET \(≥ 32 characters\) is required in production/);
  });

  it('NODE_ENV=staging is production: no dev sign-in, no dev clock, no sandbox payments', async () => {
    const server = await runMain({ NODE_ENV: 'staging', SESSION_SECRET: 'z'.repeat(40), DATA_DIR: tempDir() }).ready;
    try {
      const login = await post(`${server.url}/api/auth/dev-login`, { openid: 'intruder', role: 'admin' });
      expect([login.status, login.body.error.code]).toEqual([404, 'NOT_FOUND']);
      const identities = await fetch(`${server.url}/api/dev/identities`);
      expect(identities.status).toBe(404);
      const confirm = await post(`${server.url}/api/pay/sandbox/confirm`, { token: 'x'.repeat(20) });
      expect(confirm.status).toBe(404);
    } finally {
      await server.stop();
    }
  }, STARTS_SERVER_MS);
});

describe('the server in development', () => {
  it('signs sandbox payment notices with a random secret kept in the data folder, not a constant', async () => {
    const dataDir = tempDir();
    const server = await runMain({ NODE_ENV: 'development', DATA_DIR: dataDir }).ready;
    try {
      const secret = fs.readFileSync(path.join(dataDir, 'sandbox-pay-secret'), 'utf8').trim();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(secret).not.toBe(fs.readFileSync(path.join(dataDir, 'session-secret'), 'utf8').trim());
      // What the sandbox used to sign with when no secret was set.
      const body = JSON.stringify({ orderId: '1', transactionId: 'FORGED', amountFen: 1, paidAt: new Date().toISOString() });
      const forged = createHmac('sha256', 'local-sandbox').update(body).digest('base64url');
      const notice = await post(`${server.url}/api/pay/notify/sandbox`, null, { raw: body, headers: { 'x-sandbox-signature': forged } });
      expect(notice.status).toBe(401);
    } finally {
      await server.stop();
    }
  }, STARTS_SERVER_MS);
});

describe('requests the router and the clock must refuse', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimitPerMinute: 5 });
  });
  afterAll(() => server?.close());

  it('counts an unsigned caller by the socket address, whatever X-Forwarded-For it rotates', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const reply = await post(`${server.url}/api/auth/login`, { code: 'x' }, { headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
      statuses.push(reply.status);
    }
    expect(statuses).toEqual([503, 503, 503, 503, 503, 429, 429]);
  });

  it.each([
    ['an overlong UTF-8 dot-dot-slash', '/catalog-images/..%c0%af..%c0%afetc%c0%afpasswd', 'BAD_URL'],
    ['a NUL in a static path', '/catalog-images/%00', 'BAD_URL'],
    ['a backslash traversal', '/catalog-images/..%5c..%5cpackage.json', 'BAD_URL'],
    ['a truncated escape', '/api/fn/%E0%A4%A', 'BAD_URL'],
    ['a NUL after a file', '/catalog-images/banner-new.svg%00', 'BAD_URL'],
    ['an unknown path', '/nothing-here', 'NOT_FOUND'],
  ])('answers %s (GET) with the envelope: %s', async (_name, url, code) => {
    const response = await fetch(`${server.url}${url}`);
    const body = await response.json();
    expect([response.status, body]).toEqual([code === 'NOT_FOUND' ? 404 : 400, { ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } }]);
  });

  it.each([
    ['before 2000', '1999-12-31T23:59:59+08:00'],
    ['after 2100', '2101-06-01T00:00:00+08:00'],
    ['at the end of time', '+275760-09-13T00:00:00Z'],
    ['not a time', 'yesterday'],
  ])('refuses an x-dev-now %s with 400 DEV_CLOCK_INVALID', async (_name, at) => {
    const token = await devLogin(server.url, `clock-${_name.length}`);
    const reply = await post(`${server.url}/api/fn/checkin`, { action: 'status' }, { token, headers: { 'x-dev-now': at } });
    expect([reply.status, reply.body.error.code]).toEqual([400, 'DEV_CLOCK_INVALID']);
  });

  it('takes an x-dev-now inside 2000–2100', async () => {
    const token = await devLogin(server.url, 'clock-inside');
    const reply = await post(`${server.url}/api/fn/checkin`, { action: 'status' }, { token, headers: { 'x-dev-now': '2100-12-31T09:00:00+08:00' } });
    expect([reply.status, reply.body.data.today]).toEqual([200, '2100-12-31']);
  });
});

describe('behind a configured proxy (TRUST_PROXY)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimitPerMinute: 3, trustProxy: ['127.0.0.1'] });
  });
  afterAll(() => server?.close());

  it('counts each client the proxy names on its own', async () => {
    const from = async (address: string) => (await post(`${server.url}/api/auth/login`, { code: 'x' }, { headers: { 'x-forwarded-for': address } })).status;
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await from('198.51.100.7'));
    expect(first).toEqual([503, 503, 503, 429]);
    expect(await from('198.51.100.8')).toBe(503);
  });
});
